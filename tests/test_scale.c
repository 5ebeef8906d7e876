/* The scale (1.5, 1.6, 2.9): placement of every number incl. 0, anonymity of the
 * result, the trainer-only 0 mark, the earlier comparison, parse errors. */
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "scene_type.h"
#include "session.h"
#include "testutil.h"
#include "util.h"

static const char *const SC_SESSION = "sessie: \"2.9\"\n"
                                      "module: 2\n"
                                      "titel: Terugkijken\n"
                                      "doelen:\n"
                                      "  - Je ziet wat er veranderd is.\n"
                                      "scenes:\n"
                                      "  - type: scale\n"
                                      "    vraag: Hoe belangrijk is veranderen?\n"
                                      "    plaatje: doel\n"
                                      "    laag: niet belangrijk\n"
                                      "    hoog: heel belangrijk\n"
                                      "    nul_signaal: ja\n"
                                      "    naam: belang\n"
                                      "    vergelijk: \"1.5\"\n"
                                      "  - type: scale\n"
                                      "    vraag: Hoeveel vertrouwen heb je?\n"
                                      "    plaatje: kracht\n"
                                      "    stijl: ballen\n"
                                      "    van: 1\n"
                                      "    tot: 3\n";

static bool press(struct bt_session *s, int seat, int digit)
{
	struct bt_event e = event_seat(seat, BT_SK_DIGIT, digit, 0);
	return session_handle(s, &e);
}

static bool trainer(struct bt_session *s, enum bt_trainer_key k)
{
	struct bt_event e = event_trainer(k, 0);
	return session_handle(s, &e);
}

static void seats(struct bt_session *s, int n)
{
	struct bt_event e = {.type = BT_EV_SEATS, .digit = (uint8_t)n};
	session_handle(s, &e);
}

static json_t *scene_dump(struct bt_session *s, size_t i, json_t **root)
{
	*root = session_dump(s);
	return json_array_get(json_object_get(*root, "scenes"), i);
}

static int vote_of(struct bt_session *s, size_t scene, int seat)
{
	json_t *root;
	json_t *o = scene_dump(s, scene, &root);
	char k[4];
	snprintf(k, sizeof(k), "%d", seat);
	json_t *v = json_object_get(json_object_get(o, "votes"), k);
	int r = v ? (int)json_integer_value(v) : -1;
	json_decref(root);
	return r;
}

static int count_of(struct bt_session *s, size_t scene, int value)
{
	json_t *root;
	json_t *o = scene_dump(s, scene, &root);
	char k[4];
	snprintf(k, sizeof(k), "%d", value);
	json_t *v = json_object_get(json_object_get(o, "counts"), k);
	int r = v ? (int)json_integer_value(v) : -1;
	json_decref(root);
	return r;
}

