/* The yarn web (bolletje wol): turn order, kind refusals, the trainer's throw,
 * question cards, closing the web, late joiners, reset, wake-ups, replay and the
 * scene file's messages. Everything in the core, without a display. */
#include <stdlib.h>
#include <string.h>

#include "palette.h"
#include "session.h"
#include "testutil.h"

static const char *const YARN_SESSION = "sessie: \"1.2\"\n"
                                        "module: 1\n"
                                        "titel: Kennismaken\n"
                                        "doelen:\n"
                                        "  - Je leert de groep kennen.\n"
                                        "scenes:\n"
                                        "  - type: yarnweb\n"
                                        "    vragen:\n"
                                        "      - Wat eet je het liefst?\n"
                                        "      - Heb je een huisdier?\n"
                                        "      - Wat doe je graag?\n";

static struct bt_event tk(enum bt_trainer_key k, uint32_t t)
{
	return event_trainer(k, t);
}

static struct bt_event sk(int seat, int digit, uint32_t t)
{
	return event_seat(seat, BT_SK_DIGIT, digit, t);
}

static bool send(struct bt_session *s, struct bt_event ev)
{
	return session_handle(s, &ev);
}

static void seats(struct bt_session *s, int n)
{
	struct bt_event ev = {.type = BT_EV_SEATS, .digit = (uint8_t)n};
	session_handle(s, &ev);
}

/* The yarn web's dump (scene 0); the caller decrefs *root. */
static json_t *scene(struct bt_session *s, json_t **root)
{
	*root = session_dump(s);
	return json_array_get(json_object_get(*root, "scenes"), 0);
}

static int geti(struct bt_session *s, const char *key)
{
	json_t *root;
	json_t *o = scene(s, &root);
	json_t *v = json_object_get(o, key);
	int r = json_is_true(v) ? 1 : json_is_false(v) ? 0 : (int)json_integer_value(v);
	json_decref(root);
	return r;
}

/* The compact JSON of one field, for comparing lists. */
static char *getj(struct bt_session *s, const char *key)
{
	json_t *root;
	json_t *o = scene(s, &root);
	char *r = json_dumps(json_object_get(o, key), JSON_COMPACT);
	json_decref(root);
	return r;
}

static void assert_field(struct bt_session *s, const char *key, const char *want)
{
	char *got = getj(s, key);
	assert_string_equal(got, want);
	free(got);
}

/* The refusal on screen right now, or NULL: the text of the warm panel. */
static char *shown_text(struct bt_session *s, uint32_t now, const char *needle)
{
	struct bt_view v = {0};
	view_reset(&v, 1920, 1080, BT_C_BG);
	struct bt_view_args a = {.now_ms = now};
	session_view(s, s->current, &a, &v);
	char *found = NULL;
	for (size_t i = 0; i < v.n && !found; i++)
		if (v.items[i].kind == BT_ITEM_TEXT && strstr(v.items[i].str, needle))
			found = strdup(v.items[i].str);
	view_free(&v);
	return found;
}

static bool on_screen(struct bt_session *s, uint32_t now, const char *needle)
{
	char *t = shown_text(s, now, needle);
	free(t);
	return t != NULL;
}

