/* The break screen (the one-hour rule): the countdown at given moments, pause and
 * continue, the end, the wake-ups at whole seconds, the chime moment, reset, and
 * the scene file's defaults and messages. */
#include <stdlib.h>
#include <string.h>

#include "palette.h"
#include "session.h"
#include "testutil.h"

static const char *const BR_SESSION = "sessie: \"3.4\"\n"
                                      "module: 3\n"
                                      "titel: Gedachtenstop\n"
                                      "doelen:\n"
                                      "  - Je neemt even pauze.\n"
                                      "scenes:\n"
                                      "  - type: break\n"
                                      "  - type: break\n"
                                      "    titel: Even koffie\n"
                                      "    minuten: 2\n"
                                      "    toon: nee\n";

static bool trainer(struct bt_session *s, enum bt_trainer_key k, uint32_t t)
{
	struct bt_event ev = event_trainer(k, t);
	return session_handle(s, &ev);
}

/* Time passes to t (the session's clock follows the events). */
static void tick(struct bt_session *s, uint32_t t)
{
	struct bt_event ev = {.type = BT_EV_TICK, .time_ms = t};
	session_handle(s, &ev);
}

/* A string field of scene i's dump at the session's time, copied into buf. */
static const char *gets_(struct bt_session *s, size_t i, const char *key)
{
	static char buf[64];
	json_t *root = session_dump(s);
	json_t *o = json_array_get(json_object_get(root, "scenes"), i);
	json_t *v = json_object_get(o, key);
	if (json_is_string(v))
		snprintf(buf, sizeof(buf), "%s", json_string_value(v));
	else if (json_is_integer(v))
		snprintf(buf, sizeof(buf), "%lld", (long long)json_integer_value(v));
	else
		snprintf(buf, sizeof(buf), "%s",
		         json_is_true(v)    ? "true"
		         : json_is_false(v) ? "false"
		                            : "-");
	json_decref(root);
	return buf;
}

static const char *clock_at(struct bt_session *s, uint32_t t)
{
	tick(s, t);
	return gets_(s, 0, "clock");
}

static bool has_text(struct bt_session *s, uint32_t now, const char *text)
{
	struct bt_view v = {0};
	struct bt_view_args a = {.now_ms = now};
	view_reset(&v, 1920, 1080, BT_C_BG);
	session_view(s, s->current, &a, &v);
	bool found = false;
	for (size_t i = 0; i < v.n; i++)
		if (v.items[i].kind == BT_ITEM_TEXT && strcmp(v.items[i].str, text) == 0)
			found = true;
	view_free(&v);
	return found;
}

