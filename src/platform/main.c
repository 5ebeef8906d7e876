/* bergtop: the group-room screen for the treatment module Middelengebruik. */
#include <SDL.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "config.h"
#include "crashlog.h"
#include "export.h"
#include "i18n.h"
#include "log.h"
#include "catalog.h"
#include "headless.h"
#include "input.h"
#include "sceneset.h"
#include "script.h"
#include "util.h"
#include "window.h"

#ifndef BT_VERSION
#define BT_VERSION "0.0.0"
#endif

enum {
	OPT_CRASH_AFTER = 1000,
	OPT_ASSETS,
	OPT_SEATS,
	OPT_PRESENT,
	OPT_LIST_DEVICES,
	OPT_NO_KEYPADS,
	OPT_NO_SOUND,
	OPT_LANGUAGE,
	OPT_DISPLAY,
	OPT_JOURNAL,
	OPT_CONFIG,
	OPT_PRINT_CONFIG,
	OPT_IMPORT,
	OPT_EXPORT_TO,
	OPT_SAFE_SCREEN,
};

static const struct option long_opts[] = {
    {"window", no_argument, NULL, 'w'},
    {"fullscreen", no_argument, NULL, 'f'},
    {"scenes", required_argument, NULL, 's'},
    {"data-dir", required_argument, NULL, 'd'},
    {"session", required_argument, NULL, 'S'},
    {"seats", required_argument, NULL, OPT_SEATS},
    {"language", required_argument, NULL, OPT_LANGUAGE},
    {"display", required_argument, NULL, OPT_DISPLAY},
    {"journal", required_argument, NULL, OPT_JOURNAL},
    {"config", required_argument, NULL, OPT_CONFIG},
    {"print-config", no_argument, NULL, OPT_PRINT_CONFIG},
    {"import", required_argument, NULL, OPT_IMPORT},
    {"export-to", required_argument, NULL, OPT_EXPORT_TO},
    {"safe-screen", no_argument, NULL, OPT_SAFE_SCREEN},
    {"no-sound", no_argument, NULL, OPT_NO_SOUND},
    {"no-keypads", no_argument, NULL, OPT_NO_KEYPADS},
    {"present", required_argument, NULL, OPT_PRESENT},
    {"list-devices", no_argument, NULL, OPT_LIST_DEVICES},
    {"check", no_argument, NULL, 'c'},
    {"list", no_argument, NULL, 'l'},
    {"render", required_argument, NULL, 'r'},
    {"size", required_argument, NULL, 'z'},
    {"script", required_argument, NULL, 'x'},
    {"dump-state", no_argument, NULL, 'D'},
    {"assets", required_argument, NULL, OPT_ASSETS},
    {"crash-after", required_argument, NULL, OPT_CRASH_AFTER},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

/* One line of --help; the man page lists the same options (a test compares them). */
struct help_line {
	const char *opt;
	const char *text;
};

static const struct help_line help_lines[] = {
    {"-w, --window", N_("run in a window (default where a desktop is running)")},
    {"-f, --fullscreen", N_("run on the whole screen")},
    {"-s, --scenes DIR", N_("folder with scene files (default: the bundled scenes)")},
    {"-d, --data-dir DIR", N_("folder for journals and keypad seats (default: "
                              "$XDG_DATA_HOME/bergtop)")},
    {"-S, --session ID", N_("open this session (e.g. 1.2) at once")},
    {"    --seats N", N_("places in the room, 1 to 12 (default 12)")},
    {"    --language LANG", N_("nl (default) or en")},
    {"    --display N", N_("show bergtop on screen N (0 is the first)")},
    {"    --journal WHEN", N_("keep journals until-close (default), N days, or never")},
    {"    --config FILE", N_("read only this configuration file")},
    {"    --print-config", N_("print the settings that count, after files and options")},
    {"    --no-sound", N_("no chimes (the trainer can also press M)")},
    {"    --no-keypads", N_("do not read keypads from /dev/input (rehearsal)")},
    {"    --present N", N_("rehearsal: seats 1 to N are present when a session starts")},
    {"    --list-devices", N_("print every input device, its USB port and what bergtop "
                              "makes of it")},
    {"-c, --check [PATH...]", N_("check scene files or folders (default: the scenes "
                                 "folder)")},
    {"    --import DIR", N_("take the good scene files from DIR (a USB stick's bergtop "
                            "folder) into the data folder's scenes; terug.txt there goes one "
                            "step back")},
    {"    --export-to DIR", N_("move the reports the trainer made (X) onto the USB stick "
                               "mounted at DIR, into its bergtop-verslag folder")},
    {"    --safe-screen", N_("show only what to do when bergtop keeps crashing (the "
                             "kiosk's fallback)")},
    {"-l, --list", N_("print ID, title and number of scenes of every session")},
    {"-r, --render DIR", N_("write every scene as PNG plus a JSON text report, no "
                            "display")},
    {"-z, --size WxH",
     N_("size for --render (default 1920x1080), or of the window (default 1280x720)")},
    {"-x, --script FILE", N_("feed timed trainer and seat keys from FILE, no display")},
    {"-D, --dump-state", N_("with --script: print the final session state as JSON")},
    {"    --assets DIR", N_("folder with fonts/ and icons/")},
    {"    --crash-after N", N_("with --script: kill bergtop after N events (tests)")},
    {"-h, --help", N_("show this help")},
    {"-V, --version", N_("show the version")},
};

static void usage(FILE *f)
{
	fprintf(f, "%s\n", _("Usage:"));
	fputs("  bergtop [--window|--fullscreen] [--scenes DIR] [--data-dir DIR] [--session ID]\n"
	      "  bergtop --check [PATH...]\n"
	      "  bergtop [--export-to STICK] [--import DIR] [--data-dir DIR]\n"
	      "  bergtop --list | --list-devices | --print-config\n"
	      "  bergtop --render DIR [--session ID] [--size WxH] [--script FILE]\n"
	      "  bergtop --script FILE [--session ID] [--data-dir DIR] [--dump-state]\n\n",
	      f);
	for (size_t i = 0; i < sizeof(help_lines) / sizeof(help_lines[0]); i++) {
		const char *opt = help_lines[i].opt;
		if (strlen(opt) < 24)
			fprintf(f, "  %-24s%s\n", opt, _(help_lines[i].text));
		else
			fprintf(f, "  %s\n  %-24s%s\n", opt, "", _(help_lines[i].text));
	}
	fprintf(f, "\n%s\n%s\n%s\n",
	        _("Settings are read from /etc/bergtop/bergtop.conf, then from "
	          "$XDG_CONFIG_HOME/bergtop/bergtop.conf; options override both."),
	        _("Exit status: 0 ok, 1 bad input (e.g. a scene file with mistakes), 2 usage "
	          "error."),
	        _("More: man bergtop"));
}

/* Directory of the running executable, for finding data relative to the install. */
static char *exe_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	if (n <= 0)
		return bt_xstrdup(".");
	buf[n] = '\0';
	char *slash = strrchr(buf, '/');
	if (slash)
		*slash = '\0';
	return bt_xstrdup(buf);
}

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The first of three candidate folders that holds `probe` (a folder itself when
 * probe is NULL); takes the candidates and frees those not returned. NULL: none. */
