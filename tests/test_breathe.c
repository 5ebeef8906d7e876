/* The breathing pacer (3.5): the timeline at explicit times (step and breath count),
 * pause and continue, restart, the end, next_wakeup, chime moments, the picture,
 * determinism and parse errors with their lines. */
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "palette.h"
#include "session.h"
#include "testutil.h"
#include "util.h"

static const char *const BR_SESSION = "sessie: \"3.5\"\n"
                                      "module: 3\n"
                                      "titel: Spanning en ontspanning\n"
                                      "doelen:\n"
                                      "  - Je oefent met rustig ademhalen.\n"
                                      "scenes:\n"
                                      "  - type: breathe\n"
                                      "    in: 4\n"
                                      "    vast: 2\n"
                                      "    uit: 6\n"
                                      "    keer: 5\n"
                                      "    toon: ja\n"
                                      "  - type: breathe\n";

/* One cycle is 4 + 2 + 6 = 12 s; five breaths take 60 s. */

static bool trainer(struct bt_session *s, enum bt_trainer_key k, uint32_t t)
{
	struct bt_event e = event_trainer(k, t);
	return session_handle(s, &e);
}

static struct bt_scene_ctx ctx_at(struct bt_session *s, uint32_t now)
{
	struct bt_scene_ctx c = {.def = s->def, .seats = &s->seats, .now_ms = now};
	return c;
}

/* The scene's dump at session time now. */
static json_t *dump_at(struct bt_session *s, size_t i, uint32_t now)
{
	const struct bt_scene_def *d = &s->def->scenes[i];
	struct bt_scene_ctx c = ctx_at(s, now);
	json_t *o = json_object();
	d->type->dump(s->states[i], d->cfg, &c, o);
	return o;
}

/* Asserts the step and breath at now. */
#define AT(s, now, step, breath)                                                                   \
	do {                                                                                       \
		json_t *o_ = dump_at(s, 0, now);                                                   \
		assert_string_equal(json_string_value(json_object_get(o_, "step")), step);         \
		assert_int_equal(json_integer_value(json_object_get(o_, "breath")), breath);       \
		json_decref(o_);                                                                   \
	} while (0)

static bool chime(struct bt_session *s, size_t i, uint32_t from, uint32_t to)
{
	const struct bt_scene_def *d = &s->def->scenes[i];
	struct bt_scene_ctx c = ctx_at(s, to);
	assert_non_null(d->type->chime_due);
	return d->type->chime_due(s->states[i], d->cfg, &c, from, to);
}

static const char *hint(struct bt_session *s, uint32_t now)
{
	const struct bt_scene_def *d = &s->def->scenes[0];
	struct bt_scene_ctx c = ctx_at(s, now);
	/* the hint is a static string, not c's */
	/* cppcheck-suppress returnDanglingLifetime */
	return d->type->hint(s->states[0], d->cfg, &c);
}

