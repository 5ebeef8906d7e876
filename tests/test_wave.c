/* The urge wave (3.2, 3.3): the stages at explicit times, pause and continue, restart,
 * the end, next_wakeup, urge ratings per round (the round of the event's time, a second
 * press replaces the first, undo, averages), the picture, determinism and parse errors. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "palette.h"
#include "session.h"
#include "testutil.h"
#include "util.h"

static const char *const WV_SESSION = "sessie: \"3.3\"\n"
                                      "module: 3\n"
                                      "titel: Verlangen\n"
                                      "doelen:\n"
                                      "  - Je weet dat verlangen weer weggaat.\n"
                                      "scenes:\n"
                                      "  - type: wave\n"
                                      "    minuten: 3\n"
                                      "  - type: wave\n"
                                      "    titel: Hoe sterk is het verlangen?\n"
                                      "    minuten: 2\n"
                                      "    meten: ja\n"
                                      "    elke: 30\n";

/* Scene 0: 180 s; rising until 54 s, the peak until 90 s, then ebbing.
 * Scene 1: 120 s in four rounds of 30 s. */

static bool trainer(struct bt_session *s, enum bt_trainer_key k, uint32_t t)
{
	struct bt_event e = event_trainer(k, t);
	return session_handle(s, &e);
}

static bool press(struct bt_session *s, int seat, int digit, uint32_t t)
{
	struct bt_event e = event_seat(seat, BT_SK_DIGIT, digit, t);
	return session_handle(s, &e);
}

static bool undo(struct bt_session *s, int seat, uint32_t t)
{
	struct bt_event e = event_seat(seat, BT_SK_UNDO, 0, t);
	return session_handle(s, &e);
}

static json_t *dump_at(struct bt_session *s, size_t i, uint32_t now)
{
	const struct bt_scene_def *d = &s->def->scenes[i];
	struct bt_scene_ctx c = {.def = s->def, .seats = &s->seats, .now_ms = now};
	json_t *o = json_object();
	d->type->dump(s->states[i], d->cfg, &c, o);
	return o;
}

#define STAGE(s, i, now, name)                                                                     \
	do {                                                                                       \
		json_t *o_ = dump_at(s, i, now);                                                   \
		assert_string_equal(json_string_value(json_object_get(o_, "stage")), name);        \
		json_decref(o_);                                                                   \
	} while (0)

static const char *hint(struct bt_session *s, uint32_t now)
{
	const struct bt_scene_def *d = &s->def->scenes[s->current];
	struct bt_scene_ctx c = {.def = s->def, .seats = &s->seats, .now_ms = now};
	/* the hint is a static string, not c's */
	/* cppcheck-suppress returnDanglingLifetime */
	return d->type->hint(s->states[s->current], d->cfg, &c);
}