static char *first_with(char *cands[3], const char *probe)
{
	char *found = NULL;
	for (int i = 0; i < 3; i++) {
		char *p = probe ? bt_xasprintf("%s/%s", cands[i], probe) : NULL;
		bool ok = p ? access(p, R_OK) == 0 : is_dir(cands[i]);
		free(p);
		if (!found && ok)
			found = cands[i];
		else
			free(cands[i]);
	}
	return found;
}

/* Finds a bundled folder: next to the install prefix, then the source tree. */
static char *find_data(const char *what)
{
	char *dir = exe_dir();
	char *cands[3] = {
	    bt_xasprintf("%s/../share/bergtop/%s", dir, what),
	    bt_xasprintf("%s/%s", BT_DATADIR, what),
	    bt_xasprintf("%s/%s", BT_SOURCE_DIR, what),
	};
	free(dir);
	char *found = first_with(cands, NULL);
	return found ? found : bt_xasprintf("%s/%s", BT_DATADIR, what);
}

static char *default_data_dir(void)
{
	const char *x = getenv("XDG_DATA_HOME");
	if (x && x[0] == '/')
		return bt_xasprintf("%s/bergtop", x);
	const char *home = getenv("HOME");
	if (home && home[0] == '/')
		return bt_xasprintf("%s/.local/share/bergtop", home);
	return bt_xstrdup("/var/lib/bergtop");
}

