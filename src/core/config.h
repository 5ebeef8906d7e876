#ifndef BT_CONFIG_H
#define BT_CONFIG_H

#include <stdbool.h>

#include "chord.h"
#include "diag.h"
#include "i18n.h"

/* bergtop's settings: built-in defaults, then /etc/bergtop/bergtop.conf, then
 * $XDG_CONFIG_HOME/bergtop/bergtop.conf, then the command line. The files are
 * "key = value" lines read with inih; '#' or ';' starts a comment. */

enum bt_journal_keep {
	BT_JOURNAL_UNTIL_CLOSE, /* kept while a session is open, deleted when it closes */
	BT_JOURNAL_DAYS,        /* closed journals are kept journal_days days */
	BT_JOURNAL_NEVER,       /* nothing written: no resume after a crash */
};

enum bt_screen_mode { BT_SCREEN_AUTO, BT_SCREEN_WINDOW, BT_SCREEN_FULLSCREEN };

struct bt_config {
	char *scenes_dir; /* NULL: the bundled scenes */
	char *data_dir;   /* NULL: $XDG_DATA_HOME/bergtop */
	char *assets_dir; /* NULL: the bundled fonts and pictograms */
	enum bt_lang lang;
	bool lang_set; /* a file named a language (otherwise LANGUAGE, then Dutch) */
	int seats;     /* participants' places in the room, 1..12 */
	enum bt_journal_keep journal;
	int journal_days; /* with BT_JOURNAL_DAYS: 1..3650 */
	bool sound;
	struct bt_chord quit;
	int display; /* SDL display index, 0 = the first screen */
	enum bt_screen_mode screen;
};

/* Fills in the built-in defaults. */
void config_init(struct bt_config *c);
/* Reads one file over *c. A missing file is no problem (returns 0, nothing changes).
 * Every unknown key or bad value adds a message with file and line to *d and keeps
 * the value there was; the rest of the file still counts. Relative folders are
 * taken from the file's own folder. Returns -1 only when the file exists but cannot
 * be read (also told in *d). */
int config_load(struct bt_config *c, const char *path, struct bt_diags *d);
/* Applies one "key = value" setting, as from a file line, for the command line
 * overrides; file and line go into the message when the value is bad. Returns false
 * on a bad key or value (told in *d). */
bool config_set(struct bt_config *c, const char *key, const char *value, const char *file, int line,
                struct bt_diags *d);
/* Writes every setting as "key = value" lines, for --print-config. */
char *config_format(const struct bt_config *c);
/* Frees the strings; *c may be reused after config_init. */
void config_clear(struct bt_config *c);

#endif
