#ifndef BT_APP_H
#define BT_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "catalog.h"
#include "chord.h"
#include "config.h"
#include "event.h"
#include "journal.h"
#include "keypad.h"
#include "seatmap.h"
#include "session.h"
#include "view.h"

/* Everything the trainer steers outside a scene: the session menu, resuming,
 * the help overlay, the black screen, the simulation's active seat, and the
 * journal. Pure logic plus file I/O; the platform feeds events and draws app_view. */

enum bt_mode { BT_MODE_MENU, BT_MODE_SESSION };

struct bt_app_options {
	const char *data_dir;         /* journals go under data_dir/journal; NULL: keep none */
	int preseat;                  /* seats 1..preseat present when a session starts fresh */
	bool simulate;                /* show the simulation's active seat */
	int max_seats;                /* 2..12; 0 means 12 */
	bool sound;                   /* chimes may play (the trainer can still mute with M) */
	enum bt_journal_keep journal; /* how long journals stay (never: none written) */
	int journal_days;             /* with BT_JOURNAL_DAYS */
	struct bt_chord quit;         /* shown on the help screen; zero: Ctrl+Alt+Q */
	int64_t now_wall;             /* seconds since 1970 at start, for pruning; 0: unknown */
	const char *export_dir;       /* reports for the dossier; NULL: data_dir/export */
};

#define BT_APP_DEVICES 32
#define BT_APP_OUTBOX  16
/* Events kept in memory while the disk fails (about 5 MB), written when it works again. */
#define BT_APP_BACKLOG_MAX 65536

/* An input device as the pairing screen shows it. */
struct bt_devinfo {
	char port[BT_PORT_MAX];
	char name[64];
	enum bt_dev_class cls;
	char why[96];
	bool present;
};

/* Requests for the input layer, drained by the platform after each event. */
struct bt_outbox {
	char blink[BT_APP_OUTBOX][BT_PORT_MAX]; /* ports whose NumLock LED should blink */
	int n_blink;
	char reclass[BT_APP_OUTBOX][BT_PORT_MAX]; /* ports the trainer re-classified */
	enum bt_dev_class reclass_to[BT_APP_OUTBOX];
	int n_reclass;
	bool chime; /* play the soft chime once */
};

struct bt_app {
	const struct bt_catalog *catalog;
	struct bt_app_options opt;
	enum bt_mode mode;
	size_t menu_sel;
	bool confirm_restart; /* menu: waiting for Enter/Esc after Delete */
	bool confirm_export;  /* session: waiting for Enter/Esc after X */
	bool confirm_wipe;    /* menu: waiting for Enter/Esc after W */
	bool help;
	bool blank;
	bool quit;
	int active_seat; /* simulation: 1..12 */
	struct bt_session *session;
	struct bt_journal *journal;
	char *last_session;       /* id of the session left with Esc, to return to */
	char notice[640];         /* short message for the trainer, cleared by the next key */
	bool journal_failed;      /* writing failed: session goes on in memory, told once */
	struct bt_event *backlog; /* events not yet written while writing fails, in order */
	size_t n_backlog, cap_backlog;
	bool backlog_lost;         /* more than BT_APP_BACKLOG_MAX waited: no resume */
	uint32_t journal_retry_at; /* platform time of the next write attempt */
	uint32_t clock_offset;     /* session time at open minus platform time at open */
	uint32_t now;              /* platform time of the last event or tick */
	/* keypads */
	struct bt_seatmap seatmap;
	char *seatmap_path;
	struct bt_devinfo devices[BT_APP_DEVICES];
	int n_devices;
	char input_problem[240]; /* e.g. no access to /dev/input: in the menu until solved */
	uint32_t problem_until;  /* ... and for a while over a running session */
	bool pairing;            /* the keypads and seats screen is open */
	int pair_sel;            /* selected row */
	int swap_from;           /* seat chosen to swap, 0 none */
	char toast[120];         /* short notice that goes away by itself */
	uint32_t toast_until;
	int wave_seat; /* "which keypad is mine": this seat waves until wave_until */
	uint32_t wave_until;
	struct bt_outbox out;
	bool peek;                   /* the trainer holds T */
	bool typing;                 /* the trainer is typing text for the scene */
	struct bt_text_req text_req; /* what the text is for */
	char draft[BT_EVENT_TEXT_MAX];
	bool muted;             /* M: no chimes */
	bool clock_hidden;      /* C: no session clock line */
	uint32_t chime_checked; /* session time up to which chimes were looked for */
	bool break_reminded;    /* the "time for a break" notice was shown */
};

