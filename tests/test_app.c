/* The app: resume after a crash replays to the identical state, the menu, help,
 * black screen, closing a session, and a journal that cannot be written. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "catalog.h"
#include "palette.h"
#include "testutil.h"
#include "util.h"

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
	p = bt_xasprintf("%s/1.3.yaml", f->scenes);
	tu_write(p, "sessie: \"1.3\"\nmodule: 1\ntitel: Kapot\nscenes:\n  - type: onbekend\n");
	free(p);
	f->catalog = catalog_load(f->scenes, NULL);
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

static char *dump(const struct bt_app *a)
{
	json_t *d = session_dump(a->session);
	char *s = json_dumps(d, JSON_SORT_KEYS);
	json_decref(d);
	return s;
}

static void test_catalog_keeps_broken_apart(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(f->catalog->n, 2);
	assert_int_equal(catalog_broken(f->catalog), 1);
	assert_non_null(catalog_find(f->catalog, "1.2"));
	assert_null(catalog_find(f->catalog, "1.3"));
	struct bt_app_options o = {.data_dir = f->data};
	struct bt_app *a = app_create(f->catalog, &o);
	assert_int_equal(app_open_session(a, "1.3", 0), -ENOENT);
	assert_int_equal(a->mode, BT_MODE_MENU);
	app_destroy(a);
}

static void test_resume_replays_identical_state(void **state)
{
	struct fixture *f = *state;
	struct bt_app_options o = {.data_dir = f->data, .preseat = 4};
	struct bt_app *a = app_create(f->catalog, &o);
	assert_int_equal(app_open_session(a, "1.2", 0), 0);
	key(a, BT_TK_ENTER);
	press(a, 1, 3);
	press(a, 2, 5);
	press(a, 5, 1); /* a late joiner */
	key(a, BT_TK_NEXT);
	key(a, BT_TK_NEXT);
	key(a, BT_TK_ENTER);
	press(a, 3, 2);
	press(a, 3, 1); /* changed their mind */
	char *live = dump(a);
	/* the process dies here: nothing is closed */
	struct bt_journal *j = a->journal;
	a->journal = NULL;
	journal_close(j);
	app_destroy(a);

	a = app_create(f->catalog, &o);
	assert_true(app_unfinished(a, "1.2"));
	assert_non_null(strstr(a->notice, "niet afgemaakt")); /* offered for resume */
	assert_true(key(a, BT_TK_ENTER));                     /* the menu selected it */
	assert_int_equal(a->mode, BT_MODE_SESSION);
	char *resumed = dump(a);
	assert_string_equal(live, resumed);
	assert_non_null(strstr(a->notice, "Verder waar we waren"));
	free(live);
	free(resumed);
	app_destroy(a);
}

static void test_finishing_removes_journal(void **state)
{
	struct fixture *f = *state;
	struct bt_app_options o = {.data_dir = f->data};
	struct bt_app *a = app_create(f->catalog, &o);
	app_open_session(a, "1.2", 0);
	press(a, 1, 1);
	assert_true(app_unfinished(a, "1.2"));
	for (int i = 0; i < 4; i++)
		key(a, BT_TK_NEXT);
	assert_true(session_at_end(a->session));
	key(a, BT_TK_NEXT);
	assert_int_equal(a->mode, BT_MODE_MENU);
	assert_false(app_unfinished(a, "1.2"));
	char *p = bt_xasprintf("%s/journal/1.2.journal", f->data);
	assert_int_equal(access(p, F_OK), -1);
	free(p);
	app_destroy(a);
}

