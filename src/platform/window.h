#ifndef BT_WINDOW_H
#define BT_WINDOW_H

#include <stdbool.h>

#include "app.h"
#include "chord.h"

struct bt_window_options {
	const char *assets_dir;
	bool fullscreen;
	bool fullscreen_auto;  /* neither --window nor --fullscreen: fullscreen without a desktop */
	const char *input_dir; /* "/dev/input"; NULL: no keypads, keyboard simulation only */
	int display;           /* SDL display index; one that does not exist means the first */
	int w, h;              /* the window's size (--size); 0: 1280x720 */
	struct bt_chord quit;  /* the quit chord (zero: Ctrl+Alt+Q) */
	const char *data_dir;  /* state dumps (SIGUSR1) and stick results; NULL: neither */
	/* Loads the scene files again after a stick update; the old catalog stays valid
	 * until the app has the new one. NULL: no reload. */
	const struct bt_catalog *(*reload)(void *user);
	void *reload_user;
};

/* Opens the window (or the whole screen) and runs the app until the trainer quits.
 * Sleeps in SDL_WaitEvent while nothing happens; draws only when state changed.
 * Returns an exit status. */
int window_run(struct bt_app *app, const struct bt_window_options *opt);
/* The kiosk's safe screen, shown by systemd after bergtop crashed again and again:
 * a pictogram and what to do, nothing else (no keypads, scenes or journal). Runs
 * until the quit chord or a signal. Returns an exit status. */
int window_safe_screen(const struct bt_window_options *opt);

#endif