static void test_turn_order(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(YARN_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 4);
	assert_int_equal(geti(s, "holder"), 0); /* the trainer holds it first */
	assert_int_equal(geti(s, "card"), -1);
	/* seat 2 does not hold the yarn: its digit does nothing */
	assert_false(send(s, sk(2, 3, 100)));
	/* the trainer throws to seat 3 (highlight, then Enter) */
	assert_true(send(s, tk(BT_TK_DOWN, 200)));
	assert_true(send(s, tk(BT_TK_DOWN, 300)));
	assert_true(send(s, tk(BT_TK_DOWN, 400)));
	assert_int_equal(geti(s, "pick"), 3);
	assert_true(send(s, tk(BT_TK_ENTER, 500)));
	assert_int_equal(geti(s, "holder"), 3);
	assert_int_equal(geti(s, "card"), 0);
	assert_field(s, "throws", "[[0,3]]");
	/* seat 3 passes to seat 1 on its own keypad; the card moves on */
	assert_false(send(s, sk(1, 2, 600))); /* not seat 1's turn */
	assert_true(send(s, sk(3, 1, 700)));
	assert_int_equal(geti(s, "holder"), 1);
	assert_int_equal(geti(s, "card"), 1);
	assert_field(s, "had", "[1,3]");
	assert_field(s, "throws", "[[0,3],[3,1]]");
	assert_true(on_screen(s, 700, "Heb je een huisdier?"));
	/* the old holder's digits count no more */
	assert_false(send(s, sk(3, 2, 800)));
	assert_int_equal(geti(s, "done"), 0);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_refusals_are_kind_and_change_nothing(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(YARN_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 4);
	send(s, tk(BT_TK_DOWN, 0));
	send(s, tk(BT_TK_ENTER, 10)); /* trainer -> 1 */
	send(s, sk(1, 2, 20));        /* 1 -> 2 */
	char *before = getj(s, "throws");

	/* to yourself */
	assert_true(send(s, sk(2, 2, 1000)));
	assert_true(on_screen(s, 1000, "Je hebt de wol al. Kies iemand anders."));
	/* to someone who had it */
	assert_true(send(s, sk(2, 1, 2000)));
	char *t = shown_text(s, 2000, "had de wol al");
	assert_non_null(t);
	assert_string_equal(t, "Plek 1 had de wol al. Kies iemand die nog niet aan de beurt was.");
	free(t);
	/* to a seat that is not here */
	assert_true(send(s, sk(2, 7, 3000)));
	assert_true(on_screen(s, 3000, "Plek 7 is er niet"));
	/* the message goes after about three seconds */
	assert_true(on_screen(s, 5900, "Plek 7 is er niet"));
	assert_false(on_screen(s, 6100, "Plek 7 is er niet"));

	char *after = getj(s, "throws");
	assert_string_equal(before, after);
	free(before);
	free(after);
	assert_int_equal(geti(s, "holder"), 2);
	assert_int_equal(geti(s, "card"), 1);
	assert_field(s, "had", "[1,2]");
	/* a good throw clears the message at once */
	assert_true(send(s, sk(2, 3, 3500)));
	assert_false(on_screen(s, 3500, "is er niet"));
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_trainer_picks_and_throws(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(YARN_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 12);
	/* Enter without a highlight only shows who would get it */
	assert_true(send(s, tk(BT_TK_ENTER, 0)));
	assert_int_equal(geti(s, "pick"), 1);
	assert_int_equal(geti(s, "holder"), 0);
	/* up wraps round to the last seat: seat 12, which no keypad digit reaches */
	assert_true(send(s, tk(BT_TK_UP, 10)));
	assert_int_equal(geti(s, "pick"), 12);
	assert_true(send(s, tk(BT_TK_ENTER, 20)));
	assert_int_equal(geti(s, "holder"), 12);
	assert_int_equal(geti(s, "pick"), 0);
	/* the trainer throws for seat 12; seats who had it are skipped */
	send(s, sk(12, 1, 30)); /* 12 -> 1 */
	assert_true(send(s, tk(BT_TK_DOWN, 40)));
	assert_int_equal(geti(s, "pick"), 2); /* 1 had it, 12 had it */
	assert_true(send(s, tk(BT_TK_UP, 50)));
	assert_int_equal(geti(s, "pick"), 11);
	assert_true(send(s, tk(BT_TK_DOWN, 60)));
	assert_int_equal(geti(s, "pick"), 2);
	assert_true(send(s, tk(BT_TK_ENTER, 70)));
	assert_field(s, "throws", "[[0,12],[12,1],[1,2]]");
	assert_int_equal(geti(s, "holder"), 2);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_k_skips_a_card(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(YARN_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 3);
	assert_true(send(s, tk(BT_TK_LETTER_K, 0)));
	assert_int_equal(geti(s, "card"), 0);
	assert_true(send(s, tk(BT_TK_LETTER_K, 10)));
	assert_true(send(s, tk(BT_TK_LETTER_K, 20)));
	assert_int_equal(geti(s, "card"), 2);
	assert_true(on_screen(s, 20, "Wat doe je graag?"));
	assert_true(send(s, tk(BT_TK_LETTER_K, 30))); /* the cards go round */
	assert_int_equal(geti(s, "card"), 0);
	assert_field(s, "throws", "[]");
	assert_int_equal(geti(s, "holder"), 0);
	/* a throw after a skip shows the card after it */
	send(s, tk(BT_TK_ENTER, 40));
	send(s, tk(BT_TK_ENTER, 50));
	assert_int_equal(geti(s, "card"), 1);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_web_closes_when_everyone_had_it(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(YARN_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 3);
	send(s, tk(BT_TK_DOWN, 0));
	send(s, tk(BT_TK_ENTER, 100)); /* 0 -> 1 */
	send(s, sk(1, 3, 200));        /* 1 -> 3 */
	assert_int_equal(geti(s, "done"), 0);
	assert_int_equal(session_next_wakeup(s, 200), -1); /* nothing moves: sleep */
	assert_true(send(s, sk(3, 2, 1000)));              /* 3 -> 2: everyone had it */
	assert_int_equal(geti(s, "done"), 1);
	assert_int_equal(geti(s, "holder"), 0);
	assert_field(s, "throws", "[[0,1],[1,3],[3,2],[2,0]]");
	assert_field(s, "had", "[1,2,3]");
	/* the closing animation runs about three seconds, then the program sleeps */
	int w = session_next_wakeup(s, 1000);
	assert_true(w >= 0 && w <= 50);
	assert_true(session_next_wakeup(s, 2500) >= 0);
	assert_true(session_next_wakeup(s, 3990) >= 0);
	assert_int_equal(session_next_wakeup(s, 4000), -1);
	assert_int_equal(session_next_wakeup(s, 60000), -1);
	/* the closing line comes after the animation */
	assert_false(on_screen(s, 2000, "Samen zijn we een groep"));
	assert_true(on_screen(s, 4100, "Samen zijn we een groep"));
	/* a closed web takes no more throws */
	assert_false(send(s, sk(2, 1, 5000)));
	assert_false(send(s, tk(BT_TK_ENTER, 5000)));
	assert_false(send(s, tk(BT_TK_DOWN, 5000)));
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_late_joiner_has_not_had_it(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(YARN_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 2);
	send(s, tk(BT_TK_DOWN, 0));
	send(s, tk(BT_TK_ENTER, 10)); /* 0 -> 1 */
	/* seat 5 comes in: its first key joins it, but it does not hold the yarn */
	assert_true(send(s, sk(5, 1, 20)));
	assert_true(seats_present(&s->seats, 5));
	assert_int_equal(geti(s, "holder"), 1);
	send(s, sk(1, 2, 30)); /* 1 -> 2: seat 5 still waits */
	assert_int_equal(geti(s, "done"), 0);
	assert_true(send(s, tk(BT_TK_DOWN, 40)));
	assert_int_equal(geti(s, "pick"), 5);
	assert_true(send(s, sk(2, 5, 50))); /* 2 -> 5 on the keypad */
	assert_int_equal(geti(s, "done"), 1);
	assert_field(s, "throws", "[[0,1],[1,2],[2,5],[5,0]]");
	/* seat 5 is drawn on the circle */
	struct bt_view v = {0};
	view_reset(&v, 1920, 1080, BT_C_BG);
	session_view(s, 0, NULL, &v);
	bool seen = false;
	for (size_t i = 0; i < v.n; i++)
		seen |= v.items[i].kind == BT_ITEM_AVATAR && v.items[i].seat == 5;
	assert_true(seen);
	view_free(&v);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_reset_starts_a_new_round(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(YARN_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 2);
	assert_false(send(s, tk(BT_TK_RESET, 0))); /* nothing to reset yet */
	send(s, tk(BT_TK_ENTER, 0));
	send(s, tk(BT_TK_ENTER, 10));
	send(s, sk(1, 2, 20));
	assert_int_equal(geti(s, "done"), 1);
	assert_true(send(s, tk(BT_TK_RESET, 30)));
	assert_int_equal(geti(s, "done"), 0);
	assert_int_equal(geti(s, "holder"), 0);
	assert_int_equal(geti(s, "card"), -1);
	assert_field(s, "had", "[]");
	assert_field(s, "throws", "[]");
	assert_int_equal(session_next_wakeup(s, 40), -1);
	/* and the new round plays like the first */
	send(s, tk(BT_TK_ENTER, 50));
	assert_true(send(s, tk(BT_TK_ENTER, 60)));
	assert_field(s, "throws", "[[0,1]]");
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_next_wakeup(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(YARN_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 2);
	assert_int_equal(session_next_wakeup(s, 0), -1);
	send(s, tk(BT_TK_ENTER, 100));
	send(s, tk(BT_TK_ENTER, 200));
	assert_int_equal(session_next_wakeup(s, 300), -1);
	/* a refusal stays about three seconds: wake once to take it away */
	send(s, sk(1, 1, 1000));
	int w = session_next_wakeup(s, 1000);
	assert_true(w > 0 && w <= 3000);
	assert_true(session_next_wakeup(s, 3500) >= 0);
	assert_int_equal(session_next_wakeup(s, 4000), -1);
	/* the closing animation: about 30 frames a second, then sleep */
	send(s, sk(1, 2, 5000));
	w = session_next_wakeup(s, 5000);
	assert_true(w >= 0 && w <= 50);
	w = session_next_wakeup(s, 7000);
	assert_true(w >= 0 && w <= 50);
	assert_int_equal(session_next_wakeup(s, 8000), -1);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_replay_is_deterministic(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(YARN_SESSION);
	struct bt_event evs[] = {
	    {.type = BT_EV_SEATS, .digit = 5},
	    tk(BT_TK_DOWN, 100),
	    tk(BT_TK_DOWN, 200),
	    tk(BT_TK_ENTER, 300),
	    sk(2, 2, 400),
	    sk(2, 4, 500),
	    tk(BT_TK_LETTER_K, 600),
	    sk(4, 2, 700),
	    sk(7, 1, 800), /* a late joiner */
	    tk(BT_TK_UP, 900),
	    tk(BT_TK_ENTER, 1000),
	    sk(4, 3, 1100),
	};
	char *dumps[2];
	for (int r = 0; r < 2; r++) {
		struct bt_session *s = session_create(def);
		for (size_t i = 0; i < sizeof(evs) / sizeof(evs[0]); i++)
			session_handle(s, &evs[i]);
		json_t *d = session_dump(s);
		dumps[r] = json_dumps(d, JSON_SORT_KEYS);
		json_decref(d);
		session_destroy(s);
	}
	assert_string_equal(dumps[0], dumps[1]);
	assert_non_null(strstr(dumps[0], "\"throws\": [[0, 2], [2, 4], [4, 7]]"));
	free(dumps[0]);
	free(dumps[1]);
	sessiondef_destroy(def);
}

/* Parses yaml that must fail; returns the messages (caller clears). */
static struct bt_diags parse_bad(const char *yaml)
{
	struct bt_diags d = {0};
	struct bt_session_def *def = sessiondef_parse(yaml, strlen(yaml), "t.yaml", NULL, &d);
	assert_null(def);
	assert_true(d.n > 0);
	return d;
}

static void test_parse_errors_name_the_line(void **state)
{
	(void)state;
	const char *head = "sessie: \"1.2\"\n"               /* 1 */
	                   "module: 1\n"                     /* 2 */
	                   "titel: Kennismaken\n"            /* 3 */
	                   "doelen:\n"                       /* 4 */
	                   "  - Je leert de groep kennen.\n" /* 5 */
	                   "scenes:\n"                       /* 6 */
	                   "  - type: yarnweb\n";            /* 7 */
	char y[2048];

	/* a question that is too long, on line 10 */
	snprintf(y, sizeof(y),
	         "%s    vragen:\n"
	         "      - Wat eet je het liefst?\n"
	         "      - Dit is een veel te lange vraag die nooit op een kaart past, echt niet\n"
	         "      - Heb je een huisdier?\n",
	         head);
	struct bt_diags d = parse_bad(y);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].line, 10);
	assert_non_null(strstr(d.v[0].msg, "vraag 2"));
	assert_non_null(strstr(d.v[0].msg, "te lang"));
	diags_clear(&d);

	/* a question that is a block of fields instead of a text, on line 9 */
	snprintf(y, sizeof(y),
	         "%s    vragen:\n"
	         "      - tekst: Wat eet je?\n",
	         head);
	d = parse_bad(y);
	assert_int_equal(d.v[0].line, 9);
	assert_non_null(strstr(d.v[0].msg, "moet een tekst zijn"));
	diags_clear(&d);

	/* vragen is not a list: the message points at its key, line 8 */
	snprintf(y, sizeof(y), "%s    vragen: Wat eet je?\n", head);
	d = parse_bad(y);
	assert_int_equal(d.v[0].line, 8);
	assert_non_null(strstr(d.v[0].msg, "lijst"));
	diags_clear(&d);

	/* no questions at all */
	snprintf(y, sizeof(y), "%s    titel: Wol\n", head);
	d = parse_bad(y);
	assert_non_null(strstr(d.v[0].msg, "'vragen' ontbreekt"));
	diags_clear(&d);

	/* more than 30 questions */
	size_t used = (size_t)snprintf(y, sizeof(y), "%s    vragen:\n", head);
	for (int i = 0; i < 31; i++)
		used += (size_t)snprintf(y + used, sizeof(y) - used, "      - Vraag %d?\n", i + 1);
	d = parse_bad(y);
	assert_int_equal(d.v[0].line, 8);
	assert_non_null(strstr(d.v[0].msg, "Haal er 1 weg"));
	diags_clear(&d);

	/* a typo in a field name, and a closing line that is too long (line 9) */
	snprintf(y, sizeof(y),
	         "%s    vragn:\n"
	         "      - Wat eet je?\n"
	         "    slot: Samen zijn we een groep en dat vinden we allemaal heel fijn\n",
	         head);
	d = parse_bad(y);
	bool typo = false, slot = false;
	for (size_t i = 0; i < d.n; i++) {
		typo |= d.v[i].line == 8 && strstr(d.v[i].msg, "vragen") != NULL;
		slot |= d.v[i].line == 10 && strstr(d.v[i].msg, "'slot'") != NULL;
	}
	assert_true(typo);
	assert_true(slot);
	diags_clear(&d);
}

static void test_defaults(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(YARN_SESSION);
	struct bt_session *s = session_create(def);
	struct bt_view v = {0};
	view_reset(&v, 1440, 1080, BT_C_BG);
	session_view(s, 0, NULL, &v);
	bool title = false, trainer = false;
	for (size_t i = 0; i < v.n; i++) {
		if (v.items[i].kind != BT_ITEM_TEXT)
			continue;
		title |= strcmp(v.items[i].str, "Het bolletje wol") == 0;
		trainer |= strcmp(v.items[i].str, "T") == 0;
		/* all participant text is big enough to read from the back of the room */
		if (v.items[i].role == BT_ROLE_PARTICIPANT)
			assert_true(v.items[i].px >= 56.0f);
	}
	assert_true(title);
	assert_true(trainer);
	view_free(&v);
	session_destroy(s);
	sessiondef_destroy(def);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_turn_order),
	    cmocka_unit_test(test_refusals_are_kind_and_change_nothing),
	    cmocka_unit_test(test_trainer_picks_and_throws),
	    cmocka_unit_test(test_k_skips_a_card),
	    cmocka_unit_test(test_web_closes_when_everyone_had_it),
	    cmocka_unit_test(test_late_joiner_has_not_had_it),
	    cmocka_unit_test(test_reset_starts_a_new_round),
	    cmocka_unit_test(test_next_wakeup),
	    cmocka_unit_test(test_replay_is_deterministic),
	    cmocka_unit_test(test_parse_errors_name_the_line),
	    cmocka_unit_test(test_defaults),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