static void test_menu_and_back(void **state)
{
	struct fixture *f = *state;
	struct bt_app_options o = {.data_dir = f->data};
	struct bt_app *a = app_create(f->catalog, &o);
	app_open_session(a, "1.2", 0);
	key(a, BT_TK_NEXT);
	key(a, BT_TK_MENU);
	assert_int_equal(a->mode, BT_MODE_MENU);
	assert_null(a->session);
	assert_true(key(a, BT_TK_MENU)); /* Esc again returns to the session */
	assert_int_equal(a->mode, BT_MODE_SESSION);
	assert_int_equal(a->session->current, 1);
	/* restart from the menu only after confirmation */
	key(a, BT_TK_MENU);
	a->menu_sel = 0;
	assert_true(key(a, BT_TK_DELETE));
	assert_true(a->confirm_restart);
	key(a, BT_TK_MENU); /* Esc: no */
	assert_true(app_unfinished(a, "1.2"));
	key(a, BT_TK_DELETE);
	key(a, BT_TK_ENTER); /* yes */
	assert_false(app_unfinished(a, "1.2"));
	key(a, BT_TK_ENTER);
	assert_int_equal(a->session->current, 0);
	app_destroy(a);
}

/* The texts of v in order, one per line (caller frees). */
static char *texts_of(const struct bt_view *v)
{
	char *s = bt_xstrdup("");
	for (size_t i = 0; i < v->n; i++) {
		if (v->items[i].kind != BT_ITEM_TEXT && v->items[i].kind != BT_ITEM_ICON)
			continue;
		char *t = bt_xasprintf("%s%s\n", s, v->items[i].str);
		free(s);
		s = t;
	}
	return s;
}

/* The frame made ready while idle is the one the trainer's next step shows: the same
 * texts and pictures, scene after scene; none in the menu or after the closing screen. */
static void test_view_ahead_is_next_frame(void **state)
{
	struct fixture *f = *state;
	struct bt_app_options o = {0};
	struct bt_app *a = app_create(f->catalog, &o);
	struct bt_view ahead = {0}, now = {0};
	view_reset(&ahead, 1920, 1080, BT_C_BG);
	assert_false(app_view_ahead(a, &ahead));
	assert_int_equal(ahead.n, 0);
	app_open_session(a, "1.2", 0);
	size_t steps = 0;
	while (a->session->current < a->session->def->n_scenes) {
		view_reset(&ahead, 1920, 1080, BT_C_BG);
		assert_true(app_view_ahead(a, &ahead));
		size_t was = a->session->current;
		key(a, BT_TK_NEXT);
		if (a->session->current == was)
			key(a, BT_TK_NEXT); /* a question opened first */
		assert_int_equal(a->session->current, was + 1);
		view_reset(&now, 1920, 1080, BT_C_BG);
		app_view(a, &now);
		char *want = texts_of(&now), *got = texts_of(&ahead);
		assert_string_equal(got, want);
		assert_true(strlen(want) > 0);
		free(want);
		free(got);
		steps++;
	}
	assert_int_equal(steps, a->session->def->n_scenes);
	view_reset(&ahead, 1920, 1080, BT_C_BG);
	assert_false(app_view_ahead(a, &ahead)); /* the closing screen: nothing after it */
	view_free(&ahead);
	view_free(&now);
	app_destroy(a);
}

static void test_help_and_blank_do_not_act(void **state)
{
	struct fixture *f = *state;
	struct bt_app_options o = {0};
	struct bt_app *a = app_create(f->catalog, &o);
	app_open_session(a, "1.2", 0);
	assert_true(key(a, BT_TK_HELP));
	assert_true(a->help);
	assert_true(key(a, BT_TK_NEXT)); /* closes help only */
	assert_false(a->help);
	assert_int_equal(a->session->current, 0);
	assert_true(key(a, BT_TK_BLANK));
	assert_true(a->blank);
	struct bt_view v = {0};
	view_reset(&v, 1280, 720, BT_C_BG);
	app_view(a, &v);
	assert_int_equal(v.n, 0);
	assert_int_equal(v.background.r, 0);
	/* participants still vote on a black screen */
	key(a, BT_TK_BLANK);
	key(a, BT_TK_ENTER);
	key(a, BT_TK_BLANK);
	assert_true(press(a, 2, 4));
	assert_true(key(a, BT_TK_NEXT)); /* brings the picture back, does not move on */
	assert_false(a->blank);
	assert_int_equal(a->session->current, 0);
	view_free(&v);
	app_destroy(a);
}

