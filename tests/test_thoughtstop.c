/* The thought stop (gedachtestop, 3.4): nothing pops before the trainer's Enter,
 * one pop per press in order, power thoughts in their place (cycling), the pop
 * animation and the drift in time, wake-ups, the closing praise, reset, replay,
 * the layout at three sizes and the scene file's messages. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "palette.h"
#include "session.h"
#include "testutil.h"

static const char *const TS_SESSION = "sessie: \"3.4\"\n"
                                      "module: 3\n"
                                      "titel: Gedachtenstop\n"
                                      "doelen:\n"
                                      "  - Je kunt STOP zeggen tegen een gedachte.\n"
                                      "scenes:\n"
                                      "  - type: thoughtstop\n"
                                      "    gedachten:\n"
                                      "      - Eén keertje kan geen kwaad\n"
                                      "      - Ik verdien het vandaag\n"
                                      "      - Niemand merkt het\n"
                                      "    krachtgedachten:\n"
                                      "      - Ik heb het eerder gekund, ik kan het nu ook\n"
                                      "      - Ik wil mijn doel halen\n";

#define DONE "Goed gedaan! Samen hebben jullie alle gedachten gestopt."

static bool send(struct bt_session *s, struct bt_event ev)
{
	return session_handle(s, &ev);
}

static bool press(struct bt_session *s, int seat, int digit, uint32_t t)
{
	return send(s, event_seat(seat, BT_SK_DIGIT, digit, t));
}

static bool trainer(struct bt_session *s, enum bt_trainer_key k, uint32_t t)
{
	return send(s, event_trainer(k, t));
}

static void seats(struct bt_session *s, int n)
{
	struct bt_event ev = {.type = BT_EV_SEATS, .digit = (uint8_t)n};
	session_handle(s, &ev);
}

/* The scene's dump (scene 0); the caller decrefs *root. */
static json_t *scene(struct bt_session *s, json_t **root)
{
	*root = session_dump(s);
	return json_array_get(json_object_get(*root, "scenes"), 0);
}

static int geti(struct bt_session *s, const char *key)
{
	json_t *root;
	json_t *v = json_object_get(scene(s, &root), key);
	int r = json_is_true(v) ? 1 : json_is_false(v) ? 0 : (int)json_integer_value(v);
	json_decref(root);
	return r;
}

/* Field key of pop i, copied. */
static char *pop_field(struct bt_session *s, int i, const char *key)
{
	json_t *root;
	json_t *p = json_array_get(json_object_get(scene(s, &root), "pops"), (size_t)i);
	json_t *v = json_object_get(p, key);
	char *r = json_is_string(v)    ? strdup(json_string_value(v))
	          : json_is_integer(v) ? (char *)malloc(16)
	                               : NULL;
	if (json_is_integer(v))
		snprintf(r, 16, "%lld", (long long)json_integer_value(v));
	json_decref(root);
	return r;
}

static void check_pop(struct bt_session *s, int i, const char *seat, const char *at,
                      const char *thought, const char *power)
{
	char *v = pop_field(s, i, "seat");
	assert_string_equal(v, seat);
	free(v);
	v = pop_field(s, i, "at_ms");
	assert_string_equal(v, at);
	free(v);
	v = pop_field(s, i, "thought");
	assert_string_equal(v, thought);
	free(v);
	v = pop_field(s, i, "power");
	assert_string_equal(v, power);
	free(v);
}

/* The text item with exactly this text in the frame at now, or NULL. */
static const struct bt_item *find_text(const struct bt_view *v, const char *text)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->items[i].kind == BT_ITEM_TEXT && strcmp(v->items[i].str, text) == 0)
			return &v->items[i];
	return NULL;
}

static void draw(struct bt_session *s, uint32_t now, int w, int h, struct bt_view *v)
{
	struct bt_view_args a = {.now_ms = now};
	view_reset(v, w, h, BT_C_BG);
	session_view(s, 0, &a, v);
}