static void test_defaults_and_waiting(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(BR_SESSION);
	struct bt_session *s = session_create(def);
	assert_string_equal(gets_(s, 0, "title"), "Pauze");
	assert_string_equal(gets_(s, 0, "minutes"), "10");
	assert_string_equal(gets_(s, 0, "chime"), "true");
	assert_string_equal(gets_(s, 0, "state"), "waiting");
	assert_string_equal(clock_at(s, 50000), "10:00"); /* nothing runs before Enter */
	assert_int_equal(session_next_wakeup(s, 50000), -1);
	assert_true(has_text(s, 50000, "10:00"));
	assert_true(has_text(s, 50000, "De pauze duurt 10 minuten."));
	assert_string_equal(gets_(s, 1, "title"), "Even koffie");
	assert_string_equal(gets_(s, 1, "minutes"), "2");
	assert_string_equal(gets_(s, 1, "chime"), "false");
	/* participants' keys do nothing here */
	struct bt_event k = event_seat(1, BT_SK_DIGIT, 5, 50001);
	session_handle(s, &k);
	assert_string_equal(gets_(s, 0, "state"), "waiting");
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_countdown_values(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(BR_SESSION);
	struct bt_session *s = session_create(def);
	uint32_t t0 = 120000; /* the break starts two minutes into the session */
	assert_true(trainer(s, BT_TK_ENTER, t0));
	assert_string_equal(gets_(s, 0, "state"), "running");
	assert_string_equal(gets_(s, 0, "end_ms"), "720000");
	assert_string_equal(clock_at(s, t0), "10:00");
	assert_string_equal(clock_at(s, t0 + 1), "10:00");
	assert_string_equal(clock_at(s, t0 + 999), "10:00");
	assert_string_equal(clock_at(s, t0 + 1000), "9:59");
	assert_string_equal(clock_at(s, t0 + 61500), "8:59");
	assert_string_equal(gets_(s, 0, "remaining_ms"), "538500");
	assert_true(has_text(s, t0 + 61500, "8:59"));
	assert_true(has_text(s, t0 + 61500, "Rust even uit."));
	assert_string_equal(clock_at(s, t0 + 599001), "0:01");
	assert_string_equal(gets_(s, 0, "state"), "running");
	assert_string_equal(clock_at(s, t0 + 600000), "0:00");
	assert_string_equal(gets_(s, 0, "state"), "done");
	assert_string_equal(clock_at(s, t0 + 900000), "0:00");
	assert_string_equal(gets_(s, 0, "remaining_ms"), "0");
	assert_true(has_text(s, t0 + 900000, "De pauze is voorbij. We gaan weer verder."));
	assert_false(has_text(s, t0 + 900000, "0:00"));
	assert_false(trainer(s, BT_TK_ENTER, t0 + 900001)); /* over is over; R starts again */
	assert_true(trainer(s, BT_TK_RESET, t0 + 900002));
	assert_string_equal(gets_(s, 0, "state"), "waiting");
	assert_string_equal(clock_at(s, t0 + 990000), "10:00");
	assert_false(trainer(s, BT_TK_RESET, t0 + 990001));
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_pause_and_continue(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(BR_SESSION);
	struct bt_session *s = session_create(def);
	trainer(s, BT_TK_ENTER, 1000);
	assert_true(trainer(s, BT_TK_ENTER, 11500)); /* pause after 10.5 s */
	assert_string_equal(gets_(s, 0, "state"), "paused");
	assert_string_equal(gets_(s, 0, "remaining_ms"), "589500");
	assert_string_equal(clock_at(s, 11500), "9:50");
	assert_string_equal(clock_at(s, 300000), "9:50"); /* the clock stands still */
	assert_true(has_text(s, 300000, "De klok staat even stil."));
	assert_int_equal(session_next_wakeup(s, 300000), -1);
	assert_true(trainer(s, BT_TK_ENTER, 300000)); /* continue */
	assert_string_equal(gets_(s, 0, "state"), "running");
	assert_string_equal(clock_at(s, 300499), "9:50");
	assert_string_equal(clock_at(s, 300500), "9:49");
	/* the end moves with the pause: 1000 + 600000 + 288500 */
	assert_string_equal(gets_(s, 0, "end_ms"), "889500");
	assert_string_equal(clock_at(s, 889499), "0:01");
	assert_string_equal(clock_at(s, 889500), "0:00");
	assert_string_equal(gets_(s, 0, "state"), "done");
	/* R while running: back to the full time, waiting for Enter */
	assert_true(trainer(s, BT_TK_RESET, 900000));
	trainer(s, BT_TK_ENTER, 900000);
	assert_true(trainer(s, BT_TK_RESET, 905000));
	assert_string_equal(gets_(s, 0, "state"), "waiting");
	assert_string_equal(clock_at(s, 905000), "10:00");
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_wakeups(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(BR_SESSION);
	struct bt_session *s = session_create(def);
	assert_int_equal(session_next_wakeup(s, 0), -1);
	trainer(s, BT_TK_ENTER, 5000);
	assert_int_equal(session_next_wakeup(s, 5000), 1000);
	assert_int_equal(session_next_wakeup(s, 5001), 999);
	assert_int_equal(session_next_wakeup(s, 5999), 1);
	assert_int_equal(session_next_wakeup(s, 6000), 1000);
	assert_int_equal(session_next_wakeup(s, 6250), 750);
	assert_int_equal(session_next_wakeup(s, 604999), 1);
	assert_int_equal(session_next_wakeup(s, 605000), -1); /* over: nothing moves */
	/* paused: nothing moves; after continuing, whole seconds of the break again */
	trainer(s, BT_TK_RESET, 605001);
	trainer(s, BT_TK_ENTER, 610000);
	trainer(s, BT_TK_ENTER, 610400);
	assert_int_equal(session_next_wakeup(s, 620000), -1);
	trainer(s, BT_TK_ENTER, 700000);
	assert_int_equal(session_next_wakeup(s, 700000), 600); /* 599600 ms left */
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_chime(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(BR_SESSION);
	struct bt_session *s = session_create(def);
	assert_false(session_chime_due(s, 0, 2000000)); /* never started */
	trainer(s, BT_TK_ENTER, 1000);                  /* ends at 601000 */
	assert_false(session_chime_due(s, 1000, 600999));
	assert_true(session_chime_due(s, 600999, 601000));
	assert_true(session_chime_due(s, 600000, 700000));
	assert_false(session_chime_due(s, 601000, 700000)); /* only once */
	/* a pause moves the moment; while paused there is none */
	trainer(s, BT_TK_RESET, 2000);
	trainer(s, BT_TK_ENTER, 3000);
	trainer(s, BT_TK_ENTER, 4000); /* paused with 599000 left */
	assert_false(session_chime_due(s, 4000, 2000000));
	trainer(s, BT_TK_ENTER, 10000); /* ends at 609000 */
	assert_false(session_chime_due(s, 10000, 603000));
	assert_true(session_chime_due(s, 608000, 609000));
	/* toon: nee */
	struct bt_event next = event_trainer(BT_TK_NEXT, 20000);
	session_handle(s, &next);
	trainer(s, BT_TK_ENTER, 20000);
	assert_false(session_chime_due(s, 20000, 2000000));
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_dump_replay(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(BR_SESSION);
	json_t *d[2];
	for (int k = 0; k < 2; k++) {
		struct bt_session *s = session_create(def);
		trainer(s, BT_TK_ENTER, 100);
		trainer(s, BT_TK_ENTER, 4100);
		trainer(s, BT_TK_ENTER, 9100);
		tick(s, 20000);
		d[k] = session_dump(s);
		session_destroy(s);
	}
	assert_true(json_equal(d[0], d[1]));
	json_t *o = json_array_get(json_object_get(d[0], "scenes"), 0);
	/* counted: 4000 + 10900 = 14900 ms */
	assert_int_equal(json_integer_value(json_object_get(o, "remaining_ms")), 585100);
	assert_string_equal(json_string_value(json_object_get(o, "clock")), "9:46");
	json_decref(d[0]);
	json_decref(d[1]);
	sessiondef_destroy(def);
}

static void expect_error(const char *scene_lines, int line, const char *part)
{
	size_t n = strlen(scene_lines) + 200;
	char *y = malloc(n);
	snprintf(y, n, "sessie: \"3.4\"\nmodule: 3\ntitel: T\ndoelen: [D]\nscenes:\n%s",
	         scene_lines);
	struct bt_diags d = {0};
	assert_null(sessiondef_parse(y, strlen(y), "t.yaml", NULL, &d));
	assert_true(d.n >= 1);
	char *m = diags_format(&d, 0);
	if (!strstr(m, part) || d.v[0].line != line)
		print_error("message: %s\n", m);
	assert_int_equal(d.v[0].line, line);
	assert_non_null(strstr(m, part));
	free(m);
	diags_clear(&d);
	free(y);
}

static void test_parse_errors(void **state)
{
	(void)state;
	expect_error("  - type: break\n    minuten: 0\n", 7, "1 tot en met 30");
	expect_error("  - type: break\n    minuten: 31\n", 7, "1 tot en met 30");
	expect_error("  - type: break\n    minuten: tien\n", 7, "'tien'");
	expect_error("  - type: break\n    toon: misschien\n", 7, "ja of nee");
	expect_error(
	    "  - type: break\n    titel: Een hele lange titel voor de pauze van vandaag ja\n", 7,
	    "te lang");
	expect_error("  - type: break\n    minute: 5\n", 7, "Bedoel je 'minuten'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_defaults_and_waiting),
	    cmocka_unit_test(test_countdown_values),
	    cmocka_unit_test(test_pause_and_continue),
	    cmocka_unit_test(test_wakeups),
	    cmocka_unit_test(test_chime),
	    cmocka_unit_test(test_dump_replay),
	    cmocka_unit_test(test_parse_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
