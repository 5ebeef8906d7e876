#ifndef BT_APP_H
#define BT_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "catalog.h"
#include "event.h"
#include "journal.h"
#include "session.h"
#include "view.h"

/* Everything the trainer steers outside a scene: the session menu, resuming,
 * the help overlay, the black screen, the simulation's active seat, and the
 * journal. Pure logic plus file I/O; the platform feeds events and draws app_view. */

enum bt_mode { BT_MODE_MENU, BT_MODE_SESSION };

struct bt_app_options {
	const char *data_dir; /* journals go under data_dir/journal; NULL: keep none */
	int preseat;          /* seats 1..preseat present when a session starts fresh */
	bool simulate;        /* show the simulation's active seat */
};

struct bt_app {
	const struct bt_catalog *catalog;
	struct bt_app_options opt;
	enum bt_mode mode;
	size_t menu_sel;
	bool confirm_restart; /* menu: waiting for Enter/Esc after Delete */
	bool help;
	bool blank;
	bool quit;
	int active_seat; /* simulation: 1..12 */
	struct bt_session *session;
	struct bt_journal *journal;
	char *last_session;    /* id of the session left with Esc, to return to */
	char notice[200];      /* short message for the trainer, cleared by the next key */
	bool journal_failed;   /* writing failed: session goes on in memory, told once */
	uint32_t clock_offset; /* session time at open minus platform time at open */
};

struct bt_app *app_create(const struct bt_catalog *catalog, const struct bt_app_options *opt);
void app_destroy(struct bt_app *app);
/* Opens a session by id: resumes from its journal when one exists (replaying it),
 * otherwise starts fresh. Returns 0, or -ENOENT for an unknown or broken id. */
int app_open_session(struct bt_app *app, const char *id, uint32_t platform_ms);
/* Applies an event (time in platform milliseconds). Returns true when the screen
 * must be redrawn. State-changing session events are journaled first. */
bool app_handle(struct bt_app *app, const struct bt_event *ev);
/* Builds the current frame. */
void app_view(const struct bt_app *app, struct bt_view *v);
/* Does the session id have an unfinished journal? */
bool app_unfinished(const struct bt_app *app, const char *id);

#endif