static void test_stages(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(WV_SESSION);
	struct bt_session *s = session_create(def);
	STAGE(s, 0, 0, "waiting");
	assert_int_equal(session_next_wakeup(s, 0), -1);
	assert_string_equal(hint(s, 0), "Enter: begin");
	assert_true(trainer(s, BT_TK_ENTER, 1000));
	STAGE(s, 0, 1000, "rising");
	STAGE(s, 0, 54999, "rising");
	STAGE(s, 0, 55000, "peak");
	STAGE(s, 0, 73000, "peak"); /* the highest point: 40% of the time */
	STAGE(s, 0, 90999, "peak");
	STAGE(s, 0, 91000, "ebb");
	STAGE(s, 0, 180999, "ebb");
	STAGE(s, 0, 181000, "done");
	STAGE(s, 0, 900000, "done");
	assert_int_equal(session_next_wakeup(s, 1000), 33);
	assert_int_equal(session_next_wakeup(s, 120000), 33);
	assert_int_equal(session_next_wakeup(s, 180999), 33);
	assert_int_equal(session_next_wakeup(s, 181000), -1);
	assert_string_equal(hint(s, 2000), "Enter: pauze · R: opnieuw");
	assert_string_equal(hint(s, 200000), "R: opnieuw");
	assert_false(trainer(s, BT_TK_ENTER, 200000)); /* over: Enter does nothing */
	STAGE(s, 0, 200000, "done");
	json_t *o = dump_at(s, 0, 200000);
	assert_int_equal(json_integer_value(json_object_get(o, "elapsed_ms")), 180000);
	assert_null(json_object_get(o, "rounds")); /* not measuring */
	json_decref(o);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_pause_continue_restart(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(WV_SESSION);
	struct bt_session *s = session_create(def);
	trainer(s, BT_TK_ENTER, 0);
	assert_true(trainer(s, BT_TK_ENTER, 30000));
	json_t *o = dump_at(s, 0, 100000);
	assert_string_equal(json_string_value(json_object_get(o, "stage")), "paused");
	assert_string_equal(json_string_value(json_object_get(o, "paused_in")), "rising");
	assert_int_equal(json_integer_value(json_object_get(o, "elapsed_ms")), 30000);
	json_decref(o);
	assert_int_equal(session_next_wakeup(s, 100000), -1);
	assert_string_equal(hint(s, 100000), "Enter: verder · R: opnieuw");
	assert_true(trainer(s, BT_TK_ENTER, 100000)); /* 70 s paused */
	STAGE(s, 0, 123999, "rising");
	STAGE(s, 0, 124000, "peak");
	STAGE(s, 0, 249999, "ebb");
	STAGE(s, 0, 250000, "done");
	assert_int_equal(session_next_wakeup(s, 100000), 33);
	/* R: back to the start, asleep; Enter starts a fresh wave */
	assert_true(trainer(s, BT_TK_RESET, 260000));
	STAGE(s, 0, 260000, "waiting");
	assert_int_equal(session_next_wakeup(s, 260000), -1);
	assert_false(trainer(s, BT_TK_RESET, 261000));
	trainer(s, BT_TK_ENTER, 300000);
	STAGE(s, 0, 300000, "rising");
	STAGE(s, 0, 354000, "peak");
	session_destroy(s);
	sessiondef_destroy(def);
}

/* Rating of seat in round r (dump), -1 when none. */
static int rating(struct bt_session *s, uint32_t now, int r, const char *seat)
{
	json_t *o = dump_at(s, 1, now);
	json_t *round = json_array_get(json_object_get(o, "rounds"), (size_t)r);
	assert_non_null(round);
	json_t *v = json_object_get(json_object_get(round, "ratings"), seat);
	int out = v ? (int)json_integer_value(v) : -1;
	json_decref(o);
	return out;
}

/* Average of round r, or -1 when nobody rated. */
static double average(struct bt_session *s, uint32_t now, int r)
{
	json_t *o = dump_at(s, 1, now);
	json_t *a =
	    json_object_get(json_array_get(json_object_get(o, "rounds"), (size_t)r), "average");
	double out = json_is_real(a) ? json_real_value(a) : -1;
	json_decref(o);
	return out;
}

static void test_ratings_per_round(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(WV_SESSION);
	struct bt_session *s = session_create(def);
	trainer(s, BT_TK_NEXT, 0);
	json_t *o = dump_at(s, 1, 0);
	assert_int_equal(json_array_size(json_object_get(o, "rounds")), 4);
	assert_int_equal(json_integer_value(json_object_get(o, "round")), -1);
	json_decref(o);
	struct bt_event seats = {.type = BT_EV_SEATS, .digit = 3};
	session_handle(s, &seats);
	assert_false(press(s, 1, 5, 9000)); /* before the start: not counted */
	trainer(s, BT_TK_ENTER, 10000);
	/* the round is the one the event's time falls in */
	assert_true(press(s, 1, 5, 39999)); /* 29.999 s: round 0 */
	assert_true(press(s, 1, 3, 40000)); /* 30 s: round 1 */
	assert_int_equal(rating(s, 40000, 0, "1"), 5);
	assert_int_equal(rating(s, 40000, 1, "1"), 3);
	/* a second press in the same round replaces the first */
	assert_true(press(s, 2, 7, 40500));
	assert_true(press(s, 2, 6, 41000));
	assert_false(press(s, 2, 6, 42000)); /* the same again: nothing changes */
	assert_int_equal(rating(s, 42000, 1, "2"), 6);
	assert_int_equal(rating(s, 42000, 0, "2"), -1);
	assert_float_equal(average(s, 42000, 0), 5.0, 1e-9);
	assert_float_equal(average(s, 42000, 1), 4.5, 1e-9);
	assert_float_equal(average(s, 42000, 2), -1, 1e-9);
	/* undo takes this round's rating back */
	assert_false(undo(s, 3, 43000));
	assert_true(undo(s, 2, 43000));
	assert_float_equal(average(s, 43000, 1), 3.0, 1e-9);
	assert_true(press(s, 2, 4, 44000));
	/* paused: a press counts for the round the wave stopped in */
	trainer(s, BT_TK_ENTER, 50000); /* 40 s: round 1 */
	assert_true(press(s, 3, 8, 80000));
	assert_int_equal(rating(s, 80000, 1, "3"), 8);
	trainer(s, BT_TK_ENTER, 90000);
	assert_true(press(s, 3, 2, 110000)); /* 60 s: round 2 */
	assert_true(press(s, 1, 1, 110000));
	assert_true(press(s, 3, 0, 139999)); /* a 0 is a rating too: replaces the 2 */
	assert_float_equal(average(s, 140000, 1), (3 + 4 + 8) / 3.0, 1e-9);
	assert_float_equal(average(s, 140000, 2), 0.5, 1e-9);
	o = dump_at(s, 1, 140000);
	assert_int_equal(json_integer_value(json_object_get(o, "round")), 3);
	json_decref(o);
	/* the last round ends with the wave; after it nothing counts */
	assert_true(press(s, 1, 0, 169999));
	assert_false(press(s, 2, 0, 170000));
	assert_int_equal(rating(s, 170000, 3, "1"), 0);
	assert_int_equal(rating(s, 170000, 3, "2"), -1);
	/* R clears every round */
	trainer(s, BT_TK_RESET, 180000);
	for (int r = 0; r < 4; r++)
		assert_float_equal(average(s, 180000, r), -1, 1e-9);
	session_destroy(s);
	sessiondef_destroy(def);
}

static const struct bt_item *find_text(const struct bt_view *v, const char *needle)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->items[i].kind == BT_ITEM_TEXT && strstr(v->items[i].str, needle))
			return &v->items[i];
	return NULL;
}

