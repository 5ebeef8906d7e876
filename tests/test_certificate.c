/* The certificate ceremony (3.11): one seat at a time in seat order on the
 * trainer's Enter, late joiners included, everyone together at the end, the
 * applause's wake-ups, the lines on screen, reset, replay and the file's messages. */
#include <stdlib.h>
#include <string.h>

#include "palette.h"
#include "session.h"
#include "testutil.h"

static const char *const CE_SESSION = "sessie: \"3.11\"\n"
                                      "module: 3\n"
                                      "titel: Evaluatie en afsluiting\n"
                                      "doelen:\n"
                                      "  - Je sluit de module af.\n"
                                      "scenes:\n"
                                      "  - type: certificate\n"
                                      "    tekst: Module Middelengebruik\n"
                                      "  - type: certificate\n";

static bool enter(struct bt_session *s, uint32_t t)
{
	struct bt_event ev = event_trainer(BT_TK_ENTER, t);
	return session_handle(s, &ev);
}

static void seats(struct bt_session *s, int n)
{
	struct bt_event ev = {.type = BT_EV_SEATS, .digit = (uint8_t)n};
	session_handle(s, &ev);
}

static void join(struct bt_session *s, int seat, uint32_t t)
{
	struct bt_event ev = event_seat(seat, BT_SK_DIGIT, 1, t);
	session_handle(s, &ev);
}

/* The order so far as "1,2,3", and current/finale, from the dump. */
static const char *order(struct bt_session *s)
{
	static char buf[64];
	json_t *root = session_dump(s);
	json_t *o = json_array_get(json_object_get(root, "scenes"), s->current);
	json_t *a = json_object_get(o, "order");
	buf[0] = '\0';
	for (size_t i = 0; i < json_array_size(a); i++)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s%lld", i ? "," : "",
		         (long long)json_integer_value(json_array_get(a, i)));
	json_decref(root);
	return buf;
}

