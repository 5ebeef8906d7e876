/* The mountain climber (module 2): the scene file's messages with their lines,
 * stepping through the parts with the arrow keys and its bounds, the display list
 * (background, dim veil, the part at hand again with its label), the avatars on the
 * road or in a row, the files in assets/climber against the table, and the dump. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "palette.h"
#include "session.h"
#include "testutil.h"

#define HEAD                                                                                       \
	"sessie: \"2.2\"\n"                                                                        \
	"module: 2\n"                                                                              \
	"titel: Veiligheid\n"                                                                      \
	"doelen:\n"                                                                                \
	"  - Je weet wat jou helpt.\n"                                                             \
	"scenes:\n"                                                                                \
	"  - type: climber\n"

static const char *const CLIMB = HEAD "    delen: [top, uitrusting, ehbo]\n";
static const char *const ALL =
    HEAD "    delen: [top, uitrusting, wegen, risico, picknick, gedachte, uitglijden, ehbo, "
         "klimmer]\n";

static bool send(struct bt_session *s, struct bt_event ev)
{
	return session_handle(s, &ev);
}

static bool key(struct bt_session *s, enum bt_trainer_key k, uint32_t t)
{
	return send(s, event_trainer(k, t));
}

static void seats(struct bt_session *s, int n)
{
	send(s, (struct bt_event){.type = BT_EV_SEATS, .digit = (uint8_t)n});
}

/* Scene 0's dump as compact JSON (sorted keys); caller frees. */
static char *dump0(struct bt_session *s)
{
	json_t *root = session_dump(s);
	char *r = json_dumps(json_array_get(json_object_get(root, "scenes"), 0),
	                     JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(root);
	return r;
}

/* The part with the label now ("" when none) and the step. */
static const char *part_now(struct bt_session *s, int *step)
{
	static char buf[32];
	json_t *root = session_dump(s);
	json_t *o = json_array_get(json_object_get(root, "scenes"), 0);
	const char *p = json_string_value(json_object_get(o, "deel"));
	snprintf(buf, sizeof(buf), "%s", p ? p : "");
	*step = (int)json_integer_value(json_object_get(o, "stap"));
	json_decref(root);
	return buf;
}

static void assert_at(struct bt_session *s, const char *part, int step)
{
	int st;
	assert_string_equal(part_now(s, &st), part);
	assert_int_equal(st, step);
}

static void test_dump(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(HEAD "    titel: De berg op\n"
	                                         "    delen:\n"
	                                         "      - top\n"
	                                         "      - uitrusting\n"
	                                         "      - ehbo\n"
	                                         "    klimmers: ja\n");
	struct bt_session *s = session_create(def);
	char *d = dump0(s);
	assert_non_null(strstr(d, "\"deel\":null"));
	assert_non_null(strstr(d, "\"delen\":[\"top\",\"uitrusting\",\"ehbo\"]"));
	assert_non_null(strstr(d, "\"klimmers\":true"));
	assert_non_null(strstr(d, "\"stap\":0"));
	free(d);
	key(s, BT_TK_DOWN, 10);
	key(s, BT_TK_DOWN, 20);
	d = dump0(s);
	assert_non_null(strstr(d, "\"deel\":\"uitrusting\""));
	assert_non_null(strstr(d, "\"stap\":2"));
	free(d);
	session_destroy(s);
	sessiondef_destroy(def);

	/* one part: it has its label from the start */
	def = tu_def(HEAD "    delen: [wegen]\n");
	s = session_create(def);
	assert_at(s, "wegen", 0);
	d = dump0(s);
	assert_non_null(strstr(d, "\"klimmers\":false"));
	free(d);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_stepping_and_bounds(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(CLIMB);
	struct bt_session *s = session_create(def);
	seats(s, 3);
	assert_at(s, "", 0);
	/* seats' keys mean nothing here */
	assert_false(send(s, event_seat(1, BT_SK_DIGIT, 2, 5)));
	assert_false(send(s, event_seat(1, BT_SK_ENTER, 0, 6)));
	assert_true(key(s, BT_TK_DOWN, 10)); /* the first press starts with the first part */
	assert_at(s, "top", 1);
	assert_true(key(s, BT_TK_DOWN, 20));
	assert_at(s, "uitrusting", 2);
	assert_true(key(s, BT_TK_DOWN, 30));
	assert_at(s, "ehbo", 3);
	assert_false(key(s, BT_TK_DOWN, 40)); /* the last part stays */
	assert_at(s, "ehbo", 3);
	assert_true(key(s, BT_TK_UP, 50));
	assert_at(s, "uitrusting", 2);
	assert_true(key(s, BT_TK_UP, 60));
	assert_at(s, "top", 1);
	assert_false(key(s, BT_TK_UP, 70)); /* the first part stays */
	assert_at(s, "top", 1);
	assert_false(key(s, BT_TK_ENTER, 75));
	assert_true(key(s, BT_TK_RESET, 80)); /* R: the whole list again */
	assert_at(s, "", 0);
	assert_false(key(s, BT_TK_RESET, 85));
	assert_true(key(s, BT_TK_UP, 90)); /* up starts with the first part too */
	assert_at(s, "top", 1);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_replay_is_deterministic(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(CLIMB);
	struct bt_event evs[] = {
	    {.type = BT_EV_SEATS, .digit = 4}, event_trainer(BT_TK_DOWN, 100),
	    event_trainer(BT_TK_DOWN, 200),    event_seat(2, BT_SK_DIGIT, 3, 250),
	    event_trainer(BT_TK_UP, 300),      event_trainer(BT_TK_DOWN, 400),
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
	free(dumps[0]);
	free(dumps[1]);
	sessiondef_destroy(def);
}

/* --- the display list --- */

static void frame(struct bt_session *s, int w, int h, struct bt_view *v)
{
	view_reset(v, w, h, BT_C_BG);
	struct bt_view_args a = {.now_ms = 1000};
	session_view(s, s->current, &a, v);
}

static int count_icon(const struct bt_view *v, const char *name)
{
	int n = 0;
	for (size_t i = 0; i < v->n; i++)
		n += v->items[i].kind == BT_ITEM_ICON && strcmp(v->items[i].str, name) == 0;
	return n;
}

static const struct bt_item *find_icon(const struct bt_view *v, const char *name, int nth)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->items[i].kind == BT_ITEM_ICON && strcmp(v->items[i].str, name) == 0 &&
		    nth-- == 0)
			return &v->items[i];
	return NULL;
}

static const struct bt_item *find_text(const struct bt_view *v, const char *text)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->items[i].kind == BT_ITEM_TEXT && strcmp(v->items[i].str, text) == 0)
			return &v->items[i];
	return NULL;
}