/* The boat on the wave: the lowest "zeilboot" pictogram (the stage line may show one
 * too, higher up). */
static const struct bt_item *boat(const struct bt_view *v)
{
	const struct bt_item *b = NULL;
	for (size_t i = 0; i < v->n; i++) {
		const struct bt_item *it = &v->items[i];
		if (it->kind == BT_ITEM_ICON && strcmp(it->str, "zeilboot") == 0 &&
		    (!b || it->box.y > b->box.y))
			b = it;
	}
	assert_non_null(b);
	return b;
}

static int count_lines(const struct bt_view *v, struct bt_color c)
{
	int n = 0;
	for (size_t i = 0; i < v->n; i++) {
		const struct bt_item *it = &v->items[i];
		n += it->kind == BT_ITEM_LINE && it->fg.r == c.r && it->fg.g == c.g &&
		     it->fg.b == c.b;
	}
	return n;
}

static void view_at(struct bt_session *s, uint32_t now, struct bt_view *v)
{
	view_reset(v, 1920, 1080, BT_C_BG);
	struct bt_view_args a = {.now_ms = now};
	session_view(s, s->current, &a, v);
}

static void test_picture(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(WV_SESSION);
	struct bt_session *s = session_create(def);
	struct bt_view v = {0};
	view_at(s, 0, &v);
	assert_non_null(find_text(&v, "weer voorbij"));
	trainer(s, BT_TK_ENTER, 0);
	view_at(s, 30000, &v);
	assert_non_null(find_text(&v, "Het verlangen komt op"));
	struct bt_box rise = boat(&v)->box;
	/* smooth: one frame later the boat moved less than a pixel */
	view_at(s, 30033, &v);
	struct bt_box next = boat(&v)->box;
	assert_true(fabsf(next.x - rise.x) < 1 && fabsf(next.y - rise.y) < 2);
	view_at(s, 72000, &v);
	assert_non_null(find_text(&v, "Dit is het hoogste punt. Het gaat weer voorbij."));
	struct bt_box peak = boat(&v)->box;
	view_at(s, 150000, &v);
	assert_non_null(find_text(&v, "Het wordt minder"));
	struct bt_box ebb = boat(&v)->box;
	assert_true(rise.x < peak.x && peak.x < ebb.x); /* it rides on */
	assert_true(peak.y < rise.y && peak.y < ebb.y); /* highest at the peak */
	view_at(s, 180000, &v);
	assert_non_null(find_text(&v, "voorbij"));
	assert_non_null(find_text(&v, "Goed gedaan"));
	/* paused: the picture stands still */
	trainer(s, BT_TK_RESET, 190000);
	trainer(s, BT_TK_ENTER, 190000);
	trainer(s, BT_TK_ENTER, 200000);
	view_at(s, 200000, &v);
	size_t n1 = v.n;
	struct bt_box b1 = boat(&v)->box;
	view_at(s, 260000, &v);
	assert_int_equal(v.n, n1);
	assert_memory_equal(&b1, &boat(&v)->box, sizeof(b1));
	assert_non_null(find_text(&v, "Even wachten"));

	/* measuring: each seat's line in its colour, the average over the wave */
	trainer(s, BT_TK_NEXT, 260000);
	struct bt_event seats = {.type = BT_EV_SEATS, .digit = 3, .time_ms = 260000};
	session_handle(s, &seats);
	trainer(s, BT_TK_ENTER, 260000);
	view_at(s, 261000, &v);
	assert_non_null(find_text(&v, "Druk 0 tot 9"));
	assert_int_equal(count_lines(&v, BT_C_ACCENT), 0);
	press(s, 1, 6, 265000);
	press(s, 2, 8, 266000);
	press(s, 1, 4, 295000);
	press(s, 2, 5, 296000);
	press(s, 1, 2, 325000);
	view_at(s, 326000, &v);
	assert_int_equal(count_lines(&v, BT_C_ACCENT), 2); /* 7 -> 4.5 -> 2 */
	assert_int_equal(count_lines(&v, palette_seat_color(1)), 2);
	assert_int_equal(count_lines(&v, palette_seat_color(2)), 1);
	assert_int_equal(count_lines(&v, palette_seat_color(3)), 0);
	/* the average falls: each point lower (larger y) than the one before */
	float ys[3] = {0};
	int k = 0;
	for (size_t i = 0; i < v.n && k < 3; i++) {
		const struct bt_item *it = &v.items[i];
		if (it->kind == BT_ITEM_ELLIPSE && it->fg.r == BT_C_ACCENT.r &&
		    it->fg.g == BT_C_ACCENT.g && it->fg.b == BT_C_ACCENT.b && it->box.w > 20)
			ys[k++] = it->box.y;
	}
	assert_int_equal(k, 3);
	assert_true(ys[0] < ys[1] && ys[1] < ys[2]);
	view_free(&v);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_replay_is_deterministic(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(WV_SESSION);
	struct bt_event evs[] = {
	    event_trainer(BT_TK_NEXT, 0),        event_trainer(BT_TK_ENTER, 1000),
	    event_seat(1, BT_SK_DIGIT, 4, 2000), event_seat(2, BT_SK_DIGIT, 7, 3000),
	    event_trainer(BT_TK_ENTER, 20000),   event_seat(2, BT_SK_DIGIT, 6, 21000),
	    event_trainer(BT_TK_ENTER, 40000),   event_seat(1, BT_SK_DIGIT, 3, 55000),
	    event_seat(1, BT_SK_UNDO, 0, 56000), event_seat(3, BT_SK_DIGIT, 9, 80000),
	};
	char *dumps[2][3];
	struct bt_view views[2] = {{0}, {0}};
	for (int run = 0; run < 2; run++) {
		struct bt_session *s = session_create(def);
		for (size_t i = 0; i < sizeof(evs) / sizeof(evs[0]); i++)
			session_handle(s, &evs[i]);
		uint32_t at[3] = {80000, 100000, 200000};
		for (int k = 0; k < 3; k++) {
			json_t *o = dump_at(s, 1, at[k]);
			dumps[run][k] = json_dumps(o, JSON_SORT_KEYS);
			json_decref(o);
		}
		view_at(s, 90000, &views[run]);
		session_destroy(s);
	}
	for (int k = 0; k < 3; k++) {
		assert_string_equal(dumps[0][k], dumps[1][k]);
		free(dumps[0][k]);
		free(dumps[1][k]);
	}
	assert_int_equal(views[0].n, views[1].n);
	for (size_t i = 0; i < views[0].n; i++) {
		assert_int_equal(views[0].items[i].kind, views[1].items[i].kind);
		assert_memory_equal(&views[0].items[i].box, &views[1].items[i].box,
		                    sizeof(struct bt_box));
	}
	view_free(&views[0]);
	view_free(&views[1]);
	sessiondef_destroy(def);
}

static void expect_error(const char *body, int line, const char *needle)
{
	char *yaml = bt_xasprintf("sessie: \"3.3\"\n"  /* 1 */
	                          "module: 3\n"        /* 2 */
	                          "titel: Verlangen\n" /* 3 */
	                          "doelen:\n"          /* 4 */
	                          "  - Iets leren.\n"  /* 5 */
	                          "scenes:\n"          /* 6 */
	                          "  - type: wave\n"   /* 7 */
	                          "%s",
	                          body);
	struct bt_diags d = {0};
	struct bt_session_def *def = sessiondef_parse(yaml, strlen(yaml), "t.yaml", NULL, &d);
	assert_null(def);
	bool found = false;
	for (size_t i = 0; i < d.n; i++) {
		print_message("%d: %s\n", d.v[i].line, d.v[i].msg);
		found |= d.v[i].line == line && strstr(d.v[i].msg, needle) != NULL;
	}
	assert_true(found);
	diags_clear(&d);
	free(yaml);
}

static void test_parse_errors(void **state)
{
	(void)state;
	expect_error("    minuten: 0\n", 8, "'minuten' moet een getal van 1 tot en met 20");
	expect_error("    minuten: 25\n", 8, "'minuten' moet een getal van 1 tot en met 20");
	expect_error("    minuten: drie\n", 8, "hier staat 'drie'");
	expect_error("    meten: soms\n", 8, "Schrijf  meten: ja  of  meten: nee");
	expect_error("    elke: 30\n", 8, "Zet  meten: ja  erbij");
	expect_error("    meten: ja\n    elke: 10\n", 9,
	             "'elke' moet een getal van 15 tot en met 300");
	expect_error("    meten: ja\n    elke: 400\n", 9,
	             "'elke' moet een getal van 15 tot en met 300");
	expect_error("    minuten: 2\n    meten: ja\n    elke: 200\n", 10,
	             "langer dan de golf (120 seconden)");
	expect_error("    minten: 3\n", 8, "Bedoel je 'minuten'");
	expect_error("    titel: Verlangen komt als een golf en gaat ook weer voorbij\n", 8,
	             "te lang");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_stages),
	    cmocka_unit_test(test_pause_continue_restart),
	    cmocka_unit_test(test_ratings_per_round),
	    cmocka_unit_test(test_picture),
	    cmocka_unit_test(test_replay_is_deterministic),
	    cmocka_unit_test(test_parse_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
