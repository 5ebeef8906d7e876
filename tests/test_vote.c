/* The voting rules every voting scene shares. */
#include "testutil.h"
#include "vote.h"

static struct bt_event seat(int s, int d)
{
	return event_seat(s, BT_SK_DIGIT, d, 0);
}

static void test_waiting_ignores_votes(void **state)
{
	(void)state;
	struct bt_vote v;
	vote_init(&v, 5);
	struct bt_event e = seat(1, 3);
	assert_false(vote_handle_seat(&v, &e));
	assert_false(vote_has_voted(&v, 1));
	assert_true(vote_enter(&v));
	assert_int_equal(v.phase, BT_VOTE_OPEN);
	assert_true(vote_handle_seat(&v, &e));
	assert_int_equal(v.choice[1], 3);
}

static void test_change_and_undo_while_open(void **state)
{
	(void)state;
	struct bt_vote v;
	vote_init(&v, 5);
	vote_enter(&v);
	struct bt_event a = seat(2, 1), b = seat(2, 4), same = seat(2, 4);
	assert_true(vote_handle_seat(&v, &a));
	assert_true(vote_handle_seat(&v, &b));
	assert_false(vote_handle_seat(&v, &same)); /* no change, nothing to journal */
	assert_int_equal(v.choice[2], 4);
	struct bt_event undo = event_seat(2, BT_SK_UNDO, 0, 0);
	assert_true(vote_handle_seat(&v, &undo));
	assert_false(vote_has_voted(&v, 2));
}

static void test_out_of_range_ignored(void **state)
{
	(void)state;
	struct bt_vote v;
	vote_init(&v, 3);
	vote_enter(&v);
	struct bt_event zero = seat(1, 0), four = seat(1, 4), nine = seat(1, 9);
	assert_false(vote_handle_seat(&v, &zero));
	assert_false(vote_handle_seat(&v, &four));
	assert_false(vote_handle_seat(&v, &nine));
	assert_false(vote_has_voted(&v, 1));
}

static void test_hidden_until_all_present_voted(void **state)
{
	(void)state;
	struct bt_vote v;
	struct bt_seats s = {0};
	vote_init(&v, 5);
	seats_join(&s, 1);
	seats_join(&s, 2);
	assert_false(vote_revealed(&v, &s));
	vote_enter(&v);
	vote_choose(&v, 1, 2);
	assert_false(vote_revealed(&v, &s));
	assert_int_equal(vote_missing(&v, &s), 1);
	vote_choose(&v, 2, 5);
	assert_true(vote_revealed(&v, &s));
	/* a late joiner hides the result again until they chose too */
	seats_join(&s, 7);
	assert_false(vote_revealed(&v, &s));
	assert_int_equal(vote_missing(&v, &s), 1);
	vote_choose(&v, 7, 5);
	assert_true(vote_revealed(&v, &s));
	/* still changeable while open */
	assert_true(vote_choose(&v, 1, 3));
}

static void test_close_reveals_and_freezes(void **state)
{
	(void)state;
	struct bt_vote v;
	struct bt_seats s = {0};
	vote_init(&v, 5);
	seats_join(&s, 1);
	seats_join(&s, 2);
	vote_enter(&v);
	vote_choose(&v, 1, 2);
	assert_true(vote_enter(&v)); /* trainer closes early */
	assert_int_equal(v.phase, BT_VOTE_CLOSED);
	assert_true(vote_revealed(&v, &s));
	assert_false(vote_choose(&v, 2, 1));
	assert_false(vote_enter(&v));
}

static void test_reset(void **state)
{
	(void)state;
	struct bt_vote v;
	vote_init(&v, 5);
	vote_enter(&v);
	vote_choose(&v, 1, 2);
	vote_enter(&v);
	assert_true(vote_reset(&v));
	assert_int_equal(v.phase, BT_VOTE_OPEN);
	assert_false(vote_has_voted(&v, 1));
	assert_false(vote_reset(&v)); /* already empty and open */
}

static void test_tally_counts_present_seats(void **state)
{
	(void)state;
	struct bt_vote v;
	struct bt_seats s = {0};
	int counts[BT_MAX_SEATS + 1];
	vote_init(&v, 3);
	vote_enter(&v);
	for (int i = 1; i <= 6; i++) {
		seats_join(&s, i);
		vote_choose(&v, i, (i % 3) + 1);
	}
	vote_tally(&v, &s, counts);
	assert_int_equal(counts[1], 2);
	assert_int_equal(counts[2], 2);
	assert_int_equal(counts[3], 2);
	assert_int_equal(counts[0], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_waiting_ignores_votes),
	    cmocka_unit_test(test_change_and_undo_while_open),
	    cmocka_unit_test(test_out_of_range_ignored),
	    cmocka_unit_test(test_hidden_until_all_present_voted),
	    cmocka_unit_test(test_close_reveals_and_freezes),
	    cmocka_unit_test(test_reset),
	    cmocka_unit_test(test_tally_counts_present_seats),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