static int geti(struct bt_session *s, const char *key)
{
	json_t *root = session_dump(s);
	json_t *v =
	    json_object_get(json_array_get(json_object_get(root, "scenes"), s->current), key);
	int r = json_is_true(v) ? 1 : json_is_false(v) ? 0 : (int)json_integer_value(v);
	json_decref(root);
	return r;
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

static int avatars(struct bt_session *s, uint32_t now, int w, int h)
{
	struct bt_view v = {0};
	struct bt_view_args a = {.now_ms = now};
	view_reset(&v, w, h, BT_C_BG);
	session_view(s, s->current, &a, &v);
	int n = 0;
	for (size_t i = 0; i < v.n; i++)
		if (v.items[i].kind == BT_ITEM_AVATAR) {
			assert_true(v.items[i].box.w >= 140.0f * (float)h / 1080.0f - 0.01f);
			n++;
		}
	view_free(&v);
	return n;
}

static void test_seat_order_and_finale(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(CE_SESSION);
	struct bt_session *s = session_create(def);
	assert_false(enter(s, 0)); /* nobody here yet */
	seats(s, 3);
	assert_int_equal(geti(s, "next"), 1);
	assert_true(has_text(s, 0, "Iedereen krijgt een certificaat."));
	assert_true(enter(s, 1000));
	assert_string_equal(order(s), "1");
	assert_int_equal(geti(s, "current"), 1);
	assert_true(has_text(s, 1500, "Gefeliciteerd, plek 1!"));
	assert_true(has_text(s, 1500, "Module Middelengebruik"));
	assert_true(enter(s, 2000));
	assert_true(enter(s, 3000));
	assert_string_equal(order(s), "1,2,3");
	assert_int_equal(geti(s, "current"), 3);
	assert_int_equal(geti(s, "next"), 0);
	assert_int_equal(geti(s, "finale"), 0);
	/* everyone had a turn: the next Enter brings the group together */
	assert_true(enter(s, 4000));
	assert_int_equal(geti(s, "finale"), 1);
	assert_int_equal(geti(s, "current"), 0);
	assert_true(has_text(s, 4100, "Jullie hebben de module afgerond!"));
	assert_false(has_text(s, 4100, "Gefeliciteerd, plek 3!"));
	assert_int_equal(avatars(s, 4100, 1920, 1080), 3);
	assert_false(enter(s, 5000)); /* nothing more to do */
	/* participants' keys change nothing in the ceremony */
	join(s, 2, 5100);
	assert_string_equal(order(s), "1,2,3");
	/* R: from the start */
	struct bt_event r = event_trainer(BT_TK_RESET, 6000);
	assert_true(session_handle(s, &r));
	assert_string_equal(order(s), "");
	assert_int_equal(geti(s, "finale"), 0);
	assert_false(session_handle(s, &r));
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_late_joiners(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(CE_SESSION);
	struct bt_session *s = session_create(def);
	join(s, 3, 0);
	join(s, 4, 0);
	enter(s, 100);   /* 3 */
	join(s, 1, 200); /* joins later, with a lower number */
	join(s, 9, 300);
	enter(s, 400); /* 1: the lowest number still to come */
	enter(s, 500); /* 4 */
	enter(s, 600); /* 9 */
	assert_string_equal(order(s), "3,1,4,9");
	enter(s, 700);
	assert_int_equal(geti(s, "finale"), 1);
	/* someone comes in during the finale: they get their turn too */
	join(s, 6, 800);
	assert_int_equal(geti(s, "next"), 6);
	assert_true(enter(s, 900));
	assert_int_equal(geti(s, "finale"), 0);
	assert_int_equal(geti(s, "current"), 6);
	assert_true(has_text(s, 1000, "Gefeliciteerd, plek 6!"));
	assert_true(enter(s, 1100));
	assert_int_equal(geti(s, "finale"), 1);
	assert_string_equal(order(s), "3,1,4,9,6");
	assert_int_equal(avatars(s, 5000, 1440, 1080), 5);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_applause_wakeups(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(CE_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 2);
	assert_int_equal(session_next_wakeup(s, 0), -1);
	enter(s, 10000);
	assert_int_equal(geti(s, "anim_ms"), 10000);
	assert_int_equal(session_next_wakeup(s, 10000), 33);
	assert_int_equal(session_next_wakeup(s, 11000), 33);
	assert_int_equal(session_next_wakeup(s, 11990), 10);
	assert_int_equal(session_next_wakeup(s, 12000), -1);
	assert_int_equal(session_next_wakeup(s, 60000), -1);
	enter(s, 60000);
	enter(s, 61000); /* the finale has its own applause */
	assert_int_equal(session_next_wakeup(s, 62000), 33);
	assert_int_equal(session_next_wakeup(s, 63000), -1);
	session_destroy(s);
	sessiondef_destroy(def);
}

/* Twelve seats on 4:3: the row below shows whom it can, each avatar big enough. */
static void test_twelve_seats(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(CE_SESSION);
	struct bt_session *s = session_create(def);
	struct bt_event next = event_trainer(BT_TK_NEXT, 0);
	session_handle(s, &next);
	seats(s, 12);
	for (int i = 0; i < 5; i++)
		enter(s, 100);
	assert_true(has_text(s, 5000, "Gefeliciteerd, plek 5!"));
	assert_false(has_text(s, 5000, "Module Middelengebruik")); /* no tekst in scene 2 */
	int n = avatars(s, 5000, 1440, 1080);
	assert_true(n >= 6 && n <= 13);
	for (int i = 0; i < 8; i++)
		enter(s, 200);
	assert_int_equal(geti(s, "finale"), 1);
	assert_int_equal(avatars(s, 5000, 1440, 1080), 12);
	assert_int_equal(avatars(s, 5000, 1280, 720), 12);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_replay(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(CE_SESSION);
	json_t *d[2];
	for (int k = 0; k < 2; k++) {
		struct bt_session *s = session_create(def);
		seats(s, 2);
		enter(s, 10);
		join(s, 7, 20);
		enter(s, 30);
		enter(s, 40);
		d[k] = session_dump(s);
		session_destroy(s);
	}
	assert_true(json_equal(d[0], d[1]));
	json_decref(d[0]);
	json_decref(d[1]);
	sessiondef_destroy(def);
}

static void expect_error(const char *scene_lines, int line, const char *part)
{
	size_t n = strlen(scene_lines) + 200;
	char *y = malloc(n);
	snprintf(y, n, "sessie: \"3.11\"\nmodule: 3\ntitel: T\ndoelen: [D]\nscenes:\n%s",
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
	expect_error("  - type: certificate\n"
	             "    tekst: Je hebt de hele module goed afgerond, super!!\n",
	             7, "te lang");
	expect_error("  - type: certificate\n    tekst:\n      - Een\n", 8, "een tekst");
	expect_error("  - type: certificate\n    teskt: Goed gedaan\n", 7, "Bedoel je 'tekst'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_seat_order_and_finale),
	    cmocka_unit_test(test_late_joiners),
	    cmocka_unit_test(test_applause_wakeups),
	    cmocka_unit_test(test_twelve_seats),
	    cmocka_unit_test(test_replay),
	    cmocka_unit_test(test_parse_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
