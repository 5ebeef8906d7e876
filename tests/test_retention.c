/* How long journals stay: retiring a finished session's journal to closed/,
 * pruning by age, and the app's three retention settings. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "catalog.h"
#include "journal.h"
#include "testutil.h"
#include "util.h"

#define DAY 86400
#define NOW ((int64_t)1700000000) /* a fixed "now" for the pruning tests */

struct fixture {
	char *dir;
	char *scenes;
	char *data;
	struct bt_catalog *catalog;
};

static int setup(void **state)
{
	struct fixture *f = bt_xcalloc(1, sizeof(*f));
	f->dir = tu_tmpdir();
	f->scenes = bt_xasprintf("%s/scenes", f->dir);
	f->data = bt_xasprintf("%s/data", f->dir);
	mkdir(f->scenes, 0700);
	char *p = bt_xasprintf("%s/1.2.yaml", f->scenes);
	tu_write(p, TU_SESSION);
	free(p);
	f->catalog = catalog_load(f->scenes, NULL);
	assert_non_null(catalog_find(f->catalog, "1.2"));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	catalog_destroy(f->catalog);
	tu_rmtree(f->dir);
	free(f->dir);
	free(f->scenes);
	free(f->data);
	free(f);
	return 0;
}

/* An open journal for id under data/journal with a few events. */
static struct bt_journal *open_journal(const char *data, const char *id)
{
	int err;
	char *path = journal_path(data, id, &err);
	assert_int_equal(err, 0);
	struct bt_journal *j;
	struct bt_event *evs;
	size_t n;
	char *warn;
	assert_int_equal(journal_open(path, id, 42, &evs, &n, &warn, &j), 0);
	free(evs);
	free(warn);
	struct bt_event e = event_trainer(BT_TK_NEXT, 10);
	assert_int_equal(journal_append(j, &e), 0);
	e = event_seat(2, BT_SK_DIGIT, 3, 20);
	assert_int_equal(journal_append(j, &e), 0);
	free(path);
	return j;
}

static bool exists(const char *fmt, const char *a, const char *b)
{
	char *p = bt_xasprintf(fmt, a, b);
	bool ok = access(p, F_OK) == 0;
	free(p);
	return ok;
}

static void set_mtime(const char *data, const char *name, int64_t when)
{
	char *p = bt_xasprintf("%s/journal/closed/%s", data, name);
	struct timespec ts[2] = {{.tv_sec = (time_t)when}, {.tv_sec = (time_t)when}};
	assert_int_equal(utimensat(AT_FDCWD, p, ts, 0), 0);
	free(p);
}

/* Regular files under path, in every subfolder. */
static int count_files(const char *path)
{
	DIR *d = opendir(path);
	if (!d)
		return 0;
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char *p = bt_xasprintf("%s/%s", path, e->d_name);
		struct stat st;
		if (lstat(p, &st) == 0)
			n += S_ISDIR(st.st_mode) ? count_files(p) : 1;
		free(p);
	}
	closedir(d);
	return n;
}

static void test_retire_moves_to_closed(void **state)
{
	struct fixture *f = *state;
	struct bt_journal *j = open_journal(f->data, "1.2");
	assert_true(exists("%s/journal/%s.journal", f->data, "1.2"));
	assert_int_equal(journal_retire(j, f->data), 0);
	assert_false(exists("%s/journal/%s.journal", f->data, "1.2"));

	char *p = bt_xasprintf("%s/journal/closed/1.2.1.journal", f->data);
	struct stat st;
	assert_int_equal(stat(p, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0600);
	/* the whole journal moved, header and all */
	struct bt_journal_info info;
	assert_int_equal(journal_peek(p, &info), 0);
	assert_string_equal(info.session_id, "1.2");
	assert_int_equal(info.hash, 42);
	free(p);
	p = bt_xasprintf("%s/journal/closed", f->data);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0077, 0); /* the owner only */
	free(p);

	/* the same session again: the next free number, the first one stays */
	j = open_journal(f->data, "1.2");
	assert_int_equal(journal_retire(j, f->data), 0);
	assert_true(exists("%s/journal/closed/%s.1.journal", f->data, "1.2"));
	assert_true(exists("%s/journal/closed/%s.2.journal", f->data, "1.2"));
	assert_false(exists("%s/journal/%s.journal", f->data, "1.2"));
	p = bt_xasprintf("%s/journal/closed/1.2.2.journal", f->data);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	free(p);
	assert_int_equal(journal_retire(NULL, f->data), 0);
}