/* The picture on screen, from the background's square (viewBox 0 -350 1600 1600). */
static struct bt_box picture(const struct bt_view *v)
{
	const struct bt_item *bg = find_icon(v, "../climber/background", 0);
	assert_non_null(bg);
	float k = bg->box.w / 1600.0f;
	return box_make(bg->box.x, bg->box.y + 350 * k, bg->box.w, 900 * k);
}

/* The translucent veil over the picture, or NULL. */
static const struct bt_item *veil(const struct bt_view *v, size_t *index)
{
	struct bt_box p = picture(v);
	for (size_t i = 0; i < v->n; i++) {
		const struct bt_item *it = &v->items[i];
		if (it->kind == BT_ITEM_RECT && it->fg.a > 0 && it->fg.a < 255 &&
		    fabsf(it->box.x - p.x) < 1 && fabsf(it->box.w - p.w) < 1) {
			*index = i;
			return it;
		}
	}
	return NULL;
}

static bool inside(struct bt_box in, struct bt_box out)
{
	return in.x >= out.x - 0.5f && in.y >= out.y - 0.5f &&
	       in.x + in.w <= out.x + out.w + 0.5f && in.y + in.h <= out.y + out.h + 0.5f;
}

static bool overlaps(struct bt_box a, struct bt_box b)
{
	return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static void test_view_spotlight(void **state)
{
	(void)state;
	const int sizes[][2] = {{1920, 1080}, {1440, 1080}, {1280, 720}, {3840, 2160}};
	struct bt_session_def *def = tu_def(CLIMB);
	for (size_t z = 0; z < sizeof(sizes) / sizeof(sizes[0]); z++) {
		int W = sizes[z][0], H = sizes[z][1];
		float u = (float)H / 1080;
		struct bt_session *s = session_create(def);
		seats(s, 6);
		struct bt_view v = {0};

		/* the whole list: the listed parts lit, no label, the rest dimmed */
		frame(s, W, H, &v);
		struct bt_box pic = picture(&v);
		/* the picture keeps its shape and fills the width or the height */
		assert_true(pic.w / pic.h > 1.77f && pic.w / pic.h < 1.78f);
		struct bt_layout L = layout_make(&v);
		float area_h = L.status.y + L.status.h - L.content.y;
		assert_true(fabsf(pic.w - L.content.w) < 1 || fabsf(pic.h - area_h) < 1);
		assert_true(inside(pic, box_make(L.content.x, L.content.y, L.content.w, area_h)));
		size_t vi;
		assert_non_null(veil(&v, &vi));
		assert_int_equal(count_icon(&v, "../climber/summit"), 2);
		assert_int_equal(count_icon(&v, "../climber/gear"), 2);
		assert_int_equal(count_icon(&v, "../climber/firstaid"), 2);
		assert_int_equal(count_icon(&v, "../climber/picnic"), 1);
		assert_int_equal(count_icon(&v, "../climber/road"), 0); /* in the background */
		assert_null(find_text(&v, "Doel: de top"));
		assert_null(find_text(&v, "Ik kan dit!")); /* not on a dimmed cloud */

		/* step to the summit: it alone is lit, bigger, with its label */
		key(s, BT_TK_DOWN, 10);
		frame(s, W, H, &v);
		pic = picture(&v);
		const struct bt_item *vl = veil(&v, &vi);
		assert_non_null(vl);
		assert_int_equal(vl->fg.r, BT_C_BG.r);
		assert_int_equal(count_icon(&v, "../climber/summit"), 2);
		assert_int_equal(count_icon(&v, "../climber/gear"), 1);
		const struct bt_item *base = find_icon(&v, "../climber/summit", 0);
		const struct bt_item *lit = find_icon(&v, "../climber/summit", 1);
		assert_true(base < v.items + vi && lit > v.items + vi); /* under and over */
		assert_true(lit->box.w > base->box.w * 1.01f);
		assert_true(lit->box.w < base->box.w * 1.09f);
		const struct bt_item *t = find_text(&v, "Doel: de top");
		assert_non_null(t);
		assert_true(t > v.items + vi);
		assert_int_equal(t->role, BT_ROLE_PARTICIPANT);
		assert_true(t->px >= BT_PX_BODY * u - 0.01f);
		assert_true(palette_contrast(t->fg, t->bg) >= 7.0);
		assert_true(inside(t->box, pic));
		/* the label has its own panel right behind it, and keeps off the summit */
		const struct bt_item *panel = t - 1;
		assert_int_equal(panel->kind, BT_ITEM_RECT);
		assert_true(inside(t->box, panel->box));
		assert_memory_equal(&panel->fg, &t->bg, sizeof(t->bg));
		struct bt_box flag = box_make(pic.x + 960 * pic.w / 1600, pic.y + 4 * pic.w / 1600,
		                              150 * pic.w / 1600, 230 * pic.w / 1600);
		assert_false(overlaps(panel->box, flag));
		/* the trainer strip says where we are */
		assert_non_null(find_text(&v, "Pijl omhoog/omlaag: deel 1 van 3"));
		view_free(&v);
		session_destroy(s);
	}
	sessiondef_destroy(def);
}

static void test_view_all_parts_and_thought(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(ALL);
	struct bt_session *s = session_create(def);
	struct bt_view v = {0};
	frame(s, 1920, 1080, &v);
	size_t vi;
	assert_null(veil(&v, &vi)); /* everything listed: nothing dims */
	const struct bt_item *words = find_text(&v, "Ik kan dit!");
	assert_non_null(words);
	assert_true(words->px >= BT_PX_BODY - 0.01f);
	/* the words lie in the cloud's white middle */
	const struct bt_item *cloud = find_icon(&v, "../climber/thought", 0);
	assert_non_null(cloud);
	assert_true(inside(words->box, cloud->box));
	assert_memory_equal(&words->bg, &BT_C_PANEL, sizeof(BT_C_PANEL));
	assert_non_null(find_text(&v, "Pijl omlaag: wijs een deel aan"));

	/* step to the thought: the words follow the grown cloud, the label keeps off it */
	for (int i = 0; i < 6; i++)
		key(s, BT_TK_DOWN, (uint32_t)(10 * i + 10));
	frame(s, 1920, 1080, &v);
	const struct bt_item *label = find_text(&v, "Kracht gedachte: Ik kan dit!");
	assert_non_null(label);
	words = find_text(&v, "Ik kan dit!");
	assert_non_null(words);
	cloud = find_icon(&v, "../climber/thought", 1);
	assert_true(inside(words->box, cloud->box));
	assert_false(overlaps(words->box, (label - 1)->box));
	view_free(&v);

	/* every part gets its label at every size, inside the picture, and its panel
	 * never covers text */
	const int sizes[][2] = {{1920, 1080}, {1440, 1080}, {1280, 800}, {1280, 720}};
	for (size_t z = 0; z < sizeof(sizes) / sizeof(sizes[0]); z++) {
		key(s, BT_TK_RESET, 100);
		for (int p = 0; p < 9; p++) {
			key(s, BT_TK_DOWN, (uint32_t)(200 + p));
			frame(s, sizes[z][0], sizes[z][1], &v);
			struct bt_box pic = picture(&v);
			int labels = 0;
			for (size_t i = 0; i < v.n; i++) {
				const struct bt_item *it = &v.items[i];
				if (it->kind != BT_ITEM_TEXT || it->role != BT_ROLE_PARTICIPANT ||
				    it->box.y < pic.y)
					continue;
				assert_true(inside(it->box, pic));
				labels += strcmp(it->str, "Ik kan dit!") != 0;
			}
			assert_int_equal(labels, 1);
			view_free(&v);
		}
	}
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_avatars(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(HEAD "    delen: [gedachte]\n"
	                                         "    klimmers: ja\n");
	struct bt_session *s = session_create(def);
	struct bt_view v = {0};
	for (int n = 1; n <= 12; n++) {
		seats(s, n);
		frame(s, 1920, 1080, &v);
		struct bt_box pic = picture(&v);
		struct bt_box av[12];
		int found = 0;
		bool on_road = false, below = false;
		for (size_t i = 0; i < v.n; i++) {
			const struct bt_item *it = &v.items[i];
			if (it->kind != BT_ITEM_AVATAR)
				continue;
			assert_true(it->box.w >= BT_AVATAR_MIN - 0.01f);
			assert_true(it->box.x >= 0 && it->box.x + it->box.w <= 1920);
			on_road |= inside(it->box, pic);
			below |= it->box.y >= pic.y + pic.h;
			for (int k = 0; k < found; k++)
				assert_false(overlaps(it->box, av[k]));
			av[found++] = it->box;
		}
		assert_int_equal(found, n);
		assert_true(on_road != below); /* all on the road or all in the row */
		if (n <= 2)
			assert_true(on_road);
		if (n >= 6)
			assert_true(below);
		view_free(&v);
	}
	session_destroy(s);
	sessiondef_destroy(def);

	/* without klimmers no avatars */
	def = tu_def(CLIMB);
	s = session_create(def);
	seats(s, 4);
	frame(s, 1920, 1080, &v);
	for (size_t i = 0; i < v.n; i++)
		assert_int_not_equal(v.items[i].kind, BT_ITEM_AVATAR);
	view_free(&v);
	session_destroy(s);
	sessiondef_destroy(def);
}

/* --- the files --- */

/* The viewBox of assets/climber/<name>.svg; false when missing. Also checks that the
 * file only uses what nanosvg draws the same everywhere. */
static bool viewbox(const char *name, float vb[4])
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/assets/climber/%s.svg", BT_TEST_SOURCE_DIR, name);
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	static char buf[1 << 20];
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	const char *banned[] = {"<text",  "Gradient", "<use",   "<style",   "class=",
	                        "filter", "mask",     "<image", "clip-path"};
	for (size_t i = 0; i < sizeof(banned) / sizeof(banned[0]); i++)
		if (strstr(buf, banned[i])) {
			print_error("%s uses %s\n", path, banned[i]);
			return false;
		}
	const char *p = strstr(buf, "viewBox=\"");
	return p && sscanf(p + 9, "%f %f %f %f", &vb[0], &vb[1], &vb[2], &vb[3]) == 4;
}

static void test_files_match_the_table(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(ALL);
	struct bt_session *s = session_create(def);
	key(s, BT_TK_DOWN, 10);
	key(s, BT_TK_DOWN, 20);
	key(s, BT_TK_DOWN, 30); /* wegen: the road piece is drawn too */
	key(s, BT_TK_RESET, 40);
	struct bt_view v = {0};
	const char *files[] = {"background", "road",    "fork",   "rain",   "sun",
	                       "summit",     "gear",    "risk",   "picnic", "slip",
	                       "firstaid",   "climber", "thought"};
	float vb[4];
	assert_true(viewbox("background", vb));
	assert_true(vb[0] == 0 && vb[1] == -350 && vb[2] == 1600 && vb[3] == 1600);
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			for (int i = 0; i < 3; i++)
				key(s, BT_TK_DOWN, (uint32_t)(50 + i));
		}
		frame(s, 1920, 1080, &v);
		struct bt_box pic = picture(&v);
		float k = pic.w / 1600;
		for (size_t i = 1; i < sizeof(files) / sizeof(files[0]); i++) {
			char name[64];
			snprintf(name, sizeof(name), "../climber/%s", files[i]);
			const struct bt_item *it = find_icon(&v, name, 0);
			if (!it) {
				assert_true(pass == 0 && strcmp(files[i], "road") == 0);
				continue;
			}
			assert_true(viewbox(files[i], vb));
			assert_true(vb[2] == vb[3]); /* square, as the renderer draws */
			/* the file's square is where the view draws it (not grown: pass 0,
			 * or the wegen pieces, which never grow) */
			assert_float_equal(it->box.x, pic.x + vb[0] * k, 0.5);
			assert_float_equal(it->box.y, pic.y + vb[1] * k, 0.5);
			assert_float_equal(it->box.w, vb[2] * k, 0.5);
			assert_float_equal(it->box.h, vb[3] * k, 0.5);
		}
		view_free(&v);
	}
	session_destroy(s);
	sessiondef_destroy(def);
}