static void test_waits_for_enter(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(BR_SESSION);
	struct bt_session *s = session_create(def);
	AT(s, 0, "waiting", 0);
	AT(s, 50000, "waiting", 0);
	assert_int_equal(session_next_wakeup(s, 0), -1);
	assert_int_equal(session_next_wakeup(s, 90000), -1);
	assert_string_equal(hint(s, 0), "Enter: begin");
	/* seats and other keys change nothing */
	struct bt_event seat = event_seat(1, BT_SK_DIGIT, 3, 100);
	session_handle(s, &seat);
	AT(s, 200, "waiting", 0);
	assert_false(trainer(s, BT_TK_UP, 300));
	assert_false(trainer(s, BT_TK_RESET, 400)); /* nothing to restart */
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_timeline(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(BR_SESSION);
	struct bt_session *s = session_create(def);
	assert_true(trainer(s, BT_TK_ENTER, 1000)); /* the start time is the event's */
	AT(s, 1000, "in", 1);
	AT(s, 4999, "in", 1);
	AT(s, 5000, "hold", 1);
	AT(s, 6999, "hold", 1);
	AT(s, 7000, "out", 1);
	AT(s, 12999, "out", 1);
	AT(s, 13000, "in", 2);
	AT(s, 1000 + 2 * 12000 + 4500, "hold", 3);
	AT(s, 1000 + 4 * 12000 + 7000, "out", 5);
	AT(s, 60999, "out", 5);
	AT(s, 61000, "done", 5);
	AT(s, 500000, "done", 5);
	json_t *o = dump_at(s, 0, 30000);
	assert_int_equal(json_integer_value(json_object_get(o, "start_ms")), 1000);
	assert_int_equal(json_integer_value(json_object_get(o, "elapsed_ms")), 29000);
	json_decref(o);
	/* moves while breathing, sleeps after the end */
	assert_int_equal(session_next_wakeup(s, 1000), 33);
	assert_int_equal(session_next_wakeup(s, 6000), 33); /* hold: the seconds still count */
	assert_int_equal(session_next_wakeup(s, 60999), 33);
	assert_int_equal(session_next_wakeup(s, 61000), -1);
	assert_int_equal(session_next_wakeup(s, 90000), -1);
	assert_string_equal(hint(s, 2000), "Enter: pauze · R: opnieuw");
	assert_string_equal(hint(s, 70000), "R: opnieuw");
	/* Enter after the end does nothing: only R starts again */
	assert_false(trainer(s, BT_TK_ENTER, 70000));
	AT(s, 70000, "done", 5);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_pause_and_continue(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(BR_SESSION);
	struct bt_session *s = session_create(def);
	trainer(s, BT_TK_ENTER, 1000);
	assert_true(trainer(s, BT_TK_ENTER, 6000)); /* pause 1 s into the hold */
	json_t *o = dump_at(s, 0, 20000);
	assert_string_equal(json_string_value(json_object_get(o, "step")), "paused");
	assert_string_equal(json_string_value(json_object_get(o, "paused_in")), "hold");
	assert_int_equal(json_integer_value(json_object_get(o, "breath")), 1);
	assert_int_equal(json_integer_value(json_object_get(o, "elapsed_ms")), 5000);
	assert_int_equal(json_integer_value(json_object_get(o, "pause_ms")), 6000);
	json_decref(o);
	assert_int_equal(session_next_wakeup(s, 20000), -1);
	assert_string_equal(hint(s, 20000), "Enter: verder · R: opnieuw");
	/* continue 24 s later: the same moment of the hold, then on as before */
	assert_true(trainer(s, BT_TK_ENTER, 30000));
	AT(s, 30000, "hold", 1);
	AT(s, 30999, "hold", 1);
	AT(s, 31000, "out", 1);
	AT(s, 37000, "in", 2);
	assert_int_equal(session_next_wakeup(s, 30000), 33);
	o = dump_at(s, 0, 40000);
	assert_int_equal(json_integer_value(json_object_get(o, "paused_total_ms")), 24000);
	json_decref(o);
	/* a second pause adds up */
	trainer(s, BT_TK_ENTER, 40000);
	trainer(s, BT_TK_ENTER, 41000);
	AT(s, 85999, "out", 5);
	AT(s, 86000, "done", 5);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_restart(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(BR_SESSION);
	struct bt_session *s = session_create(def);
	trainer(s, BT_TK_ENTER, 0);
	AT(s, 20000, "out", 2);
	assert_true(trainer(s, BT_TK_RESET, 20000));
	AT(s, 21000, "waiting", 0);
	assert_int_equal(session_next_wakeup(s, 21000), -1);
	trainer(s, BT_TK_ENTER, 25000);
	AT(s, 25000, "in", 1);
	AT(s, 29000, "hold", 1);
	/* R while paused, and R after the end */
	trainer(s, BT_TK_ENTER, 30000);
	assert_true(trainer(s, BT_TK_RESET, 31000));
	AT(s, 31000, "waiting", 0);
	trainer(s, BT_TK_ENTER, 40000);
	AT(s, 100000, "done", 5);
	assert_true(trainer(s, BT_TK_RESET, 100000));
	AT(s, 100000, "waiting", 0);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_chime_moments(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(BR_SESSION);
	struct bt_session *s = session_create(def);
	assert_false(chime(s, 0, 0, 100000)); /* not started */
	trainer(s, BT_TK_ENTER, 1000);
	assert_true(chime(s, 0, 900, 1000)); /* breathing in begins */
	assert_false(chime(s, 0, 1000, 4999));
	assert_true(chime(s, 0, 4999, 5000)); /* hold */
	assert_false(chime(s, 0, 5000, 6999));
	assert_true(chime(s, 0, 6999, 7000));   /* out */
	assert_true(chime(s, 0, 12999, 13000)); /* the second breath */
	assert_true(chime(s, 0, 60999, 61000)); /* the end */
	assert_false(chime(s, 0, 61000, 200000));
	/* in 33 ms steps: every step change once, 3 per breath and the end */
	int n = 0;
	for (uint32_t t = 0; t < 70000; t += 33)
		n += chime(s, 0, t, t + 33);
	assert_int_equal(n, 3 * 5 + 1);

	/* paused: silence; after continuing the moments move by the pause */
	trainer(s, BT_TK_ENTER, 6000);
	assert_false(chime(s, 0, 6000, 30000));
	trainer(s, BT_TK_ENTER, 30000);
	assert_false(chime(s, 0, 29000, 30000)); /* continuing is no new step */
	assert_true(chime(s, 0, 30999, 31000));  /* out, 1 s after continuing */
	assert_false(chime(s, 0, 6999, 7000));   /* the old moment is gone */

	/* toon: nee (the default): never */
	assert_true(trainer(s, BT_TK_NEXT, 31000));
	trainer(s, BT_TK_ENTER, 32000);
	assert_false(chime(s, 1, 31000, 32000));
	for (uint32_t t = 32000; t < 100000; t += 33)
		assert_false(chime(s, 1, t, t + 33));
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

static bool has_icon(const struct bt_view *v, const char *name)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->items[i].kind == BT_ITEM_ICON && strcmp(v->items[i].str, name) == 0)
			return true;
	return false;
}

/* Width of the breathing circle (its sky-blue fill). */
static float circle_w(const struct bt_view *v)
{
	for (size_t i = 0; i < v->n; i++) {
		const struct bt_item *it = &v->items[i];
		if (it->kind == BT_ITEM_ELLIPSE && it->fg.r == 0x56 && it->fg.g == 0xB4 &&
		    it->fg.b == 0xE9 && it->box.w > 100)
			return it->box.w;
	}
	return -1;
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
	struct bt_session_def *def = tu_def(BR_SESSION);
	struct bt_session *s = session_create(def);
	struct bt_view v = {0};
	view_at(s, 0, &v);
	assert_non_null(find_text(&v, "5 keer"));
	assert_non_null(find_text(&v, "Adem mee"));
	float small = circle_w(&v);
	trainer(s, BT_TK_ENTER, 1000);

	view_at(s, 1000, &v);
	assert_non_null(find_text(&v, "Adem in door je neus"));
	assert_true(has_icon(&v, "neus"));
	assert_non_null(find_text(&v, "1 van 5"));
	float w0 = circle_w(&v);
	view_at(s, 3000, &v);
	float w1 = circle_w(&v);
	view_at(s, 4990, &v);
	float w2 = circle_w(&v);
	assert_true(w0 < w1 && w1 < w2); /* grows while breathing in */
	assert_float_equal(w0, small, 1);

	view_at(s, 6000, &v);
	assert_non_null(find_text(&v, "Houd vast"));
	assert_true(has_icon(&v, "vasthouden"));
	float hold = circle_w(&v);
	assert_true(hold >= w2);

	view_at(s, 9000, &v);
	assert_non_null(find_text(&v, "Adem uit door je mond"));
	assert_true(has_icon(&v, "wind"));
	float o1 = circle_w(&v);
	view_at(s, 12000, &v);
	float o2 = circle_w(&v);
	assert_true(o1 < hold && o2 < o1); /* shrinks while breathing out */

	view_at(s, 1000 + 2 * 12000 + 100, &v);
	assert_non_null(find_text(&v, "3 van 5"));

	/* smooth: one frame later the circle moved only a little */
	view_at(s, 3000 + 33, &v);
	float step = circle_w(&v) - w1;
	assert_true(step > 0 && step < 12);

	view_at(s, 61000, &v);
	assert_non_null(find_text(&v, "Goed gedaan"));
	assert_non_null(find_text(&v, "5 van 5"));
	assert_true(has_icon(&v, "duim"));

	/* paused: the circle stands still */
	trainer(s, BT_TK_RESET, 70000);
	trainer(s, BT_TK_ENTER, 70000);
	trainer(s, BT_TK_ENTER, 72000);
	view_at(s, 72000, &v);
	float p1 = circle_w(&v);
	view_at(s, 80000, &v);
	assert_float_equal(circle_w(&v), p1, 0.01);
	assert_non_null(find_text(&v, "Even wachten"));
	view_free(&v);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_replay_is_deterministic(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(BR_SESSION);
	struct bt_event evs[] = {
	    event_trainer(BT_TK_ENTER, 500),   event_trainer(BT_TK_ENTER, 9000),
	    event_trainer(BT_TK_ENTER, 15000), event_seat(2, BT_SK_DIGIT, 4, 16000),
	    event_trainer(BT_TK_RESET, 20000), event_trainer(BT_TK_ENTER, 21000),
	};
	char *dumps[2][4];
	for (int run = 0; run < 2; run++) {
		struct bt_session *s = session_create(def);
		for (size_t i = 0; i < sizeof(evs) / sizeof(evs[0]); i++)
			session_handle(s, &evs[i]);
		uint32_t at[4] = {21000, 30000, 50000, 90000};
		for (int k = 0; k < 4; k++) {
			json_t *o = dump_at(s, 0, at[k]);
			dumps[run][k] = json_dumps(o, JSON_SORT_KEYS);
			json_decref(o);
		}
		session_destroy(s);
	}
	for (int k = 0; k < 4; k++) {
		assert_string_equal(dumps[0][k], dumps[1][k]);
		free(dumps[0][k]);
		free(dumps[1][k]);
	}
	sessiondef_destroy(def);
}

static void test_defaults(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(BR_SESSION);
	struct bt_session *s = session_create(def);
	json_t *o = dump_at(s, 1, 0);
	assert_int_equal(json_integer_value(json_object_get(o, "in_ms")), 4000);
	assert_int_equal(json_integer_value(json_object_get(o, "hold_ms")), 2000);
	assert_int_equal(json_integer_value(json_object_get(o, "out_ms")), 6000);
	assert_int_equal(json_integer_value(json_object_get(o, "times")), 5);
	assert_false(json_is_true(json_object_get(o, "tone")));
	assert_string_equal(json_string_value(json_object_get(o, "title")), "Rustig ademhalen");
	json_decref(o);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void expect_error(const char *body, int line, const char *needle)
{
	char *yaml = bt_xasprintf("sessie: \"3.5\"\n"   /* 1 */
	                          "module: 3\n"         /* 2 */
	                          "titel: Ontspannen\n" /* 3 */
	                          "doelen:\n"           /* 4 */
	                          "  - Iets leren.\n"   /* 5 */
	                          "scenes:\n"           /* 6 */
	                          "  - type: breathe\n" /* 7 */
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
	expect_error("    in: 0\n", 8, "'in' moet een getal van 1 tot en met 10");
	expect_error("    in: 4\n    vast: 11\n", 9, "'vast' moet een getal van 1 tot en met 10");
	expect_error("    uit: zes\n", 8, "hier staat 'zes'");
	expect_error("    uit: 4.5\n", 8, "'uit' moet een getal");
	expect_error("    keer: 12\n", 8, "'keer' moet een getal van 1 tot en met 10");
	expect_error("    toon: misschien\n", 8, "Schrijf  toon: ja  of  toon: nee");
	expect_error("    titel: Samen heel rustig ademhalen tot je helemaal ontspannen bent\n", 8,
	             "te lang");
	expect_error("    keer: 5\n    adem: 4\n", 9, "onbekend veld 'adem'");
	expect_error("    uitt: 6\n", 8, "Bedoel je 'uit'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_waits_for_enter),
	    cmocka_unit_test(test_timeline),
	    cmocka_unit_test(test_pause_and_continue),
	    cmocka_unit_test(test_restart),
	    cmocka_unit_test(test_chime_moments),
	    cmocka_unit_test(test_picture),
	    cmocka_unit_test(test_replay_is_deterministic),
	    cmocka_unit_test(test_defaults),
	    cmocka_unit_test(test_parse_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
