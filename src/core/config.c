#include "config.h"

#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "util.h"

#define CFG_MAX_SEATS 12
#define CFG_MAX_DAYS  3650

void config_init(struct bt_config *c)
{
	*c = (struct bt_config){
	    .lang = BT_LANG_NL,
	    .seats = CFG_MAX_SEATS,
	    .journal = BT_JOURNAL_UNTIL_CLOSE,
	    .sound = true,
	    .quit = chord_default_quit(),
	};
}

void config_clear(struct bt_config *c)
{
	free(c->scenes_dir);
	free(c->data_dir);
	free(c->assets_dir);
	c->scenes_dir = c->data_dir = c->assets_dir = NULL;
}

static bool parse_int(const char *s, int lo, int hi, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

static bool parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = {"yes", "true", "on", "1", "ja", NULL};
	static const char *const no[] = {"no", "false", "off", "0", "nee", NULL};
	for (int i = 0; yes[i]; i++) {
		if (strcasecmp(s, yes[i]) == 0) {
			*out = true;
			return true;
		}
		if (strcasecmp(s, no[i]) == 0) {
			*out = false;
			return true;
		}
	}
	return false;
}

/* A folder from a file is read relative to that file's folder. */
static char *resolve_dir(const char *value, const char *file)
{
	if (value[0] == '/' || !file || !strchr(file, '/'))
		return bt_xstrdup(value);
	const char *slash = strrchr(file, '/');
	return bt_xasprintf("%.*s/%s", (int)(slash - file), file, value);
}

bool config_set(struct bt_config *c, const char *key, const char *value, const char *file, int line,
                struct bt_diags *d)
{
	int n;
	if (strcmp(key, "scenes_dir") == 0 || strcmp(key, "data_dir") == 0 ||
	    strcmp(key, "assets_dir") == 0) {
		if (!value[0]) {
			diags_add(d, file, line, _("'%s' needs a folder; the default is used"),
			          key);
			return false;
		}
		char **slot = key[0] == 's'   ? &c->scenes_dir
		              : key[0] == 'd' ? &c->data_dir
		                              : &c->assets_dir;
		free(*slot);
		*slot = resolve_dir(value, file);
		return true;
	}
	if (strcmp(key, "language") == 0) {
		if (!i18n_parse_lang(value, &c->lang)) {
			diags_add(d, file, line,
			          _("language '%s' is not known; use nl or en (now: %s)"), value,
			          i18n_lang_code(c->lang));
			return false;
		}
		c->lang_set = true;
		return true;
	}
	if (strcmp(key, "seats") == 0) {
		if (!parse_int(value, 1, CFG_MAX_SEATS, &c->seats)) {
			diags_add(d, file, line,
			          _("seats must be a number from 1 to %d, not '%s' (now: %d)"),
			          CFG_MAX_SEATS, value, c->seats);
			return false;
		}
		return true;
	}
	if (strcmp(key, "journal") == 0) {
		if (strcasecmp(value, "until-close") == 0) {
			c->journal = BT_JOURNAL_UNTIL_CLOSE;
		} else if (strcasecmp(value, "never") == 0) {
			c->journal = BT_JOURNAL_NEVER;
		} else if (parse_int(value, 1, CFG_MAX_DAYS, &n)) {
			c->journal = BT_JOURNAL_DAYS;
			c->journal_days = n;
		} else {
			diags_add(d, file, line,
			          _("journal must be until-close, never or a number of days from 1 "
			            "to %d, not '%s'; the setting stays as it was"),
			          CFG_MAX_DAYS, value);
			return false;
		}
		return true;
	}
	if (strcmp(key, "sound") == 0) {
		if (!parse_bool(value, &c->sound)) {
			diags_add(d, file, line, _("sound must be yes or no, not '%s'"), value);
			return false;
		}
		return true;
	}
	if (strcmp(key, "quit_keys") == 0) {
		if (!chord_parse(value, &c->quit)) {
			char now[32];
			diags_add(
			    d, file, line,
			    _("quit_keys must be Ctrl and/or Alt (Shift may be added) plus one "
			      "letter, such as ctrl+alt+q, not '%s' (now: %s)"),
			    value, chord_format(&c->quit, now, sizeof(now)));
			return false;
		}
		return true;
	}
	if (strcmp(key, "display") == 0) {
		if (!parse_int(value, 0, 15, &c->display)) {
			diags_add(d, file, line,
			          _("display must be a screen number from 0 to 15, not '%s'"),
			          value);
			return false;
		}
		return true;
	}
	if (strcmp(key, "screen") == 0) {
		if (strcasecmp(value, "auto") == 0)
			c->screen = BT_SCREEN_AUTO;
		else if (strcasecmp(value, "window") == 0)
			c->screen = BT_SCREEN_WINDOW;
		else if (strcasecmp(value, "fullscreen") == 0)
			c->screen = BT_SCREEN_FULLSCREEN;
		else {
			diags_add(d, file, line,
			          _("screen must be auto, window or fullscreen, not '%s'"), value);
			return false;
		}
		return true;
	}
	diags_add(d, file, line, _("unknown setting '%s'; the line is skipped"), key);
	return false;
}

