/* Scene file parsing: what a good file gives, and that mistakes name their line.
 * (tests/broken/ holds one file per kind of mistake, checked through --check.) */
#include <string.h>

#include "sessiondef.h"
#include "testutil.h"

static bool only_known(void *user, const char *name)
{
	(void)user;
	return strcmp(name, "groep") == 0 || strcmp(name, "vraag") == 0 ||
	       strcmp(name, "ja") == 0 || strcmp(name, "nee") == 0 ||
	       strcmp(name, "misschien") == 0;
}

static void test_good_session(void **state)
{
	(void)state;
	struct bt_session_def *d = tu_def(TU_SESSION);
	assert_string_equal(d->id, "1.2");
	assert_int_equal(d->module, 1);
	assert_int_equal(d->number, 2);
	assert_string_equal(d->title, "Kennismaken");
	assert_int_equal(d->n_goals, 1);
	assert_int_equal(d->n_scenes, 4);
	assert_string_equal(d->scenes[0].type->name, "checkin");
	assert_string_equal(d->scenes[2].type->name, "poll");
	assert_int_equal(d->scenes[2].line, 13);
	sessiondef_destroy(d);
}

static void test_all_mistakes_reported(void **state)
{
	(void)state;
	const char *y = "sessie: \"1.2\"\n" /* 1 */
	                "module: 1\n"       /* 2 */
	                "titel: Test\n"     /* 3 */
	                "doelen:\n"         /* 4 */
	                "  - Een doel.\n"   /* 5 */
	                "scenes:\n"         /* 6 */
	                "  - type: slide\n" /* 7 */
	                "    titl: Hallo\n" /* 8 */
	                "    plaatje: groep\n"
	                "  - type: poll\n" /* 10 */
	                "    vraag: Wat?\n"
	                "    plaatje: raket\n" /* 12 */
	                "    opties:\n"
	                "      - tekst: Ja\n"
	                "        plaatje: ja\n";
	struct bt_diags d = {0};
	struct bt_icon_check ic = {only_known, NULL, NULL};
	assert_null(sessiondef_parse(y, strlen(y), "t.yaml", &ic, &d));
	/* unknown field (with a hint, so no second "missing" message), unknown icon,
	 * too few options (at the line of the list's key) */
	assert_int_equal(d.n, 3);
	assert_int_equal(d.v[0].line, 8);
	assert_non_null(strstr(d.v[0].msg, "Bedoel je 'titel'"));
	assert_int_equal(d.v[1].line, 12);
	assert_non_null(strstr(d.v[1].msg, "raket"));
	assert_int_equal(d.v[2].line, 13);
	assert_non_null(strstr(d.v[2].msg, "Zet er 1 bij"));
	diags_clear(&d);
}

static void test_length_counts_characters(void **state)
{
	(void)state;
	/* 45 characters with accents is fine, although it is more than 45 bytes */
	const char *y = "sessie: \"1.2\"\nmodule: 1\n"
	                "titel: éééééééééééééééééééééééééééééééééééééééééééé\n"
	                "doelen: [Doel]\nscenes:\n  - type: checkin\n";
	struct bt_session_def *d = tu_def(y);
	sessiondef_destroy(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_good_session),
	    cmocka_unit_test(test_all_mistakes_reported),
	    cmocka_unit_test(test_length_counts_characters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