/* Two closed journals of different ages and one open journal. */
static void closed_pair(const char *data, int64_t age_a, int64_t age_b)
{
	assert_int_equal(journal_retire(open_journal(data, "1.2"), data), 0);
	assert_int_equal(journal_retire(open_journal(data, "2.1"), data), 0);
	set_mtime(data, "1.2.1.journal", NOW - age_a);
	set_mtime(data, "2.1.1.journal", NOW - age_b);
	journal_close(open_journal(data, "3.4")); /* unfinished */
}

static void test_prune_by_age(void **state)
{
	struct fixture *f = *state;
	closed_pair(f->data, 8 * DAY, 1 * DAY);
	assert_int_equal(journal_prune(f->data, 7, false, NOW), 1);
	assert_false(exists("%s/journal/closed/%s.1.journal", f->data, "1.2"));
	assert_true(exists("%s/journal/closed/%s.1.journal", f->data, "2.1"));
	assert_true(exists("%s/journal/%s.journal", f->data, "3.4"));
	/* nothing more to do the second time */
	assert_int_equal(journal_prune(f->data, 7, false, NOW), 0);
	assert_true(exists("%s/journal/closed/%s.1.journal", f->data, "2.1"));
}

static void test_prune_boundary(void **state)
{
	struct fixture *f = *state;
	/* exactly 7 days old goes; a second younger stays */
	closed_pair(f->data, 7 * DAY, 7 * DAY - 1);
	assert_int_equal(journal_prune(f->data, 7, false, NOW), 1);
	assert_false(exists("%s/journal/closed/%s.1.journal", f->data, "1.2"));
	assert_true(exists("%s/journal/closed/%s.1.journal", f->data, "2.1"));
}

static void test_prune_keep_zero(void **state)
{
	struct fixture *f = *state;
	closed_pair(f->data, 8 * DAY, 0);
	char *notes = bt_xasprintf("%s/journal/closed/lees-mij.txt", f->data);
	tu_write(notes, "geen journaal");
	assert_int_equal(journal_prune(f->data, 0, false, NOW), 2);
	assert_false(exists("%s/journal/closed/%s.1.journal", f->data, "1.2"));
	assert_false(exists("%s/journal/closed/%s.1.journal", f->data, "2.1"));
	assert_true(access(notes, F_OK) == 0); /* only journals are deleted */
	assert_true(exists("%s/journal/%s.journal", f->data, "3.4"));
	free(notes);
}

static void test_prune_also_open(void **state)
{
	struct fixture *f = *state;
	closed_pair(f->data, 8 * DAY, 1 * DAY);
	journal_close(open_journal(f->data, "5.6"));
	assert_int_equal(journal_prune(f->data, 7, true, NOW), 3);
	assert_false(exists("%s/journal/closed/%s.1.journal", f->data, "1.2"));
	assert_true(exists("%s/journal/closed/%s.1.journal", f->data, "2.1"));
	assert_false(exists("%s/journal/%s.journal", f->data, "3.4"));
	assert_false(exists("%s/journal/%s.journal", f->data, "5.6"));
	/* with keep_days 0 as well nothing is left */
	assert_int_equal(journal_prune(f->data, 0, true, NOW), 1);
	char *j = bt_xasprintf("%s/journal", f->data);
	assert_int_equal(count_files(j), 0);
	free(j);
}

static void test_prune_without_folder(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(journal_prune(f->data, 7, true, NOW), 0);
	assert_int_equal(journal_prune(f->data, 0, false, NOW), 0);
}

static bool key(struct bt_app *a, enum bt_trainer_key k)
{
	struct bt_event e = event_trainer(k, 0);
	return app_handle(a, &e);
}