static void test_quit_needs_chord_key(void **state)
{
	struct fixture *f = *state;
	struct bt_app_options o = {0};
	struct bt_app *a = app_create(f->catalog, &o);
	for (int k = BT_TK_NEXT; k < BT_TK_COUNT; k++)
		if (k != BT_TK_QUIT)
			key(a, (enum bt_trainer_key)k);
	assert_false(a->quit);
	key(a, BT_TK_QUIT);
	assert_true(a->quit);
	app_destroy(a);
}

static void test_unwritable_data_dir_goes_on(void **state)
{
	struct fixture *f = *state;
	/* the data folder is a file: every journal write fails */
	tu_write(f->data, "not a folder");
	struct bt_app_options o = {.data_dir = f->data};
	struct bt_app *a = app_create(f->catalog, &o);
	assert_int_equal(app_open_session(a, "1.2", 0), 0);
	assert_true(a->journal_failed);
	assert_non_null(strstr(a->notice, "Opslaan lukt niet"));
	key(a, BT_TK_ENTER);
	assert_true(press(a, 1, 2));                             /* the session goes on in memory */
	assert_non_null(strstr(a->notice, "Opslaan lukt niet")); /* still told, not flooded */
	json_t *d = session_dump(a->session);
	assert_int_equal(
	    json_integer_value(json_object_get(
	        json_object_get(json_array_get(json_object_get(d, "scenes"), 0), "votes"), "1")),
	    2);
	json_decref(d);
	app_destroy(a);
	unlink(f->data);
}

static bool press_at(struct bt_app *a, int seat, int digit, uint32_t ms)
{
	struct bt_event e = event_seat(seat, BT_SK_DIGIT, digit, ms);
	return app_handle(a, &e);
}

/* Disk full in the middle of a session (a file-size limit stands in for a full
 * tmpfs): the trainer is told once, the votes count in memory, and when space
 * returns everything that waited is written, so a crash afterwards loses nothing. */
static void test_disk_full_then_space_returns(void **state)
{
	struct fixture *f = *state;
	struct bt_app_options o = {.data_dir = f->data, .preseat = 6};
	struct bt_app *a = app_create(f->catalog, &o);
	assert_int_equal(app_open_session(a, "1.2", 0), 0);
	key(a, BT_TK_ENTER);
	assert_true(press_at(a, 1, 3, 100));
	char *path = bt_xasprintf("%s/journal/1.2.journal", f->data);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	off_t before = st.st_size;

	/* the disk is full: not one byte more */
	struct rlimit old, lim;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	lim = old;
	lim.rlim_cur = (rlim_t)before;
	void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	assert_true(press_at(a, 2, 5, 200));
	assert_true(a->journal_failed);
	assert_non_null(strstr(a->notice, "Opslaan lukt niet"));
	char told[sizeof(a->notice)];
	snprintf(told, sizeof(told), "%s", a->notice);
	assert_true(press_at(a, 3, 1, 300));
	assert_true(press_at(a, 4, 2, 1500)); /* a retry that fails again */
	assert_string_equal(a->notice, told); /* told once, not a flood */
	assert_int_equal(a->n_backlog, 3);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, before); /* no torn record left behind */

	/* space returns: the next vote after the retry pause writes all that waited */
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, prev);
	assert_true(press_at(a, 5, 4, 1600)); /* too soon for a retry */
	assert_true(a->journal_failed);
	assert_true(press_at(a, 6, 2, 2600));
	assert_false(a->journal_failed);
	assert_int_equal(a->n_backlog, 0);
	assert_non_null(strstr(a->notice, "Opslaan werkt weer"));
	char *live = dump(a);

	/* power cut now: the resume has every vote, also those made while the disk was full */
	struct bt_journal *j = a->journal;
	a->journal = NULL;
	journal_close(j);
	app_destroy(a);
	a = app_create(f->catalog, &o);
	assert_true(key(a, BT_TK_ENTER));
	char *resumed = dump(a);
	assert_string_equal(live, resumed);
	free(live);
	free(resumed);
	free(path);
	app_destroy(a);
}

