/* The role-play timer (rollenspel): giving roles by hand and by a deterministic
 * draw, phases that follow each other by the clock of the events, swapping roles,
 * pause, +30 s, skip, the chime at phase ends, thumbs from watchers in the feedback
 * phase, wake-ups, replay, the trainer's hint and the scene file's messages. Every
 * time is an explicit event time: a fake clock, no sleeping. */
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "palette.h"
#include "session.h"
#include "testutil.h"
#include "util.h"

#define HEAD                                                                                       \
	"sessie: \"3.7\"\n"                                                                        \
	"module: 3\n"                                                                              \
	"titel: Weigeren van middelen\n"                                                           \
	"doelen:\n"                                                                                \
	"  - Je oefent nee zeggen.\n"                                                              \
	"scenes:\n"                                                                                \
	"  - type: roleplay\n"

/* Short phases (10, 20, 10, 20, 30 s) so the times stay readable. */
static const char *const RP_SESSION = HEAD "    scenario: Een vriend biedt je een joint aan.\n"
                                           "    plaatje: wiet\n"
                                           "    rollen: [Vriend, Weigeraar]\n"
                                           "    fasen:\n"
                                           "      - naam: Voorbereiden\n"
                                           "        seconden: 10\n"
                                           "      - naam: Spelen\n"
                                           "        seconden: 20\n"
                                           "      - naam: Rollen wisselen\n"
                                           "        seconden: 10\n"
                                           "      - naam: Nog een keer\n"
                                           "        seconden: 20\n"
                                           "      - naam: Nabespreken\n"
                                           "        seconden: 30\n"
                                           "    stappen:\n"
                                           "      - tekst: Zeg duidelijk nee.\n"
                                           "        plaatje: nee\n"
                                           "      - Zeg nog eens nee.\n"
                                           "      - Zeg dat je weggaat.\n"
                                           "      - tekst: Ga weg.\n"
                                           "        plaatje: deur\n";

/* The default phases and a dealer. */
static const char *const RP_DEFAULT = HEAD "    scenario: Een dealer spreekt je aan op straat.\n"
                                           "    plaatje: gevaar\n"
                                           "    rollen:\n"
                                           "      - naam: Dealer\n"
                                           "        plaatje: gevaar\n"
                                           "      - Weigeraar\n"
                                           "    stappen:\n"
                                           "      - Kijk niet aan.\n"
                                           "      - Loop door.\n"
                                           "      - Zeg kort nee.\n"
                                           "      - Ga snel weg.\n"
                                           "      - Zoek een veilige plek.\n";

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

/* Time passes to t: the dump and the hint then show that moment. */
static void tick(struct bt_session *s, uint32_t t)
{
	struct bt_event ev = {.type = BT_EV_TICK, .time_ms = t};
	session_handle(s, &ev);
}

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

static char *getj(struct bt_session *s, const char *key)
{
	json_t *root;
	char *r = json_dumps(json_object_get(scene(s, &root), key), JSON_COMPACT | JSON_ENCODE_ANY);
	json_decref(root);
	return r;
}

static void assert_field(struct bt_session *s, const char *key, const char *want)
{
	char *got = getj(s, key);
	assert_string_equal(got, want);
	free(got);
}

/* Phase index, name and seconds left at time t. */
static void assert_at(struct bt_session *s, uint32_t t, int phase, const char *name, int left)
{
	tick(s, t);
	assert_int_equal(geti(s, "phase"), phase);
	char want[64];
	snprintf(want, sizeof(want), "\"%s\"", name);
	assert_field(s, "phase_name", want);
	assert_int_equal(geti(s, "remaining"), left);
}

static const struct bt_scene_type *type(struct bt_session *s)
{
	return s->def->scenes[s->current].type;
}

static const char *hint(struct bt_session *s)
{
	struct bt_scene_ctx ctx = {.def = s->def, .seats = &s->seats, .now_ms = s->now_ms};
	const struct bt_scene_def *d = &s->def->scenes[s->current];
	const char *h = d->type->hint(s->states[s->current], d->cfg, &ctx);
	assert_true(bt_utf8_chars(h) <= 36);
	/* cppcheck-suppress returnDanglingLifetime ; hint is a static string, not ctx's */
	return h;
}

/* The session with the short phases, 5 seats, Vriend = 2 and Weigeraar = 4, started
 * at 1000 ms. */
static struct bt_session *started(struct bt_session_def *def)
{
	struct bt_session *s = session_create(def);
	seats(s, 5);
	send(s, tk(BT_TK_DOWN, 100));
	send(s, tk(BT_TK_DOWN, 110));
	send(s, tk(BT_TK_ENTER, 120)); /* seat 2: Vriend */
	for (int i = 0; i < 4; i++)
		send(s, tk(BT_TK_DOWN, 130 + (uint32_t)i));
	send(s, tk(BT_TK_ENTER, 140)); /* seat 4: Weigeraar */
	assert_true(send(s, tk(BT_TK_ENTER, 1000)));
	return s;
}

