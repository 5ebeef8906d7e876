/* bergtop.conf: defaults, good and bad values with file:line messages, relative
 * folders, duplicate keys, sections, long lines, missing and unreadable files,
 * system then user file, and --print-config output. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "testutil.h"
#include "util.h"

struct fixture {
	char *dir;
	char *path; /* dir/bergtop.conf */
};

static int setup(void **state)
{
	struct fixture *f = bt_xcalloc(1, sizeof(*f));
	f->dir = tu_tmpdir();
	f->path = bt_xasprintf("%s/bergtop.conf", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	tu_rmtree(f->dir);
	free(f->dir);
	free(f->path);
	free(f);
	return 0;
}

static void print_diags(const struct bt_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		char *m = diags_format(d, i);
		print_message("diag: %s\n", m);
		free(m);
	}
}

static void assert_chord(const struct bt_chord *c, bool ctrl, bool alt, bool shift, char key)
{
	assert_int_equal(c->ctrl, ctrl);
	assert_int_equal(c->alt, alt);
	assert_int_equal(c->shift, shift);
	assert_int_equal(c->key, key);
}

static void test_defaults(void **state)
{
	(void)state;
	struct bt_config c;
	memset(&c, 0x5a, sizeof(c)); /* config_init must set every field */
	config_init(&c);
	assert_null(c.scenes_dir);
	assert_null(c.data_dir);
	assert_int_equal(c.lang, BT_LANG_NL);
	assert_false(c.lang_set);
	assert_int_equal(c.seats, 12);
	assert_int_equal(c.journal, BT_JOURNAL_UNTIL_CLOSE);
	assert_int_equal(c.journal_days, 0);
	assert_true(c.sound);
	assert_chord(&c.quit, true, true, false, 'q');
	assert_int_equal(c.display, 0);
	assert_int_equal(c.screen, BT_SCREEN_AUTO);
	config_clear(&c);
}

static void test_every_key_good(void **state)
{
	struct fixture *f = *state;
	tu_write(f->path, "# bergtop settings\n"
	                  "scenes_dir = /srv/bergtop/scenes\n"
	                  "data_dir = /var/lib/bergtop\n"
	                  "language = en\n"
	                  "seats = 5\n"
	                  "; a comment of the other kind\n"
	                  "journal = 30\n"
	                  "sound = no\n"
	                  "quit_keys = Ctrl+Shift+X\n"
	                  "display = 2\n"
	                  "screen = window\n");
	struct bt_config c;
	struct bt_diags d = {0};
	config_init(&c);
	assert_int_equal(config_load(&c, f->path, &d), 0);
	print_diags(&d);
	assert_int_equal(d.n, 0);
	assert_string_equal(c.scenes_dir, "/srv/bergtop/scenes");
	assert_string_equal(c.data_dir, "/var/lib/bergtop");
	assert_int_equal(c.lang, BT_LANG_EN);
	assert_true(c.lang_set);
	assert_int_equal(c.seats, 5);
	assert_int_equal(c.journal, BT_JOURNAL_DAYS);
	assert_int_equal(c.journal_days, 30);
	assert_false(c.sound);
	assert_chord(&c.quit, true, false, true, 'x');
	assert_int_equal(c.display, 2);
	assert_int_equal(c.screen, BT_SCREEN_WINDOW);
	config_clear(&c);

	/* the other spellings: never, ja, fullscreen in capitals, bounds */
	tu_write(f->path, "journal = never\n"
	                  "sound = ja\n"
	                  "screen = FULLSCREEN\n"
	                  "seats = 1\n"
	                  "display = 15\n"
	                  "language = nl\n");
	config_init(&c);
	c.sound = false;
	assert_int_equal(config_load(&c, f->path, &d), 0);
	print_diags(&d);
	assert_int_equal(d.n, 0);
	assert_int_equal(c.journal, BT_JOURNAL_NEVER);
	assert_true(c.sound);
	assert_int_equal(c.screen, BT_SCREEN_FULLSCREEN);
	assert_int_equal(c.seats, 1);
	assert_int_equal(c.display, 15);
	assert_int_equal(c.lang, BT_LANG_NL);
	assert_true(c.lang_set);
	config_clear(&c);

	tu_write(f->path, "journal = 3650\nseats = 12\nscreen = auto\njournal = until-close\n");
	config_init(&c);
	c.screen = BT_SCREEN_WINDOW;
	config_load(&c, f->path, &d);
	assert_int_equal(c.seats, 12);
	assert_int_equal(c.screen, BT_SCREEN_AUTO);
	assert_int_equal(c.journal, BT_JOURNAL_UNTIL_CLOSE); /* the later line counts */
	diags_clear(&d);
	config_clear(&c);
}