/* The journal could not even be created (the data folder is a file); when the folder
 * is usable again the whole session so far is written. */
static void test_journal_created_late(void **state)
{
	struct fixture *f = *state;
	tu_write(f->data, "not a folder");
	struct bt_app_options o = {.data_dir = f->data, .preseat = 3};
	struct bt_app *a = app_create(f->catalog, &o);
	assert_int_equal(app_open_session(a, "1.2", 0), 0);
	assert_true(a->journal_failed);
	key(a, BT_TK_ENTER);
	assert_true(press_at(a, 1, 2, 100));
	assert_true(press_at(a, 2, 3, 1200)); /* retry: still a file */
	assert_true(a->journal_failed);
	unlink(f->data);
	assert_int_equal(mkdir(f->data, 0700), 0);
	assert_true(press_at(a, 3, 4, 2300));
	assert_false(a->journal_failed);
	char *live = dump(a);
	struct bt_journal *j = a->journal;
	a->journal = NULL;
	journal_close(j);
	app_destroy(a);
	a = app_create(f->catalog, &o);
	assert_true(key(a, BT_TK_ENTER));
	char *resumed = dump(a);
	assert_string_equal(live, resumed);
	free(live);
	free(resumed);
	app_destroy(a);
}

static void test_keypads_claim_seats_and_blink(void **state)
{
	struct fixture *f = *state;
	struct bt_app_options o = {.data_dir = f->data};
	struct bt_app *a = app_create(f->catalog, &o);
	app_open_session(a, "1.2", 0);
	assert_true(app_keypad(a, "usb-1-1.1:1.0", BT_PAD_DIGIT, 3, 10));
	assert_string_equal(a->toast, "Nieuw: plek 1");
	assert_true(app_keypad(a, "usb-1-1.2:1.0", BT_PAD_DIGIT, 3, 20));
	assert_string_equal(a->toast, "Nieuw: plek 2");
	assert_int_equal(seats_count(&a->session->seats), 2);
	/* a vote that counts asks for the LED blink; before Enter nothing counts */
	assert_int_equal(a->out.n_blink, 0);
	/* no question is open: 0 makes the avatar wave ("which keypad is mine?") */
	app_keypad(a, "usb-1-1.1:1.0", BT_PAD_DIGIT, 0, 25);
	assert_int_equal(a->wave_seat, 1);
	assert_int_equal(app_next_wakeup(a), 33);
	assert_true(app_tick(a, 25 + 5000));
	assert_int_equal(a->wave_seat, 0);
	/* nothing moves: the loop sleeps until the clock line's next minute */
	assert_true(app_next_wakeup(a) > 50000);
	key(a, BT_TK_CLOCK); /* clock hidden: only the break reminder, half an hour away */
	assert_true(app_next_wakeup(a) > 29 * 60 * 1000);
	key(a, BT_TK_ENTER);
	app_keypad(a, "usb-1-1.2:1.0", BT_PAD_DIGIT, 4, 30);
	assert_int_equal(a->out.n_blink, 2); /* the wave's blink and this vote's */
	assert_string_equal(a->out.blink[1], "usb-1-1.2:1.0");
	/* in an open question 0 never waves: on a scale 0 is an answer, and a wave would
	 * show the room who pressed it */
	app_keypad(a, "usb-1-1.1:1.0", BT_PAD_DIGIT, 0, 40);
	assert_int_equal(a->wave_seat, 0);
	/* the same port after a replug keeps its seat; bindings survive a restart */
	app_destroy(a);
	a = app_create(f->catalog, &o);
	assert_int_equal(seatmap_seat(&a->seatmap, "usb-1-1.2:1.0"), 2);
	app_destroy(a);
	char *p = bt_xasprintf("%s/seats", f->data);
	struct stat st;
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	free(p);
}