static void test_trainer_gives_roles(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(RP_SESSION);
	struct bt_session *s = session_create(def);
	assert_string_equal(hint(s), "Eerst 2 mensen nodig");
	seats(s, 4);
	assert_field(s, "roles", "[0,0]");
	assert_field(s, "watchers", "[1,2,3,4]");
	assert_string_equal(hint(s), "Pijl: kies plek · K: kies voor mij");
	/* Enter without a highlight only shows who would get the role */
	assert_true(send(s, tk(BT_TK_ENTER, 100)));
	assert_int_equal(geti(s, "pick"), 1);
	assert_field(s, "roles", "[0,0]");
	assert_string_equal(hint(s), "Enter: geef rol · K: kies voor mij");
	/* up goes round to the last seat; Enter gives it the first role */
	assert_true(send(s, tk(BT_TK_UP, 200)));
	assert_int_equal(geti(s, "pick"), 4);
	assert_true(send(s, tk(BT_TK_ENTER, 300)));
	assert_field(s, "roles", "[4,0]");
	assert_int_equal(geti(s, "pick"), 0);
	/* the next seat gets the second role */
	send(s, tk(BT_TK_DOWN, 400));
	send(s, tk(BT_TK_DOWN, 410));
	assert_true(send(s, tk(BT_TK_ENTER, 500)));
	assert_field(s, "roles", "[4,2]");
	assert_field(s, "watchers", "[1,3]");
	assert_int_equal(geti(s, "started"), 0);
	assert_string_equal(hint(s), "Enter: start · K: kies voor mij");
	/* Enter on a seat with a role takes the role back */
	send(s, tk(BT_TK_UP, 600)); /* pick 4 (from none, up: the last seat) */
	assert_int_equal(geti(s, "pick"), 4);
	assert_string_equal(hint(s), "Enter: rol weg · K: kies voor mij");
	assert_true(send(s, tk(BT_TK_ENTER, 700)));
	assert_field(s, "roles", "[0,2]");
	/* and gives the open role to the next one picked */
	send(s, tk(BT_TK_UP, 800)); /* 3 */
	assert_true(send(s, tk(BT_TK_ENTER, 900)));
	assert_field(s, "roles", "[3,2]");
	/* seat keys do nothing before the start */
	assert_false(send(s, sk(1, 5, 950)));
	/* both roles given: Enter starts the phases */
	assert_true(send(s, tk(BT_TK_ENTER, 1000)));
	assert_int_equal(geti(s, "started"), 1);
	assert_int_equal(geti(s, "phase"), 0);
	/* a late joiner watches */
	assert_true(send(s, sk(7, 1, 1100)));
	assert_field(s, "watchers", "[1,4,7]");
	/* the roles stay put while the phases run: K, up and down do other things */
	assert_false(send(s, tk(BT_TK_LETTER_K, 1200)));
	assert_field(s, "roles", "[3,2]");
	session_destroy(s);
	sessiondef_destroy(def);
}

/* Roles after these events, as JSON. */
static char *draw(struct bt_session_def *def, int n_seats, uint32_t t)
{
	struct bt_session *s = session_create(def);
	seats(s, n_seats);
	assert_true(send(s, tk(BT_TK_LETTER_K, t)));
	char *r = getj(s, "roles");
	session_destroy(s);
	return r;
}

