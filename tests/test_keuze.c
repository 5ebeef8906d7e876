/* The keuzemodule: pick a scene of the module's other sessions, run it with its own
 * state, go back to the list with K; picks replay from the journal. */
#include <string.h>
#include <sys/stat.h>

#include "app.h"
#include "catalog.h"
#include "palette.h"
#include "testutil.h"
#include "util.h"

static const char *const S22 = "sessie: \"2.2\"\nmodule: 2\ntitel: Nadelen\ndoelen: [D]\nscenes:\n"
                               "  - type: checkin\n"
                               "  - type: slide\n    titel: Uitleg\n    plaatje: boek\n"
                               "  - type: poll\n    vraag: Herken je dit?\n    plaatje: vraag\n"
                               "    opties:\n      - {tekst: Ja, plaatje: ja}\n"
                               "      - {tekst: Nee, plaatje: nee}\n"
                               "  - type: breathe\n"
                               "  - type: checkout\n";
static const char *const S28 = "sessie: \"2.8\"\nmodule: 2\ntitel: Keuze\ndoelen: [D]\nscenes:\n"
                               "  - type: keuze\n    module: 2\n";
static const char *const S12 = "sessie: \"1.2\"\nmodule: 1\ntitel: Anders\ndoelen: [D]\nscenes:\n"
                               "  - type: slide\n    titel: Niet uit module 2\n    plaatje: boek\n";

static bool key(struct bt_app *a, enum bt_trainer_key k)
{
	struct bt_event e = event_trainer(k, 0);
	return app_handle(a, &e);
}

static json_t *keuze_dump(struct bt_app *a)
{
	json_t *d = session_dump(a->session);
	json_t *k = json_incref(json_array_get(json_object_get(d, "scenes"), 0));
	json_decref(d);
	return k;
}

static void test_pick_run_and_back(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char *scenes = bt_xasprintf("%s/scenes", dir), *data = bt_xasprintf("%s/data", dir);
	mkdir(scenes, 0700);
	const char *files[][2] = {{"2.2.yaml", S22}, {"2.8.yaml", S28}, {"1.2.yaml", S12}};
	for (int i = 0; i < 3; i++) {
		char *p = bt_xasprintf("%s/%s", scenes, files[i][0]);
		tu_write(p, files[i][1]);
		free(p);
	}
	struct bt_catalog *cat = catalog_load(scenes, NULL);
	struct bt_app_options o = {.data_dir = data, .preseat = 2};
	struct bt_app *a = app_create(cat, &o);
	assert_int_equal(app_open_session(a, "2.8", 0), 0);
	json_t *k = keuze_dump(a);
	/* only the content of 2.2: slide, poll, breathing (not check-in/out, not module 1) */
	assert_int_equal(json_integer_value(json_object_get(k, "choices")), 3);
	json_decref(k);
	/* the list draws the scenes by their own headings */
	struct bt_view v = {0};
	view_reset(&v, 1920, 1080, BT_C_BG);
	app_view(a, &v);
	bool listed = false, breathe = false;
	for (size_t i = 0; i < v.n; i++) {
		if (v.items[i].kind != BT_ITEM_TEXT)
			continue;
		listed |= strstr(v.items[i].str, "Herken je dit?") != NULL;
		/* a scene without a heading in the file: its default one, never "breathe" */
		breathe |= strstr(v.items[i].str, "2.2  Nadelen — Rustig ademhalen") != NULL;
		assert_null(strstr(v.items[i].str, "— breathe"));
	}
	assert_true(listed);
	assert_true(breathe);
	view_free(&v);
	key(a, BT_TK_DOWN);
	assert_true(key(a, BT_TK_ENTER)); /* open the poll */
	key(a, BT_TK_ENTER);              /* open its question */
	struct bt_event v1 = event_seat(1, BT_SK_DIGIT, 2, 0);
	assert_true(app_handle(a, &v1));
	k = keuze_dump(a);
	json_t *open = json_object_get(k, "open");
	assert_string_equal(json_string_value(json_object_get(open, "session")), "2.2");
	assert_string_equal(json_string_value(json_object_get(open, "type")), "poll");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(open, "votes"), "1")),
	                 2);
	json_decref(k);
	/* K goes back; opening again keeps the votes */
	assert_true(key(a, BT_TK_LETTER_K));
	k = keuze_dump(a);
	assert_null(json_object_get(k, "open"));
	json_decref(k);
	key(a, BT_TK_ENTER);
	/* the whole thing replays from the journal after a crash */
	json_t *before = session_dump(a->session);
	char *b = json_dumps(before, JSON_SORT_KEYS);
	json_decref(before);
	journal_close(a->journal);
	a->journal = NULL;
	app_destroy(a);
	a = app_create(cat, &o);
	app_open_session(a, "2.8", 0);
	json_t *after = session_dump(a->session);
	char *c = json_dumps(after, JSON_SORT_KEYS);
	json_decref(after);
	assert_string_equal(b, c);
	free(b);
	free(c);
	app_destroy(a);
	catalog_destroy(cat);
	tu_rmtree(dir);
	free(dir);
	free(scenes);
	free(data);
}

static void test_bad_module(void **state)
{
	(void)state;
	const char *y = "sessie: \"2.8\"\nmodule: 2\ntitel: T\ndoelen: [D]\nscenes:\n"
	                "  - type: keuze\n    module: 7\n";
	struct bt_diags d = {0};
	assert_null(sessiondef_parse(y, strlen(y), "t.yaml", NULL, &d));
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].line, 7);
	diags_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pick_run_and_back),
	    cmocka_unit_test(test_bad_module),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
