/* Session navigation, seats, per-scene state and the state dump. */
#include <stdlib.h>
#include <string.h>

#include "palette.h"
#include "session.h"
#include "testutil.h"

static struct bt_event tk(enum bt_trainer_key k)
{
	return event_trainer(k, 0);
}

static struct bt_event sk(int s, int d)
{
	return event_seat(s, BT_SK_DIGIT, d, 0);
}

static void test_navigation_clamps(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(TU_SESSION);
	struct bt_session *s = session_create(def);
	struct bt_event prev = tk(BT_TK_PREV), next = tk(BT_TK_NEXT);
	assert_false(session_handle(s, &prev));
	for (size_t i = 0; i < def->n_scenes; i++)
		assert_true(session_handle(s, &next));
	assert_true(session_at_end(s));
	assert_false(session_handle(s, &next));
	assert_true(session_handle(s, &prev));
	assert_int_equal(s->current, def->n_scenes - 1);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_seats_join_on_first_press(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(TU_SESSION);
	struct bt_session *s = session_create(def);
	struct bt_event e = sk(4, 7);
	assert_true(session_handle(s, &e)); /* joining changes state even if no vote counts */
	assert_true(seats_present(&s->seats, 4));
	assert_false(session_handle(s, &e));
	struct bt_event many = {.type = BT_EV_SEATS, .digit = 6};
	assert_true(session_handle(s, &many));
	assert_int_equal(seats_count(&s->seats), 6);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_invalid_events_rejected(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(TU_SESSION);
	struct bt_session *s = session_create(def);
	struct bt_event bad_seat = sk(13, 1), bad_type = {.type = 99}, bad_digit = sk(1, 12);
	assert_false(session_handle(s, &bad_seat));
	assert_false(session_handle(s, &bad_type));
	assert_false(session_handle(s, &bad_digit));
	assert_int_equal(seats_count(&s->seats), 0);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_votes_kept_per_scene(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(TU_SESSION);
	struct bt_session *s = session_create(def);
	struct bt_event enter = tk(BT_TK_ENTER), next = tk(BT_TK_NEXT), prev = tk(BT_TK_PREV);
	struct bt_event v = sk(1, 4);
	session_handle(s, &enter);
	session_handle(s, &v);
	session_handle(s, &next);
	session_handle(s, &next); /* poll */
	session_handle(s, &enter);
	struct bt_event p = sk(1, 2);
	assert_true(session_handle(s, &p));
	session_handle(s, &prev);
	session_handle(s, &prev);
	json_t *d = session_dump(s);
	json_t *scenes = json_object_get(d, "scenes");
	assert_int_equal(json_integer_value(json_object_get(
	                     json_object_get(json_array_get(scenes, 0), "votes"), "1")),
	                 4);
	assert_int_equal(json_integer_value(json_array_get(
	                     json_object_get(json_array_get(scenes, 2), "tally"), 1)),
	                 1);
	json_decref(d);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_checkout_shows_checkin(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(TU_SESSION);
	struct bt_session *s = session_create(def);
	struct bt_event enter = tk(BT_TK_ENTER), next = tk(BT_TK_NEXT);
	session_handle(s, &enter);
	struct bt_event a = sk(1, 2), b = sk(2, 5);
	session_handle(s, &a);
	session_handle(s, &b);
	for (int i = 0; i < 3; i++)
		session_handle(s, &next);
	session_handle(s, &enter);
	struct bt_event c = sk(1, 4);
	session_handle(s, &c);
	json_t *d = session_dump(s);
	json_t *co = json_array_get(json_object_get(d, "scenes"), 3);
	assert_string_equal(json_string_value(json_object_get(co, "type")), "checkout");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(co, "checkin"), "1")),
	                 2);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(co, "checkin"), "2")),
	                 5);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(co, "votes"), "1")), 4);
	/* seat 2 has not checked out: the result stays hidden */
	assert_false(json_is_true(json_object_get(co, "revealed")));
	json_decref(d);

	/* the revealed check-out draws each seat's check-in face beside its face now */
	struct bt_event c2 = sk(2, 3);
	session_handle(s, &c2);
	struct bt_view v = {0};
	view_reset(&v, 1920, 1080, BT_C_BG);
	session_view(s, 3, NULL, &v);
	int faces = 0;
	for (size_t i = 0; i < v.n; i++)
		if (v.items[i].kind == BT_ITEM_ICON && (strcmp(v.items[i].str, "slecht") == 0 ||
		                                        strcmp(v.items[i].str, "heel-goed") == 0 ||
		                                        strcmp(v.items[i].str, "goed") == 0 ||
		                                        strcmp(v.items[i].str, "gaat-wel") == 0))
			faces++;
	assert_int_equal(faces, 4); /* two seats: before and now each */
	view_free(&v);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_status_row_shows_who_not_what(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(TU_SESSION);
	struct bt_session *s = session_create(def);
	struct bt_event seats = {.type = BT_EV_SEATS, .digit = 3};
	struct bt_event enter = tk(BT_TK_ENTER), v1 = sk(2, 5);
	session_handle(s, &seats);
	session_handle(s, &enter);
	session_handle(s, &v1);
	struct bt_view v = {0};
	view_reset(&v, 1920, 1080, BT_C_BG);
	session_view(s, 0, NULL, &v);
	int avatars = 0, checked = 0, faces_drawn = 0;
	for (size_t i = 0; i < v.n; i++) {
		if (v.items[i].kind == BT_ITEM_AVATAR) {
			avatars++;
			if (v.items[i].flags & BT_AVATAR_CHECK) {
				checked++;
				assert_int_equal(v.items[i].seat, 2);
			}
		}
		if (v.items[i].kind == BT_ITEM_TEXT && strstr(v.items[i].str, "Nog 2 kiezen"))
			faces_drawn++;
	}
	assert_int_equal(avatars, 3);
	assert_int_equal(checked, 1);
	assert_int_equal(faces_drawn, 1);
	view_free(&v);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_dump_is_deterministic(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(TU_SESSION);
	char *dumps[2];
	for (int r = 0; r < 2; r++) {
		struct bt_session *s = session_create(def);
		struct bt_event evs[] = {tk(BT_TK_ENTER), sk(1, 3),        sk(2, 4), tk(BT_TK_NEXT),
		                         tk(BT_TK_NEXT),  tk(BT_TK_ENTER), sk(3, 1)};
		for (size_t i = 0; i < sizeof(evs) / sizeof(evs[0]); i++)
			session_handle(s, &evs[i]);
		json_t *d = session_dump(s);
		dumps[r] = json_dumps(d, JSON_SORT_KEYS);
		json_decref(d);
		session_destroy(s);
	}
	assert_string_equal(dumps[0], dumps[1]);
	free(dumps[0]);
	free(dumps[1]);
	sessiondef_destroy(def);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_navigation_clamps),
	    cmocka_unit_test(test_seats_join_on_first_press),
	    cmocka_unit_test(test_invalid_events_rejected),
	    cmocka_unit_test(test_votes_kept_per_scene),
	    cmocka_unit_test(test_checkout_shows_checkin),
	    cmocka_unit_test(test_status_row_shows_who_not_what),
	    cmocka_unit_test(test_dump_is_deterministic),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
