/* The script input: keys, times, and Dutch messages with line numbers. */
#include <string.h>

#include "script.h"
#include "testutil.h"

static void test_parse_good(void **state)
{
	(void)state;
	const char *text = "# rehearsal\n"
	                   "session 2.1\n"
	                   "seats 6\n"
	                   "wait 1500\n"
	                   "trainer enter\n"
	                   "seat 3 4\n"
	                   "  wait 20  \n"
	                   "seat 12 undo\n"
	                   "seat 1 hand\n";
	struct bt_diags d = {0};
	struct bt_script *s = script_parse(text, strlen(text), "x.script", &d);
	assert_non_null(s);
	assert_string_equal(s->session, "2.1");
	assert_int_equal(s->n, 5);
	assert_int_equal(s->events[0].type, BT_EV_SEATS);
	assert_int_equal(s->events[0].digit, 6);
	assert_int_equal(s->events[1].type, BT_EV_TRAINER);
	assert_int_equal(s->events[1].key, BT_TK_ENTER);
	assert_int_equal(s->events[1].time_ms, 1500);
	assert_int_equal(s->events[2].seat, 3);
	assert_int_equal(s->events[2].digit, 4);
	assert_int_equal(s->events[3].key, BT_SK_UNDO);
	assert_int_equal(s->events[3].time_ms, 1520);
	assert_int_equal(s->events[4].key, BT_SK_HAND);
	script_destroy(s);
	diags_clear(&d);
}

static void test_errors_name_the_line(void **state)
{
	(void)state;
	const char *text = "seats 6\n"
	                   "seat 13 4\n"
	                   "trainer jump\n"
	                   "seat 2 x\n"
	                   "wait -5\n";
	struct bt_diags d = {0};
	struct bt_script *s = script_parse(text, strlen(text), "x.script", &d);
	assert_null(s);
	assert_int_equal(d.n, 4);
	assert_int_equal(d.v[0].line, 2);
	assert_int_equal(d.v[1].line, 3);
	assert_int_equal(d.v[2].line, 4);
	assert_non_null(strstr(d.v[2].msg, "onbekende toets"));
	assert_int_equal(d.v[3].line, 5);
	diags_clear(&d);
}

static void test_time_overflow_refused(void **state)
{
	(void)state;
	char text[4096] = "";
	for (int i = 0; i < 60; i++)
		strcat(text, "wait 86400000\n");
	struct bt_diags d = {0};
	assert_null(script_parse(text, strlen(text), "x.script", &d));
	assert_true(d.n >= 1);
	diags_clear(&d);
}

static void test_binary_refused(void **state)
{
	(void)state;
	const char bin[] = "seat 1 1\n\0\xff\xfe";
	struct bt_diags d = {0};
	assert_null(script_parse(bin, sizeof(bin) - 1, "x.script", &d));
	assert_int_equal(d.n, 1);
	diags_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_good),
	    cmocka_unit_test(test_errors_name_the_line),
	    cmocka_unit_test(test_time_overflow_refused),
	    cmocka_unit_test(test_binary_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