static bool press(struct bt_app *a, int seat, int digit)
{
	struct bt_event e = event_seat(seat, BT_SK_DIGIT, digit, 0);
	return app_handle(a, &e);
}

/* Plays session 1.2 to its end and closes it. */
static void finish_session(struct bt_app *a)
{
	assert_int_equal(app_open_session(a, "1.2", 0), 0);
	press(a, 1, 1);
	for (int i = 0; i < 4; i++)
		key(a, BT_TK_NEXT);
	assert_true(session_at_end(a->session));
	key(a, BT_TK_NEXT);
	assert_int_equal(a->mode, BT_MODE_MENU);
	assert_non_null(strstr(a->notice, "afgesloten"));
}

static void test_app_never_writes_nothing(void **state)
{
	struct fixture *f = *state;
	/* an unfinished journal from before the setting changed, and a closed one */
	assert_int_equal(journal_retire(open_journal(f->data, "1.2"), f->data), 0);
	journal_close(open_journal(f->data, "1.2"));
	char *jdir = bt_xasprintf("%s/journal", f->data);
	assert_int_equal(count_files(jdir), 2);

	struct bt_app_options o = {.data_dir = f->data, .journal = BT_JOURNAL_NEVER};
	struct bt_app *a = app_create(f->catalog, &o);
	assert_false(exists("%s/journal/%s.journal", f->data, "1.2"));
	assert_int_equal(count_files(jdir), 0);
	assert_false(app_unfinished(a, "1.2"));
	assert_null(strstr(a->notice, "niet afgemaakt"));

	/* a running session writes nothing */
	assert_int_equal(app_open_session(a, "1.2", 0), 0);
	assert_null(a->journal);
	key(a, BT_TK_ENTER);
	press(a, 1, 2);
	press(a, 2, 3);
	key(a, BT_TK_NEXT);
	assert_int_equal(a->session->current, 1);
	assert_int_equal(count_files(jdir), 0);
	assert_false(a->journal_failed);
	/* leaving it unfinished leaves nothing to resume */
	key(a, BT_TK_MENU);
	assert_int_equal(count_files(jdir), 0);
	app_destroy(a);
	a = app_create(f->catalog, &o);
	assert_false(app_unfinished(a, "1.2"));
	app_destroy(a);
	free(jdir);
}

static void test_app_days_keeps_closed(void **state)
{
	struct fixture *f = *state;
	int64_t now = (int64_t)time(NULL);
	struct bt_app_options o = {
	    .data_dir = f->data, .journal = BT_JOURNAL_DAYS, .journal_days = 7, .now_wall = now};
	struct bt_app *a = app_create(f->catalog, &o);
	finish_session(a);
	assert_false(exists("%s/journal/%s.journal", f->data, "1.2"));
	assert_true(exists("%s/journal/closed/%s.1.journal", f->data, "1.2"));
	assert_false(app_unfinished(a, "1.2"));
	app_destroy(a);

	/* the next start keeps it and does not offer it for resume */
	a = app_create(f->catalog, &o);
	assert_true(exists("%s/journal/closed/%s.1.journal", f->data, "1.2"));
	assert_false(app_unfinished(a, "1.2"));
	assert_null(strstr(a->notice, "niet afgemaakt"));
	/* Enter starts the session fresh, not from the closed journal */
	assert_true(key(a, BT_TK_ENTER));
	assert_int_equal(a->mode, BT_MODE_SESSION);
	assert_int_equal(a->session->current, 0);
	assert_null(strstr(a->notice, "Verder waar we waren"));
	app_destroy(a);

	/* without a wall clock nothing is pruned, however old */
	set_mtime(f->data, "1.2.1.journal", now - 100 * DAY);
	o.now_wall = 0;
	a = app_create(f->catalog, &o);
	assert_true(exists("%s/journal/closed/%s.1.journal", f->data, "1.2"));
	app_destroy(a);

	/* eight days later it is gone; the unfinished journal stays for resume */
	o.now_wall = now;
	set_mtime(f->data, "1.2.1.journal", now - 8 * DAY);
	a = app_create(f->catalog, &o);
	assert_false(exists("%s/journal/closed/%s.1.journal", f->data, "1.2"));
	assert_true(app_unfinished(a, "1.2"));
	assert_non_null(strstr(a->notice, "Bijeenkomst 1.2 is niet afgemaakt."));
	app_destroy(a);
}