static void test_relative_dirs_from_file_folder(void **state)
{
	struct fixture *f = *state;
	char *sub = bt_xasprintf("%s/etc", f->dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	char *path = bt_xasprintf("%s/bergtop.conf", sub);
	tu_write(path, "scenes_dir = scenes\ndata_dir = ../data\nassets_dir = /opt/art\n");
	struct bt_config c;
	struct bt_diags d = {0};
	config_init(&c);
	assert_int_equal(config_load(&c, path, &d), 0);
	assert_int_equal(d.n, 0);
	char *want = bt_xasprintf("%s/scenes", sub);
	assert_string_equal(c.scenes_dir, want);
	free(want);
	want = bt_xasprintf("%s/../data", sub);
	assert_string_equal(c.data_dir, want);
	free(want);
	assert_string_equal(c.assets_dir, "/opt/art"); /* absolute stays as it is */

	/* from the command line (no file) a relative folder stays as given */
	assert_true(config_set(&c, "scenes_dir", "mijn/scenes", NULL, 0, &d));
	assert_string_equal(c.scenes_dir, "mijn/scenes");
	/* an empty folder is refused and the folder stays */
	assert_false(config_set(&c, "data_dir", "", "--set", 0, &d));
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].msg,
	                    "Bij 'data_dir' hoort een map; de standaard wordt gebruikt");
	want = bt_xasprintf("%s/../data", sub);
	assert_string_equal(c.data_dir, want);
	free(want);
	diags_clear(&d);
	config_clear(&c);
	free(path);
	free(sub);
}

/* A config that differs from the defaults everywhere, so "unchanged" is visible. */
static void config_nondefault(struct bt_config *c)
{
	config_init(c);
	c->scenes_dir = bt_xstrdup("/eerst/scenes");
	c->data_dir = bt_xstrdup("/eerst/data");
	c->lang = BT_LANG_EN;
	c->lang_set = true;
	c->seats = 5;
	c->journal = BT_JOURNAL_DAYS;
	c->journal_days = 9;
	c->sound = false;
	c->quit = (struct bt_chord){.alt = true, .shift = true, .key = 'k'};
	c->display = 3;
	c->screen = BT_SCREEN_WINDOW;
}

static void test_bad_values_keep_earlier(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *line;
		const char *needle; /* part of the Dutch message */
	} bad[] = {
	    {"kleur = rood", "Instelling 'kleur' ken ik niet"},
	    {"seats = 0", "seats moet een getal van 1 tot 12 zijn, niet '0' (nu: 5)"},
	    {"seats = 13", "seats moet een getal van 1 tot 12 zijn, niet '13' (nu: 5)"},
	    {"seats = 3x", "niet '3x'"},
	    {"language = fr", "Taal 'fr' ken ik niet; gebruik nl of en (nu: en)"},
	    {"journal = soms", "niet 'soms'"},
	    {"journal = 0", "niet '0'"},
	    {"journal = 3651", "niet '3651'"},
	    {"sound = misschien", "sound moet yes of no zijn, niet 'misschien'"},
	    {"quit_keys = q", "niet 'q' (nu: Alt+Shift+K)"},
	    {"quit_keys = ctrl+", "niet 'ctrl+' (nu: Alt+Shift+K)"},
	    {"display = 99", "display moet een schermnummer van 0 tot 15 zijn, niet '99'"},
	    {"display = -1", "niet '-1'"},
	    {"screen = groot", "screen moet auto, window of fullscreen zijn, niet 'groot'"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		/* the bad line is line 3, after a comment and an empty line */
		char *text = bt_xasprintf("# mijn instellingen\n\n%s\n", bad[i].line);
		tu_write(f->path, text);
		free(text);
		struct bt_config c;
		struct bt_diags d = {0};
		config_nondefault(&c);
		char *before = config_format(&c);
		assert_int_equal(config_load(&c, f->path, &d), 0);
		if (d.n != 1) {
			print_diags(&d);
			fail_msg("'%s': %zu messages instead of 1", bad[i].line, d.n);
		}
		assert_string_equal(d.v[0].file, f->path);
		assert_int_equal(d.v[0].line, 3);
		assert_non_null(strstr(d.v[0].msg, bad[i].needle));
		char *after = config_format(&c);
		assert_string_equal(before, after);
		assert_true(c.lang_set);
		assert_int_equal(c.journal_days, 9);
		free(before);
		free(after);
		diags_clear(&d);
		config_clear(&c);
	}
}