/* The user's file: $XDG_CONFIG_HOME/bergtop/bergtop.conf, or under ~/.config. */
static char *user_config_path(void)
{
	const char *x = getenv("XDG_CONFIG_HOME");
	if (x && x[0] == '/')
		return bt_xasprintf("%s/bergtop/bergtop.conf", x);
	const char *home = getenv("HOME");
	if (home && home[0] == '/')
		return bt_xasprintf("%s/.config/bergtop/bergtop.conf", home);
	return NULL;
}

/* Catalogues next to the install prefix, then in the build tree, then the configured
 * place; the first with a Dutch catalogue wins. */
static char *find_localedir(void)
{
	char *dir = exe_dir();
	char *cands[3] = {
	    bt_xasprintf("%s/../share/locale", dir),
	    bt_xstrdup(BT_BUILD_LOCALEDIR),
	    bt_xstrdup(BT_LOCALEDIR),
	};
	free(dir);
	char *found = first_with(cands, "nl/LC_MESSAGES/bergtop.mo");
	return found ? found : bt_xstrdup(BT_LOCALEDIR);
}

static void log_diags(const struct bt_diags *d, enum bt_log_level level)
{
	for (size_t i = 0; i < d->n; i++) {
		char *m = diags_format(d, i);
		log_msg(level, "%s", m);
		free(m);
	}
}

/* --check prints "file:line: message" as a report, the way compilers do, so editors
 * can jump to the line; a running bergtop logs the same lines with a level. */
static int print_diags(const struct bt_catalog *c, bool report)
{
	int bad = 0;
	if (c->dir_error) {
		if (report)
			fprintf(stderr, "%s\n", c->dir_error);
		else
			log_msg(BT_LOG_ERR, "%s", c->dir_error);
		bad = 1;
	}
	for (size_t i = 0; i < c->n; i++) {
		const struct bt_diags *d = &c->entries[i].diags;
		for (size_t k = 0; report && k < d->n; k++) {
			char *m = diags_format(d, k);
			fprintf(stderr, "%s\n", m);
			free(m);
		}
		if (!report)
			log_diags(d, BT_LOG_WARNING);
		bad |= d->n > 0;
	}
	return bad;
}

static bool parse_size(const char *s, int *w, int *h)
{
	char x;
	if (sscanf(s, "%d%c%d", w, &x, h) != 3 || (x != 'x' && x != 'X'))
		return false;
	return *w >= 320 && *h >= 240 && *w <= 7680 && *h <= 4320;
}

/* What the command line asked for, before anything is said or done. */
struct cli {
	bool window, fullscreen, check, list, dump, list_devices, no_keypads, no_sound;
	bool help, version, print_config, bad, safe_screen;
	const char *scenes, *data, *session, *render_dir, *script, *assets, *config;
	const char *language, *display, *journal, *seats, *size, *import, *export_to;
	int present;
	long crash_after;
	int first_path; /* argv index of --check paths */
};

static void cli_parse(struct cli *o, int argc, char **argv)
{
	*o = (struct cli){.crash_after = -1};
	int c;
	while ((c = getopt_long(argc, argv, "wfs:d:S:clr:z:x:DhV", long_opts, NULL)) != -1) {
		switch (c) {
		case 'w':
			o->window = true;
			break;
		case 'f':
			o->fullscreen = true;
			break;
		case 's':
			o->scenes = optarg;
			break;
		case 'd':
			o->data = optarg;
			break;
		case 'S':
			o->session = optarg;
			break;
		case 'c':
			o->check = true;
			break;
		case 'l':
			o->list = true;
			break;
		case 'r':
			o->render_dir = optarg;
			break;
		case 'z':
			o->size = optarg;
			break;
		case 'x':
			o->script = optarg;
			break;
		case 'D':
			o->dump = true;
			break;
		case 'h':
			o->help = true;
			break;
		case 'V':
			o->version = true;
			break;
		case OPT_ASSETS:
			o->assets = optarg;
			break;
		case OPT_SEATS:
			o->seats = optarg;
			break;
		case OPT_PRESENT:
			o->present = atoi(optarg);
			break;
		case OPT_CRASH_AFTER:
			o->crash_after = atol(optarg);
			break;
		case OPT_LIST_DEVICES:
			o->list_devices = true;
			break;
		case OPT_NO_KEYPADS:
			o->no_keypads = true;
			break;
		case OPT_NO_SOUND:
			o->no_sound = true;
			break;
		case OPT_LANGUAGE:
			o->language = optarg;
			break;
		case OPT_DISPLAY:
			o->display = optarg;
			break;
		case OPT_JOURNAL:
			o->journal = optarg;
			break;
		case OPT_CONFIG:
			o->config = optarg;
			break;
		case OPT_SAFE_SCREEN:
			o->safe_screen = true;
			break;
		case OPT_EXPORT_TO:
			o->export_to = optarg;
			break;
		case OPT_IMPORT:
			o->import = optarg;
			break;
		case OPT_PRINT_CONFIG:
			o->print_config = true;
			break;
		default:
			o->bad = true;
			break;
		}
	}
	o->first_path = optind;
	if ((o->window && o->fullscreen) || (o->check && (o->list || o->render_dir)) ||
	    (optind < argc && !o->check) || (o->dump && !o->script) || o->present < 0 ||
	    o->present > BT_MAX_SEATS)
		o->bad = true;
}