static void test_app_until_close_deletes_closed(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(journal_retire(open_journal(f->data, "1.2"), f->data), 0);
	assert_int_equal(journal_retire(open_journal(f->data, "1.2"), f->data), 0);
	journal_close(open_journal(f->data, "1.2")); /* unfinished */
	char *closed = bt_xasprintf("%s/journal/closed", f->data);
	assert_int_equal(count_files(closed), 2);

	struct bt_app_options o = {.data_dir = f->data}; /* the default: until-close */
	assert_int_equal(o.journal, BT_JOURNAL_UNTIL_CLOSE);
	struct bt_app *a = app_create(f->catalog, &o);
	assert_int_equal(count_files(closed), 0);
	/* the unfinished session is still offered */
	assert_true(app_unfinished(a, "1.2"));
	assert_non_null(strstr(a->notice, "Bijeenkomst 1.2 is niet afgemaakt."));
	app_destroy(a);

	/* finishing a session deletes its journal instead of keeping it */
	a = app_create(f->catalog, &o);
	assert_int_equal(app_open_session(a, "1.2", 0), 0);
	for (int i = 0; i < 10 && !session_at_end(a->session); i++)
		key(a, BT_TK_NEXT);
	assert_true(session_at_end(a->session));
	key(a, BT_TK_NEXT);
	assert_int_equal(a->mode, BT_MODE_MENU);
	char *jdir = bt_xasprintf("%s/journal", f->data);
	assert_int_equal(count_files(jdir), 0);
	app_destroy(a);
	free(jdir);
	free(closed);
}

/* A box that runs for weeks: closing a session also prunes what has expired since. */
static void test_app_prunes_at_close(void **state)
{
	struct fixture *f = *state;
	int64_t now = (int64_t)time(NULL);
	struct bt_app_options o = {
	    .data_dir = f->data, .journal = BT_JOURNAL_DAYS, .journal_days = 7, .now_wall = now};
	struct bt_app *a = app_create(f->catalog, &o);
	finish_session(a); /* 1.2.1.journal, fresh */
	/* while bergtop runs, that journal ages past the setting */
	set_mtime(f->data, "1.2.1.journal", now - 8 * DAY);
	finish_session(a); /* closing the next session prunes the old one */
	assert_false(exists("%s/journal/closed/%s.1.journal", f->data, "1.2"));
	assert_true(exists("%s/journal/closed/%s.2.journal", f->data, "1.2"));
	app_destroy(a);
}

/* W in the menu asks first; Enter erases journals (open and closed), board texts
 * (they live in the journals), seat bindings, waiting reports and the state dump. */
