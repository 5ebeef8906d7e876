/* Scene sets from a stick: take and refuse, one step back, failures that leave the
 * current set alone, odd files on the stick, the result file. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog.h"
#include "sceneset.h"
#include "testutil.h"
#include "util.h"

struct fx {
	char *root;
	char *data;    /* the data folder; not made yet */
	char *bundled; /* 1.1.yaml and 1.2.yaml of the bundled scenes */
	char *stick;
	struct bt_iconset *icons;
};

static char *slurp(const char *path)
{
	char *data = NULL;
	size_t len = 0;
	int r = bt_file_read(path, &data, &len, 4 * 1024 * 1024);
	if (r < 0)
		fail_msg("cannot read %s: %s", path, strerror(-r));
	return data;
}

static char *scene_src(const char *name)
{
	char *path = bt_xasprintf("%s/scenes/%s", BT_TEST_SOURCE_DIR, name);
	char *text = slurp(path);
	free(path);
	return text;
}

static void put(const char *dir, const char *name, const char *text)
{
	char *path = bt_xasprintf("%s/%s", dir, name);
	tu_write(path, text);
	free(path);
}

static void put_scene(const char *dir, const char *name, const char *src)
{
	char *text = scene_src(src);
	put(dir, name, text);
	free(text);
}

/* Scene 1.1 with another title: a changed file of the same session. */
static char *scene_changed(void)
{
	char *text = scene_src("1.1.yaml");
	char *t = strstr(text, "titel: Voorbereiden\n");
	assert_non_null(t);
	char *r = bt_xasprintf("%.*stitel: Nieuw begin\n%s", (int)(t - text), text,
	                       t + strlen("titel: Voorbereiden\n"));
	free(text);
	return r;
}

/* Empties the stick folder. */
static void stick_clear(struct fx *f)
{
	tu_rmtree(f->stick);
	assert_int_equal(mkdir(f->stick, 0700), 0);
}

static char *link_of(const char *data, const char *name)
{
	char *path = bt_xasprintf("%s/%s", data, name);
	char buf[512];
	ssize_t n = readlink(path, buf, sizeof(buf) - 1);
	free(path);
	if (n < 0)
		return NULL;
	buf[n] = '\0';
	return bt_xstrdup(buf);
}