/* A stick update shows its report as a notice of several lines; new scenes are
 * taken only in the menu (a running session points into the old catalog); the
 * SIGUSR1 dump names the mode, seats, votes and usable and broken files. */
static void test_stick_result_catalog_and_dump(void **state)
{
	struct fixture *f = *state;
	struct bt_app_options o = {.data_dir = f->data};
	struct bt_app *a = app_create(f->catalog, &o);
	char *lines[] = {"Scènes bijgewerkt: 1 bestand(en) overgenomen, 1 geweigerd.",
	                 "1.3.yaml:8: fout", NULL};
	assert_true(app_stick_result(a, lines));
	assert_string_equal(a->notice, "Scènes bijgewerkt: 1 bestand(en) overgenomen, 1 "
	                               "geweigerd.\n1.3.yaml:8: fout");
	struct bt_view v = {0};
	view_reset(&v, 1920, 1080, BT_C_BG);
	app_view(a, &v);
	bool shown = false;
	for (size_t i = 0; i < v.n; i++)
		shown |=
		    v.items[i].kind == BT_ITEM_TEXT && strstr(v.items[i].str, "1.3.yaml:8: fout");
	assert_true(shown);
	view_free(&v);

	/* a session is open: the catalog stays, even though the new one is valid */
	app_open_session(a, "1.2", 0);
	app_keypad(a, "usb-1-1.1:1.0", BT_PAD_DIGIT, 3, 10);
	key(a, BT_TK_ENTER);
	app_keypad(a, "usb-1-1.1:1.0", BT_PAD_DIGIT, 4, 30);
	struct bt_catalog *other = catalog_load(f->scenes, NULL);
	assert_false(app_set_catalog(a, other));
	assert_ptr_equal(a->catalog, f->catalog);

	json_t *d = app_dump(a);
	assert_string_equal(json_string_value(json_object_get(d, "mode")), "session");
	assert_string_equal(json_string_value(json_object_get(json_object_get(d, "seats"), "1")),
	                    "usb-1-1.1:1.0");
	json_t *sess = json_object_get(d, "session");
	assert_string_equal(json_string_value(json_object_get(sess, "session")), "1.2");
	json_t *ok = json_object_get(d, "sessions"), *broken = json_object_get(d, "broken");
	assert_int_equal(json_array_size(ok), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(ok, 0), "id")), "1.2");
	assert_int_equal(json_array_size(broken), 1);
	assert_non_null(strstr(json_string_value(json_array_get(broken, 0)), "1.3.yaml"));
	json_decref(d);

	/* in the menu it is taken */
	key(a, BT_TK_MENU);
	assert_true(app_set_catalog(a, other));
	assert_ptr_equal(a->catalog, other);
	d = app_dump(a);
	assert_string_equal(json_string_value(json_object_get(d, "mode")), "menu");
	assert_true(json_is_null(json_object_get(d, "session")));
	json_decref(d);
	app_destroy(a);
	catalog_destroy(other);
}

static void test_hand_queue(void **state)
{
	struct fixture *f = *state;
	struct bt_app_options o = {.data_dir = f->data};
	struct bt_app *a = app_create(f->catalog, &o);
	app_open_session(a, "1.2", 0);
	app_keypad(a, "p1", BT_PAD_HAND, 0, 1);
	app_keypad(a, "p2", BT_PAD_HAND, 0, 2);
	app_keypad(a, "p1", BT_PAD_HAND, 0, 3); /* asking twice keeps the place */
	assert_int_equal(a->session->n_hands, 2);
	assert_int_equal(a->session->hands[0], 1);
	struct bt_view v = {0};
	view_reset(&v, 1920, 1080, BT_C_BG);
	app_view(a, &v);
	int avatars_in_header = 0;
	for (size_t i = 0; i < v.n; i++)
		if (v.items[i].kind == BT_ITEM_AVATAR && v.items[i].box.y < 170)
			avatars_in_header++;
	assert_int_equal(avatars_in_header, 2);
	assert_true(key(a, BT_TK_HAND_NEXT));
	assert_int_equal(a->session->n_hands, 1);
	assert_int_equal(a->session->hands[0], 2);
	view_free(&v);
	app_destroy(a);
}