static void test_wipe_everything(void **state)
{
	struct fixture *f = *state;
	int64_t now = (int64_t)time(NULL);
	struct bt_app_options o = {
	    .data_dir = f->data, .journal = BT_JOURNAL_DAYS, .journal_days = 30, .now_wall = now};
	struct bt_app *a = app_create(f->catalog, &o);
	finish_session(a);
	assert_true(app_keypad(a, "usb-1:1.0", BT_PAD_DIGIT, 3, 0));
	assert_int_equal(seatmap_seat(&a->seatmap, "usb-1:1.0"), 1);
	assert_int_equal(app_open_session(a, "1.2", 0), 0);
	press(a, 1, 2);
	assert_true(key(a, BT_TK_EXPORT));
	assert_true(a->confirm_export);
	assert_true(key(a, BT_TK_ENTER));
	assert_non_null(strstr(a->notice, "Verslag klaar"));
	key(a, BT_TK_MENU); /* leaves 1.2 unfinished */
	assert_true(app_unfinished(a, "1.2"));
	char *seats = bt_xasprintf("%s/seats", f->data);
	char *dump = bt_xasprintf("%s/state.json", f->data);
	tu_write(dump, "{}");
	char *exp = bt_xasprintf("%s/export", f->data);
	assert_int_equal(count_files(exp), 2);
	assert_true(access(seats, F_OK) == 0);

	/* any other key than Enter does nothing */
	assert_true(key(a, BT_TK_WIPE));
	assert_true(a->confirm_wipe);
	assert_non_null(strstr(a->notice, "Alles wissen?"));
	assert_true(key(a, BT_TK_DOWN));
	assert_false(a->confirm_wipe);
	assert_true(app_unfinished(a, "1.2"));
	assert_int_equal(count_files(exp), 2);

	assert_true(key(a, BT_TK_WIPE));
	assert_true(key(a, BT_TK_ENTER));
	assert_non_null(strstr(a->notice, "Alles is gewist"));
	char *jdir = bt_xasprintf("%s/journal", f->data);
	assert_int_equal(count_files(jdir), 0);
	assert_int_equal(count_files(exp), 0);
	assert_false(access(seats, F_OK) == 0);
	assert_false(access(dump, F_OK) == 0);
	assert_int_equal(seatmap_seat(&a->seatmap, "usb-1:1.0"), 0);
	assert_false(app_unfinished(a, "1.2"));
	app_destroy(a);
	/* and after a restart nothing comes back */
	a = app_create(f->catalog, &o);
	assert_int_equal(seatmap_seat(&a->seatmap, "usb-1:1.0"), 0);
	assert_null(strstr(a->notice, "niet afgemaakt"));
	app_destroy(a);
	free(jdir);
	free(exp);
	free(seats);
	free(dump);
}

/* Reports only on the trainer's explicit X + Enter, never in the menu; one that no
 * USB stick took away within a day is deleted at the next start. */
static void test_export_only_on_request(void **state)
{
	struct fixture *f = *state;
	int64_t now = (int64_t)time(NULL);
	struct bt_app_options o = {.data_dir = f->data, .preseat = 3, .now_wall = now};
	struct bt_app *a = app_create(f->catalog, &o);
	char *exp = bt_xasprintf("%s/export", f->data);
	assert_true(key(a, BT_TK_EXPORT)); /* in the menu: says what to do, saves nothing */
	assert_false(a->confirm_export);
	assert_non_null(strstr(a->notice, "Open eerst een bijeenkomst"));
	finish_session(a);
	assert_int_equal(count_files(exp), 0); /* never automatically */
	assert_int_equal(app_open_session(a, "1.2", 0), 0);
	press(a, 1, 4);
	assert_true(key(a, BT_TK_EXPORT));
	assert_true(key(a, BT_TK_MENU)); /* not Enter: nothing */
	assert_int_equal(count_files(exp), 0);
	assert_int_equal(a->mode, BT_MODE_SESSION); /* the cancelling key did nothing else */
	assert_true(key(a, BT_TK_EXPORT));
	assert_true(key(a, BT_TK_ENTER));
	assert_int_equal(count_files(exp), 2);
	struct stat st;
	assert_int_equal(stat(exp, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	app_destroy(a);

	/* a day and more later, unfetched reports are gone */
	DIR *d = opendir(exp);
	assert_non_null(d);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		struct timespec ts[2] = {{.tv_sec = (time_t)(now - 25 * 3600)},
		                         {.tv_sec = (time_t)(now - 25 * 3600)}};
		assert_int_equal(utimensat(dirfd(d), e->d_name, ts, 0), 0);
	}
	closedir(d);
	a = app_create(f->catalog, &o);
	assert_int_equal(count_files(exp), 0);
	app_destroy(a);
	free(exp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_retire_moves_to_closed, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_prune_by_age, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_prune_boundary, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_prune_keep_zero, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_prune_also_open, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_prune_without_folder, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_app_never_writes_nothing, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_app_days_keeps_closed, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_app_until_close_deletes_closed, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_app_prunes_at_close, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_wipe_everything, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_export_only_on_request, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