/* Settings: defaults, the system file, the user's file (or only --config), then the
 * options. Problems are collected in *d and told once the language is known. */
static void load_settings(struct bt_config *cfg, const struct cli *o, struct bt_diags *d)
{
	config_init(cfg);
	if (o->config) {
		if (access(o->config, R_OK) != 0)
			diags_add(d, o->config, 0,
			          _("cannot read this file (%s); the defaults are used"),
			          strerror(errno));
		config_load(cfg, o->config, d);
	} else {
		char *user = user_config_path();
		config_load(cfg, BT_SYSCONFDIR "/bergtop/bergtop.conf", d);
		if (user)
			config_load(cfg, user, d);
		free(user);
	}
	const char *opt = "--";
	if (o->scenes)
		config_set(cfg, "scenes_dir", o->scenes, NULL, 0, d);
	if (o->data)
		config_set(cfg, "data_dir", o->data, NULL, 0, d);
	if (o->assets)
		config_set(cfg, "assets_dir", o->assets, NULL, 0, d);
	if (o->language && config_set(cfg, "language", o->language, opt, 0, d))
		cfg->lang_set = true;
	if (o->seats)
		config_set(cfg, "seats", o->seats, opt, 0, d);
	if (o->display)
		config_set(cfg, "display", o->display, opt, 0, d);
	if (o->journal)
		config_set(cfg, "journal", o->journal, opt, 0, d);
	if (o->no_sound)
		cfg->sound = false;
	if (o->window)
		cfg->screen = BT_SCREEN_WINDOW;
	if (o->fullscreen)
		cfg->screen = BT_SCREEN_FULLSCREEN;
	/* LANGUAGE counts when no file or option chose; Dutch is the default */
	enum bt_lang env;
	if (!cfg->lang_set && i18n_parse_lang(getenv("LANGUAGE"), &env))
		cfg->lang = env;
}

/* What a stick update needs to load the scenes again (see window_options.reload). */
struct reload_ctx {
	struct bt_catalog *catalog;
	const char *data_dir, *bundled_dir;
	const struct bt_iconset *icons;
};

static const struct bt_catalog *reload_scenes(void *user)
{
	struct reload_ctx *rc = user;
	char *dir = sceneset_current(rc->data_dir, rc->bundled_dir);
	struct bt_catalog *fresh = catalog_load(dir, rc->icons);
	free(dir);
	print_diags(fresh, false);
	catalog_destroy(rc->catalog);
	rc->catalog = fresh;
	return fresh;
}

/* --export-to and --import: the stick helper's call. Moves waiting reports onto the
 * stick, takes scene files from it, prints the report, leaves it for the running
 * bergtop in <data_dir>/stick/result, and exits 0 unless something went wrong. */