/* Typing keys while app->typing. */
enum bt_text_key { BT_TEXTKEY_BACKSPACE, BT_TEXTKEY_ENTER, BT_TEXTKEY_CANCEL };

struct bt_app *app_create(const struct bt_catalog *catalog, const struct bt_app_options *opt);
void app_destroy(struct bt_app *app);
/* Opens a session by id: resumes from its journal when one exists (replaying it),
 * otherwise starts fresh. Returns 0, or -ENOENT for an unknown or broken id. */
int app_open_session(struct bt_app *app, const char *id, uint32_t platform_ms);
/* Applies an event (time in platform milliseconds). Returns true when the screen
 * must be redrawn. State-changing session events are journaled first. */
bool app_handle(struct bt_app *app, const struct bt_event *ev);
/* The result of a scene update from a USB stick (lines: the summary, then the
 * reasons, NULL-terminated) becomes the notice, so the trainer sees what was taken
 * and why a file was refused. Returns true (the screen changed). */
bool app_stick_result(struct bt_app *app, char *const *lines);
/* Swaps in a freshly loaded catalog. Only in the menu (no session open), because a
 * running session points into the old one: returns false there and changes nothing. */
bool app_set_catalog(struct bt_app *app, const struct bt_catalog *catalog);
/* Mode, seats, the open session (session_dump), usable and broken scene files and
 * the notice, as JSON: what the maintainer or a test asks for with SIGUSR1. */
json_t *app_dump(const struct bt_app *app);
/* Builds the current frame. */
void app_view(const struct bt_app *app, struct bt_view *v);
/* Builds the frame the trainer's next step will most likely show (the next scene of
 * the open session, or its closing screen) into v, so that its text and pictures can
 * be made while nothing happens. Returns false, v untouched, when there is none. */
bool app_view_ahead(const struct bt_app *app, struct bt_view *v);
/* Folder that reports for the dossier go to (caller frees), or NULL without one. */
char *app_export_dir(const struct bt_app *app);
/* Erases every journal (open and closed), the seat bindings, waiting reports and the
 * state dump under the data folder. Returns how many files went, or -errno. */
int app_wipe(struct bt_app *app);
/* Does the session id have an unfinished journal? */
bool app_unfinished(const struct bt_app *app, const char *id);

/* A participant's keypad, known by its USB port, did something. A new port claims
 * the next free seat ("Nieuw: plek 4"); 0 that is not an answer makes the seat's
 * avatar wave; a counted vote asks the input layer to blink the keypad's LED.
 * Returns true when the screen must be redrawn. */
bool app_keypad(struct bt_app *app, const char *port, enum bt_pad_action action, int digit,
                uint32_t ms);
/* The input layer found, re-classified or lost a device. */
bool app_device(struct bt_app *app, const struct bt_devinfo *info);
/* The input layer cannot read devices: say so (Dutch, with what to do), keep going. */
bool app_input_problem(struct bt_app *app, const char *message);
/* Time passes: ends toasts and waves. Returns true when the screen must be redrawn. */
bool app_tick(struct bt_app *app, uint32_t ms);
/* Milliseconds until the screen changes by itself, or -1 when it never does. */
int app_next_wakeup(const struct bt_app *app);
/* Typed characters (UTF-8) while app->typing; ignored otherwise. Returns redraw. */
bool app_text_input(struct bt_app *app, const char *utf8);
/* Backspace, Enter (the text goes to the scene as a journaled event) or Esc. */
bool app_text_key(struct bt_app *app, enum bt_text_key key, uint32_t ms);
/* Rows of the pairing screen: seats first, then devices without a seat. */
int app_pairing_rows(const struct bt_app *app, int *seat, const struct bt_devinfo **dev, int max);

#endif