static void test_dutch_message_and_format(void **state)
{
	struct fixture *f = *state;
	tu_write(f->path, "seats = 4\nkleur = rood\n");
	struct bt_config c;
	struct bt_diags d = {0};
	config_init(&c);
	assert_int_equal(config_load(&c, f->path, &d), 0);
	assert_int_equal(d.n, 1);
	/* the exact text from po/nl.po: the catalogue is in use */
	assert_string_equal(d.v[0].msg,
	                    "Instelling 'kleur' ken ik niet; deze regel wordt overgeslagen");
	char *m = diags_format(&d, 0);
	char *want = bt_xasprintf("%s:2: Instelling 'kleur' ken ik niet; deze regel wordt "
	                          "overgeslagen",
	                          f->path);
	assert_string_equal(m, want);
	free(m);
	free(want);
	assert_int_equal(c.seats, 4);
	diags_clear(&d);
	config_clear(&c);
}

static void test_line_without_equals(void **state)
{
	struct fixture *f = *state;
	tu_write(f->path, "seats = 3\nzomaar wat tekst\nsound = no\n");
	struct bt_config c;
	struct bt_diags d = {0};
	config_init(&c);
	assert_int_equal(config_load(&c, f->path, &d), 0);
	print_diags(&d);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].file, f->path);
	assert_int_equal(d.v[0].line, 2);
	assert_string_equal(d.v[0].msg,
	                    "Deze regel is geen 'sleutel = waarde'; hij wordt overgeslagen");
	/* the lines around it still count */
	assert_int_equal(c.seats, 3);
	assert_false(c.sound);
	diags_clear(&d);
	config_clear(&c);
}

static void test_key_twice_later_counts(void **state)
{
	struct fixture *f = *state;
	tu_write(f->path, "seats = 3\nsound = no\nseats = 7\n");
	struct bt_config c;
	struct bt_diags d = {0};
	config_init(&c);
	assert_int_equal(config_load(&c, f->path, &d), 0);
	print_diags(&d);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].file, f->path);
	assert_int_equal(d.v[0].line, 3);
	assert_string_equal(d.v[0].msg, "'seats' staat hierboven al; deze latere regel telt");
	assert_int_equal(c.seats, 7);
	diags_clear(&d);
	config_clear(&c);
}

static void test_section_header_reported(void **state)
{
	struct fixture *f = *state;
	tu_write(f->path, "seats = 3\n[bergtop]\nsound = no\n");
	struct bt_config c;
	struct bt_diags d = {0};
	config_init(&c);
	assert_int_equal(config_load(&c, f->path, &d), 0);
	print_diags(&d);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].file, f->path);
	/* told at the first setting under the header (inih reports sections only with
	 * their first key), so between the header line and that line */
	assert_in_range(d.v[0].line, 2, 3);
	assert_non_null(strstr(d.v[0].msg, "[bergtop]"));
	assert_non_null(strstr(d.v[0].msg, "geen kopjes"));
	/* the lines under it count as if it were not there */
	assert_int_equal(c.seats, 3);
	assert_false(c.sound);
	diags_clear(&d);
	config_clear(&c);
}

static void test_long_line_skipped(void **state)
{
	struct fixture *f = *state;
	size_t n = 5000;
	char *longval = bt_xcalloc(1, n + 1);
	memset(longval, 'a', n);
	char *text =
	    bt_xasprintf("seats = 3\nscenes_dir = /%s\nsound = no\nkleur = rood\n", longval);
	tu_write(f->path, text);
	struct bt_config c;
	struct bt_diags d = {0};
	config_init(&c);
	assert_int_equal(config_load(&c, f->path, &d), 0);
	print_diags(&d);
	assert_int_equal(d.n, 2);
	assert_string_equal(d.v[0].file, f->path);
	assert_int_equal(d.v[0].line, 2);
	assert_string_equal(d.v[0].msg, "Deze regel is te lang; hij wordt overgeslagen");
	assert_null(c.scenes_dir);
	/* the lines after it count, with their own line numbers */
	assert_int_equal(c.seats, 3);
	assert_false(c.sound);
	assert_int_equal(d.v[1].line, 4);
	assert_non_null(strstr(d.v[1].msg, "'kleur'"));
	diags_clear(&d);
	config_clear(&c);
	free(text);
	free(longval);
}

static void test_missing_file(void **state)
{
	struct fixture *f = *state;
	char *path = bt_xasprintf("%s/bestaat-niet.conf", f->dir);
	struct bt_config c;
	struct bt_diags d = {0};
	config_nondefault(&c);
	char *before = config_format(&c);
	assert_int_equal(config_load(&c, path, &d), 0);
	assert_int_equal(d.n, 0);
	char *after = config_format(&c);
	assert_string_equal(before, after);
	/* a missing folder on the way is no problem either */
	free(path);
	path = bt_xasprintf("%s/geen-map/bergtop.conf", f->dir);
	assert_int_equal(config_load(&c, path, &d), 0);
	assert_int_equal(d.n, 0);
	free(after);
	after = config_format(&c);
	assert_string_equal(before, after);
	free(before);
	free(after);
	free(path);
	config_clear(&c);
}