static int stick_run(const char *stick, const char *from, const char *data_dir,
                     const char *export_dir, const char *bundled_dir,
                     const struct bt_iconset *icons)
{
	struct bt_import_report rep = {0};
	/* the data folder holds health data: the owner only */
	if (mkdir(data_dir, 0700) < 0 && errno != EEXIST)
		log_msg(BT_LOG_ERR, _("The folder %s cannot be created."), data_dir);
	int moved = stick ? export_move(export_dir, stick) : 0;
	if (moved < 0)
		log_msg(BT_LOG_ERR, "%s: %s", stick, strerror(-moved));
	int r = from
	            ? sceneset_import(data_dir, from, bundled_dir, icons, (int64_t)time(NULL), &rep)
	            : 0;
	/* after the import, which starts its report afresh */
	rep.exported = moved > 0 ? (size_t)moved : 0;
	rep.export_failed = moved < 0;
	rep.no_scenes = !from;
	char **lines = sceneset_report_lines(&rep, 100);
	for (size_t i = 0; lines && lines[i]; i++)
		printf("%s\n", lines[i]);
	sceneset_lines_free(lines);
	if (sceneset_report_write(data_dir, &rep) < 0)
		log_msg(BT_LOG_WARNING, _("the state cannot be written to %s"), data_dir);
	int ret = r < 0 || rep.failed || rep.export_failed ? 1 : 0;
	sceneset_report_clear(&rep);
	return ret;
}