/* inih reads a line at a time and calls the handler for it before reading the
 * next, so counting the lines we hand over gives the line of every key. */
struct cfg_reader {
	FILE *f;
	const char *path;
	int line;
	char *buf;
	size_t cap;
	struct bt_config *c;
	struct bt_diags *d;
	char section[64];
	char seen[16][32]; /* keys met so far, to tell a key given twice */
	int n_seen;
};

static char *cfg_read_line(char *str, int num, void *stream)
{
	struct cfg_reader *r = stream;
	ssize_t n = getline(&r->buf, &r->cap, r->f);
	if (n < 0)
		return NULL;
	r->line++;
	/* no leading blanks: inih would take an indented line as the continuation of
	 * the key above, which no maintainer means in a key = value file */
	const char *text = r->buf + strspn(r->buf, " \t");
	n -= text - r->buf;
	/* inih's line buffer (200 bytes in Debian's build) bounds a line */
	if (n >= num) {
		diags_add(r->d, r->path, r->line, _("this line is too long; it is skipped"));
		str[0] = '\n';
		str[1] = '\0';
		return str;
	}
	memcpy(str, text, (size_t)n + 1);
	return str;
}

static int cfg_handler(void *user, const char *section, const char *name, const char *value)
{
	struct cfg_reader *r = user;
	if (section[0] && strcmp(section, r->section) != 0) {
		snprintf(r->section, sizeof(r->section), "%s", section);
		diags_add(r->d, r->path, r->line,
		          _("bergtop.conf has no sections; the lines under [%s] are read as if "
		            "it were not there"),
		          section);
	}
	if (!value) {
		diags_add(r->d, r->path, r->line, _("'%s' has no '= value'; the line is skipped"),
		          name);
		return 1;
	}
	for (int i = 0; i < r->n_seen; i++) {
		if (strcmp(r->seen[i], name) == 0) {
			diags_add(r->d, r->path, r->line,
			          _("'%s' was already set above; this later line counts"), name);
			break;
		}
	}
	if (r->n_seen < (int)(sizeof(r->seen) / sizeof(r->seen[0])) &&
	    strlen(name) < sizeof(r->seen[0]))
		snprintf(r->seen[r->n_seen++], sizeof(r->seen[0]), "%s", name);
	config_set(r->c, name, value, r->path, r->line, r->d);
	return 1; /* keep reading: one bad line never hides the rest */
}

int config_load(struct bt_config *c, const char *path, struct bt_diags *d)
{
	int ret = 0;
	struct cfg_reader r = {.path = path, .c = c, .d = d};
	r.f = fopen(path, "r");
	if (!r.f) {
		if (errno == ENOENT || errno == ENOTDIR)
			goto out;
		diags_add(d, path, 0, _("cannot read this file (%s); the defaults are used"),
		          strerror(errno));
		ret = -1;
		goto out;
	}
	struct stat st;
	if (fstat(fileno(r.f), &st) == 0 && S_ISDIR(st.st_mode)) {
		diags_add(d, path, 0, _("cannot read this file (%s); the defaults are used"),
		          strerror(EISDIR));
		ret = -1;
		goto out;
	}
	int bad = ini_parse_stream(cfg_read_line, &r, cfg_handler, &r);
	if (bad > 0)
		diags_add(d, path, bad, _("this line is not 'key = value'; it is skipped"));
	else if (bad < 0)
		diags_add(d, path, 0, _("out of memory while reading this file"));
out:
	if (r.f)
		fclose(r.f);
	free(r.buf);
	return ret;
}

char *config_format(const struct bt_config *c)
{
	static const char *const screens[] = {"auto", "window", "fullscreen"};
	char journal[16], quit[32];
	if (c->journal == BT_JOURNAL_DAYS)
		snprintf(journal, sizeof(journal), "%d", c->journal_days);
	else
		snprintf(journal, sizeof(journal), "%s",
		         c->journal == BT_JOURNAL_NEVER ? "never" : "until-close");
	return bt_xasprintf("scenes_dir = %s\n"
	                    "data_dir = %s\n"
	                    "assets_dir = %s\n"
	                    "language = %s\n"
	                    "seats = %d\n"
	                    "journal = %s\n"
	                    "sound = %s\n"
	                    "quit_keys = %s\n"
	                    "display = %d\n"
	                    "screen = %s\n",
	                    c->scenes_dir ? c->scenes_dir : "", c->data_dir ? c->data_dir : "",
	                    c->assets_dir ? c->assets_dir : "", i18n_lang_code(c->lang), c->seats,
	                    journal, c->sound ? "yes" : "no",
	                    chord_format(&c->quit, quit, sizeof(quit)), c->display,
	                    screens[c->screen]);
}