static void test_placement_with_zero(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(SC_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 4);
	trainer(s, BT_TK_ENTER);
	assert_true(press(s, 1, 0)); /* 0 is an answer when van is 0 */
	assert_int_equal(vote_of(s, 0, 1), 0);
	assert_true(press(s, 2, 5));
	assert_int_equal(vote_of(s, 0, 2), 5);
	for (int d = 6; d <= 9; d++)
		assert_false(press(s, 3, d));
	assert_int_equal(vote_of(s, 0, 3), -1);
	assert_true(press(s, 3, 3));
	assert_true(press(s, 4, 0));
	assert_int_equal(count_of(s, 0, 0), 2);
	assert_int_equal(count_of(s, 0, 3), 1);
	assert_int_equal(count_of(s, 0, 5), 1);
	assert_int_equal(count_of(s, 0, 1), 0);
	assert_int_equal(count_of(s, 0, 6), -1); /* not on the scale */
	struct bt_event undo = event_seat(1, BT_SK_UNDO, 0, 0);
	assert_true(session_handle(s, &undo));
	assert_int_equal(vote_of(s, 0, 1), -1);
	assert_int_equal(count_of(s, 0, 0), 1);

	json_t *root;
	json_t *o = scene_dump(s, 0, &root);
	assert_int_equal(json_integer_value(json_object_get(o, "van")), 0);
	assert_int_equal(json_integer_value(json_object_get(o, "tot")), 5);
	assert_string_equal(json_string_value(json_object_get(o, "phase")), "open");
	assert_false(json_is_true(json_object_get(o, "revealed")));
	json_decref(root);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_placement_from_one(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(SC_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 2);
	trainer(s, BT_TK_NEXT);
	assert_false(press(s, 1, 2)); /* waiting */
	trainer(s, BT_TK_ENTER);
	assert_false(press(s, 1, 0)); /* van 1: 0 is no answer */
	assert_false(press(s, 1, 4)); /* tot 3 */
	assert_true(press(s, 1, 1));
	assert_int_equal(vote_of(s, 1, 1), 1);
	assert_true(press(s, 1, 3));
	assert_int_equal(vote_of(s, 1, 1), 3);
	assert_true(press(s, 2, 3));
	assert_int_equal(count_of(s, 1, 3), 2);
	assert_int_equal(count_of(s, 1, 0), -1);
	json_t *root;
	json_t *o = scene_dump(s, 1, &root);
	assert_true(json_is_true(json_object_get(o, "revealed")));
	assert_int_equal(json_array_size(json_object_get(o, "zero_seats")), 0);
	json_decref(root);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void build(struct bt_session *s, bool peek, struct bt_view *v)
{
	view_reset(v, 1920, 1080, (struct bt_color){0});
	struct bt_view_args a = {.trainer_peek = peek};
	session_view(s, s->current, &a, v);
}

static const struct bt_item *find_text(const struct bt_view *v, const char *needle)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->items[i].kind == BT_ITEM_TEXT && strstr(v->items[i].str, needle))
			return &v->items[i];
	return NULL;
}

static int count_kind(const struct bt_view *v, enum bt_item_kind k)
{
	int n = 0;
	for (size_t i = 0; i < v->n; i++)
		n += v->items[i].kind == k;
	return n;
}

static void test_result_is_anonymous(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(SC_SESSION);
	for (int scene = 0; scene < 2; scene++) {
		struct bt_session *s = session_create(def);
		seats(s, 3);
		if (scene)
			trainer(s, BT_TK_NEXT);
		trainer(s, BT_TK_ENTER);
		press(s, 1, scene ? 1 : 0);
		press(s, 2, 3);
		struct bt_view v = {0};
		build(s, false, &v);
		assert_int_equal(count_kind(&v, BT_ITEM_AVATAR), 3); /* who has not chosen */
		press(s, 3, 3);
		json_t *root;
		/* json_is_true() evaluates its argument twice: get the value first */
		json_t *rev = json_object_get(scene_dump(s, (size_t)scene, &root), "revealed");
		assert_true(json_is_true(rev));
		json_decref(root);
		for (int peek = 0; peek < 2; peek++) {
			build(s, peek, &v);
			/* the result: no avatar, no seat number of any voter */
			assert_int_equal(count_kind(&v, BT_ITEM_AVATAR), 0);
			for (size_t i = 0; i < v.n; i++)
				if (v.items[i].kind == BT_ITEM_TEXT &&
				    v.items[i].role == BT_ROLE_PARTICIPANT) {
					assert_null(strstr(v.items[i].str, "plek"));
					assert_true(v.items[i].px >= 56);
				}
			assert_non_null(find_text(&v, "3 mensen kozen"));
			assert_true(count_kind(&v, BT_ITEM_ELLIPSE) > 0);
		}
		view_free(&v);
		session_destroy(s);
	}
	sessiondef_destroy(def);
}