static void assert_link(const char *data, const char *name, const char *want)
{
	char *got = link_of(data, name);
	if (!want) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/* The file's text in the folder bergtop would read scenes from now. */
static char *current_file(struct fx *f, const char *name)
{
	char *dir = sceneset_current(f->data, f->bundled);
	char *path = bt_xasprintf("%s/%s", dir, name);
	char *text = access(path, F_OK) == 0 ? slurp(path) : NULL;
	free(path);
	free(dir);
	return text;
}

static void assert_current_is(struct fx *f, const char *name, const char *want)
{
	char *got = current_file(f, name);
	if (!want) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void assert_current_is_scene(struct fx *f, const char *name, const char *src)
{
	char *want = scene_src(src);
	assert_current_is(f, name, want);
	free(want);
}

/* Entries of a folder (0 when it is missing). */
static size_t count_entries(const char *dir)
{
	char *cmd = bt_xasprintf("ls -A '%s' 2>/dev/null | wc -l", dir);
	FILE *p = popen(cmd, "r");
	unsigned long n = 0;
	assert_non_null(p);
	assert_int_equal(fscanf(p, "%lu", &n), 1);
	pclose(p);
	free(cmd);
	return n;
}

static size_t count_sets(struct fx *f)
{
	char *dir = bt_xasprintf("%s/sets", f->data);
	size_t n = count_entries(dir);
	free(dir);
	return n;
}

/* Index of the first reason about file (containing part, when given), or -1. */
static int why_find(const struct bt_import_report *rep, const char *file, const char *part)
{
	for (size_t i = 0; i < rep->why.n; i++)
		if (strcmp(rep->why.v[i].file, file) == 0 &&
		    (!part || strstr(rep->why.v[i].msg, part)))
			return (int)i;
	return -1;
}

static int import(struct fx *f, int64_t now, struct bt_import_report *rep)
{
	return sceneset_import(f->data, f->stick, f->bundled, f->icons, now, rep);
}

static int setup(void **state)
{
	struct fx *f = bt_xcalloc(1, sizeof(*f));
	f->root = tu_tmpdir();
	f->data = bt_xasprintf("%s/data", f->root);
	f->bundled = bt_xasprintf("%s/bundled", f->root);
	f->stick = bt_xasprintf("%s/stick", f->root);
	assert_int_equal(mkdir(f->bundled, 0755), 0);
	assert_int_equal(mkdir(f->stick, 0700), 0);
	put_scene(f->bundled, "1.1.yaml", "1.1.yaml");
	put_scene(f->bundled, "1.2.yaml", "1.2.yaml");
	char *icons = bt_xasprintf("%s/assets/icons", BT_TEST_SOURCE_DIR);
	f->icons = iconset_load(icons);
	assert_true(f->icons->n > 0);
	free(icons);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	iconset_destroy(f->icons);
	tu_rmtree(f->root);
	free(f->root);
	free(f->data);
	free(f->bundled);
	free(f->stick);
	free(f);
	return 0;
}

static void test_takes_good_refuses_broken(void **state)
{
	struct fx *f = *state;
	struct bt_import_report rep;
	put_scene(f->stick, "1.3.yaml", "1.3.yaml");
	char *broken = bt_xasprintf("%s/tests/broken/unclosed-quote.yaml", BT_TEST_SOURCE_DIR);
	char *btext = slurp(broken);
	put(f->stick, "1.2.yaml", btext); /* same name as a bundled file: that one stays */
	put(f->stick, "notes.txt", "not a scene file, not read\n");
	assert_int_equal(import(f, 1000, &rep), 0);
	assert_true(rep.changed);
	assert_false(rep.failed);
	assert_false(rep.stepped_back);
	assert_int_equal(rep.taken, 1);
	assert_int_equal(rep.refused, 1);
	int w = why_find(&rep, "1.2.yaml", NULL);
	assert_true(w >= 0);
	assert_int_equal(rep.why.v[w].line, 8); /* as tests/broken/expected.tsv says */
	for (size_t i = 0; i < rep.why.n; i++)
		assert_string_equal(rep.why.v[i].file, "1.2.yaml");

	assert_link(f->data, "scenes", "sets/set-000000001000-000");
	assert_link(f->data, "scenes.prev", NULL); /* the bundled scenes were the previous */
	char *cur = sceneset_current(f->data, f->bundled);
	char *want = bt_xasprintf("%s/sets/set-000000001000-000", f->data);
	assert_string_equal(cur, want);
	free(want);
	assert_current_is_scene(f, "1.1.yaml", "1.1.yaml");
	assert_current_is_scene(f, "1.2.yaml", "1.2.yaml");
	assert_current_is_scene(f, "1.3.yaml", "1.3.yaml");
	assert_int_equal(count_entries(cur), 3);

	/* owner only */
	struct stat st;
	assert_int_equal(stat(cur, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	char *p = bt_xasprintf("%s/1.3.yaml", cur);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	free(p);

	/* the new set loads as a whole */
	struct bt_catalog *c = catalog_load(cur, f->icons);
	assert_int_equal(c->n, 3);
	assert_int_equal(catalog_broken(c), 0);
	assert_non_null(catalog_find(c, "1.3"));
	catalog_destroy(c);
	free(cur);
	free(btext);
	free(broken);
	sceneset_report_clear(&rep);
}

static void test_keeps_one_step_back(void **state)
{
	struct fx *f = *state;
	struct bt_import_report rep;
	put_scene(f->stick, "1.3.yaml", "1.3.yaml");
	assert_int_equal(import(f, 1000, &rep), 0);
	sceneset_report_clear(&rep);

	/* the same second: the counter keeps the names apart and in order */
	stick_clear(f);
	char *changed = scene_changed();
	put(f->stick, "1.1.yaml", changed);
	assert_int_equal(import(f, 1000, &rep), 0);
	assert_true(rep.changed);
	assert_int_equal(rep.taken, 1);
	assert_int_equal(rep.refused, 0);
	sceneset_report_clear(&rep);
	assert_link(f->data, "scenes", "sets/set-000000001000-001");
	assert_link(f->data, "scenes.prev", "sets/set-000000001000-000");
	assert_current_is(f, "1.1.yaml", changed);
	assert_current_is_scene(f, "1.3.yaml", "1.3.yaml"); /* carried over */

	/* the clock went back: the new name still sorts last; the oldest set goes */
	stick_clear(f);
	put_scene(f->stick, "1.4.yaml", "1.4.yaml");
	assert_int_equal(import(f, 5, &rep), 0);
	assert_true(rep.changed);
	sceneset_report_clear(&rep);
	assert_link(f->data, "scenes", "sets/set-000000001000-002");
	assert_link(f->data, "scenes.prev", "sets/set-000000001000-001");
	assert_int_equal(count_sets(f), 2);
	char *gone = bt_xasprintf("%s/sets/set-000000001000-000", f->data);
	assert_int_equal(access(gone, F_OK), -1);
	free(gone);
	assert_current_is(f, "1.1.yaml", changed);
	assert_current_is_scene(f, "1.2.yaml", "1.2.yaml");
	assert_current_is_scene(f, "1.3.yaml", "1.3.yaml");
	assert_current_is_scene(f, "1.4.yaml", "1.4.yaml");
	free(changed);
}

static void test_same_stick_twice_changes_nothing(void **state)
{
	struct fx *f = *state;
	struct bt_import_report rep;
	put_scene(f->stick, "1.3.yaml", "1.3.yaml");
	assert_int_equal(import(f, 1000, &rep), 0);
	sceneset_report_clear(&rep);
	assert_int_equal(import(f, 2000, &rep), 0);
	assert_false(rep.changed);
	assert_int_equal(rep.taken, 1);
	assert_int_equal(rep.refused, 0);
	char **lines = sceneset_report_lines(&rep, 5);
	assert_string_equal(lines[0],
	                    "Niets nieuws op de stick: 1 bestand(en) hetzelfde, 0 geweigerd.");
	assert_null(lines[1]);
	sceneset_lines_free(lines);
	sceneset_report_clear(&rep);
	/* the step back is still the bundled scenes, and no set was left behind */
	assert_link(f->data, "scenes", "sets/set-000000001000-000");
	assert_link(f->data, "scenes.prev", NULL);
	assert_int_equal(count_sets(f), 1);
}

static void test_step_back(void **state)
{
	struct fx *f = *state;
	struct bt_import_report rep;

	/* nothing imported yet: nothing to go back to */
	put(f->stick, "TERUG.TXT", "");
	assert_int_equal(import(f, 1, &rep), 0);
	assert_true(rep.stepped_back);
	assert_false(rep.changed);
	char **lines = sceneset_report_lines(&rep, 5);
	assert_string_equal(lines[0], "Er zijn geen vorige scènes om naar terug te gaan.");
	sceneset_lines_free(lines);
	sceneset_report_clear(&rep);

	stick_clear(f);
	put_scene(f->stick, "1.3.yaml", "1.3.yaml");
	assert_int_equal(import(f, 1000, &rep), 0);
	sceneset_report_clear(&rep);
	stick_clear(f);
	put_scene(f->stick, "1.4.yaml", "1.4.yaml");
	assert_int_equal(import(f, 2000, &rep), 0);
	sceneset_report_clear(&rep);

	/* terug.txt in any case; the scene file next to it is not read */
	stick_clear(f);
	put(f->stick, "Terug.txt", "");
	put_scene(f->stick, "1.5.yaml", "1.5.yaml");
	assert_int_equal(import(f, 3000, &rep), 0);
	assert_true(rep.stepped_back);
	assert_true(rep.changed);
	assert_int_equal(rep.taken, 0);
	lines = sceneset_report_lines(&rep, 5);
	assert_string_equal(lines[0], "Terug naar de vorige scènes.");
	sceneset_lines_free(lines);
	sceneset_report_clear(&rep);
	assert_link(f->data, "scenes", "sets/set-000000001000-000");
	assert_link(f->data, "scenes.prev", "sets/set-000000002000-000");
	assert_current_is(f, "1.4.yaml", NULL);
	assert_current_is(f, "1.5.yaml", NULL);
	assert_current_is_scene(f, "1.3.yaml", "1.3.yaml");
	assert_int_equal(count_sets(f), 2);

	/* and forward again */
	assert_int_equal(import(f, 3001, &rep), 0);
	assert_true(rep.changed);
	sceneset_report_clear(&rep);
	assert_link(f->data, "scenes", "sets/set-000000002000-000");
	assert_link(f->data, "scenes.prev", "sets/set-000000001000-000");
	assert_current_is_scene(f, "1.4.yaml", "1.4.yaml");
}

static void test_step_back_to_bundled(void **state)
{
	struct fx *f = *state;
	struct bt_import_report rep;
	put_scene(f->stick, "1.3.yaml", "1.3.yaml");
	assert_int_equal(import(f, 1000, &rep), 0);
	sceneset_report_clear(&rep);

	stick_clear(f);
	put(f->stick, "terug.txt", "");
	assert_int_equal(import(f, 1001, &rep), 0);
	assert_true(rep.changed);
	sceneset_report_clear(&rep);
	assert_link(f->data, "scenes", NULL);
	assert_link(f->data, "scenes.prev", "sets/set-000000001000-000");
	char *cur = sceneset_current(f->data, f->bundled);
	assert_string_equal(cur, f->bundled);
	free(cur);

	assert_int_equal(import(f, 1002, &rep), 0);
	assert_true(rep.changed);
	sceneset_report_clear(&rep);
	assert_link(f->data, "scenes", "sets/set-000000001000-000");
	assert_link(f->data, "scenes.prev", NULL);
	assert_current_is_scene(f, "1.3.yaml", "1.3.yaml");
}

static void test_failure_leaves_current_set(void **state)
{
	struct fx *f = *state;
	struct bt_import_report rep;
	put_scene(f->stick, "1.3.yaml", "1.3.yaml");
	assert_int_equal(import(f, 1000, &rep), 0);
	sceneset_report_clear(&rep);

	/* midway: the new set is made, then scenes.prev cannot be replaced (a folder) */
	char *blocker = bt_xasprintf("%s/scenes.prev", f->data);
	assert_int_equal(mkdir(blocker, 0700), 0);
	put(blocker, "keep", "x");
	stick_clear(f);
	char *changed = scene_changed();
	put(f->stick, "1.1.yaml", changed);
	put_scene(f->stick, "1.4.yaml", "1.4.yaml");
	assert_int_equal(import(f, 2000, &rep), -1);
	assert_true(rep.failed);
	assert_false(rep.changed);
	assert_true(why_find(&rep, f->data, NULL) >= 0);
	char **lines = sceneset_report_lines(&rep, 5);
	assert_string_equal(lines[0],
	                    "De scènes van de stick zijn niet overgenomen: er ging iets mis.");
	assert_non_null(strstr(lines[1], "de nieuwe scènes kunnen niet gebruikt worden"));
	sceneset_lines_free(lines);
	sceneset_report_clear(&rep);
	assert_link(f->data, "scenes", "sets/set-000000001000-000");
	assert_current_is_scene(f, "1.1.yaml", "1.1.yaml");
	assert_current_is(f, "1.4.yaml", NULL);
	assert_int_equal(count_sets(f), 1); /* the half-used new set is gone */
	tu_rmtree(blocker);
	free(blocker);

	/* the stick folder went away */
	char *gone = bt_xasprintf("%s/nowhere", f->root);
	assert_int_equal(sceneset_import(f->data, gone, f->bundled, f->icons, 3000, &rep), -1);
	assert_true(rep.failed);
	assert_true(why_find(&rep, gone, NULL) >= 0);
	sceneset_report_clear(&rep);
	free(gone);
	assert_link(f->data, "scenes", "sets/set-000000001000-000");

	/* the data folder cannot be written (root writes anyway: then this part is moot) */
	if (geteuid() != 0) {
		char *sets = bt_xasprintf("%s/sets", f->data);
		assert_int_equal(chmod(sets, 0500), 0);
		assert_int_equal(import(f, 4000, &rep), -1);
		assert_true(rep.failed);
		sceneset_report_clear(&rep);
		assert_int_equal(chmod(sets, 0700), 0);
		free(sets);
		assert_link(f->data, "scenes", "sets/set-000000001000-000");
		assert_int_equal(count_sets(f), 1);
	}
	assert_current_is_scene(f, "1.1.yaml", "1.1.yaml");
	assert_current_is_scene(f, "1.3.yaml", "1.3.yaml");

	/* and a good import afterwards still works */
	assert_int_equal(import(f, 5000, &rep), 0);
	assert_true(rep.changed);
	assert_int_equal(rep.taken, 2);
	sceneset_report_clear(&rep);
	assert_current_is(f, "1.1.yaml", changed);
	free(changed);
}

static void test_refuses_links_and_odd_files(void **state)
{
	struct fx *f = *state;
	struct bt_import_report rep;
	put_scene(f->root, "outside.yaml", "1.4.yaml");
	put_scene(f->stick, "1.3.yaml", "1.3.yaml");
	char *p = bt_xasprintf("%s/link.yaml", f->stick);
	assert_int_equal(symlink("../outside.yaml", p), 0);
	free(p);
	p = bt_xasprintf("%s/big.yaml", f->stick);
	FILE *big = fopen(p, "w");
	assert_non_null(big);
	for (int i = 0; i < 256 * 1024 / 16 + 1; i++)
		fputs("# long comment!\n", big); /* 16 bytes */
	fclose(big);
	free(p);
	p = bt_xasprintf("%s/map.yaml", f->stick);
	assert_int_equal(mkdir(p, 0700), 0);
	free(p);
	p = bt_xasprintf("%s/pipe.yaml", f->stick);
	assert_int_equal(mkfifo(p, 0600), 0);
	free(p);
	put_scene(f->stick, "odd\tname.yaml", "1.5.yaml");

	assert_int_equal(import(f, 1000, &rep), 0);
	assert_true(rep.changed);
	assert_int_equal(rep.taken, 1);
	assert_int_equal(rep.refused, 5);
	assert_true(why_find(&rep, "link.yaml", "snelkoppeling") >= 0);
	assert_true(why_find(&rep, "big.yaml", "te groot") >= 0);
	assert_true(why_find(&rep, "map.yaml", "geen gewoon bestand") >= 0);
	assert_true(why_find(&rep, "pipe.yaml", "geen gewoon bestand") >= 0);
	assert_true(why_find(&rep, "odd name.yaml", "vreemde tekens") >= 0);
	sceneset_report_clear(&rep);

	assert_current_is_scene(f, "1.3.yaml", "1.3.yaml");
	assert_current_is(f, "link.yaml", NULL);
	assert_current_is(f, "big.yaml", NULL);
	char *cur = sceneset_current(f->data, f->bundled);
	assert_int_equal(count_entries(cur), 3); /* 1.1, 1.2, 1.3 */
	free(cur);
}

static void test_same_session_number_refused(void **state)
{
	struct fx *f = *state;
	struct bt_import_report rep;
	/* sorts before 1.1.yaml: the bundled 1.1 would break */
	char *changed = scene_changed();
	put(f->stick, "0-nieuw.yaml", changed);
	/* sorts after 1.2.yaml: it breaks itself */
	put_scene(f->stick, "zz.yaml", "1.2.yaml");
	put_scene(f->stick, "1.3.yaml", "1.3.yaml");
	assert_int_equal(import(f, 1000, &rep), 0);
	assert_true(rep.changed);
	assert_int_equal(rep.taken, 1);
	assert_int_equal(rep.refused, 2);
	int a = why_find(&rep, "0-nieuw.yaml", "sessie 1.1 staat al in 1.1.yaml");
	int b = why_find(&rep, "zz.yaml", "1.2.yaml");
	assert_true(a >= 0);
	assert_true(b >= 0);
	assert_true(rep.why.v[a].line > 0);
	assert_null(strstr(rep.why.v[b].msg, "/sets/")); /* names as the trainer knows them */
	sceneset_report_clear(&rep);
	assert_current_is_scene(f, "1.1.yaml", "1.1.yaml");
	assert_current_is_scene(f, "1.2.yaml", "1.2.yaml");
	assert_current_is_scene(f, "1.3.yaml", "1.3.yaml");
	assert_current_is(f, "0-nieuw.yaml", NULL);
	assert_current_is(f, "zz.yaml", NULL);
	free(changed);

	/* only such files: nothing to switch to */
	stick_clear(f);
	put_scene(f->stick, "zz.yaml", "1.2.yaml");
	assert_int_equal(import(f, 2000, &rep), 0);
	assert_false(rep.changed);
	assert_int_equal(rep.taken, 0);
	assert_int_equal(rep.refused, 1);
	sceneset_report_clear(&rep);
	assert_link(f->data, "scenes", "sets/set-000000001000-000");
	assert_int_equal(count_sets(f), 1);
}

static void test_at_most_100_files(void **state)
{
	struct fx *f = *state;
	struct bt_import_report rep;
	for (int i = 0; i < 105; i++) {
		char name[32];
		snprintf(name, sizeof(name), "f%03d.yaml", i);
		put(f->stick, name, "sessie: \"9.9\"\n");
	}
	assert_int_equal(import(f, 1000, &rep), 0);
	assert_false(rep.changed);
	assert_int_equal(rep.taken, 0);
	assert_int_equal(rep.refused, 105);
	int w = why_find(&rep, "f100.yaml", "alleen de eerste 100");
	assert_true(w >= 0);
	assert_non_null(strstr(rep.why.v[w].msg, "5 bestand(en) overgeslagen"));
	assert_true(why_find(&rep, "f099.yaml", NULL) >= 0);
	assert_int_equal(why_find(&rep, "f101.yaml", NULL), -1);
	sceneset_report_clear(&rep);
	assert_int_equal(count_sets(f), 0);
	char *cur = sceneset_current(f->data, f->bundled);
	assert_string_equal(cur, f->bundled);
	free(cur);
}

static void test_current_falls_back_to_bundled(void **state)
{
	struct fx *f = *state;
	char *cur = sceneset_current(f->data, f->bundled); /* no data folder */
	assert_string_equal(cur, f->bundled);
	free(cur);
	assert_int_equal(mkdir(f->data, 0700), 0);
	cur = sceneset_current(f->data, f->bundled);
	assert_string_equal(cur, f->bundled);
	free(cur);
	/* a link to a set that is gone */
	char *link = bt_xasprintf("%s/scenes", f->data);
	assert_int_equal(symlink("sets/set-000000000001-000", link), 0);
	cur = sceneset_current(f->data, f->bundled);
	assert_string_equal(cur, f->bundled);
	free(cur);
	/* a folder put there by hand counts */
	assert_int_equal(unlink(link), 0);
	assert_int_equal(mkdir(link, 0700), 0);
	cur = sceneset_current(f->data, f->bundled);
	assert_string_equal(cur, link);
	free(cur);
	free(link);
}

static void test_report_round_trip(void **state)
{
	struct fx *f = *state;
	struct bt_import_report rep = {0}, back;
	assert_int_equal(sceneset_report_read(f->data, &back), -ENOENT);
	rep.taken = 2;
	rep.refused = 25;
	rep.changed = true;
	diags_add(&rep.why, "x.yaml", 7, "a\tb\nc");
	for (int i = 1; i < 25; i++)
		diags_add(&rep.why, "y.yaml", i, "reason %d", i);
	assert_int_equal(sceneset_report_write(f->data, &rep), 0);
	sceneset_report_clear(&rep);

	char *path = bt_xasprintf("%s/stick/result", f->data);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	char *tmp = bt_xasprintf("%s/stick/result.tmp", f->data);
	assert_int_equal(access(tmp, F_OK), -1);
	free(tmp);

	assert_int_equal(sceneset_report_read(f->data, &back), 0);
	assert_int_equal(back.taken, 2);
	assert_int_equal(back.refused, 25);
	assert_true(back.changed);
	assert_false(back.failed);
	assert_false(back.stepped_back);
	assert_int_equal(back.why.n, BT_IMPORT_REPORT_MAX_WHY);
	assert_int_equal(back.why_more, 25 - BT_IMPORT_REPORT_MAX_WHY);
	assert_string_equal(back.why.v[0].file, "x.yaml");
	assert_int_equal(back.why.v[0].line, 7);
	assert_string_equal(back.why.v[0].msg, "a b c");
	char **lines = sceneset_report_lines(&back, 3);
	assert_string_equal(lines[0],
	                    "Scènes bijgewerkt: 2 bestand(en) overgenomen, 25 geweigerd.");
	assert_string_equal(lines[1], "x.yaml:7: a b c");
	assert_string_equal(lines[3], "y.yaml:2: reason 2");
	assert_string_equal(lines[4], "(en nog 22)");
	assert_null(lines[5]);
	sceneset_lines_free(lines);
	sceneset_report_clear(&back);

	/* a real import's report, and a file that is not a result */
	put_scene(f->stick, "1.3.yaml", "1.3.yaml");
	assert_int_equal(import(f, 1000, &rep), 0);
	assert_int_equal(sceneset_report_write(f->data, &rep), 0);
	sceneset_report_clear(&rep);
	assert_int_equal(sceneset_report_read(f->data, &back), 0);
	assert_true(back.changed);
	assert_int_equal(back.taken, 1);
	assert_int_equal(back.why.n, 0);
	sceneset_report_clear(&back);

	/* a stick that only took the trainer's report: one line, no scene lines */
	rep.exported = 2;
	rep.no_scenes = true;
	assert_int_equal(sceneset_report_write(f->data, &rep), 0);
	assert_int_equal(sceneset_report_read(f->data, &back), 0);
	assert_int_equal(back.exported, 2);
	assert_true(back.no_scenes);
	lines = sceneset_report_lines(&back, 3);
	assert_non_null(strstr(lines[0], "Verslag op de USB-stick gezet"));
	assert_non_null(strstr(lines[0], "2 bestand"));
	assert_null(lines[1]);
	sceneset_lines_free(lines);
	sceneset_report_clear(&back);
	/* a failed move says so, and the scenes' line follows */
	rep.exported = 0;
	rep.export_failed = true;
	rep.no_scenes = false;
	lines = sceneset_report_lines(&rep, 3);
	assert_non_null(strstr(lines[0], "niet helemaal op de stick"));
	assert_string_equal(lines[1], "Geen scènebestanden op de stick.");
	sceneset_lines_free(lines);
	memset(&rep, 0, sizeof(rep));

	tu_write(path, "taken 5\n");
	assert_int_equal(sceneset_report_read(f->data, &back), -EINVAL);
	assert_int_equal(back.taken, 0);
	free(path);
	sceneset_lines_free(NULL);
	sceneset_report_clear(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_takes_good_refuses_broken, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_keeps_one_step_back, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_same_stick_twice_changes_nothing, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_step_back, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_step_back_to_bundled, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_failure_leaves_current_set, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_refuses_links_and_odd_files, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_same_session_number_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_at_most_100_files, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_current_falls_back_to_bundled, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_report_round_trip, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
