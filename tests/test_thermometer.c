/* The emotion thermometer (3.5): emotion then level, 10 as 1 and then 0 within two
 * seconds (by event times), undo, digits that mean nothing, the voting rules, a late
 * joiner, the dump, the drawing and the parse errors. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scene_type.h"
#include "session.h"
#include "testutil.h"
#include "util.h"

static const char *const TH_SESSION = "sessie: \"3.5\"\n"
                                      "module: 3\n"
                                      "titel: Emoties herkennen\n"
                                      "doelen:\n"
                                      "  - Je herkent je emoties.\n"
                                      "scenes:\n"
                                      "  - type: thermometer\n"
                                      "  - type: thermometer\n"
                                      "    vraag: Welke emotie had je deze week?\n"
                                      "    extra:\n"
                                      "      tekst: Eenzaam\n"
                                      "      plaatje: wolk\n";

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

static bool trainer(struct bt_session *s, enum bt_trainer_key k, uint32_t t)
{
	struct bt_event e = event_trainer(k, t);
	return session_handle(s, &e);
}

static void seats(struct bt_session *s, int n)
{
	struct bt_event e = {.type = BT_EV_SEATS, .digit = (uint8_t)n};
	session_handle(s, &e);
}

/* The scene's dump; *root must be freed with json_decref. */
static json_t *scene_dump(struct bt_session *s, json_t **root)
{
	*root = session_dump(s);
	return json_array_get(json_object_get(*root, "scenes"), s->current);
}

static json_t *seat_obj(json_t *scene, int seat)
{
	char k[4];
	snprintf(k, sizeof(k), "%d", seat);
	return json_object_get(json_object_get(scene, "seats"), k);
}

/* The seat's level, or -1. */
static int level_of(struct bt_session *s, int seat)
{
	json_t *root;
	json_t *o = seat_obj(scene_dump(s, &root), seat);
	json_t *l = o ? json_object_get(o, "level") : NULL;
	int r = l ? (int)json_integer_value(l) : -1;
	json_decref(root);
	return r;
}

/* The seat's emotion name, or "" (copied into buf). */
static const char *emotion_of(struct bt_session *s, int seat, char *buf, size_t n)
{
	json_t *root;
	json_t *o = seat_obj(scene_dump(s, &root), seat);
	json_t *e = o ? json_object_get(o, "emotion") : NULL;
	snprintf(buf, n, "%s", e ? json_string_value(e) : "");
	json_decref(root);
	return buf;
}

static bool revealed(struct bt_session *s)
{
	json_t *root;
	/* json_is_true() evaluates its argument twice: get the value first */
	json_t *rev = json_object_get(scene_dump(s, &root), "revealed");
	bool r = json_is_true(rev);
	json_decref(root);
	return r;
}

static const char *phase(struct bt_session *s, char *buf, size_t n)
{
	json_t *root;
	snprintf(buf, n, "%s", json_string_value(json_object_get(scene_dump(s, &root), "phase")));
	json_decref(root);
	return buf;
}

