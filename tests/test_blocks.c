/* The blocks board: typed items, selection, delete, green gains, votes and sizes,
 * and typed items surviving a restart through the journal. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app.h"
#include "catalog.h"
#include "palette.h"
#include "session.h"
#include "testutil.h"
#include "util.h"

static const char *const BOARD = "sessie: \"1.3\"\n"
                                 "module: 1\n"
                                 "titel: Nadelen\n"
                                 "doelen: [Je noemt nadelen.]\n"
                                 "scenes:\n"
                                 "  - type: blocks\n"
                                 "    titel: Wat zijn de nadelen?\n"
                                 "    plaatje: weegschaal\n"
                                 "    soort: nadelen\n"
                                 "    groen: ja\n"
                                 "    blokken:\n"
                                 "      - Geen geld\n";

static struct bt_event text(enum bt_text_op op, int target, const char *t)
{
	struct bt_event ev = {.type = BT_EV_TEXT, .key = (uint8_t)op, .digit = (uint8_t)target};
	snprintf(ev.text, sizeof(ev.text), "%s", t);
	return ev;
}

static json_t *blocks_of(json_t *dump)
{
	return json_object_get(json_array_get(json_object_get(dump, "scenes"), 0), "blocks");
}

static void test_add_edit_delete(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(BOARD);
	struct bt_session *s = session_create(def);
	struct bt_event a = text(BT_TEXT_ADD, 0, "Ruzie thuis"), b = text(BT_TEXT_ADD, 0, "Moe");
	assert_true(session_handle(s, &a));
	assert_true(session_handle(s, &b));
	struct bt_event e = text(BT_TEXT_EDIT, 2, "Altijd moe");
	assert_true(session_handle(s, &e));
	struct bt_event same = text(BT_TEXT_EDIT, 2, "Altijd moe");
	assert_false(session_handle(s, &same));
	struct bt_event bad = text(BT_TEXT_EDIT, 7, "Niets");
	assert_false(session_handle(s, &bad));
	json_t *d = session_dump(s);
	assert_int_equal(json_array_size(blocks_of(d)), 3);
	assert_string_equal(
	    json_string_value(json_object_get(json_array_get(blocks_of(d), 2), "text")),
	    "Altijd moe");
	json_decref(d);
	/* votes, then deleting block 2 drops its votes and moves later ones along */
	struct bt_event enter = event_trainer(BT_TK_ENTER, 0);
	session_handle(s, &enter);
	struct bt_event v1 = event_seat(1, BT_SK_DIGIT, 2, 0),
	                v2 = event_seat(2, BT_SK_DIGIT, 3, 0);
	session_handle(s, &v1);
	session_handle(s, &v2);
	struct bt_event up = event_trainer(BT_TK_UP, 0), del = event_trainer(BT_TK_DELETE, 0);
	session_handle(s, &up); /* selection 2 -> 1 (block "Ruzie thuis") */
	assert_true(session_handle(s, &del));
	d = session_dump(s);
	assert_int_equal(json_array_size(blocks_of(d)), 2);
	json_t *votes = json_object_get(json_array_get(json_object_get(d, "scenes"), 0), "votes");
	assert_null(json_object_get(votes, "1"));
	assert_int_equal(json_integer_value(json_object_get(votes, "2")), 2);
	json_decref(d);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_at_most_six_and_length(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(BOARD);
	struct bt_session *s = session_create(def);
	char t[8];
	for (int i = 0; i < 5; i++) {
		snprintf(t, sizeof(t), "B%d", i);
		struct bt_event ev = text(BT_TEXT_ADD, 0, t);
		assert_true(session_handle(s, &ev));
	}
	struct bt_event seventh = text(BT_TEXT_ADD, 0, "Te veel");
	assert_false(session_handle(s, &seventh));
	struct bt_event longer = text(BT_TEXT_EDIT, 0, "Dit is echt veel te lang voor een blok");
	assert_false(session_handle(s, &longer));
	struct bt_text_req req;
	assert_false(session_text_begin(s, BT_TK_LETTER_N, &req)); /* full */
	assert_true(session_text_begin(s, BT_TK_LETTER_E, &req));
	assert_int_equal(req.op, BT_TEXT_EDIT);
	assert_int_equal(req.max_chars, 24);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_green_and_sizes(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(BOARD);
	struct bt_session *s = session_create(def);
	struct bt_event a = text(BT_TEXT_ADD, 0, "Ruzie thuis");
	session_handle(s, &a);
	struct bt_event g = text(BT_TEXT_GREEN, 0, "Minder stress");
	assert_true(session_handle(s, &g));
	struct bt_event seats = {.type = BT_EV_SEATS, .digit = 3};
	session_handle(s, &seats);
	struct bt_event enter = event_trainer(BT_TK_ENTER, 0);
	session_handle(s, &enter);
	for (int seat = 1; seat <= 3; seat++) {
		struct bt_event v = event_seat(seat, BT_SK_DIGIT, seat == 3 ? 2 : 1, 0);
		session_handle(s, &v);
	}
	/* revealed: block 1 (two votes) is drawn bigger than block 2 (one vote) */
	struct bt_view v = {0};
	view_reset(&v, 1920, 1080, BT_C_BG);
	session_view(s, 0, NULL, &v);
	float area[3] = {0};
	int found = 0;
	bool green_text = false;
	for (size_t i = 0; i < v.n; i++) {
		const struct bt_item *it = &v.items[i];
		if (it->kind == BT_ITEM_TEXT && strcmp(it->str, "Minder stress") == 0)
			green_text = true;
		/* the coloured band of each block comes right before its fill */
		if (it->kind == BT_ITEM_RECT && it->fg.r == 0xD5 && found < 3)
			area[found++] = it->box.w * it->box.h;
		else if (it->kind == BT_ITEM_RECT && it->fg.r == 0x00 && it->fg.g == 0x9E &&
		         found < 3)
			area[found++] = it->box.w * it->box.h;
	}
	assert_true(green_text);
	assert_int_equal(found, 2);
	assert_true(area[0] > area[1]);
	json_t *d = session_dump(s);
	assert_string_equal(
	    json_string_value(json_object_get(json_array_get(blocks_of(d), 0), "gain")),
	    "Minder stress");
	json_decref(d);
	view_free(&v);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_typed_items_survive_restart(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char *scenes = bt_xasprintf("%s/scenes", dir), *data = bt_xasprintf("%s/data", dir);
	mkdir(scenes, 0700);
	char *p = bt_xasprintf("%s/1.3.yaml", scenes);
	tu_write(p, BOARD);
	free(p);
	struct bt_catalog *cat = catalog_load(scenes, NULL);
	struct bt_app_options o = {.data_dir = data};
	struct bt_app *a = app_create(cat, &o);
	assert_int_equal(app_open_session(a, "1.3", 0), 0);
	struct bt_event n = event_trainer(BT_TK_LETTER_N, 0);
	assert_true(app_handle(a, &n));
	assert_true(a->typing);
	struct bt_event b = event_trainer(BT_TK_BLANK, 0);
	assert_false(app_handle(a, &b)); /* letters are text while typing */
	assert_false(a->blank);
	assert_true(app_text_input(a, "Geen vrienden"));
	assert_true(app_text_key(a, BT_TEXTKEY_BACKSPACE, 1));
	assert_true(app_text_input(a, "n"));
	assert_false(app_text_input(a, "\x01")); /* no control characters */
	assert_true(app_text_key(a, BT_TEXTKEY_ENTER, 2));
	assert_false(a->typing);
	/* Esc while typing changes nothing */
	app_handle(a, &n);
	app_text_input(a, "Weg ermee");
	app_text_key(a, BT_TEXTKEY_CANCEL, 3);
	json_t *d = session_dump(a->session);
	assert_int_equal(json_array_size(blocks_of(d)), 2);
	json_decref(d);
	/* the process dies; the typed item comes back from the journal */
	journal_close(a->journal);
	a->journal = NULL;
	app_destroy(a);
	a = app_create(cat, &o);
	app_open_session(a, "1.3", 0);
	d = session_dump(a->session);
	assert_int_equal(json_array_size(blocks_of(d)), 2);
	assert_string_equal(
	    json_string_value(json_object_get(json_array_get(blocks_of(d), 1), "text")),
	    "Geen vrienden");
	json_decref(d);
	app_destroy(a);
	catalog_destroy(cat);
	tu_rmtree(dir);
	free(dir);
	free(scenes);
	free(data);
}

static void test_parse_errors(void **state)
{
	(void)state;
	const char *y = "sessie: \"1.3\"\nmodule: 1\ntitel: T\ndoelen: [D]\nscenes:\n"
	                "  - type: blocks\n    titel: T\n    plaatje: pen\n"
	                "    soort: neutraal\n    groen: ja\n"; /* line 10: green needs drawbacks */
	struct bt_diags d = {0};
	assert_null(sessiondef_parse(y, strlen(y), "t.yaml", NULL, &d));
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].line, 10);
	diags_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_add_edit_delete),
	    cmocka_unit_test(test_at_most_six_and_length),
	    cmocka_unit_test(test_green_and_sizes),
	    cmocka_unit_test(test_typed_items_survive_restart),
	    cmocka_unit_test(test_parse_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