static void test_nothing_before_enter(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(TS_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 3);
	assert_false(press(s, 1, 4, 100));
	assert_false(send(s, event_seat(2, BT_SK_ENTER, 0, 200)));
	assert_int_equal(geti(s, "popped"), 0);
	assert_int_equal(geti(s, "started"), 0);
	assert_true(trainer(s, BT_TK_ENTER, 1500));
	assert_int_equal(geti(s, "start_ms"), 1500);
	assert_false(trainer(s, BT_TK_ENTER, 1600)); /* already started */
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_one_pop_per_press_in_order(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(TS_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 3);
	trainer(s, BT_TK_ENTER, 0);
	assert_true(press(s, 2, 7, 1000));
	assert_int_equal(geti(s, "popped"), 1);
	check_pop(s, 0, "2", "1000", "Eén keertje kan geen kwaad",
	          "Ik heb het eerder gekund, ik kan het nu ook");
	/* the same seat may press again: the next bubble, not another one */
	assert_true(send(s, event_seat(2, BT_SK_ENTER, 0, 1100)));
	check_pop(s, 1, "2", "1100", "Ik verdien het vandaag", "Ik wil mijn doel halen");
	/* undo and the hand do not pop */
	assert_false(send(s, event_seat(1, BT_SK_UNDO, 0, 1200)));
	send(s, event_seat(1, BT_SK_HAND, 0, 1200)); /* raises a hand, pops nothing */
	assert_int_equal(geti(s, "popped"), 2);
	assert_int_equal(geti(s, "done"), 0);
	/* a seat that joins now pops too; three thoughts, two power thoughts: cycling */
	assert_true(press(s, 5, 0, 1300));
	check_pop(s, 2, "5", "1300", "Niemand merkt het",
	          "Ik heb het eerder gekund, ik kan het nu ook");
	assert_int_equal(geti(s, "done"), 1);
	assert_false(press(s, 3, 1, 1400)); /* nothing left */
	assert_int_equal(geti(s, "popped"), 3);
	json_t *root;
	assert_int_equal(json_array_size(json_object_get(scene(s, &root), "standing")), 0);
	json_decref(root);
	/* R: everything back, waiting for Enter */
	assert_true(trainer(s, BT_TK_RESET, 2000));
	assert_int_equal(geti(s, "popped"), 0);
	assert_int_equal(geti(s, "started"), 0);
	assert_false(press(s, 1, 1, 2100));
	assert_false(trainer(s, BT_TK_RESET, 2200)); /* nothing to reset */
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_pop_animation_and_praise(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(TS_SESSION);
	struct bt_session *s = session_create(def);
	struct bt_view v = {0};
	seats(s, 2);
	trainer(s, BT_TK_ENTER, 0);
	draw(s, 500, 1920, 1080, &v);
	assert_non_null(find_text(&v, "Eén keertje kan geen kwaad"));
	assert_non_null(find_text(&v, "Gedachtestop"));
	press(s, 1, 1, 1000);
	/* during the pop: neither the dark thought nor the power thought is written */
	draw(s, 1300, 1920, 1080, &v);
	assert_null(find_text(&v, "Eén keertje kan geen kwaad"));
	assert_null(find_text(&v, "Ik heb het eerder gekund, ik kan het nu ook"));
	assert_non_null(find_text(&v, "Ik verdien het vandaag"));
	/* after 600 ms the power thought stands in a light bubble with dark text */
	draw(s, 1600, 1920, 1080, &v);
	const struct bt_item *t = find_text(&v, "Ik heb het eerder gekund, ik kan het nu ook");
	assert_non_null(t);
	assert_true(palette_contrast(t->fg, t->bg) >= 7.0);
	t = find_text(&v, "Ik verdien het vandaag");
	assert_non_null(t);
	assert_true(palette_contrast(t->fg, t->bg) >= 7.0);
	assert_null(find_text(&v, DONE));
	press(s, 2, 3, 2000);
	press(s, 1, 3, 2100);
	draw(s, 5000, 1920, 1080, &v);
	assert_non_null(find_text(&v, DONE));
	assert_null(find_text(&v, "Niemand merkt het"));
	view_free(&v);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_drift_is_gentle(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(TS_SESSION);
	struct bt_session *s = session_create(def);
	struct bt_view v = {0};
	float x[2], y[2];
	for (int k = 0; k < 2; k++) {
		draw(s, 10000 + (uint32_t)k * 1000, 1920, 1080, &v);
		const struct bt_item *t = find_text(&v, "Niemand merkt het");
		assert_non_null(t);
		x[k] = t->box.x;
		y[k] = t->box.y;
	}
	float moved = sqrtf((x[1] - x[0]) * (x[1] - x[0]) + (y[1] - y[0]) * (y[1] - y[0]));
	assert_true(moved > 0.01f); /* it floats */
	assert_true(moved <= 6.0f); /* a few pixels a second */
	/* the same moment draws the same picture */
	draw(s, 12345, 1920, 1080, &v);
	float x0 = find_text(&v, "Niemand merkt het")->box.x;
	draw(s, 12345, 1920, 1080, &v);
	assert_true(find_text(&v, "Niemand merkt het")->box.x == x0);
	view_free(&v);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_wakeups(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(TS_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 1);
	assert_int_equal(session_next_wakeup(s, 0), 33); /* the dark thoughts drift */
	trainer(s, BT_TK_ENTER, 0);
	press(s, 1, 1, 100);
	press(s, 1, 1, 200);
	assert_int_equal(session_next_wakeup(s, 300), 33);
	press(s, 1, 1, 1000);
	/* all popped: only the last pop still moves, until 1600 */
	assert_int_equal(session_next_wakeup(s, 1000), 33);
	assert_int_equal(session_next_wakeup(s, 1590), 10);
	assert_int_equal(session_next_wakeup(s, 1600), -1);
	assert_int_equal(session_next_wakeup(s, 90000), -1);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_replay_gives_same_state(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(TS_SESSION);
	struct bt_event evs[] = {
	    {.type = BT_EV_SEATS, .digit = 4},   event_seat(1, BT_SK_DIGIT, 1, 10),
	    event_trainer(BT_TK_ENTER, 400),     event_seat(3, BT_SK_DIGIT, 9, 900),
	    event_seat(4, BT_SK_ENTER, 0, 1700),
	};
	json_t *d[2];
	for (int k = 0; k < 2; k++) {
		struct bt_session *s = session_create(def);
		for (size_t i = 0; i < sizeof(evs) / sizeof(evs[0]); i++)
			session_handle(s, &evs[i]);
		d[k] = session_dump(s);
		session_destroy(s);
	}
	assert_true(json_equal(d[0], d[1]));
	json_t *o = json_array_get(json_object_get(d[0], "scenes"), 0);
	assert_int_equal(json_integer_value(json_object_get(o, "popped")), 2);
	json_decref(d[0]);
	json_decref(d[1]);
	sessiondef_destroy(def);
}

/* Eight thoughts at three screen sizes: text inside the screen, big enough, and no
 * two texts on top of each other (the renderer's check does the same on PNGs). */
static void test_layout_sizes(void **state)
{
	(void)state;
	const char *y = "sessie: \"3.4\"\nmodule: 3\ntitel: T\ndoelen: [D]\nscenes:\n"
	                "  - type: thoughtstop\n"
	                "    gedachten:\n"
	                "      - Eén keertje kan geen kwaad\n"
	                "      - Ik heb het verdiend na deze dag\n"
	                "      - Iedereen doet het toch ook\n"
	                "      - Ik kan het toch niet, dus waarom niet\n"
	                "      - Het maakt niet uit wat ik doe\n"
	                "      - Ik heb gewoon even rust nodig\n"
	                "      - Dit is de laatste keer, echt waar\n"
	                "      - Niemand merkt het als ik wat gebruik\n"
	                "    krachtgedachten:\n"
	                "      - Ik doe dit voor mezelf\n"
	                "      - Ik ben sterker dan de drang\n";
	struct bt_session_def *def = tu_def(y);
	struct bt_session *s = session_create(def);
	seats(s, 2);
	trainer(s, BT_TK_ENTER, 0);
	press(s, 1, 1, 0);
	press(s, 2, 1, 0);
	static const int sizes[3][2] = {{1920, 1080}, {1440, 1080}, {1280, 720}};
	struct bt_view v = {0};
	for (int k = 0; k < 3; k++) {
		draw(s, 7000, sizes[k][0], sizes[k][1], &v);
		float u = (float)sizes[k][1] / 1080.0f;
		for (size_t i = 0; i < v.n; i++) {
			const struct bt_item *a = &v.items[i];
			if (a->kind != BT_ITEM_TEXT || a->role != BT_ROLE_PARTICIPANT)
				continue;
			assert_true(a->px >= 56 * u);
			assert_true(a->box.x >= 0 && a->box.y >= 0);
			assert_true(a->box.x + a->box.w <= (float)sizes[k][0]);
			assert_true(a->box.y + a->box.h <= (float)sizes[k][1]);
			for (size_t j = i + 1; j < v.n; j++) {
				const struct bt_item *b = &v.items[j];
				if (b->kind != BT_ITEM_TEXT || b->role != BT_ROLE_PARTICIPANT)
					continue;
				bool apart = a->box.x + a->box.w <= b->box.x ||
				             b->box.x + b->box.w <= a->box.x ||
				             a->box.y + a->box.h <= b->box.y ||
				             b->box.y + b->box.h <= a->box.y;
				assert_true(apart);
			}
		}
	}
	view_free(&v);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void expect_error(const char *scene_lines, int line, const char *part)
{
	char *y = NULL;
	size_t n = strlen(scene_lines) + 200;
	y = malloc(n);
	snprintf(y, n, "sessie: \"3.4\"\nmodule: 3\ntitel: T\ndoelen: [D]\nscenes:\n%s",
	         scene_lines);
	struct bt_diags d = {0};
	assert_null(sessiondef_parse(y, strlen(y), "t.yaml", NULL, &d));
	assert_true(d.n >= 1);
	assert_int_equal(d.v[0].line, line);
	char *m = diags_format(&d, 0);
	if (!strstr(m, part))
		print_error("message: %s\n", m);
	assert_non_null(strstr(m, part));
	free(m);
	diags_clear(&d);
	free(y);
}

static void test_parse_errors(void **state)
{
	(void)state;
	/* line 6 is "  - type: thoughtstop" */
	expect_error("  - type: thoughtstop\n    krachtgedachten: [Ik kan dit]\n", 6, "gedachten");
	expect_error("  - type: thoughtstop\n    gedachten:\n      - Alleen deze\n"
	             "    krachtgedachten: [Ik kan dit]\n",
	             7, "2 tot 8");
	expect_error("  - type: thoughtstop\n    gedachten:\n      - Een\n"
	             "      - Dit is een gedachte die veel te lang is voor een bubbel\n"
	             "    krachtgedachten: [Ik kan dit]\n",
	             9, "te lang");
	expect_error("  - type: thoughtstop\n    gedachten: [Een, Twee]\n", 6, "krachtgedachten");
	expect_error("  - type: thoughtstop\n    gedachten: [Een, Twee]\n"
	             "    krachtgedachten: [Ik kan dit]\n    gedachte: Drie\n",
	             9, "Bedoel je 'gedachten'");
	/* each text may be short enough, but eight long ones do not fit together */
	expect_error("  - type: thoughtstop\n    gedachten:\n"
	             "      - Eén keertje kan geen kwaad\n"
	             "      - Ik heb het verdiend na deze dag\n"
	             "      - Iedereen doet het toch ook\n"
	             "      - Ik kan het toch niet, dus waarom niet\n"
	             "      - Het maakt niet uit wat ik doe\n"
	             "      - Ik heb gewoon even rust nodig\n"
	             "      - Dit is de laatste keer, echt waar\n"
	             "      - Niemand merkt het als ik wat gebruik\n"
	             "    krachtgedachten:\n"
	             "      - Ik heb het eerder gekund, ik kan het nu ook\n",
	             17, "krachtgedachte 1 is te lang om met 8 gedachten");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_nothing_before_enter),
	    cmocka_unit_test(test_one_pop_per_press_in_order),
	    cmocka_unit_test(test_pop_animation_and_praise),
	    cmocka_unit_test(test_drift_is_gentle),
	    cmocka_unit_test(test_wakeups),
	    cmocka_unit_test(test_replay_gives_same_state),
	    cmocka_unit_test(test_layout_sizes),
	    cmocka_unit_test(test_parse_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