/* --- the scene file's messages --- */

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
	char y[2048];
	/* HEAD is 7 lines; the scene's fields start on line 8 */
	snprintf(y, sizeof(y),
	         "%s    delen:\n"
	         "      - top\n"
	         "      - toppp\n"
	         "      - dealer\n"
	         "      - xyzzy\n",
	         HEAD);
	struct bt_diags d = parse_bad(y);
	assert_int_equal(d.n, 3);
	assert_int_equal(d.v[0].line, 10);
	assert_non_null(strstr(d.v[0].msg, "'toppp' bestaat niet"));
	assert_non_null(strstr(d.v[0].msg, "Bedoel je 'top'?"));
	assert_int_equal(d.v[1].line, 11); /* a word from the picture: its part */
	assert_non_null(strstr(d.v[1].msg, "Bedoel je 'risico'?"));
	assert_int_equal(d.v[2].line, 12);
	assert_non_null(strstr(d.v[2].msg, "'xyzzy' bestaat niet. Kies uit: top, uitrusting, "
	                                   "wegen, risico, picknick, gedachte, uitglijden, "
	                                   "ehbo, klimmer"));
	diags_clear(&d);

	/* twice the same part */
	snprintf(y, sizeof(y), "%s    delen: [top, ehbo, top]\n", HEAD);
	d = parse_bad(y);
	assert_int_equal(d.v[0].line, 8);
	assert_non_null(strstr(d.v[0].msg, "twee keer"));
	diags_clear(&d);

	/* no parts, or parts that are not a list */
	snprintf(y, sizeof(y), "%s    titel: De berg\n", HEAD);
	d = parse_bad(y);
	assert_non_null(strstr(d.v[0].msg, "'delen' ontbreekt"));
	diags_clear(&d);
	snprintf(y, sizeof(y), "%s    delen: top\n", HEAD);
	d = parse_bad(y);
	assert_int_equal(d.v[0].line, 8);
	assert_non_null(strstr(d.v[0].msg, "lijst"));
	diags_clear(&d);

	/* klimmers is ja or nee; a title that is too long */
	snprintf(y, sizeof(y),
	         "%s    delen: [top]\n"
	         "    klimmers: misschien\n"
	         "    titel: Een veel te lange titel voor de band bovenaan het scherm hier\n",
	         HEAD);
	d = parse_bad(y);
	bool yes_no = false, title = false;
	for (size_t i = 0; i < d.n; i++) {
		yes_no |= d.v[i].line == 9 && strstr(d.v[i].msg, "ja of nee") != NULL;
		title |= d.v[i].line == 10 && strstr(d.v[i].msg, "'titel'") != NULL;
	}
	assert_true(yes_no);
	assert_true(title);
	diags_clear(&d);

	/* a typo in a field name */
	snprintf(y, sizeof(y), "%s    deleen: [top]\n", HEAD);
	d = parse_bad(y);
	assert_int_equal(d.v[0].line, 8);
	assert_non_null(strstr(d.v[0].msg, "delen"));
	diags_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_dump),
	    cmocka_unit_test(test_stepping_and_bounds),
	    cmocka_unit_test(test_replay_is_deterministic),
	    cmocka_unit_test(test_view_spotlight),
	    cmocka_unit_test(test_view_all_parts_and_thought),
	    cmocka_unit_test(test_avatars),
	    cmocka_unit_test(test_files_match_the_table),
	    cmocka_unit_test(test_parse_errors_name_the_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
