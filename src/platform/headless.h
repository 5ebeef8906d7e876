#ifndef BT_HEADLESS_H
#define BT_HEADLESS_H

#include <stdbool.h>
#include <stdint.h>

#include "catalog.h"
#include "config.h"
#include "script.h"

struct bt_headless_options {
	const char *assets_dir;
	const char *out_dir; /* --render */
	const char *session; /* one session, or NULL for all */
	int w, h;
	const struct bt_script *script;
	const char *data_dir; /* --script: journal here (resume after a kill) */
	bool dump_state;
	long crash_after; /* tests: SIGKILL ourselves after this many script events, -1 off */
	enum bt_journal_keep journal; /* retention, as for the window */
	int journal_days;
	int64_t now_wall;
};

/* Writes every scene of one or all sessions as PNG plus a JSON text report, with
 * no display. Returns an exit status (0 ok, 1 bad input). */
int headless_render(const struct bt_catalog *catalog, const struct bt_headless_options *opt);
/* Runs a script without a display; with dump_state prints the final session state
 * as JSON. Resumes from the journal in data_dir when one exists. Returns an exit status. */
int headless_script(const struct bt_catalog *catalog, const struct bt_headless_options *opt);

#endif
