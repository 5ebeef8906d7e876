/* bergtop: the group-room screen for the treatment module Middelengebruik. */
#include <SDL.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "catalog.h"
#include "headless.h"
#include "input.h"
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
	OPT_LIST_DEVICES,
	OPT_NO_KEYPADS,
	OPT_NO_SOUND
};

static const struct option long_opts[] = {
    {"window", no_argument, NULL, 'w'},
    {"fullscreen", no_argument, NULL, 'f'},
    {"scenes", required_argument, NULL, 's'},
    {"data-dir", required_argument, NULL, 'd'},
    {"session", required_argument, NULL, 'S'},
    {"check", no_argument, NULL, 'c'},
    {"list", no_argument, NULL, 'l'},
    {"render", required_argument, NULL, 'r'},
    {"size", required_argument, NULL, 'z'},
    {"script", required_argument, NULL, 'x'},
    {"dump-state", no_argument, NULL, 'D'},
    {"assets", required_argument, NULL, OPT_ASSETS},
    {"seats", required_argument, NULL, OPT_SEATS},
    {"crash-after", required_argument, NULL, OPT_CRASH_AFTER},
    {"list-devices", no_argument, NULL, OPT_LIST_DEVICES},
    {"no-keypads", no_argument, NULL, OPT_NO_KEYPADS},
    {"no-sound", no_argument, NULL, OPT_NO_SOUND},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

static void usage(FILE *f)
{
	fputs("Usage: bergtop [--window|--fullscreen] [--scenes DIR] [--data-dir DIR] [--session "
	      "ID]\n"
	      "               [--seats N]\n"
	      "       bergtop --check [PATH...]\n"
	      "       bergtop --list-devices\n"
	      "       bergtop --list [--scenes DIR]\n"
	      "       bergtop --render DIR [--session ID] [--size WxH] [--script FILE]\n"
	      "       bergtop --script FILE [--session ID] [--data-dir DIR] [--dump-state]\n"
	      "\n"
	      "  -w, --window        run in a window (default where a desktop is running)\n"
	      "  -f, --fullscreen    run on the whole screen\n"
	      "  -s, --scenes DIR    folder with scene files (default: the bundled scenes)\n"
	      "  -d, --data-dir DIR  where journals are kept (default: $XDG_DATA_HOME/bergtop)\n"
	      "  -S, --session ID    open this session (e.g. 1.2) at once\n"
	      "      --seats N       seats 1..N are present when a session starts (simulation)\n"
	      "      --no-keypads    do not read keypads from /dev/input (simulation only)\n"
	      "      --no-sound      no chimes (the trainer can also press M)\n"
	      "      --list-devices  print every input device, its USB port and what bergtop\n"
	      "                      makes of it (keypad, keyboard, presenter, ignored)\n"
	      "  -c, --check         check scene files or folders (default: the bundled scenes)\n"
	      "  -l, --list          print ID<TAB>title<TAB>number of scenes per session\n"
	      "  -r, --render DIR    write every scene as PNG plus a JSON text report, no display\n"
	      "  -z, --size WxH      size for --render (default 1920x1080)\n"
	      "  -x, --script FILE   feed timed trainer and seat keys from FILE, no display\n"
	      "  -D, --dump-state    with --script: print the final session state as JSON\n"
	      "      --assets DIR    folder with fonts/ and icons/\n"
	      "      --crash-after N with --script: kill bergtop after N events (crash tests)\n"
	      "  -h, --help          show this help\n"
	      "  -V, --version       show the version\n"
	      "\n"
	      "Exit status: 0 ok, 1 bad input (e.g. a scene file with mistakes), 2 usage error.\n",
	      f);
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

/* Finds a bundled folder: next to the install prefix, then the source tree. */
static char *find_data(const char *what)
{
	char *dir = exe_dir();
	char *cands[3] = {
	    bt_xasprintf("%s/../share/bergtop/%s", dir, what),
	    bt_xasprintf("%s/%s", BT_DATADIR, what),
	    bt_xasprintf("%s/%s", BT_SOURCE_DIR, what),
	};
	char *found = NULL;
	for (int i = 0; i < 3; i++) {
		if (!found && is_dir(cands[i]))
			found = cands[i];
		else
			free(cands[i]);
	}
	free(dir);
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

static int print_diags(const struct bt_catalog *c)
{
	int bad = 0;
	if (c->dir_error) {
		fprintf(stderr, "%s\n", c->dir_error);
		bad = 1;
	}
	for (size_t i = 0; i < c->n; i++) {
		const struct bt_catalog_entry *e = &c->entries[i];
		for (size_t k = 0; k < e->diags.n; k++) {
			char *m = diags_format(&e->diags, k);
			fprintf(stderr, "%s\n", m);
			free(m);
			bad = 1;
		}
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

int main(int argc, char **argv)
{
	int ret = 2;
	bool want_window = false, want_full = false, check = false, list = false, dump = false;
	bool list_devices = false, no_keypads = false, no_sound = false;
	const char *scenes_opt = NULL, *data_opt = NULL, *session = NULL, *render_dir = NULL;
	const char *script_path = NULL, *assets_opt = NULL;
	int w = 1920, h = 1080, seats = 0;
	long crash_after = -1;
	char *scenes_dir = NULL, *assets_dir = NULL, *data_dir = NULL;
	struct bt_iconset *icons = NULL;
	struct bt_catalog *catalog = NULL;
	struct bt_script *script = NULL;
	struct bt_app *app = NULL;
	struct bt_diags sdiags = {0};

	int c;
	while ((c = getopt_long(argc, argv, "wfs:d:S:clr:z:x:DhV", long_opts, NULL)) != -1) {
		switch (c) {
		case 'w':
			want_window = true;
			break;
		case 'f':
			want_full = true;
			break;
		case 's':
			scenes_opt = optarg;
			break;
		case 'd':
			data_opt = optarg;
			break;
		case 'S':
			session = optarg;
			break;
		case 'c':
			check = true;
			break;
		case 'l':
			list = true;
			break;
		case 'r':
			render_dir = optarg;
			break;
		case 'z':
			if (!parse_size(optarg, &w, &h)) {
				fprintf(stderr,
				        "bergtop: --size wil BREEDTExHOOGTE, zoals 1920x1080\n");
				goto out;
			}
			break;
		case 'x':
			script_path = optarg;
			break;
		case 'D':
			dump = true;
			break;
		case OPT_ASSETS:
			assets_opt = optarg;
			break;
		case OPT_SEATS:
			seats = atoi(optarg);
			if (seats < 0 || seats > BT_MAX_SEATS) {
				fprintf(stderr, "bergtop: --seats wil een getal van 0 tot 12\n");
				goto out;
			}
			break;
		case OPT_CRASH_AFTER:
			crash_after = atol(optarg);
			break;
		case OPT_LIST_DEVICES:
			list_devices = true;
			break;
		case OPT_NO_KEYPADS:
			no_keypads = true;
			break;
		case OPT_NO_SOUND:
			no_sound = true;
			break;
		case 'h':
			usage(stdout);
			ret = 0;
			goto out;
		case 'V':
			printf("bergtop %s\n", BT_VERSION);
			ret = 0;
			goto out;
		default:
			usage(stderr);
			goto out;
		}
	}
	if ((want_window && want_full) || (check && (list || render_dir)) ||
	    (optind < argc && !check) || (dump && !script_path)) {
		usage(stderr);
		goto out;
	}
	if (list_devices) {
		ret = input_list("/dev/input", stdout);
		goto out;
	}
	ret = 1;
	scenes_dir = scenes_opt ? bt_xstrdup(scenes_opt) : find_data("scenes");
	assets_dir = assets_opt ? bt_xstrdup(assets_opt) : find_data("assets");
	data_dir = data_opt ? bt_xstrdup(data_opt) : default_data_dir();
	char *icon_dir = bt_xasprintf("%s/icons", assets_dir);
	icons = iconset_load(icon_dir);
	free(icon_dir);
	if (icons->n == 0)
		fprintf(stderr, "bergtop: geen plaatjes gevonden in %s/icons\n", assets_dir);

	if (check) {
		catalog = optind < argc
		              ? catalog_load_paths(argv + optind, (size_t)(argc - optind), icons)
		              : catalog_load(scenes_dir, icons);
		int bad = print_diags(catalog);
		size_t ok = catalog->n - catalog_broken(catalog);
		printf("%zu goed, %zu met fouten\n", ok, catalog_broken(catalog));
		ret = bad ? 1 : 0;
		goto out;
	}
	catalog = catalog_load(scenes_dir, icons);
	if (list) {
		for (size_t i = 0; i < catalog->n; i++) {
			const struct bt_session_def *d = catalog->entries[i].def;
			if (d)
				printf("%s\t%s\t%zu\n", d->id, d->title, d->n_scenes);
		}
		print_diags(catalog);
		ret = 0;
		goto out;
	}
	/* broken files are reported but never stop the other sessions */
	print_diags(catalog);
	if (script_path) {
		script = script_load(script_path, &sdiags);
		if (!script) {
			for (size_t i = 0; i < sdiags.n; i++) {
				char *m = diags_format(&sdiags, i);
				fprintf(stderr, "%s\n", m);
				free(m);
			}
			goto out;
		}
	}
	struct bt_headless_options ho = {
	    .assets_dir = assets_dir,
	    .out_dir = render_dir,
	    .session = session,
	    .w = w,
	    .h = h,
	    .script = script,
	    .data_dir = data_dir,
	    .dump_state = dump,
	    .crash_after = crash_after,
	};
	if (render_dir) {
		ret = headless_render(catalog, &ho);
		goto out;
	}
	if (script) {
		ret = headless_script(catalog, &ho);
		goto out;
	}
	struct bt_app_options ao = {
	    .data_dir = data_dir, .preseat = seats, .simulate = true, .sound = !no_sound};
	app = app_create(catalog, &ao);
	if (session && app_open_session(app, session, SDL_GetTicks()) < 0) {
		fprintf(stderr, "bergtop: bijeenkomst %s bestaat niet of heeft een fout\n",
		        session);
		goto out;
	}
	struct bt_window_options wo = {
	    .assets_dir = assets_dir,
	    .fullscreen = want_full,
	    .fullscreen_auto = !want_full && !want_window,
	    .input_dir = no_keypads ? NULL : "/dev/input",
	};
	ret = window_run(app, &wo);
out:
	app_destroy(app);
	script_destroy(script);
	diags_clear(&sdiags);
	catalog_destroy(catalog);
	iconset_destroy(icons);
	free(scenes_dir);
	free(assets_dir);
	free(data_dir);
	return ret;
}