static void test_zero_mark_only_for_trainer(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(SC_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 5);
	trainer(s, BT_TK_ENTER);
	press(s, 3, 0);
	press(s, 1, 4);
	struct bt_view v = {0};
	build(s, false, &v);
	assert_null(find_text(&v, "koos 0"));
	assert_null(find_text(&v, "plek 3"));
	assert_non_null(find_text(&v, "Houd T ingedrukt"));
	build(s, true, &v);
	const struct bt_item *t = find_text(&v, "plek 3 koos 0");
	assert_non_null(t);
	assert_int_equal(t->role, BT_ROLE_TRAINER);
	assert_true(t->px >= 32);
	press(s, 5, 0);
	build(s, true, &v);
	t = find_text(&v, "plek 3 en 5 kozen 0");
	assert_non_null(t);
	assert_int_equal(t->role, BT_ROLE_TRAINER);

	json_t *root;
	json_t *zs = json_object_get(scene_dump(s, 0, &root), "zero_seats");
	assert_int_equal(json_array_size(zs), 2);
	assert_int_equal(json_integer_value(json_array_get(zs, 0)), 3);
	assert_int_equal(json_integer_value(json_array_get(zs, 1)), 5);
	json_decref(root);

	/* revealed: still only with T */
	trainer(s, BT_TK_ENTER);
	build(s, false, &v);
	assert_null(find_text(&v, "kozen 0"));
	build(s, true, &v);
	assert_non_null(find_text(&v, "plek 3 en 5 kozen 0"));
	view_free(&v);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_no_zero_mark_without_signal(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def("sessie: \"1.5\"\n"
	                                    "module: 1\n"
	                                    "titel: Belang\n"
	                                    "doelen:\n"
	                                    "  - Iets.\n"
	                                    "scenes:\n"
	                                    "  - type: scale\n"
	                                    "    vraag: Hoe belangrijk?\n"
	                                    "    plaatje: doel\n");
	struct bt_session *s = session_create(def);
	seats(s, 2);
	trainer(s, BT_TK_ENTER);
	press(s, 2, 0);
	struct bt_view v = {0};
	build(s, true, &v);
	assert_null(find_text(&v, "koos 0"));
	view_free(&v);
	session_destroy(s);
	sessiondef_destroy(def);
}

/* A fake store of earlier sessions. */
struct fake {
	int calls;
	char session[16], name[32];
	bool have;
};

static bool fake_earlier(void *user, const char *session_id, const char *name, int counts[11])
{
	struct fake *f = user;
	f->calls++;
	snprintf(f->session, sizeof(f->session), "%s", session_id);
	snprintf(f->name, sizeof(f->name), "%s", name);
	if (!f->have)
		return false;
	memset(counts, 0, sizeof(int) * 11);
	counts[0] = 2;
	counts[2] = 3;
	return true;
}

static void test_earlier_comparison(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(SC_SESSION);
	struct bt_session *s = session_create(def);
	seats(s, 2);
	trainer(s, BT_TK_ENTER);
	press(s, 1, 4);
	press(s, 2, 5);
	const struct bt_scene_type *t = scene_type_find("scale");
	assert_non_null(t);
	assert_ptr_equal(def->scenes[0].type, t);
	struct fake f = {.have = true};
	struct bt_scene_ctx ctx = {
	    .def = def, .seats = &s->seats, .earlier_scale = fake_earlier, .earlier_user = &f};
	struct bt_view v = {0};
	view_reset(&v, 1920, 1080, (struct bt_color){0});
	t->view(s->states[0], def->scenes[0].cfg, &ctx, &v);
	assert_true(f.calls > 0);
	assert_string_equal(f.session, "1.5");
	assert_string_equal(f.name, "belang");
	assert_non_null(find_text(&v, "Toen (sessie 1.5)"));
	assert_non_null(find_text(&v, "Nu"));
	int with = count_kind(&v, BT_ITEM_ELLIPSE);
	json_t *o = json_object();
	t->dump(s->states[0], def->scenes[0].cfg, &ctx, o);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(o, "earlier"), "2")),
	                 3);
	json_decref(o);

	/* not kept any more: nothing extra */
	f.have = false;
	view_reset(&v, 1920, 1080, (struct bt_color){0});
	t->view(s->states[0], def->scenes[0].cfg, &ctx, &v);
	assert_null(find_text(&v, "Toen"));
	assert_true(count_kind(&v, BT_ITEM_ELLIPSE) < with);
	/* no lookup at all */
	ctx.earlier_scale = NULL;
	view_reset(&v, 1920, 1080, (struct bt_color){0});
	t->view(s->states[0], def->scenes[0].cfg, &ctx, &v);
	assert_null(find_text(&v, "Toen"));
	assert_non_null(find_text(&v, "2 mensen kozen"));

	/* the second scale has no naam and vergelijk: never asks */
	f.calls = 0;
	f.have = true;
	ctx.earlier_scale = fake_earlier;
	view_reset(&v, 1920, 1080, (struct bt_color){0});
	t->view(s->states[1], def->scenes[1].cfg, &ctx, &v);
	assert_int_equal(f.calls, 0);
	view_free(&v);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void expect_error(const char *body, int line, const char *needle)
{
	char *yaml = bt_xasprintf("sessie: \"1.5\"\n"            /* 1 */
	                          "module: 1\n"                  /* 2 */
	                          "titel: Belang\n"              /* 3 */
	                          "doelen:\n"                    /* 4 */
	                          "  - Iets leren.\n"            /* 5 */
	                          "scenes:\n"                    /* 6 */
	                          "  - type: scale\n"            /* 7 */
	                          "    vraag: Hoe belangrijk?\n" /* 8 */
	                          "    plaatje: doel\n"          /* 9 */
	                          "%s",                          /* 10 */
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

static void test_parse_errors(void **state)
{
	(void)state;
	expect_error("    van: 2\n", 10, "'van' moet een getal van 0 tot en met 1");
	expect_error("    van: een\n", 10, "'van' moet een getal van 0 tot en met 1");
	expect_error("    tot: 10\n", 10, "'tot' moet een getal van 2 tot en met 9");
	expect_error("    tot: 1\n", 10, "'tot' moet");
	expect_error("    laag: niet\n    tot: -3\n", 11, "'tot' moet");
	expect_error("    stijl: bal\n", 10, "onbekende stijl 'bal'. Bedoel je 'ballen'?");
	expect_error("    stijl: staven\n", 10, "onbekende stijl");
	expect_error("    nul_signaal: misschien\n", 10, "ja of nee");
	expect_error("    van: 1\n    nul_signaal: ja\n", 11, "van: 0");
	expect_error("    vergelijk: \"1.5\"\n", 10, "'vergelijk' werkt alleen met een 'naam'");
	expect_error("    naam: belang\n    vergelijk: vorige\n", 11, "nummer van een bijeenkomst");
	expect_error("    naam: een naam die veel te lang is\n", 10, "te lang");
	expect_error("    laag: helemaal niet zo heel erg belangrijk\n", 10, "te lang");
	expect_error("    stijll: lijn\n", 10, "Bedoel je 'stijl'");

	struct bt_diags d = {0};
	const char *no_q = "sessie: \"1.5\"\nmodule: 1\ntitel: B\ndoelen:\n  - I.\nscenes:\n"
	                   "  - type: scale\n    plaatje: doel\n";
	assert_null(sessiondef_parse(no_q, strlen(no_q), "t.yaml", NULL, &d));
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].line, 7);
	assert_non_null(strstr(d.v[0].msg, "'vraag' ontbreekt"));
	diags_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_placement_with_zero),
	    cmocka_unit_test(test_placement_from_one),
	    cmocka_unit_test(test_result_is_anonymous),
	    cmocka_unit_test(test_zero_mark_only_for_trainer),
	    cmocka_unit_test(test_no_zero_mark_without_signal),
	    cmocka_unit_test(test_earlier_comparison),
	    cmocka_unit_test(test_parse_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