static void test_emotion_then_level(void **state)
{
	(void)state;
	char b[32];
	struct bt_session_def *def = tu_def(TH_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 2);
	assert_false(press(s, 1, 1, 100)); /* not open yet */
	assert_string_equal(emotion_of(s, 1, b, sizeof(b)), "");
	assert_true(trainer(s, BT_TK_ENTER, 200));
	assert_true(press(s, 1, 3, 1000)); /* verdrietig */
	assert_string_equal(emotion_of(s, 1, b, sizeof(b)), "verdrietig");
	assert_int_equal(level_of(s, 1), -1);
	assert_true(press(s, 1, 7, 1500));
	assert_int_equal(level_of(s, 1), 7);
	assert_string_equal(emotion_of(s, 1, b, sizeof(b)), "verdrietig");
	/* the level may change while the question is open; the emotion stays */
	assert_true(press(s, 1, 4, 9000));
	assert_int_equal(level_of(s, 1), 4);
	assert_false(press(s, 1, 4, 9500)); /* the same again changes nothing */
	assert_string_equal(emotion_of(s, 1, b, sizeof(b)), "verdrietig");
	assert_false(revealed(s)); /* seat 2 has not finished */
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_ten_is_one_then_zero(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(TH_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 4);
	trainer(s, BT_TK_ENTER, 0);
	for (int seat = 1; seat <= 4; seat++)
		press(s, seat, 1, 100);
	/* 1 counts at once */
	assert_true(press(s, 1, 1, 1000));
	assert_int_equal(level_of(s, 1), 1);
	const struct bt_vote *vt = def->scenes[0].type->vote(s->states[0]);
	int before = vt->choice[1];
	assert_true(press(s, 1, 0, 1400));
	assert_int_equal(level_of(s, 1), 10);
	/* the 0 that makes 10 changes the vote, so the keypad confirms it (and does not
	 * take it for "which keypad is mine?") */
	assert_int_not_equal(vt->choice[1], before);
	assert_int_not_equal(vt->choice[1], 0);
	/* a 0 after the 10 is a new level 0 */
	assert_true(press(s, 1, 0, 1600));
	assert_int_equal(level_of(s, 1), 0);
	/* exactly two seconds still counts */
	press(s, 2, 1, 5000);
	assert_true(press(s, 2, 0, 7000));
	assert_int_equal(level_of(s, 2), 10);
	/* one millisecond later does not */
	press(s, 3, 1, 5000);
	assert_true(press(s, 3, 0, 7001));
	assert_int_equal(level_of(s, 3), 0);
	/* 1, 1 and then 0: the window starts at the last 1 */
	press(s, 4, 1, 10000);
	assert_true(press(s, 4, 1, 11900));
	assert_true(press(s, 4, 0, 13500));
	assert_int_equal(level_of(s, 4), 10);
	/* another digit after 1 replaces it and closes the window */
	assert_true(press(s, 4, 1, 20000));
	assert_true(press(s, 4, 5, 20100));
	assert_true(press(s, 4, 0, 20200));
	assert_int_equal(level_of(s, 4), 0);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_one_then_zero_late_is_two_presses(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(TH_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 2);
	trainer(s, BT_TK_ENTER, 0);
	press(s, 1, 2, 500);
	assert_true(press(s, 1, 1, 1000));
	assert_int_equal(level_of(s, 1), 1);
	assert_true(press(s, 1, 0, 4000)); /* three seconds later: a new level */
	assert_int_equal(level_of(s, 1), 0);
	/* and a 1 that nothing follows stays 1 */
	assert_true(press(s, 1, 1, 5000));
	struct bt_event tick = {.type = BT_EV_TICK, .time_ms = 60000};
	session_handle(s, &tick);
	assert_int_equal(level_of(s, 1), 1);
	/* undo in the window: the 0 after it is a level again, not 10 */
	press(s, 2, 4, 6000);
	press(s, 2, 1, 7000);
	assert_true(undo(s, 2, 7100));
	assert_true(press(s, 2, 0, 7200));
	assert_int_equal(level_of(s, 2), 0);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_undo_steps_back(void **state)
{
	(void)state;
	char b[32];
	struct bt_session_def *def = tu_def(TH_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 1);
	trainer(s, BT_TK_ENTER, 0);
	assert_false(undo(s, 1, 10)); /* nothing to undo */
	press(s, 1, 5, 100);
	press(s, 1, 8, 200);
	assert_true(revealed(s));
	assert_true(undo(s, 1, 300)); /* back to the level */
	assert_int_equal(level_of(s, 1), -1);
	assert_string_equal(emotion_of(s, 1, b, sizeof(b)), "gespannen");
	assert_false(revealed(s));
	assert_true(press(s, 1, 6, 400)); /* a digit is a level again */
	assert_int_equal(level_of(s, 1), 6);
	assert_true(undo(s, 1, 500));
	assert_true(undo(s, 1, 600)); /* back to the emotion */
	assert_string_equal(emotion_of(s, 1, b, sizeof(b)), "");
	assert_false(undo(s, 1, 700));
	assert_true(press(s, 1, 1, 800)); /* a digit is an emotion again */
	assert_string_equal(emotion_of(s, 1, b, sizeof(b)), "boos");
	assert_int_equal(level_of(s, 1), -1);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_digits_that_mean_nothing(void **state)
{
	(void)state;
	char b[32];
	struct bt_session_def *def = tu_def(TH_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 1);
	trainer(s, BT_TK_ENTER, 0);
	/* five emotions: 0 and 6 to 9 are not an emotion */
	assert_false(press(s, 1, 0, 100));
	for (int d = 6; d <= 9; d++)
		assert_false(press(s, 1, d, 100));
	assert_string_equal(emotion_of(s, 1, b, sizeof(b)), "");
	struct bt_event ent = event_seat(1, BT_SK_ENTER, 0, 150);
	assert_false(session_handle(s, &ent));
	/* with the extra emotion 6 is one */
	trainer(s, BT_TK_NEXT, 200);
	trainer(s, BT_TK_ENTER, 200);
	assert_false(press(s, 1, 7, 300));
	assert_true(press(s, 1, 6, 300));
	assert_string_equal(emotion_of(s, 1, b, sizeof(b)), "Eenzaam");
	/* every digit is a level */
	assert_true(press(s, 1, 9, 400));
	assert_int_equal(level_of(s, 1), 9);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_reveal_rules(void **state)
{
	(void)state;
	char b[32];
	struct bt_session_def *def = tu_def(TH_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 3);
	assert_string_equal(phase(s, b, sizeof(b)), "waiting");
	trainer(s, BT_TK_ENTER, 0);
	assert_string_equal(phase(s, b, sizeof(b)), "open");
	press(s, 1, 1, 100);
	press(s, 1, 5, 200);
	press(s, 2, 2, 300);
	press(s, 2, 3, 400);
	press(s, 3, 4, 500); /* an emotion only: not finished */
	assert_false(revealed(s));
	press(s, 3, 2, 600);
	assert_true(revealed(s));
	/* hidden again when someone steps back */
	undo(s, 2, 700);
	assert_false(revealed(s));
	/* the trainer closes: shown, and keys do nothing any more */
	assert_true(trainer(s, BT_TK_ENTER, 800));
	assert_string_equal(phase(s, b, sizeof(b)), "closed");
	assert_true(revealed(s));
	assert_false(press(s, 2, 9, 900));
	assert_false(undo(s, 1, 900));
	assert_int_equal(level_of(s, 2), -1);
	assert_int_equal(level_of(s, 1), 5);
	/* a 1 before closing does not become 10 after it */
	trainer(s, BT_TK_RESET, 1000);
	assert_int_equal(level_of(s, 1), -1);
	assert_string_equal(emotion_of(s, 1, b, sizeof(b)), "");
	assert_string_equal(phase(s, b, sizeof(b)), "open");
	assert_false(revealed(s));
	press(s, 1, 1, 1100);
	press(s, 1, 1, 1200);
	trainer(s, BT_TK_ENTER, 1300);
	assert_false(press(s, 1, 0, 1400));
	assert_int_equal(level_of(s, 1), 1);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_late_joiner(void **state)
{
	(void)state;
	char b[32];
	struct bt_session_def *def = tu_def(TH_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 2);
	trainer(s, BT_TK_ENTER, 0);
	press(s, 1, 1, 100);
	press(s, 1, 3, 200);
	press(s, 2, 2, 300);
	press(s, 2, 4, 400);
	assert_true(revealed(s));
	/* seat 5 joins with its first key, which is also its emotion */
	assert_true(press(s, 5, 4, 500));
	assert_string_equal(emotion_of(s, 5, b, sizeof(b)), "blij");
	assert_false(revealed(s));
	assert_true(press(s, 5, 8, 600));
	assert_true(revealed(s));
	/* after closing a newcomer is present but changes nothing */
	trainer(s, BT_TK_ENTER, 700);
	assert_true(press(s, 7, 1, 800)); /* joined */
	assert_string_equal(emotion_of(s, 7, b, sizeof(b)), "");
	assert_true(revealed(s));
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_dump(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(TH_SESSION);
	struct bt_session *s = session_create(def);
	trainer(s, BT_TK_NEXT, 0);
	seats(s, 3);
	trainer(s, BT_TK_ENTER, 0);
	press(s, 1, 6, 100);
	press(s, 1, 1, 200);
	press(s, 1, 0, 300);
	press(s, 2, 3, 400);
	json_t *root;
	json_t *o = scene_dump(s, &root);
	assert_string_equal(json_string_value(json_object_get(o, "type")), "thermometer");
	assert_string_equal(json_string_value(json_object_get(o, "question")),
	                    "Welke emotie had je deze week?");
	json_t *emos = json_object_get(o, "emotions");
	assert_int_equal(json_array_size(emos), 6);
	assert_string_equal(json_string_value(json_array_get(emos, 0)), "boos");
	assert_string_equal(json_string_value(json_array_get(emos, 4)), "gespannen");
	assert_string_equal(json_string_value(json_array_get(emos, 5)), "Eenzaam");
	assert_string_equal(json_string_value(json_object_get(o, "phase")), "open");
	assert_false(json_is_true(json_object_get(o, "revealed")));
	json_t *s1 = seat_obj(o, 1), *s2 = seat_obj(o, 2);
	assert_string_equal(json_string_value(json_object_get(s1, "emotion")), "Eenzaam");
	assert_int_equal(json_integer_value(json_object_get(s1, "level")), 10);
	assert_true(json_is_true(json_object_get(s1, "done")));
	assert_string_equal(json_string_value(json_object_get(s2, "emotion")), "verdrietig");
	assert_null(json_object_get(s2, "level"));
	assert_false(json_is_true(json_object_get(s2, "done")));
	assert_null(seat_obj(o, 3));
	json_decref(root);
	/* the first scene's default question */
	root = session_dump(s);
	o = json_array_get(json_object_get(root, "scenes"), 0);
	assert_string_equal(json_string_value(json_object_get(o, "question")),
	                    "Welke emotie voel je, en hoe sterk?");
	assert_int_equal(json_array_size(json_object_get(o, "emotions")), 5);
	json_decref(root);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void build(struct bt_session *s, uint32_t now, struct bt_view *v)
{
	view_reset(v, 1920, 1080, (struct bt_color){0});
	struct bt_view_args a = {.now_ms = now};
	session_view(s, s->current, &a, v);
}

static bool has_text(const struct bt_view *v, const char *needle)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->items[i].kind == BT_ITEM_TEXT && strstr(v->items[i].str, needle))
			return true;
	return false;
}

static int count_icon(const struct bt_view *v, const char *name)
{
	int n = 0;
	for (size_t i = 0; i < v->n; i++)
		n += v->items[i].kind == BT_ITEM_ICON && strcmp(v->items[i].str, name) == 0;
	return n;
}

static void test_view_and_animation(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(TH_SESSION);
	struct bt_session *s = session_create(def);
	struct bt_view v = {0};
	seats(s, 2);
	trainer(s, BT_TK_ENTER, 0);
	press(s, 1, 1, 100);
	press(s, 1, 9, 200);
	press(s, 2, 2, 300);
	build(s, 400, &v);
	/* the question: every emotion once, the 10 hint; nobody's answer */
	assert_true(has_text(&v, "Hoe sterk?"));
	assert_true(has_text(&v, "en dan"));
	assert_true(has_text(&v, "Boos"));
	assert_int_equal(count_icon(&v, "boos"), 1);
	assert_int_equal(count_icon(&v, "bang"), 1);
	assert_false(has_text(&v, "Hoe hoger"));
	assert_int_equal(session_next_wakeup(s, 400), -1);
	/* seat 2 finishes: the thermometers fill, then stand still */
	press(s, 2, 4, 1000);
	build(s, 1000, &v);
	assert_true(has_text(&v, "Hoe hoger de emotie, hoe sterker de drang"));
	assert_int_equal(count_icon(&v, "boos"), 1);
	assert_int_equal(count_icon(&v, "bang"), 1);
	assert_int_equal(count_icon(&v, "golf"), 1);
	assert_int_equal(session_next_wakeup(s, 1000), 33);
	assert_int_equal(session_next_wakeup(s, 2199), 33);
	assert_int_equal(session_next_wakeup(s, 2200), -1);
	/* a change after the reveal moves again, from where it stood */
	press(s, 2, 8, 5000);
	assert_int_equal(session_next_wakeup(s, 5000), 33);
	assert_int_equal(session_next_wakeup(s, 6200), -1);
	view_free(&v);
	session_destroy(s);
	sessiondef_destroy(def);
}

/* The real pictograms in assets/icons. */
static bool icon_exists(void *user, const char *name)
{
	(void)user;
	char *path = bt_xasprintf("%s/assets/icons/%s.svg", BT_TEST_SOURCE_DIR, name);
	bool ok = access(path, R_OK) == 0;
	free(path);
	return ok;
}

static void expect_error(const char *body, int line, const char *needle)
{
	char *yaml = bt_xasprintf("sessie: \"3.5\"\n"       /* 1 */
	                          "module: 3\n"             /* 2 */
	                          "titel: Emoties\n"        /* 3 */
	                          "doelen:\n"               /* 4 */
	                          "  - Iets leren.\n"       /* 5 */
	                          "scenes:\n"               /* 6 */
	                          "  - type: thermometer\n" /* 7 */
	                          "%s",                     /* 8 */
	                          body);
	struct bt_diags d = {0};
	struct bt_icon_check ic = {icon_exists, NULL, NULL};
	struct bt_session_def *def = sessiondef_parse(yaml, strlen(yaml), "t.yaml", &ic, &d);
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
	expect_error("    vraag: Welke emotie voel je nu en hoe sterk is die emotie dan precies "
	             "wel?\n",
	             8, "te lang");
	expect_error("    vrag: Hoe voel je je?\n", 8, "Bedoel je 'vraag'");
	expect_error("    extra: Eenzaam\n", 8, "'extra' is een zesde emotie");
	expect_error("    extra:\n      tekst: Eenzaam\n", 9, "'plaatje' ontbreekt");
	expect_error("    extra:\n      plaatje: wolk\n", 9, "'tekst' ontbreekt");
	expect_error("    extra:\n      tekst: Een veel te lange emotie\n      plaatje: wolk\n", 9,
	             "te lang");
	expect_error("    extra:\n      tekst: Eenzaam\n      plaatje: wolkje\n", 10,
	             "het plaatje 'wolkje' bestaat niet");
	expect_error("    extra:\n      tekst: Eenzaam\n      plaatje: wolk\n      kleur: rood\n",
	             11, "kleur");
	expect_error("    extra:\n      tekst: boos\n      plaatje: boos\n", 9,
	             "'boos' staat er al (toets 1)");
	expect_error("    extra:\n      - Eenzaam\n", 8, "'extra' is een zesde emotie");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_emotion_then_level),
	    cmocka_unit_test(test_ten_is_one_then_zero),
	    cmocka_unit_test(test_one_then_zero_late_is_two_presses),
	    cmocka_unit_test(test_undo_steps_back),
	    cmocka_unit_test(test_digits_that_mean_nothing),
	    cmocka_unit_test(test_reveal_rules),
	    cmocka_unit_test(test_late_joiner),
	    cmocka_unit_test(test_dump),
	    cmocka_unit_test(test_view_and_animation),
	    cmocka_unit_test(test_parse_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