static void test_random_roles_are_deterministic(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(RP_SESSION);
	/* the same events give the same roles */
	for (uint32_t t = 0; t < 20000; t += 1237) {
		char *a = draw(def, 6, t), *b = draw(def, 6, t);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
	/* the draw depends on the time and on who is there, and spreads over the seats */
	bool seen[BT_MAX_SEATS + 1] = {0};
	for (uint32_t t = 0; t < 40; t++) {
		struct bt_session *s = session_create(def);
		seats(s, 6);
		assert_true(send(s, tk(BT_TK_LETTER_K, t * 1000)));
		json_t *root;
		json_t *roles = json_object_get(scene(s, &root), "roles");
		int a = (int)json_integer_value(json_array_get(roles, 0));
		int b = (int)json_integer_value(json_array_get(roles, 1));
		assert_true(a >= 1 && a <= 6 && b >= 1 && b <= 6 && a != b);
		seen[a] = seen[b] = true;
		json_decref(root);
		/* the players are no watchers */
		char *w = getj(s, "watchers");
		char sa[8], sb[8];
		snprintf(sa, sizeof(sa), "%d", a);
		snprintf(sb, sizeof(sb), "%d", b);
		assert_null(strstr(w, sa));
		assert_null(strstr(w, sb));
		free(w);
		session_destroy(s);
	}
	for (int i = 1; i <= 6; i++)
		assert_true(seen[i]);

	/* K again draws another pair */
	struct bt_session *s = session_create(def);
	seats(s, 5);
	send(s, tk(BT_TK_LETTER_K, 500));
	char *first = getj(s, "roles");
	assert_true(send(s, tk(BT_TK_LETTER_K, 900)));
	char *second = getj(s, "roles");
	assert_string_not_equal(first, second);
	free(first);
	free(second);
	session_destroy(s);

	/* with one role given by hand, K fills only the other one */
	s = session_create(def);
	seats(s, 5);
	send(s, tk(BT_TK_DOWN, 100));
	send(s, tk(BT_TK_DOWN, 110));
	send(s, tk(BT_TK_DOWN, 120));
	send(s, tk(BT_TK_ENTER, 130)); /* seat 3: Vriend */
	for (uint32_t t = 200; t < 2000; t += 100) {
		assert_true(send(s, tk(BT_TK_LETTER_K, t)));
		json_t *root;
		json_t *roles = json_object_get(scene(s, &root), "roles");
		assert_int_equal(json_integer_value(json_array_get(roles, 0)), 3);
		int b = (int)json_integer_value(json_array_get(roles, 1));
		assert_true(b >= 1 && b <= 5 && b != 3);
		json_decref(root);
		/* take it back, so the next K fills it again */
		struct bt_event e = tk(BT_TK_UP, t + 1);
		while (geti(s, "pick") != b)
			session_handle(s, &e);
		send(s, tk(BT_TK_ENTER, t + 2));
	}
	session_destroy(s);

	/* one person cannot play a pair */
	s = session_create(def);
	seats(s, 1);
	assert_false(send(s, tk(BT_TK_LETTER_K, 100)));
	assert_field(s, "roles", "[0,0]");
	assert_true(send(s, tk(BT_TK_ENTER, 200)));  /* seat 1 is shown, */
	assert_true(send(s, tk(BT_TK_ENTER, 300)));  /* gets the first role, */
	assert_false(send(s, tk(BT_TK_ENTER, 400))); /* and nobody is left for the second */
	assert_field(s, "roles", "[1,0]");
	assert_int_equal(geti(s, "started"), 0);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_phases_follow_the_clock(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(RP_SESSION);
	struct bt_session *s = started(def);
	assert_at(s, 1000, 0, "Voorbereiden", 10);
	assert_at(s, 1001, 0, "Voorbereiden", 10);
	assert_at(s, 2000, 0, "Voorbereiden", 9);
	assert_at(s, 10999, 0, "Voorbereiden", 1);
	/* each phase ends by itself and the next one starts */
	assert_at(s, 11000, 1, "Spelen", 20);
	assert_field(s, "roles", "[2,4]");
	assert_int_equal(geti(s, "swapped"), 0);
	assert_at(s, 30999, 1, "Spelen", 1);
	/* rollen wisselen: the players swap roles on screen */
	assert_at(s, 31000, 2, "Rollen wisselen", 10);
	assert_field(s, "roles", "[4,2]");
	assert_int_equal(geti(s, "swapped"), 1);
	assert_at(s, 41000, 3, "Nog een keer", 20);
	assert_field(s, "roles", "[4,2]");
	assert_at(s, 61000, 4, "Nabespreken", 30);
	assert_at(s, 90999, 4, "Nabespreken", 1);
	/* after the last phase: finished, the roles as they were played last */
	assert_at(s, 91000, 5, "", 0);
	assert_int_equal(geti(s, "finished"), 1);
	assert_field(s, "roles", "[4,2]");
	assert_string_equal(hint(s), "Klaar · Enter: nieuw paar");
	/* a long wait in one go (nothing happened in between) lands the same */
	session_destroy(s);
	s = started(def);
	assert_at(s, 45000, 3, "Nog een keer", 16);
	/* Enter after the end: a new pair */
	tick(s, 100000);
	assert_true(send(s, tk(BT_TK_ENTER, 100000)));
	assert_int_equal(geti(s, "started"), 0);
	assert_field(s, "roles", "[0,0]");
	assert_int_equal(geti(s, "phase"), -1);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_pause_and_continue(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(RP_SESSION);
	struct bt_session *s = started(def);
	assert_string_equal(hint(s), "P: pauze · Op +30 s · Neer: verder");
	assert_true(send(s, tk(BT_TK_LETTER_P, 5000))); /* 6 s left of Voorbereiden */
	assert_int_equal(geti(s, "paused"), 1);
	assert_string_equal(hint(s), "P: ga door · Op +30 s · Neer: verder");
	/* the clock stands still, however long the pause */
	assert_at(s, 5000, 0, "Voorbereiden", 6);
	assert_at(s, 50000, 0, "Voorbereiden", 6);
	assert_true(send(s, tk(BT_TK_LETTER_P, 60000)));
	assert_int_equal(geti(s, "paused"), 0);
	assert_at(s, 60000, 0, "Voorbereiden", 6);
	assert_at(s, 65999, 0, "Voorbereiden", 1);
	assert_at(s, 66000, 1, "Spelen", 20);
	/* a pause in a later phase, after phases passed by themselves */
	assert_true(send(s, tk(BT_TK_LETTER_P, 100000))); /* 66+20+10 = 96: in phase 3 */
	assert_at(s, 100000, 3, "Nog een keer", 16);
	assert_at(s, 200000, 3, "Nog een keer", 16);
	assert_true(send(s, tk(BT_TK_LETTER_P, 200500)));
	assert_at(s, 216500, 4, "Nabespreken", 30);
	/* nothing to pause when all is over */
	tick(s, 300000);
	assert_false(send(s, tk(BT_TK_LETTER_P, 300000)));
	assert_int_equal(geti(s, "paused"), 0);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_extend_and_skip(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(RP_SESSION);
	struct bt_session *s = started(def);
	/* up: 30 seconds more for this phase only */
	assert_true(send(s, tk(BT_TK_UP, 5000)));
	assert_at(s, 5000, 0, "Voorbereiden", 36);
	assert_true(send(s, tk(BT_TK_UP, 6000)));
	assert_at(s, 6000, 0, "Voorbereiden", 65);
	assert_at(s, 71000, 1, "Spelen", 20); /* 1000 + 10 + 60 s */
	assert_at(s, 91000, 2, "Rollen wisselen", 10);
	/* down: the next phase at once, with its full time */
	assert_true(send(s, tk(BT_TK_DOWN, 93000)));
	assert_at(s, 93000, 3, "Nog een keer", 20);
	assert_field(s, "roles", "[4,2]");
	/* skip while paused: the next phase waits with its full time */
	send(s, tk(BT_TK_LETTER_P, 95000));
	assert_true(send(s, tk(BT_TK_DOWN, 96000)));
	assert_at(s, 99000, 4, "Nabespreken", 30);
	assert_int_equal(geti(s, "paused"), 1);
	send(s, tk(BT_TK_LETTER_P, 100000));
	assert_at(s, 101000, 4, "Nabespreken", 29);
	/* extend while paused works too */
	send(s, tk(BT_TK_LETTER_P, 102000));
	assert_true(send(s, tk(BT_TK_UP, 102500)));
	assert_at(s, 103000, 4, "Nabespreken", 58);
	send(s, tk(BT_TK_LETTER_P, 104000));
	/* skipping the last phase finishes */
	assert_true(send(s, tk(BT_TK_DOWN, 110000)));
	tick(s, 110000);
	assert_int_equal(geti(s, "finished"), 1);
	assert_int_equal(geti(s, "paused"), 0);
	assert_false(send(s, tk(BT_TK_DOWN, 111000)));
	assert_false(send(s, tk(BT_TK_UP, 112000)));
	/* up and down before the start move the highlight, not the clock */
	assert_true(send(s, tk(BT_TK_RESET, 120000)));
	assert_int_equal(geti(s, "started"), 0);
	assert_field(s, "roles", "[0,0]");
	assert_true(send(s, tk(BT_TK_DOWN, 121000)));
	assert_int_equal(geti(s, "pick"), 1);
	session_destroy(s);

	/* +30 s stops at an hour a phase */
	s = started(def);
	int ok = 0;
	for (uint32_t i = 0; i < 200; i++)
		ok += send(s, tk(BT_TK_UP, 2000 + i));
	assert_int_equal(ok, (3600 - 10) / 30);
	session_destroy(s);
	sessiondef_destroy(def);
}

static bool chime(struct bt_session *s, uint32_t from, uint32_t to)
{
	return session_chime_due(s, from, to);
}

static void test_chime_at_phase_ends_only(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(RP_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 3);
	assert_false(chime(s, 0, 1000000)); /* not started: never */
	session_destroy(s);

	s = started(def); /* ends at 11, 31, 41, 61, 91 s */
	assert_false(chime(s, 1000, 10999));
	assert_true(chime(s, 10999, 11000));
	assert_false(chime(s, 11000, 11001));
	assert_false(chime(s, 11000, 30999));
	assert_true(chime(s, 30000, 31000));
	assert_true(chime(s, 40500, 41500));
	assert_true(chime(s, 90000, 91000)); /* the end of the last phase too */
	assert_false(chime(s, 91000, 200000));
	/* ends that passed before an event still chime for a late look */
	tick(s, 35000);
	send(s, tk(BT_TK_UP, 35000)); /* folds the first two ends into the state */
	assert_true(chime(s, 10000, 12000));
	assert_true(chime(s, 30500, 31500));
	assert_false(chime(s, 31500, 70999));
	assert_true(chime(s, 70999, 71000)); /* 41 + 30 s */
	/* a skip by the trainer does not chime; the next natural end does */
	assert_true(send(s, tk(BT_TK_DOWN, 50000)));
	assert_false(chime(s, 49000, 51000));
	assert_false(chime(s, 51000, 69999));
	assert_true(chime(s, 69999, 70000)); /* 50 + 20 s */
	/* paused: nothing ends */
	send(s, tk(BT_TK_LETTER_P, 60000));
	assert_false(chime(s, 60000, 1000000));
	send(s, tk(BT_TK_LETTER_P, 65000));
	assert_true(chime(s, 74000, 75000));
	assert_false(chime(s, 75000, 104999));
	assert_true(chime(s, 104000, 105000)); /* 75 + 30 s: the end of the feedback */
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_thumbs_from_watchers_in_feedback(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(RP_SESSION);
	struct bt_session *s = started(def); /* players 2 and 4; watchers 1, 3, 5 */
	/* while playing, keys give no thumbs */
	assert_false(send(s, sk(1, 5, 5000)));
	assert_false(send(s, sk(3, 1, 20000)));
	assert_int_equal(geti(s, "thumbs"), 0);
	/* feedback: every press of a watcher counts, digit or Enter */
	tick(s, 61000);
	assert_true(send(s, sk(1, 5, 62000)));
	assert_true(send(s, sk(1, 0, 62100)));
	assert_true(send(s, event_seat(3, BT_SK_ENTER, 0, 62200)));
	assert_int_equal(geti(s, "thumbs"), 3);
	/* the players get thumbs, they do not give them */
	assert_false(send(s, sk(2, 5, 62300)));
	assert_false(send(s, sk(4, 5, 62400)));
	/* undo is no thumb */
	assert_false(send(s, event_seat(5, BT_SK_UNDO, 0, 62500)));
	/* a late joiner watches and may give a thumb */
	assert_true(send(s, sk(9, 1, 63000)));
	assert_int_equal(geti(s, "thumbs"), 4);
	assert_field(s, "watchers", "[1,3,5,9]");
	/* a pause in the feedback keeps it the feedback */
	send(s, tk(BT_TK_LETTER_P, 64000));
	assert_true(send(s, sk(5, 2, 65000)));
	send(s, tk(BT_TK_LETTER_P, 66000));
	assert_int_equal(geti(s, "thumbs"), 5);
	/* after the feedback: no more */
	tick(s, 100000);
	assert_false(send(s, sk(1, 5, 100000)));
	assert_int_equal(geti(s, "thumbs"), 5);

	/* the count is on screen with the thumb, never who pressed */
	struct bt_view v = {0};
	view_reset(&v, 1920, 1080, BT_C_BG);
	struct bt_view_args a = {.now_ms = 100000};
	session_view(s, 0, &a, &v);
	bool count = false, thumb = false;
	for (size_t i = 0; i < v.n; i++) {
		count |= v.items[i].kind == BT_ITEM_TEXT && strcmp(v.items[i].str, "5") == 0;
		thumb |= v.items[i].kind == BT_ITEM_ICON && strcmp(v.items[i].str, "duim") == 0;
		/* only the players' avatars are drawn at the end */
		if (v.items[i].kind == BT_ITEM_AVATAR)
			assert_true(v.items[i].seat == 2 || v.items[i].seat == 4);
	}
	assert_true(count);
	assert_true(thumb);
	view_free(&v);
	session_destroy(s);
	sessiondef_destroy(def);
}

/* How many star icons the view draws at time t. */
static int stars(struct bt_session *s, uint32_t t)
{
	struct bt_view v = {0};
	view_reset(&v, 1920, 1080, BT_C_BG);
	struct bt_view_args a = {.now_ms = t};
	session_view(s, 0, &a, &v);
	int n = 0;
	for (size_t i = 0; i < v.n; i++)
		n += v.items[i].kind == BT_ITEM_ICON && strcmp(v.items[i].str, "ster") == 0;
	view_free(&v);
	return n;
}

static void test_applause_and_wakeups(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(RP_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 4);
	assert_int_equal(session_next_wakeup(s, 0), -1); /* not started: sleep */
	session_destroy(s);

	s = started(def);
	/* running: the next whole second of the countdown */
	assert_int_equal(session_next_wakeup(s, 1000), 1000);
	assert_int_equal(session_next_wakeup(s, 1250), 750);
	assert_int_equal(session_next_wakeup(s, 10999), 1);
	assert_int_equal(session_next_wakeup(s, 11000), 1000);
	send(s, tk(BT_TK_UP, 3400)); /* +30 s does not move the second's edge */
	assert_int_equal(session_next_wakeup(s, 3400), 600);
	/* paused: nothing moves */
	send(s, tk(BT_TK_LETTER_P, 4321));
	assert_int_equal(session_next_wakeup(s, 4321), -1);
	assert_int_equal(session_next_wakeup(s, 9000), -1);
	send(s, tk(BT_TK_LETTER_P, 9000)); /* 679 ms of this second were left */
	assert_int_equal(session_next_wakeup(s, 9000), 679);
	/* feedback starts at 61 + 30 + 4.679 = 95.679 s */
	tick(s, 96000);
	assert_int_equal(geti(s, "phase"), 4);
	assert_int_equal(session_next_wakeup(s, 96000), 679);
	/* a thumb: about 30 frames a second for 1.5 s, stars for the players */
	assert_int_equal(stars(s, 96000), 0);
	send(s, sk(1, 5, 96000));
	assert_int_equal(session_next_wakeup(s, 96000), 33);
	assert_int_equal(session_next_wakeup(s, 97400), 33);
	assert_int_equal(stars(s, 96750), 1);
	send(s, sk(3, 5, 96500));
	assert_int_equal(stars(s, 97000), 2);
	assert_int_equal(stars(s, 97600), 1);
	assert_int_equal(stars(s, 98000), 0);
	/* the applause is over: back to the countdown */
	assert_int_equal(session_next_wakeup(s, 98000), 679);
	/* applause during a pause still moves; the clock does not */
	send(s, tk(BT_TK_LETTER_P, 99000));
	send(s, sk(5, 5, 99100));
	assert_int_equal(session_next_wakeup(s, 99200), 33);
	assert_int_equal(session_next_wakeup(s, 100600), -1);
	send(s, tk(BT_TK_LETTER_P, 101000));
	/* finished: sleep */
	tick(s, 200000);
	assert_int_equal(geti(s, "finished"), 1);
	assert_int_equal(session_next_wakeup(s, 200000), -1);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_replay_is_deterministic(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(RP_SESSION);
	struct bt_event evs[] = {
	    {.type = BT_EV_SEATS, .digit = 6},
	    tk(BT_TK_LETTER_K, 317),
	    tk(BT_TK_LETTER_K, 1234),
	    tk(BT_TK_ENTER, 2000),
	    tk(BT_TK_UP, 4000),
	    tk(BT_TK_LETTER_P, 8000),
	    tk(BT_TK_LETTER_P, 12345),
	    sk(8, 1, 13000), /* a late joiner */
	    tk(BT_TK_DOWN, 50000),
	    sk(1, 3, 100000),
	    sk(8, 4, 100500),
	    {.type = BT_EV_TICK, .time_ms = 101000},
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
	assert_non_null(strstr(dumps[0], "\"phase_name\": \"Nabespreken\""));
	free(dumps[0]);
	free(dumps[1]);
	sessiondef_destroy(def);
}

static void test_defaults(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(RP_DEFAULT);
	struct bt_session *s = session_create(def);
	seats(s, 3);
	send(s, tk(BT_TK_LETTER_K, 0));
	send(s, tk(BT_TK_ENTER, 0));
	/* the five phases with their default times */
	static const char *const names[] = {"Voorbereiden", "Spelen", "Rollen wisselen", "Spelen",
	                                    "Nabespreken"};
	static const int secs[] = {90, 120, 30, 120, 180};
	uint32_t t = 0;
	for (int i = 0; i < 5; i++) {
		assert_at(s, t, i, names[i], secs[i]);
		assert_int_equal(geti(s, "swapped"), i >= 2);
		t += (uint32_t)secs[i] * 1000;
	}
	assert_at(s, t, 5, "", 0);
	assert_field(s, "role_names", "[\"Dealer\",\"Weigeraar\"]");
	assert_non_null(type(s)->chime_due);
	session_destroy(s);
	sessiondef_destroy(def);
}

/* Every text the group reads is big enough, at each stage and screen shape. */
static void check_sizes(struct bt_session *s, uint32_t t, const char *must)
{
	static const int sizes[][2] = {{1920, 1080}, {1440, 1080}, {1280, 720}, {1280, 800}};
	for (size_t k = 0; k < 4; k++) {
		struct bt_view v = {0};
		view_reset(&v, sizes[k][0], sizes[k][1], BT_C_BG);
		struct bt_view_args a = {.now_ms = t};
		session_view(s, 0, &a, &v);
		bool found = must == NULL;
		float u = (float)sizes[k][1] / 1080.0f;
		for (size_t i = 0; i < v.n; i++) {
			const struct bt_item *it = &v.items[i];
			if (it->kind == BT_ITEM_AVATAR)
				assert_true(it->box.w >= BT_AVATAR_MIN * u - 0.5f);
			if (it->kind != BT_ITEM_TEXT)
				continue;
			if (it->role == BT_ROLE_PARTICIPANT)
				assert_true(it->px >= 56.0f * u);
			assert_true(palette_contrast(it->fg, it->bg) >= 7.0);
			found |= must && strcmp(it->str, must) == 0;
		}
		assert_true(found);
		view_free(&v);
	}
}

static void test_view_at_each_stage(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(RP_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 12);
	check_sizes(s, 0, "Een vriend biedt je een joint aan.");
	send(s, tk(BT_TK_LETTER_K, 10));
	check_sizes(s, 10, "Kijkers");
	send(s, tk(BT_TK_ENTER, 1000));
	check_sizes(s, 1000, "00:10");
	check_sizes(s, 3500, "00:08");
	check_sizes(s, 32000, "Rollen wisselen");
	send(s, tk(BT_TK_LETTER_P, 33000));
	check_sizes(s, 40000, "00:08");
	send(s, tk(BT_TK_LETTER_P, 40000));
	check_sizes(s, 70000, "Nabespreken");
	send(s, sk(1, 1, 70000));
	check_sizes(s, 70500, "Ga weg.");
	check_sizes(s, 200000, "Jullie hebben goed geoefend.");
	session_destroy(s);
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

/* The message on that line containing text must be there. */
static void expect(const char *yaml, int line, const char *text)
{
	struct bt_diags d = parse_bad(yaml);
	bool found = false;
	for (size_t i = 0; i < d.n; i++)
		found |= d.v[i].line == line && strstr(d.v[i].msg, text) != NULL;
	if (!found)
		for (size_t i = 0; i < d.n; i++)
			print_error("line %d: %s\n", d.v[i].line, d.v[i].msg);
	assert_true(found);
	diags_clear(&d);
}

static void test_parse_errors_name_the_line(void **state)
{
	(void)state;
	/* lines 1-7 are HEAD; the scene's fields start on line 8 */
	const char *ok_tail = "    plaatje: wiet\n"               /* 9 */
	                      "    rollen: [Vriend, Weigeraar]\n" /* 10 */
	                      "    stappen:\n"                    /* 11 */
	                      "      - Zeg nee.\n"                /* 12 */
	                      "      - Ga weg.\n";                /* 13 */
	char y[4096];

	/* a scenario that is too long */
	snprintf(y, sizeof(y),
	         HEAD "    scenario: Een vriend biedt je op een mooie zonnige dag aan het strand "
	              "een joint aan en hij blijft maar aandringen\n%s",
	         ok_tail);
	expect(y, 8, "te lang");
	/* no scenario */
	snprintf(y, sizeof(y), HEAD "    titel: Oefenen\n%s", ok_tail);
	expect(y, 7, "'scenario' ontbreekt");
	/* a picture that is missing */
	snprintf(y, sizeof(y),
	         HEAD "    scenario: Een joint.\n"
	              "    rollen: [Vriend, Weigeraar]\n"
	              "    stappen: [Zeg nee., Ga weg.]\n");
	expect(y, 7, "'plaatje' ontbreekt");
	/* three roles */
	snprintf(y, sizeof(y),
	         HEAD "    scenario: Een joint.\n"
	              "    plaatje: wiet\n"
	              "    rollen: [Vriend, Weigeraar, Kijker]\n"
	              "    stappen: [Zeg nee., Ga weg.]\n");
	expect(y, 10, "precies 2 rollen");
	/* one role */
	snprintf(y, sizeof(y),
	         HEAD "    scenario: Een joint.\n"
	              "    plaatje: wiet\n"
	              "    rollen:\n"
	              "      - Vriend\n"
	              "    stappen: [Zeg nee., Ga weg.]\n");
	expect(y, 10, "precies 2 rollen");
	/* two roles with the same name */
	snprintf(y, sizeof(y),
	         HEAD "    scenario: Een joint.\n"
	              "    plaatje: wiet\n"
	              "    rollen:\n"
	              "      - Vriend\n"
	              "      - Vriend\n"
	              "    stappen: [Zeg nee., Ga weg.]\n");
	expect(y, 12, "eigen naam");
	/* a role name that is too long */
	snprintf(y, sizeof(y),
	         HEAD "    scenario: Een joint.\n"
	              "    plaatje: wiet\n"
	              "    rollen:\n"
	              "      - Een heel goede vriend\n"
	              "      - Weigeraar\n"
	              "    stappen: [Zeg nee., Ga weg.]\n");
	expect(y, 11, "rol 1");
	/* roles is no list */
	snprintf(y, sizeof(y),
	         HEAD "    scenario: Een joint.\n"
	              "    plaatje: wiet\n"
	              "    rollen: Vriend\n"
	              "    stappen: [Zeg nee., Ga weg.]\n");
	expect(y, 10, "lijst");
	/* one step only, and seven steps */
	snprintf(y, sizeof(y),
	         HEAD "    scenario: Een joint.\n"
	              "    plaatje: wiet\n"
	              "    rollen: [Vriend, Weigeraar]\n"
	              "    stappen:\n"
	              "      - Zeg nee.\n");
	expect(y, 11, "Zet er 1 bij");
	snprintf(y, sizeof(y),
	         HEAD "    scenario: Een joint.\n"
	              "    plaatje: wiet\n"
	              "    rollen: [Vriend, Weigeraar]\n"
	              "    stappen: [a, b, c, d, e, f, g]\n");
	expect(y, 11, "Haal er 1 weg");
	/* a step that is too long, and a step's unknown picture field */
	snprintf(y, sizeof(y),
	         HEAD "    scenario: Een joint.\n"
	              "    plaatje: wiet\n"
	              "    rollen: [Vriend, Weigeraar]\n"
	              "    stappen:\n"
	              "      - Zeg nee.\n"
	              "      - Zeg het nog een keer heel duidelijk en ga dan weg\n");
	expect(y, 13, "stap 2");
	snprintf(y, sizeof(y),
	         HEAD "    scenario: Een joint.\n"
	              "    plaatje: wiet\n"
	              "    rollen: [Vriend, Weigeraar]\n"
	              "    stappen:\n"
	              "      - tekst: Zeg nee.\n"
	              "        plaatj: nee\n"
	              "      - Ga weg.\n");
	expect(y, 13, "Bedoel je 'plaatje'");
	/* phases: seconds that are no number, out of range, missing; a wrong kind */
	const char *top = HEAD "    scenario: Een joint.\n"         /* 8 */
	                       "    plaatje: wiet\n"                /* 9 */
	                       "    rollen: [Vriend, Weigeraar]\n"  /* 10 */
	                       "    stappen: [Zeg nee., Ga weg.]\n" /* 11 */
	                       "    fasen:\n";                      /* 12 */
	snprintf(y, sizeof(y),
	         "%s      - naam: Spelen\n"         /* 13 */
	         "        seconden: twee minuten\n" /* 14 */
	         "      - naam: Nabespreken\n"
	         "        seconden: 60\n",
	         top);
	expect(y, 14, "heel getal van 10 tot en met 1800");
	snprintf(y, sizeof(y),
	         "%s      - naam: Spelen\n"
	         "        seconden: 5\n"
	         "      - naam: Nabespreken\n"
	         "        seconden: 60\n",
	         top);
	expect(y, 14, "maar hier staat '5'");
	snprintf(y, sizeof(y),
	         "%s      - naam: Spelen\n"
	         "        seconden: 60\n"
	         "      - naam: Nabespreken\n", /* 15 */
	         top);
	expect(y, 15, "'seconden' ontbreekt");
	snprintf(y, sizeof(y),
	         "%s      - naam: Spelen\n"
	         "        seconden: 60\n"
	         "      - naam: Praten\n"
	         "        seconden: 60\n"
	         "        soort: praten\n", /* 17 */
	         top);
	expect(y, 17, "'soort' is voorbereiden, spelen, wisselen of nabespreken");
	snprintf(y, sizeof(y), "%s      - Spelen\n      - Nabespreken\n", top);
	expect(y, 13, "fase 1");
	snprintf(y, sizeof(y), "%s      - naam: Spelen\n        seconden: 60\n", top);
	expect(y, 12, "Zet er 1 bij");
	/* a typo in a field name */
	snprintf(y, sizeof(y),
	         HEAD "    scenaro: Een joint.\n"
	              "    plaatje: wiet\n"
	              "    rollen: [Vriend, Weigeraar]\n"
	              "    stappen: [Zeg nee., Ga weg.]\n");
	expect(y, 8, "Bedoel je 'scenario'");
}

static void test_phase_kinds(void **state)
{
	(void)state;
	/* soort makes any name the feedback; a name without soort is play */
	struct bt_session_def *def = tu_def(HEAD "    scenario: Hulp vragen.\n"
	                                         "    plaatje: sos\n"
	                                         "    rollen: [Vrager, Helper]\n"
	                                         "    stappen: [Stop, Denk, Doe]\n"
	                                         "    fasen:\n"
	                                         "      - naam: Oefenen\n"
	                                         "        seconden: 10\n"
	                                         "      - naam: Ruilen\n"
	                                         "        seconden: 10\n"
	                                         "        soort: wisselen\n"
	                                         "      - naam: Wat ging goed?\n"
	                                         "        seconden: 10\n"
	                                         "        soort: nabespreken\n");
	struct bt_session *s = session_create(def);
	seats(s, 3);
	send(s, tk(BT_TK_LETTER_K, 0));
	char *before = getj(s, "roles");
	send(s, tk(BT_TK_ENTER, 0));
	send(s, sk(3, 1, 100));
	send(s, sk(2, 1, 101));
	send(s, sk(1, 1, 102));
	assert_int_equal(geti(s, "thumbs"), 0); /* "Oefenen" is play */
	tick(s, 10000);
	assert_int_equal(geti(s, "swapped"), 1);
	char *after = getj(s, "roles");
	assert_string_not_equal(before, after);
	free(before);
	free(after);
	tick(s, 20000);
	json_t *root;
	json_t *w = json_object_get(scene(s, &root), "watchers");
	int watcher = (int)json_integer_value(json_array_get(w, 0));
	json_decref(root);
	assert_true(send(s, sk(watcher, 1, 20000)));
	assert_int_equal(geti(s, "thumbs"), 1);
	session_destroy(s);
	sessiondef_destroy(def);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_trainer_gives_roles),
	    cmocka_unit_test(test_random_roles_are_deterministic),
	    cmocka_unit_test(test_phases_follow_the_clock),
	    cmocka_unit_test(test_pause_and_continue),
	    cmocka_unit_test(test_extend_and_skip),
	    cmocka_unit_test(test_chime_at_phase_ends_only),
	    cmocka_unit_test(test_thumbs_from_watchers_in_feedback),
	    cmocka_unit_test(test_applause_and_wakeups),
	    cmocka_unit_test(test_replay_is_deterministic),
	    cmocka_unit_test(test_defaults),
	    cmocka_unit_test(test_view_at_each_stage),
	    cmocka_unit_test(test_parse_errors_name_the_line),
	    cmocka_unit_test(test_phase_kinds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
