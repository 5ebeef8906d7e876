/* The value line (1.5): sides 4 and 6, reveal and the walk, a vote per pair, P, and
 * the trainer's choice of values; parse errors with their lines. */
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "session.h"
#include "testutil.h"
#include "util.h"

static const char *const VL_SESSION = "sessie: \"1.5\"\n"
                                      "module: 1\n"
                                      "titel: Belang van veranderen\n"
                                      "doelen:\n"
                                      "  - Je weet wat je belangrijk vindt.\n"
                                      "scenes:\n"
                                      "  - type: valueline\n"
                                      "    waarden:\n"
                                      "      - naam: Eerlijkheid\n"
                                      "        norm: Altijd de waarheid zeggen\n"
                                      "      - naam: Respect\n"
                                      "        norm: Luisteren naar elkaar\n"
                                      "      - naam: Rust\n"
                                      "        norm: Rustig blijven\n"
                                      "    paren:\n"
                                      "      - [Eerlijkheid, Respect]\n"
                                      "      - [Rust, Eerlijkheid]\n";

static struct bt_event tk(enum bt_trainer_key k, uint32_t t)
{
	return event_trainer(k, t);
}

static bool press(struct bt_session *s, int seat, int digit, uint32_t t)
{
	struct bt_event e = event_seat(seat, BT_SK_DIGIT, digit, t);
	return session_handle(s, &e);
}

static bool trainer(struct bt_session *s, enum bt_trainer_key k, uint32_t t)
{
	struct bt_event e = tk(k, t);
	return session_handle(s, &e);
}

static void seats(struct bt_session *s, int n)
{
	struct bt_event e = {.type = BT_EV_SEATS, .digit = (uint8_t)n};
	session_handle(s, &e);
}

/* The dump of scene 0, owned by *root. */
static json_t *scene0(struct bt_session *s, json_t **root)
{
	*root = session_dump(s);
	return json_array_get(json_object_get(*root, "scenes"), 0);
}

static const char *vote_of(struct bt_session *s, int seat)
{
	static char buf[16];
	json_t *root;
	json_t *o = scene0(s, &root);
	char k[4];
	snprintf(k, sizeof(k), "%d", seat);
	const char *v = json_string_value(json_object_get(json_object_get(o, "votes"), k));
	snprintf(buf, sizeof(buf), "%s", v ? v : "-");
	json_decref(root);
	return buf;
}

static bool revealed(struct bt_session *s)
{
	json_t *root;
	/* json_is_true() evaluates its argument twice: get the value first */
	json_t *rev = json_object_get(scene0(s, &root), "revealed");
	bool r = json_is_true(rev);
	json_decref(root);
	return r;
}

static void pair_names(struct bt_session *s, char *left, char *right)
{
	json_t *root;
	json_t *p = json_object_get(scene0(s, &root), "pair");
	strcpy(left, json_string_value(json_object_get(p, "left")));
	strcpy(right, json_string_value(json_object_get(p, "right")));
	json_decref(root);
}

static void test_sides(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(VL_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 3);
	assert_false(press(s, 1, 4, 0)); /* waiting: nothing counts yet */
	assert_true(trainer(s, BT_TK_ENTER, 0));
	assert_true(press(s, 1, 4, 10));
	assert_string_equal(vote_of(s, 1), "links");
	assert_true(press(s, 2, 6, 20));
	assert_string_equal(vote_of(s, 2), "rechts");
	for (int d = 0; d <= 9; d++)
		if (d != 4 && d != 6)
			assert_false(press(s, 3, d, 30));
	assert_string_equal(vote_of(s, 3), "-");
	assert_true(press(s, 1, 6, 40)); /* changeable */
	assert_string_equal(vote_of(s, 1), "rechts");
	struct bt_event undo = event_seat(1, BT_SK_UNDO, 0, 50);
	assert_true(session_handle(s, &undo));
	assert_string_equal(vote_of(s, 1), "-");
	assert_false(session_handle(s, &undo));
	session_destroy(s);
	sessiondef_destroy(def);
}

/* x of seat's avatar in the scene's view at time now, or -1. */
static float avatar_x(struct bt_session *s, int seat, uint32_t now)
{
	struct bt_view v = {0};
	view_reset(&v, 1920, 1080, (struct bt_color){0});
	struct bt_view_args a = {.now_ms = now};
	session_view(s, s->current, &a, &v);
	float x = -1;
	for (size_t i = 0; i < v.n; i++)
		if (v.items[i].kind == BT_ITEM_AVATAR && v.items[i].seat == seat) {
			x = v.items[i].box.x;
			assert_true(v.items[i].box.w >= BT_AVATAR_MIN - 0.01f);
		}
	view_free(&v);
	return x;
}