static void test_pairing_screen(void **state)
{
	struct fixture *f = *state;
	struct bt_app_options o = {.data_dir = f->data, .max_seats = 6};
	struct bt_app *a = app_create(f->catalog, &o);
	app_keypad(a, "pa", BT_PAD_DIGIT, 1, 1);
	app_keypad(a, "pb", BT_PAD_DIGIT, 1, 2);
	struct bt_devinfo kb = {
	    .port = "kb", .name = "Toetsenbord", .cls = BT_DEV_UNDECIDED, .present = true};
	app_device(a, &kb);
	assert_true(key(a, BT_TK_PAIRING));
	assert_true(a->pairing);
	int seat[20];
	const struct bt_devinfo *dev[20];
	assert_int_equal(app_pairing_rows(a, seat, dev, 20), 7); /* six seats and the keyboard */
	/* swap seats 1 and 2: S on seat 1, then Enter on seat 2 */
	key(a, BT_TK_SWAP);
	assert_int_equal(a->swap_from, 1);
	key(a, BT_TK_DOWN);
	key(a, BT_TK_ENTER);
	assert_int_equal(seatmap_seat(&a->seatmap, "pa"), 2);
	assert_int_equal(seatmap_seat(&a->seatmap, "pb"), 1);
	/* free seat 2 */
	key(a, BT_TK_DELETE);
	assert_int_equal(seatmap_seat(&a->seatmap, "pa"), 0);
	/* the keyboard row: the trainer says it is a keypad; the input layer is told */
	for (int i = 0; i < 6; i++)
		key(a, BT_TK_DOWN);
	key(a, BT_TK_LETTER_K);
	assert_int_equal(a->out.n_reclass, 1);
	assert_string_equal(a->out.reclass[0], "kb");
	assert_int_equal(a->out.reclass_to[0], BT_DEV_KEYPAD);
	/* the screen draws; Esc closes it */
	struct bt_view v = {0};
	view_reset(&v, 1280, 720, BT_C_BG);
	app_view(a, &v);
	assert_true(v.n > 20);
	view_free(&v);
	key(a, BT_TK_MENU);
	assert_false(a->pairing);
	/* the choices were saved */
	app_destroy(a);
	a = app_create(f->catalog, &o);
	assert_int_equal(seatmap_seat(&a->seatmap, "pb"), 1);
	assert_int_equal(seatmap_seat(&a->seatmap, "pa"), 0);
	app_destroy(a);
}

static void test_full_room(void **state)
{
	struct fixture *f = *state;
	struct bt_app_options o = {.max_seats = 2};
	struct bt_app *a = app_create(f->catalog, &o);
	app_keypad(a, "1", BT_PAD_DIGIT, 1, 1);
	app_keypad(a, "2", BT_PAD_DIGIT, 1, 1);
	assert_true(app_keypad(a, "3", BT_PAD_DIGIT, 1, 1));
	assert_non_null(strstr(a->toast, "Alle plekken zijn bezet"));
	assert_int_equal(seatmap_seat(&a->seatmap, "3"), 0);
	app_destroy(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_catalog_keeps_broken_apart, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_stick_result_catalog_and_dump, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_resume_replays_identical_state, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_finishing_removes_journal, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_menu_and_back, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_help_and_blank_do_not_act, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_quit_needs_chord_key, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unwritable_data_dir_goes_on, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_disk_full_then_space_returns, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_journal_created_late, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_keypads_claim_seats_and_blink, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_hand_queue, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_pairing_screen, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_full_room, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_view_ahead_is_next_frame, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