static void test_directory_as_file(void **state)
{
	struct fixture *f = *state;
	char *path = bt_xasprintf("%s/map.conf", f->dir);
	assert_int_equal(mkdir(path, 0700), 0);
	struct bt_config c;
	struct bt_diags d = {0};
	config_nondefault(&c);
	char *before = config_format(&c);
	int r = config_load(&c, path, &d);
	print_diags(&d);
	/* a folder where the file should be: -1, one message, nothing changes */
	assert_int_equal(r, -1);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "Dit bestand kan ik niet lezen"));
	char *after = config_format(&c);
	assert_string_equal(before, after);
	free(before);
	free(after);
	diags_clear(&d);
	config_clear(&c);
	free(path);
}

/* An indented line is a setting of its own, never the continuation of the one
 * above (inih's multi-line values). */
static void test_indented_line_counts(void **state)
{
	struct fixture *f = *state;
	char *path = bt_xasprintf("%s/indent.conf", f->dir);
	tu_write(path, "seats = 3\n  sound = no\n\tdisplay = 2\n");
	struct bt_config c;
	struct bt_diags d = {0};
	config_init(&c);
	assert_int_equal(config_load(&c, path, &d), 0);
	print_diags(&d);
	assert_int_equal(d.n, 0);
	assert_int_equal(c.seats, 3);
	assert_false(c.sound);
	assert_int_equal(c.display, 2);
	diags_clear(&d);
	config_clear(&c);
	free(path);
}

static void test_system_then_user(void **state)
{
	struct fixture *f = *state;
	char *user = bt_xasprintf("%s/user.conf", f->dir);
	tu_write(f->path, "seats = 4\nsound = no\nquit_keys = alt+x\njournal = 14\n");
	tu_write(user, "seats = 6\nlanguage = en\njournal = never\n");
	struct bt_config c;
	struct bt_diags d = {0};
	config_init(&c);
	assert_int_equal(config_load(&c, f->path, &d), 0);
	assert_int_equal(config_load(&c, user, &d), 0);
	/* a key in both files is not "given twice" */
	print_diags(&d);
	assert_int_equal(d.n, 0);
	assert_int_equal(c.seats, 6);
	assert_false(c.sound);
	assert_chord(&c.quit, false, true, false, 'x');
	assert_int_equal(c.lang, BT_LANG_EN);
	assert_int_equal(c.journal, BT_JOURNAL_NEVER);
	config_clear(&c);
	free(user);
}

static void test_format(void **state)
{
	(void)state;
	struct bt_config c;
	config_init(&c);
	char *s = config_format(&c);
	assert_non_null(strstr(s, "quit_keys = Ctrl+Alt+Q\n"));
	assert_non_null(strstr(s, "journal = until-close\n"));
	assert_non_null(strstr(s, "seats = 12\n"));
	assert_non_null(strstr(s, "sound = yes\n"));
	assert_non_null(strstr(s, "language = nl\n"));
	assert_non_null(strstr(s, "screen = auto\n"));
	free(s);
	struct bt_diags d = {0};
	assert_true(config_set(&c, "journal", "7", "--set", 0, &d));
	assert_true(config_set(&c, "quit_keys", "ctrl-shift-b", "--set", 0, &d));
	assert_true(config_set(&c, "screen", "fullscreen", "--set", 0, &d));
	assert_int_equal(d.n, 0);
	s = config_format(&c);
	assert_non_null(strstr(s, "journal = 7\n"));
	assert_non_null(strstr(s, "quit_keys = Ctrl+Shift+B\n"));
	assert_non_null(strstr(s, "screen = fullscreen\n"));
	free(s);
	c.journal = BT_JOURNAL_NEVER;
	s = config_format(&c);
	assert_non_null(strstr(s, "journal = never\n"));
	free(s);
	config_clear(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_defaults),
	    cmocka_unit_test_setup_teardown(test_every_key_good, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_relative_dirs_from_file_folder, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bad_values_keep_earlier, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_dutch_message_and_format, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_line_without_equals, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_key_twice_later_counts, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_section_header_reported, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_long_line_skipped, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_missing_file, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_directory_as_file, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_indented_line_counts, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_system_then_user, setup, teardown),
	    cmocka_unit_test(test_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