static void test_reveal_and_walk(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(VL_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 2);
	trainer(s, BT_TK_ENTER, 0);
	press(s, 1, 4, 100);
	assert_false(revealed(s));
	assert_int_equal(session_next_wakeup(s, 500), -1);
	press(s, 2, 6, 1000); /* everyone chose: revealed, the walk starts now */
	assert_true(revealed(s));
	assert_int_equal(session_next_wakeup(s, 1000), 33);
	assert_int_equal(session_next_wakeup(s, 2400), 33);
	assert_int_equal(session_next_wakeup(s, 2500), -1);
	assert_int_equal(session_next_wakeup(s, 9000), -1);

	/* the avatars walk out from the tape: left goes left, right goes right */
	float l0 = avatar_x(s, 1, 1000), l1 = avatar_x(s, 1, 1750), l2 = avatar_x(s, 1, 2500);
	float r0 = avatar_x(s, 2, 1000), r1 = avatar_x(s, 2, 1750), r2 = avatar_x(s, 2, 2500);
	assert_true(l0 > l1 && l1 > l2);
	assert_true(r0 < r1 && r1 < r2);
	assert_true(l2 < 960 && r2 > 960);
	assert_true(avatar_x(s, 1, 60000) == l2);

	/* a late joiner hides the result again; their choice starts a new walk */
	press(s, 3, 5, 1200);
	assert_false(revealed(s));
	assert_int_equal(session_next_wakeup(s, 1300), -1);
	press(s, 3, 4, 3000);
	assert_true(revealed(s));
	assert_int_equal(session_next_wakeup(s, 3000), 33);
	assert_int_equal(session_next_wakeup(s, 4500), -1);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_trainer_closes_reveals(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(VL_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 3);
	trainer(s, BT_TK_ENTER, 0);
	press(s, 1, 4, 10);
	assert_true(trainer(s, BT_TK_ENTER, 2000)); /* close */
	assert_true(revealed(s));
	assert_int_equal(session_next_wakeup(s, 2000), 33);
	assert_true(trainer(s, BT_TK_RESET, 3000));
	assert_false(revealed(s));
	assert_string_equal(vote_of(s, 1), "-");
	assert_int_equal(session_next_wakeup(s, 3000), -1);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_votes_per_pair_and_p(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(VL_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 2);
	char l[32], r[32];
	trainer(s, BT_TK_ENTER, 0);
	press(s, 1, 4, 10);
	press(s, 2, 4, 20);
	assert_true(revealed(s));
	assert_true(trainer(s, BT_TK_LETTER_P, 30));
	pair_names(s, l, r);
	assert_string_equal(l, "Rust");
	assert_string_equal(r, "Eerlijkheid");
	assert_false(revealed(s));
	assert_string_equal(vote_of(s, 1), "-");
	trainer(s, BT_TK_ENTER, 40);
	press(s, 1, 6, 50);
	assert_true(trainer(s, BT_TK_LETTER_P, 60)); /* cycles back to the first pair */
	pair_names(s, l, r);
	assert_string_equal(l, "Eerlijkheid");
	assert_string_equal(vote_of(s, 1), "links");
	assert_string_equal(vote_of(s, 2), "links");
	assert_true(revealed(s));
	trainer(s, BT_TK_LETTER_P, 5000);
	/* coming back to an old result does not walk again */
	trainer(s, BT_TK_LETTER_P, 6000);
	assert_int_equal(session_next_wakeup(s, 6000), -1);
	trainer(s, BT_TK_LETTER_P, 7000);
	assert_string_equal(vote_of(s, 1), "rechts");
	json_t *root;
	json_t *o = scene0(s, &root);
	assert_int_equal(json_array_size(json_object_get(o, "pairs")), 2);
	assert_string_equal(json_string_value(json_object_get(o, "phase")), "open");
	json_decref(root);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_trainer_picks_values(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(VL_SESSION);
	struct bt_session *s = session_create(def);
	char l[32], r[32];
	/* right: Respect; down skips the left value (Eerlijkheid) */
	assert_true(trainer(s, BT_TK_DOWN, 0));
	pair_names(s, l, r);
	assert_string_equal(r, "Rust");
	assert_true(trainer(s, BT_TK_DOWN, 0));
	pair_names(s, l, r);
	assert_string_equal(r, "Respect");
	assert_true(trainer(s, BT_TK_UP, 0));
	pair_names(s, l, r);
	assert_string_equal(r, "Rust");
	assert_true(trainer(s, BT_TK_LETTER_K, 0));
	pair_names(s, l, r);
	assert_string_equal(l, "Respect");
	assert_true(trainer(s, BT_TK_LETTER_K, 0)); /* skips Rust on the right */
	pair_names(s, l, r);
	assert_string_equal(l, "Eerlijkheid");
	for (int i = 0; i < 20; i++) {
		trainer(s, i % 3 ? BT_TK_UP : BT_TK_LETTER_K, 0);
		pair_names(s, l, r);
		assert_string_not_equal(l, r);
	}
	/* once the question is open the values stay */
	trainer(s, BT_TK_ENTER, 0);
	char l2[32], r2[32];
	pair_names(s, l, r);
	assert_false(trainer(s, BT_TK_UP, 0));
	assert_false(trainer(s, BT_TK_DOWN, 0));
	assert_false(trainer(s, BT_TK_LETTER_K, 0));
	pair_names(s, l2, r2);
	assert_string_equal(l, l2);
	assert_string_equal(r, r2);
	session_destroy(s);
	sessiondef_destroy(def);
}

static bool has_text(const struct bt_view *v, const char *needle, int role)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->items[i].kind == BT_ITEM_TEXT && strstr(v->items[i].str, needle) &&
		    (role < 0 || v->items[i].role == role))
			return true;
	return false;
}

static void test_view_before_reveal(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(VL_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 2);
	struct bt_view v = {0};
	view_reset(&v, 1440, 1080, (struct bt_color){0});
	session_view(s, 0, NULL, &v);
	assert_true(has_text(&v, "Eerlijkheid", BT_ROLE_PARTICIPANT));
	assert_true(has_text(&v, "Luisteren naar elkaar", BT_ROLE_PARTICIPANT));
	assert_true(has_text(&v, "4", BT_ROLE_PARTICIPANT));
	assert_true(has_text(&v, "6", BT_ROLE_PARTICIPANT));
	assert_true(has_text(&v, "K: waarde links", BT_ROLE_TRAINER));
	bool back = false, fwd = false;
	int avatars = 0;
	for (size_t i = 0; i < v.n; i++) {
		if (v.items[i].kind == BT_ITEM_ICON) {
			back |= strcmp(v.items[i].str, "terug") == 0;
			fwd |= strcmp(v.items[i].str, "vooruit") == 0;
		}
		if (v.items[i].kind == BT_ITEM_TEXT)
			assert_true(v.items[i].px >=
			            (v.items[i].role == BT_ROLE_TRAINER ? 32 : 56));
		avatars += v.items[i].kind == BT_ITEM_AVATAR;
	}
	assert_true(back && fwd);
	assert_int_equal(avatars, 2); /* the row of who has not chosen yet */
	/* open: the value keys are no longer offered */
	trainer(s, BT_TK_ENTER, 0);
	view_reset(&v, 1440, 1080, (struct bt_color){0});
	session_view(s, 0, NULL, &v);
	assert_false(has_text(&v, "K: waarde links", -1));
	assert_true(has_text(&v, "P: volgend paar", BT_ROLE_TRAINER));
	view_free(&v);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_replay_is_deterministic(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(VL_SESSION);
	struct bt_event evs[] = {
	    {.type = BT_EV_SEATS, .digit = 3},
	    tk(BT_TK_DOWN, 5),
	    tk(BT_TK_ENTER, 10),
	    event_seat(1, BT_SK_DIGIT, 4, 20),
	    event_seat(2, BT_SK_DIGIT, 6, 30),
	    event_seat(3, BT_SK_DIGIT, 6, 40),
	    tk(BT_TK_LETTER_P, 50),
	    tk(BT_TK_LETTER_K, 60),
	    tk(BT_TK_ENTER, 70),
	    event_seat(2, BT_SK_DIGIT, 4, 80),
	};
	json_t *dumps[2];
	int wake[2];
	for (int k = 0; k < 2; k++) {
		struct bt_session *s = session_create(def);
		for (size_t i = 0; i < sizeof(evs) / sizeof(evs[0]); i++)
			session_handle(s, &evs[i]);
		trainer(s, BT_TK_LETTER_P, 90);
		dumps[k] = session_dump(s);
		wake[k] = session_next_wakeup(s, 100);
		session_destroy(s);
	}
	assert_true(json_equal(dumps[0], dumps[1]));
	assert_int_equal(wake[0], wake[1]);
	assert_int_equal(wake[0], 33); /* revealed at 40 */
	json_decref(dumps[0]);
	json_decref(dumps[1]);
	sessiondef_destroy(def);
}

/* Parses a session whose only scene is the given valueline body; expects one
 * message at line with needle. */
static void expect_error(const char *body, int line, const char *needle)
{
	char *yaml = bt_xasprintf("sessie: \"1.5\"\n"     /* 1 */
	                          "module: 1\n"           /* 2 */
	                          "titel: Belang\n"       /* 3 */
	                          "doelen:\n"             /* 4 */
	                          "  - Iets leren.\n"     /* 5 */
	                          "scenes:\n"             /* 6 */
	                          "  - type: valueline\n" /* 7 */
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

#define VALUES                                                                                     \
	"    waarden:\n"               /* 8 */                                                     \
	"      - naam: Eerlijkheid\n"  /* 9 */                                                     \
	"        norm: Eerlijk zijn\n" /* 10 */                                                    \
	"      - naam: Respect\n"      /* 11 */                                                    \
	"        norm: Luisteren\n"    /* 12 */

static void test_parse_errors(void **state)
{
	(void)state;
	expect_error(VALUES "    paren:\n"
	                    "      - [Eerlijkheid, Vrijheid]\n",
	             14, "'Vrijheid' staat niet onder 'waarden'");
	expect_error(VALUES "    paren:\n"
	                    "      - [Eerlijkheid, respect]\n",
	             14, "Bedoel je 'Respect'");
	expect_error(VALUES "    paren:\n"
	                    "      - [Respect, Respect]\n",
	             14, "twee keer");
	expect_error(VALUES "    paren:\n"
	                    "      - [Respect]\n",
	             14, "twee namen");
	expect_error(VALUES "    paren:\n"
	                    "      - Respect\n",
	             14, "twee namen");
	expect_error(VALUES, 7, "'paren' ontbreekt");
	expect_error("    waarden:\n"
	             "      - naam: Eerlijkheid\n"
	             "        norm: Eerlijk zijn\n"
	             "    paren:\n"
	             "      - [Eerlijkheid, Respect]\n",
	             8, "1 regel met -");
	expect_error("    waarden:\n"
	             "      - naam: Eerlijkheid\n"
	             "        norm: Eerlijk zijn\n"
	             "      - naam: Eerlijkheid\n"
	             "        norm: Nog eens\n"
	             "    paren:\n"
	             "      - [Eerlijkheid, Eerlijkheid]\n",
	             11, "staat twee keer onder 'waarden'");
	expect_error("    waarden:\n"
	             "      - naam: Eerlijkheid\n"
	             "        norm: Altijd de waarheid zeggen, ook als het moeilijk is\n"
	             "      - naam: Respect\n"
	             "        norm: Luisteren\n"
	             "    paren:\n"
	             "      - [Eerlijkheid, Respect]\n",
	             10, "te lang");
	expect_error("    waarden:\n"
	             "      - naam: Eerlijkheid\n"
	             "      - naam: Respect\n"
	             "        norm: Luisteren\n"
	             "    paren:\n"
	             "      - [Eerlijkheid, Respect]\n",
	             9, "ontbreekt 'norm'");
	expect_error("    waarden:\n"
	             "      - Eerlijkheid\n"
	             "      - naam: Respect\n"
	             "        norm: Luisteren\n"
	             "    paren:\n"
	             "      - [Eerlijkheid, Respect]\n",
	             9, "naam en een norm");
	expect_error("    titel: Wat vind jij belangrijk in je leven en waarom is dat zo?\n" VALUES
	             "    paren:\n"
	             "      - [Eerlijkheid, Respect]\n",
	             8, "te lang");
	expect_error(VALUES "    paren:\n"
	                    "      - [Eerlijkheid, Respect]\n"
	                    "    paar:\n"
	                    "      - [Eerlijkheid, Respect]\n",
	             15, "onbekend veld 'paar'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sides),
	    cmocka_unit_test(test_reveal_and_walk),
	    cmocka_unit_test(test_trainer_closes_reveals),
	    cmocka_unit_test(test_votes_per_pair_and_p),
	    cmocka_unit_test(test_trainer_picks_values),
	    cmocka_unit_test(test_view_before_reveal),
	    cmocka_unit_test(test_replay_is_deterministic),
	    cmocka_unit_test(test_parse_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