int main(int argc, char **argv)
{
	int ret = 2;
	struct cli o;
	struct bt_config cfg;
	struct bt_diags cdiags = {0}, sdiags = {0};
	int w = 1920, h = 1080;
	char *scenes_dir = NULL, *assets_dir = NULL, *data_dir = NULL, *localedir = NULL;
	char *bundled_dir = NULL;
	struct bt_iconset *icons = NULL;
	struct bt_catalog *catalog = NULL;
	struct bt_script *script = NULL;
	struct bt_app *app = NULL;

#ifndef __SANITIZE_ADDRESS__ /* the sanitizers report crashes better themselves */
	crashlog_install();
#endif
	cli_parse(&o, argc, argv);
	load_settings(&cfg, &o, &cdiags);
	localedir = find_localedir();
	if (!i18n_init(localedir, cfg.lang))
		log_msg(BT_LOG_WARNING, "no Dutch messages found under %s; showing English",
		        localedir);
	/* read again, now that the language is known, for messages in that language */
	diags_clear(&cdiags);
	config_clear(&cfg);
	load_settings(&cfg, &o, &cdiags);
	/* a setting that is wrong is told, and its default is used */
	log_diags(&cdiags, BT_LOG_WARNING);
	if (o.help) {
		usage(stdout);
		ret = 0;
		goto out;
	}
	if (o.version) {
		printf("bergtop %s\n", BT_VERSION);
		ret = 0;
		goto out;
	}
	if (o.bad) {
		usage(stderr);
		goto out;
	}
	if (o.size && !parse_size(o.size, &w, &h)) {
		log_msg(BT_LOG_ERR, "%s", _("--size needs WIDTHxHEIGHT, such as 1920x1080"));
		goto out;
	}
	if (o.list_devices) {
		ret = input_list("/dev/input", stdout);
		goto out;
	}
	ret = 1;
	bundled_dir = find_data("scenes");
	assets_dir = cfg.assets_dir ? bt_xstrdup(cfg.assets_dir) : find_data("assets");
	data_dir = cfg.data_dir ? bt_xstrdup(cfg.data_dir) : default_data_dir();
	/* scenes taken from a USB stick (in the data folder) win over the bundled ones;
	 * a folder named in the settings wins over both */
	scenes_dir =
	    cfg.scenes_dir ? bt_xstrdup(cfg.scenes_dir) : sceneset_current(data_dir, bundled_dir);
	if (o.print_config) {
		free(cfg.scenes_dir);
		free(cfg.data_dir);
		free(cfg.assets_dir);
		cfg.scenes_dir = bt_xstrdup(scenes_dir);
		cfg.data_dir = bt_xstrdup(data_dir);
		cfg.assets_dir = bt_xstrdup(assets_dir);
		char *text = config_format(&cfg);
		fputs(text, stdout);
		free(text);
		ret = cdiags.n ? 1 : 0;
		goto out;
	}
	char *icon_dir = bt_xasprintf("%s/icons", assets_dir);
	icons = iconset_load(icon_dir);
	free(icon_dir);
	if (icons->n == 0)
		log_msg(BT_LOG_WARNING, _("no pictograms found in %s/icons"), assets_dir);

	if (o.safe_screen) {
		struct bt_window_options so = {
		    .assets_dir = assets_dir,
		    .fullscreen = cfg.screen == BT_SCREEN_FULLSCREEN,
		    .fullscreen_auto = cfg.screen == BT_SCREEN_AUTO,
		    .display = cfg.display,
		    .quit = cfg.quit,
		};
		ret = window_safe_screen(&so);
		goto out;
	}
	if (o.import || o.export_to) {
		char *export_dir = bt_xasprintf("%s/export", data_dir);
		ret = stick_run(o.export_to, o.import, data_dir, export_dir, bundled_dir, icons);
		free(export_dir);
		goto out;
	}
	if (o.check) {
		catalog = o.first_path < argc
		              ? catalog_load_paths(argv + o.first_path,
		                                   (size_t)(argc - o.first_path), icons)
		              : catalog_load(scenes_dir, icons);
		int bad = print_diags(catalog, true);
		size_t ok = catalog->n - catalog_broken(catalog);
		printf(_("%zu good, %zu with mistakes\n"), ok, catalog_broken(catalog));
		ret = bad ? 1 : 0;
		goto out;
	}
	catalog = catalog_load(scenes_dir, icons);
	if (o.list) {
		for (size_t i = 0; i < catalog->n; i++) {
			const struct bt_session_def *d = catalog->entries[i].def;
			if (d)
				printf("%s\t%s\t%zu\n", d->id, d->title, d->n_scenes);
		}
		print_diags(catalog, false);
		ret = 0;
		goto out;
	}
	/* broken files are reported but never stop the other sessions */
	print_diags(catalog, false);
	if (o.script) {
		script = script_load(o.script, &sdiags);
		if (!script) {
			log_diags(&sdiags, BT_LOG_ERR);
			goto out;
		}
	}
	struct bt_headless_options ho = {
	    .assets_dir = assets_dir,
	    .out_dir = o.render_dir,
	    .session = o.session,
	    .w = w,
	    .h = h,
	    .script = script,
	    .data_dir = data_dir,
	    .dump_state = o.dump,
	    .crash_after = o.crash_after,
	    .journal = cfg.journal,
	    .journal_days = cfg.journal_days,
	    .now_wall = (int64_t)time(NULL),
	};
	if (o.render_dir) {
		ret = headless_render(catalog, &ho);
		goto out;
	}
	if (script) {
		ret = headless_script(catalog, &ho);
		goto out;
	}
	struct bt_app_options ao = {
	    .data_dir = data_dir,
	    .preseat = o.present,
	    .simulate = true,
	    .max_seats = cfg.seats,
	    .sound = cfg.sound,
	    .journal = cfg.journal,
	    .journal_days = cfg.journal_days,
	    .quit = cfg.quit,
	    .now_wall = (int64_t)time(NULL),
	};
	app = app_create(catalog, &ao);
	struct reload_ctx rc = {
	    .catalog = catalog, .data_dir = data_dir, .bundled_dir = bundled_dir, .icons = icons};
	if (o.session && app_open_session(app, o.session, SDL_GetTicks()) < 0) {
		log_msg(BT_LOG_ERR, _("session %s does not exist or has an error"), o.session);
		goto out;
	}
	struct bt_window_options wo = {
	    .assets_dir = assets_dir,
	    .fullscreen = cfg.screen == BT_SCREEN_FULLSCREEN,
	    .fullscreen_auto = cfg.screen == BT_SCREEN_AUTO,
	    .input_dir = o.no_keypads ? NULL : "/dev/input",
	    .display = cfg.display,
	    .quit = cfg.quit,
	    .data_dir = data_dir,
	    .w = o.size ? w : 0,
	    .h = o.size ? h : 0,
	    .reload = cfg.scenes_dir ? NULL : reload_scenes,
	    .reload_user = &rc,
	};
	ret = window_run(app, &wo);
	catalog = rc.catalog; /* a stick update may have replaced it */
out:
	app_destroy(app);
	script_destroy(script);
	diags_clear(&sdiags);
	diags_clear(&cdiags);
	config_clear(&cfg);
	catalog_destroy(catalog);
	iconset_destroy(icons);
	free(scenes_dir);
	free(bundled_dir);
	free(assets_dir);
	free(data_dir);
	free(localedir);
	return ret;
}
