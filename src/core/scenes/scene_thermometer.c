/* thermometer: the emotion thermometer (3.5). Every seat first presses the key of
 * an emotion (1-5: boos, bang, verdrietig, blij, gespannen; 6: an extra one from the
 * scene file), then how strong it is: a digit 0-9. For 10 the seat presses 1 and
 * then 0 within two seconds (by the events' times): the 1 counts at once and turns
 * into 10 when the 0 comes in time; a 0 after that is a new level 0. Undo steps back
 * (level, then emotion). Voting rules as everywhere: the result stays hidden until
 * every present seat has done both steps or the trainer closes. The result is one
 * thermometer per seat, filled from green to red up to its level, with the emotion's
 * pictogram, and the link: the higher the emotion, the stronger the urge. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "palette.h"
#include "scene_type.h"
#include "util.h"
#include "i18n.h"

#define TH_BASE      5
#define TH_MAX       6 /* with the extra emotion */
#define TH_LEVEL_MAX 10
#define TH_TEN_MS    2000u /* 1 and then 0 within this time is 10 */
#define TH_FILL_MS   1200u /* a thermometer fills to its level in this time */
#define TH_FRAME_MS  33
#define TH_EXTRA_MAX 14 /* characters of the extra emotion's name */

static const char *const th_icons[TH_BASE] = {"boos", "bang", "verdrietig", "blij", "gespannen"};
/* the cards' words, translated where used */
static const char *const th_labels[TH_BASE] = {N_("Angry"), N_("Scared"), N_("Sad"), N_("Happy"),
                                               N_("Tense")};

struct th_cfg {
	char *question;
	int n;                   /* emotions: 5, or 6 with the extra one */
	char *label[TH_MAX + 1]; /* 1..n: what the cards say */
	char *icon[TH_MAX + 1];  /* 1..n: pictogram */
	char *name[TH_MAX + 1];  /* 1..n: name in the dump */
};

struct th_state {
	/* choice: 0 until emotion and level are chosen, then level + 1, so every new
	 * level counts as a changed vote (the keypad's LED confirms it) */
	struct bt_vote vote;
	int emotion[BT_MAX_SEATS + 1];       /* 0 none, 1..n */
	int level[BT_MAX_SEATS + 1];         /* -1 none, 0..10 */
	bool ten_open[BT_MAX_SEATS + 1];     /* the level is a 1 that a 0 may still make 10 */
	uint32_t ten_from[BT_MAX_SEATS + 1]; /* time of that 1 */
	/* drawing: the result is on screen (shown); each thermometer moves from
	 * fill_from to its level, starting at fill_at */
	bool shown;
	float fill_from[BT_MAX_SEATS + 1];
	uint32_t fill_at[BT_MAX_SEATS + 1];
};

static const char *const th_fields[] = {"vraag", "extra", NULL};
static const char *const extra_fields[] = {"tekst", "plaatje", NULL};

static void th_config_free(void *p)
{
	struct th_cfg *c = p;
	if (!c)
		return;
	for (int i = 1; i <= TH_MAX; i++) {
		free(c->label[i]);
		free(c->icon[i]);
		free(c->name[i]);
	}
	free(c->question);
	free(c);
}

static int key_line(const struct bt_node *map, const char *key)
{
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->keys[i], key) == 0)
			return map->key_lines[i];
	return map->line;
}

/* ASCII case-insensitive compare, enough to catch "boos" against "Boos". */
static bool same_word(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
		if (x != y)
			return false;
	}
	return *a == *b;
}

static void parse_extra(struct bt_parse_ctx *pc, const struct bt_node *scene, struct th_cfg *c)
{
	const struct bt_node *ex = node_get(scene, "extra");
	if (!ex)
		return;
	if (ex->kind != BT_NODE_MAP) {
		diags_add(
		    pc->diags, pc->file, key_line(scene, "extra"),
		    _("'extra' is a sixth emotion with a text and a picture. Write  "
		      "extra:  and below it, with more spaces in front,  tekst: Eenzaam  and  "
		      "plaatje: wolk"));
		pc->failed = true;
		return;
	}
	field_check_known(pc, ex, extra_fields, NULL);
	const char *t = field_text(pc, ex, "tekst", TH_EXTRA_MAX, true);
	const char *icon = field_icon(pc, ex, "plaatje", true);
	if (t) {
		for (int i = 0; i < TH_BASE; i++) {
			/* the Dutch words are the icon names: a scene file is Dutch in
			 * every language of the screen */
			if (same_word(t, th_icons[i])) {
				diags_add(
				    pc->diags, pc->file, node_get(ex, "tekst")->line,
				    _("'%s' is already there (key %d). Choose another emotion, or "
				      "remove 'extra'"),
				    t, i + 1);
				pc->failed = true;
				return;
			}
		}
	}
	if (!t || !icon)
		return;
	c->n = TH_MAX;
	c->label[TH_MAX] = bt_xstrdup(t);
	c->icon[TH_MAX] = bt_xstrdup(icon);
	c->name[TH_MAX] = bt_xstrdup(t);
}

static void *th_parse(struct bt_parse_ctx *pc, const struct bt_node *scene)
{
	struct th_cfg *c = bt_xcalloc(1, sizeof(*c));
	bool before = pc->failed;
	pc->failed = false;
	const char *q = field_text(pc, scene, "vraag", 60, false);
	c->question = bt_xstrdup(q ? q : _("Which emotion do you feel, and how strong?"));
	c->n = TH_BASE;
	for (int i = 0; i < TH_BASE; i++) {
		c->label[i + 1] = bt_xstrdup(_(th_labels[i]));
		c->icon[i + 1] = bt_xstrdup(th_icons[i]);
		c->name[i + 1] = bt_xstrdup(th_icons[i]);
	}
	parse_extra(pc, scene, c);
	bool failed = pc->failed;
	pc->failed = before || failed;
	if (failed) {
		th_config_free(c);
		return NULL;
	}
	return c;
}

static void clear_seat(struct th_state *s, int seat)
{
	s->emotion[seat] = 0;
	s->level[seat] = -1;
	s->ten_open[seat] = false;
	s->ten_from[seat] = 0;
	s->fill_from[seat] = 0;
	s->fill_at[seat] = 0;
}

static void *th_state_create(const void *cfgp)
{
	(void)cfgp;
	struct th_state *s = bt_xcalloc(1, sizeof(*s));
	vote_init(&s->vote, TH_LEVEL_MAX + 1);
	for (int i = 0; i <= BT_MAX_SEATS; i++)
		clear_seat(s, i);
	return s;
}

static void th_state_destroy(void *st)
{
	free(st);
}

static bool done(const struct th_state *s, int seat)
{
	return s->level[seat] >= 0;
}

/* Where a seat's thermometer stands at time now (it moves after a change). */
static float fill_at_time(const struct th_state *s, int seat, uint32_t now)
{
	float to = (float)(s->level[seat] < 0 ? 0 : s->level[seat]);
	if (!s->shown)
		return to;
	if (now <= s->fill_at[seat])
		return s->fill_from[seat];
	float t = (float)(now - s->fill_at[seat]) / (float)TH_FILL_MS;
	if (t >= 1)
		return to;
	float e = t * t * (3 - 2 * t);
	return s->fill_from[seat] + (to - s->fill_from[seat]) * e;
}

/* A seat's new level: its thermometer starts moving from where it stands now. */
static void set_level(struct th_state *s, int seat, int level, uint32_t now)
{
	s->fill_from[seat] = fill_at_time(s, seat, now);
	s->fill_at[seat] = now;
	s->level[seat] = level;
	vote_choose(&s->vote, seat, level + 1);
}

static bool seat_key(struct th_state *s, const struct th_cfg *c, const struct bt_event *ev,
                     uint32_t now)
{
	int seat = ev->seat;
	if (s->vote.phase != BT_VOTE_OPEN || seat < 1 || seat > BT_MAX_SEATS)
		return false;
	if (ev->key == BT_SK_UNDO) {
		if (done(s, seat)) { /* back to choosing the level; the emotion stays */
			s->level[seat] = -1;
			s->ten_open[seat] = false;
			vote_choose(&s->vote, seat, 0);
			return true;
		}
		if (s->emotion[seat]) {
			s->emotion[seat] = 0;
			return true;
		}
		return false;
	}
	if (ev->key != BT_SK_DIGIT || ev->digit > 9)
		return false;
	int d = ev->digit;
	if (!s->emotion[seat]) {
		if (d < 1 || d > c->n)
			return false; /* not an emotion's key */
		s->emotion[seat] = d;
		return true;
	}
	/* the level: 0-9, or 1 and then 0 in time for 10 */
	if (d == 0 && s->ten_open[seat] && s->level[seat] == 1 && now >= s->ten_from[seat] &&
	    now - s->ten_from[seat] <= TH_TEN_MS) {
		s->ten_open[seat] = false;
		set_level(s, seat, TH_LEVEL_MAX, now);
		return true;
	}
	bool changed = s->level[seat] != d || s->ten_open[seat] != (d == 1) ||
	               (d == 1 && s->ten_from[seat] != now);
	if (s->level[seat] != d)
		set_level(s, seat, d, now);
	s->ten_open[seat] = d == 1;
	s->ten_from[seat] = d == 1 ? now : 0;
	return changed;
}

static bool th_handle(void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                      const struct bt_event *ev)
{
	struct th_state *s = st;
	const struct th_cfg *c = cfgp;
	bool changed = false;
	if (ev->type == BT_EV_TRAINER && ev->key == BT_TK_ENTER) {
		changed = vote_enter(&s->vote);
	} else if (ev->type == BT_EV_TRAINER && ev->key == BT_TK_RESET) {
		changed = vote_reset(&s->vote);
		for (int i = 1; i <= BT_MAX_SEATS; i++) {
			changed |= s->emotion[i] != 0 || s->level[i] >= 0;
			clear_seat(s, i);
		}
	} else if (ev->type == BT_EV_SEAT) {
		changed = seat_key(s, c, ev, ctx->now_ms);
	}
	/* the thermometers start filling with the event that brought the result on
	 * screen; a late joiner who has not finished hides it again */
	bool now = vote_revealed(&s->vote, ctx->seats);
	if (now && !s->shown) {
		s->shown = true;
		for (int i = 1; i <= BT_MAX_SEATS; i++) {
			s->fill_from[i] = 0;
			s->fill_at[i] = ctx->now_ms;
		}
		changed = true;
	} else if (!now && s->shown) {
		s->shown = false;
		changed = true;
	}
	return changed;
}

/* --- drawing --- */

/* Green (calm) over yellow to red (strong), t in 0..1. */
static struct bt_color heat(float t)
{
	static const struct bt_color stops[3] = {
	    {0x2E, 0x9E, 0x4F, 255}, {0xF2, 0xC2, 0x30, 255}, {0xD6, 0x2F, 0x1F, 255}};
	t = fminf(fmaxf(t, 0), 1);
	int k = t < 0.5f ? 0 : 1;
	float f = (t - 0.5f * (float)k) * 2;
	struct bt_color a = stops[k], b = stops[k + 1];
	return (struct bt_color){(uint8_t)lroundf(a.r + (b.r - a.r) * f),
	                         (uint8_t)lroundf(a.g + (b.g - a.g) * f),
	                         (uint8_t)lroundf(a.b + (b.b - a.b) * f), 255};
}

/* Before the result: a mark on the avatars in the status row of seats that chose an
 * emotion but no level yet: a small thermometer, "now: how strong?". Who, never what. */
static void progress_marks(struct bt_view *v, size_t from, const struct th_state *s)
{
	size_t end = v->n;
	for (size_t i = from; i < end; i++) {
		struct bt_item it = v->items[i];
		if (it.kind != BT_ITEM_AVATAR || it.seat < 1 || it.seat > BT_MAX_SEATS ||
		    !s->emotion[it.seat] || done(s, it.seat))
			continue;
		/* where the tick goes once both steps are done */
		float sz = fminf(it.box.w, it.box.h);
		float b = sz * 0.42f;
		float cx = it.box.x + it.box.w / 2, cy = it.box.y + it.box.h / 2;
		struct bt_box disc =
		    box_make(cx + sz * 0.5f - b * 0.8f, cy + sz * 0.5f - b * 0.8f, b, b);
		view_ellipse(v, box_inset(disc, -b * 0.08f), BT_C_MUTED);
		view_ellipse(v, disc, BT_C_WHITE);
		view_icon(v, box_inset(disc, b * 0.14f), "thermometer");
	}
}

/* The emotion cards: key badge, pictogram, word. */
static void emotion_cards(struct bt_view *v, float u, struct bt_box a, const struct th_cfg *c)
{
	float gap = 16 * u, vgap = 10 * u;
	int cols = (a.w - 2 * gap) / 3 >= 590 * u ? 3 : 2;
	int rows = (c->n + cols - 1) / cols;
	float cw = (a.w - gap * (float)(cols - 1)) / (float)cols;
	float ch = fminf((a.h - vgap * (float)(rows - 1)) / (float)rows, 150 * u);
	float y0 = a.y + (a.h - (ch * (float)rows + vgap * (float)(rows - 1))) / 2;
	for (int i = 1; i <= c->n; i++) {
		int r = (i - 1) / cols, k = (i - 1) % cols;
		int in_row = r == rows - 1 ? c->n - r * cols : cols;
		float x0 = a.x + (a.w - (cw * (float)in_row + gap * (float)(in_row - 1))) / 2;
		struct bt_box card =
		    box_make(x0 + (float)k * (cw + gap), y0 + (float)r * (ch + vgap), cw, ch);
		view_rect(v, card, BT_C_PANEL, 24 * u);
		/* the key's digit stays >= 56 px: the badge at least 92 */
		float badge = fminf(96 * u, ch - 4 * u);
		float x = card.x + 14 * u;
		layout_key_badge(v, box_make(x, card.y + (ch - badge) / 2, badge, badge), i,
		                 BT_C_PANEL);
		x += badge + 14 * u;
		float ib = fminf(ch - 16 * u, 110 * u);
		view_icon(v, box_make(x, card.y + (ch - ib) / 2, ib, ib), c->icon[i]);
		x += ib + 16 * u;
		view_text(v, box_make(x, card.y + 4 * u, card.x + cw - x - 12 * u, ch - 8 * u),
		          c->label[i], BT_PX_BODY * u, BT_C_TEXT, BT_C_PANEL, BT_ALIGN_LEFT,
		          BT_ROLE_PARTICIPANT)
		    ->valign_center = true;
	}
}

/* The level row: "Hoe sterk?" and the 10 hint (10 = 1 en dan 0) above a green to
 * red band with the keys 0..10. */
static void level_row(struct bt_view *v, float u, struct bt_box label, struct bt_box scale)
{
	float ib = 84 * u;
	view_icon(v, box_make(label.x, label.y + (label.h - ib) / 2, ib, ib), "thermometer");
	float tx = label.x + ib + 16 * u;
	struct bt_item *t =
	    view_text(v, box_make(tx, label.y, 330 * u, label.h), _("How much?"), BT_PX_BODY * u,
	              BT_C_TEXT, BT_C_BG, BT_ALIGN_LEFT, BT_ROLE_PARTICIPANT);
	t->bold = true;
	t->valign_center = true;

	/* right: "10 =" [1] "en dan" [0] */
	float b = fminf(96 * u, label.h);
	float w_eq = 140 * u, w_then = 200 * u, g = 12 * u;
	float x = label.x + label.w - (w_eq + g + b + g + w_then + g + b);
	float by = label.y + (label.h - b) / 2;
	view_text(v, box_make(x, label.y, w_eq, label.h), "10 =", BT_PX_BODY * u, BT_C_TEXT,
	          BT_C_BG, BT_ALIGN_RIGHT, BT_ROLE_PARTICIPANT)
	    ->valign_center = true;
	x += w_eq + g;
	layout_key_badge(v, box_make(x, by, b, b), 1, BT_C_BG);
	x += b + g;
	view_text(v, box_make(x, label.y, w_then, label.h), _("then"), BT_PX_BODY * u, BT_C_TEXT,
	          BT_C_BG, BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT)
	    ->valign_center = true;
	x += w_then + g;
	layout_key_badge(v, box_make(x, by, b, b), 0, BT_C_BG);

	/* the scale: a thermometer lying down, bulb at 0 */
	float colw = scale.w / (TH_LEVEL_MAX + 1);
	float badge = fminf(100 * u, colw * 0.8f);
	float cy = scale.y + scale.h / 2;
	float band = 44 * u;
	float x0 = scale.x + colw / 2;
	float bulb = fminf(colw * 0.98f, badge * 1.3f);
	view_ellipse(v, box_make(x0 - bulb / 2, cy - bulb / 2, bulb, bulb), heat(0));
	for (int i = 0; i < TH_LEVEL_MAX; i++) {
		float xa = x0 + colw * (float)i, xb = xa + colw;
		view_rect(v, box_make(xa, cy - band / 2, xb - xa + 1, band),
		          heat(((float)i + 0.5f) / TH_LEVEL_MAX), 0);
	}
	float xe = x0 + colw * TH_LEVEL_MAX;
	view_ellipse(v, box_make(xe - band / 2, cy - band / 2, band, band), heat(1));
	for (int i = 0; i <= TH_LEVEL_MAX; i++)
		layout_key_badge(
		    v, box_make(x0 + colw * (float)i - badge / 2, cy - badge / 2, badge, badge), i,
		    BT_C_BG);
}

static void question_view(struct bt_view *v, const struct bt_layout *L, const struct th_cfg *c)
{
	float u = L->u;
	struct bt_box a = L->content;
	float scale_h = 100 * u, label_h = 96 * u, gap = 12 * u;
	struct bt_box scale = box_make(a.x, a.y + a.h - scale_h, a.w, scale_h);
	struct bt_box label = box_make(a.x, scale.y - gap - label_h, a.w, label_h);
	struct bt_box cards = box_make(a.x, a.y, a.w, label.y - 16 * u - a.y);
	emotion_cards(v, u, cards, c);
	level_row(v, u, label, scale);
}

/* A standing thermometer in box b (bulb at the bottom), filled up to level. */
static void thermometer(struct bt_view *v, float u, struct bt_box b, float level)
{
	float bulb = fminf(fminf(b.w, 110 * u), b.h * 0.2f);
	float tw = bulb * 0.5f, o = fmaxf(3 * u, 1);
	float cx = b.x + b.w / 2;
	float bulb_y = b.y + b.h - bulb;
	float tube_top = b.y, tube_bot = bulb_y + bulb / 2;
	struct bt_color outline = BT_C_MUTED;
	/* outline, then the glass */
	view_rect(v, box_make(cx - tw / 2 - o, tube_top - o, tw + 2 * o, tube_bot - tube_top + o),
	          outline, tw / 2 + o);
	view_ellipse(v, box_make(cx - bulb / 2 - o, bulb_y - o, bulb + 2 * o, bulb + 2 * o),
	             outline);
	view_rect(v, box_make(cx - tw / 2, tube_top, tw, tube_bot - tube_top), BT_C_WHITE, tw / 2);
	/* the liquid: green at the bottom, red higher up */
	float top = tube_top + tw * 0.6f;   /* where 10 is */
	float zero = bulb_y + bulb * 0.12f; /* where 0 is, just above the bulb */
	float step = (zero - top) / TH_LEVEL_MAX;
	float inner = tw * 0.64f;
	view_rect(v, box_make(cx - inner / 2, zero - 1, inner, tube_bot - zero + 1), heat(0), 0);
	for (int i = 0; i < TH_LEVEL_MAX && (float)i < level; i++) {
		float part = fminf(level - (float)i, 1);
		float y1 = zero - step * (float)i;
		float h = step * part;
		view_rect(v, box_make(cx - inner / 2, y1 - h, inner, h + 1),
		          heat(((float)i + 0.5f) / TH_LEVEL_MAX), 0);
	}
	view_ellipse(v, box_make(cx - bulb / 2, bulb_y, bulb, bulb), heat(level / TH_LEVEL_MAX));
	/* marks at 0, 5 and 10 to the right of the tube */
	for (int i = 0; i <= TH_LEVEL_MAX; i += 5) {
		float y = zero - step * (float)i;
		float x1 = cx + tw / 2 + o + 4 * u;
		float len = fminf(18 * u, b.x + b.w - x1);
		if (len > 2 * u)
			view_line(v, x1, y, x1 + len, y, 4 * u, outline);
	}
}

/* Room a seat's cell needs: an avatar beside a thin thermometer, and under the
 * avatar the pictogram and number side by side. */
#define CELL_PAD   8.0f
#define CELL_GAP   8.0f
#define THERMO_MIN 40.0f
#define NUM_H      76.0f
#define CELL_MIN_W (BT_AVATAR_MIN + CELL_GAP + THERMO_MIN + 2 * CELL_PAD)
#define CELL_MIN_H (BT_AVATAR_MIN + CELL_GAP + NUM_H + 2 * CELL_PAD)

/* One seat's result in cell: avatar, emotion pictogram and number left, thermometer
 * right. */
static void seat_result(struct bt_view *v, float u, struct bt_box cell, int seat,
                        const struct th_state *s, const struct th_cfg *c, uint32_t now)
{
	view_rect(v, cell, BT_C_PANEL, 24 * u);
	float gap = CELL_GAP * u;
	struct bt_box in = box_inset(cell, CELL_PAD * u);
	float av = fminf(fminf(170 * u, in.h * 0.45f), in.w - gap - 60 * u);
	av = fmaxf(av, BT_AVATAR_MIN * u);
	float tcol = fmaxf(fminf(in.w - av - gap, 130 * u), THERMO_MIN * u * 0.5f);
	float th = fminf(in.h, 560 * u);
	float x0 = in.x + (in.w - (av + gap + tcol)) / 2;
	float y0 = in.y + (in.h - th) / 2;
	view_avatar(v, box_make(x0, y0, av, av), seat, 0);
	float rest = th - av - gap;
	float num_h = NUM_H * u;
	int emo = s->emotion[seat];
	char num[8];
	snprintf(num, sizeof(num), "%d", s->level[seat]);
	struct bt_box nb;
	float px;
	if (rest >= num_h + gap + av * 0.6f) { /* pictogram, number below it */
		float e = fminf(av, rest - num_h - gap);
		if (emo)
			view_icon(v, box_make(x0 + (av - e) / 2, y0 + av + gap, e, e),
			          c->icon[emo]);
		nb = box_make(x0, y0 + av + gap + e + gap / 2, av, num_h);
		px = BT_PX_TITLE * u;
	} else { /* side by side under the avatar */
		float e = fminf(av * 0.45f, rest);
		if (emo)
			view_icon(v, box_make(x0, y0 + av + gap, e, e), c->icon[emo]);
		nb = box_make(x0 + e, y0 + av + gap, av - e, fmaxf(e, 70 * u));
		px = BT_PX_BODY * u;
	}
	struct bt_item *t =
	    view_text(v, nb, num, px, BT_C_TEXT, BT_C_PANEL, BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT);
	t->bold = true;
	t->valign_center = true;
	thermometer(v, u, box_make(x0 + av + gap, y0, tcol, th), fill_at_time(s, seat, now));
}

/* How many rows of cells: the fewest that leave each cell room for an avatar and a
 * thermometer; when none does, the one that comes closest. */
static int result_rows(struct bt_box a, int n, float gap, float u)
{
	int best = 1;
	float best_fit = -1;
	for (int r = 1; r <= n && r <= 6; r++) {
		int cols = (n + r - 1) / r;
		float cw = (a.w - gap * (float)(cols - 1)) / (float)cols;
		float ch = (a.h - gap * (float)(r - 1)) / (float)r;
		float fit = fminf(cw / (CELL_MIN_W * u), ch / (CELL_MIN_H * u));
		if (fit >= 1)
			return r;
		if (fit > best_fit) {
			best_fit = fit;
			best = r;
		}
	}
	return best;
}

/* The link of the exercise: a higher emotion, a stronger urge. */
static void link_line(struct bt_view *v, float u, struct bt_box b)
{
	view_rect(v, b, BT_C_PANEL, 24 * u);
	float ib = fminf(96 * u, b.h - 16 * u), ab = ib * 0.66f;
	float pic = ib + 8 * u + ab + 8 * u + ib + 24 * u;
	/* one line when it fits, else broken after the comma */
	float tw = b.w - 48 * u - pic >= 1240 * u ? 1240 * u : 660 * u;
	float x = b.x + (b.w - pic - tw) / 2, cy = b.y + b.h / 2;
	view_icon(v, box_make(x, cy - ib / 2, ib, ib), "thermometer");
	x += ib + 8 * u;
	view_icon(v, box_make(x, cy - ab / 2, ab, ab), "vooruit");
	x += ab + 8 * u;
	view_icon(v, box_make(x, cy - ib / 2, ib, ib), "golf");
	x += ib + 24 * u;
	struct bt_item *t =
	    view_text(v, box_make(x, b.y + 4 * u, tw, b.h - 8 * u),
	              _("The higher the emotion, the stronger the urge"), BT_PX_BODY * u, BT_C_TEXT,
	              BT_C_PANEL, BT_ALIGN_LEFT, BT_ROLE_PARTICIPANT);
	t->bold = true;
	t->valign_center = true;
}

static void result_view(struct bt_view *v, const struct bt_layout *L, const struct th_state *s,
                        const struct th_cfg *c, const struct bt_scene_ctx *ctx)
{
	float u = L->u;
	struct bt_box a =
	    box_make(L->m, L->content.y, L->W - 2 * L->m, L->status.y + L->status.h - L->content.y);
	float line_h = a.w >= 1600 * u ? 110 * u : 170 * u;
	link_line(v, u, box_make(a.x, a.y + a.h - line_h, a.w, line_h));
	struct bt_box grid = box_make(a.x, a.y, a.w, a.h - line_h - 16 * u);
	int seats[BT_MAX_SEATS], n = 0;
	for (int i = 1; i <= BT_MAX_SEATS; i++)
		if (seats_present(ctx->seats, i) && done(s, i))
			seats[n++] = i;
	if (n == 0) {
		float ib = 160 * u;
		view_icon(v, box_make(grid.x + (grid.w - ib) / 2, grid.y + 40 * u, ib, ib),
		          "thermometer");
		view_text(v, box_make(grid.x, grid.y + ib + 60 * u, grid.w, 100 * u),
		          _("No answers yet"), BT_PX_BODY * u, BT_C_TEXT, BT_C_BG, BT_ALIGN_CENTER,
		          BT_ROLE_PARTICIPANT)
		    ->valign_center = true;
		return;
	}
	float gap = 16 * u;
	int rows = result_rows(grid, n, gap, u);
	int cols = (n + rows - 1) / rows;
	float cw = fminf((grid.w - gap * (float)(cols - 1)) / (float)cols, 420 * u);
	float ch = (grid.h - gap * (float)(rows - 1)) / (float)rows;
	for (int i = 0; i < n; i++) {
		int r = i / cols, k = i % cols;
		int in_row = r == rows - 1 ? n - r * cols : cols;
		float x0 = grid.x + (grid.w - (cw * (float)in_row + gap * (float)(in_row - 1))) / 2;
		struct bt_box cell =
		    box_make(x0 + (float)k * (cw + gap), grid.y + (float)r * (ch + gap), cw, ch);
		seat_result(v, u, cell, seats[i], s, c, ctx->now_ms);
	}
}

static void th_view(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                    struct bt_view *v)
{
	const struct th_state *s = st;
	const struct th_cfg *c = cfgp;
	struct bt_layout L = layout_make(v);
	layout_header(v, &L, "thermometer", c->question);
	if (vote_revealed(&s->vote, ctx->seats)) {
		result_view(v, &L, s, c, ctx);
		return;
	}
	question_view(v, &L, c);
	size_t from = v->n;
	layout_status_row(v, &L, ctx->seats, &s->vote, ctx->active_seat);
	if (s->vote.phase == BT_VOTE_OPEN)
		progress_marks(v, from, s);
}

static int th_next_wakeup(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx)
{
	(void)cfgp;
	const struct th_state *s = st;
	if (!s->shown || !vote_revealed(&s->vote, ctx->seats))
		return -1;
	for (int i = 1; i <= BT_MAX_SEATS; i++)
		if (seats_present(ctx->seats, i) && done(s, i) &&
		    ctx->now_ms < s->fill_at[i] + TH_FILL_MS)
			return TH_FRAME_MS;
	return -1;
}

static void th_dump(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx, json_t *obj)
{
	const struct th_state *s = st;
	const struct th_cfg *c = cfgp;
	static const char *const phases[] = {"waiting", "open", "closed"};
	json_object_set_new(obj, "question", json_string(c->question));
	json_t *emos = json_array();
	for (int i = 1; i <= c->n; i++)
		json_array_append_new(emos, json_string(c->name[i]));
	json_object_set_new(obj, "emotions", emos);
	json_object_set_new(obj, "phase", json_string(phases[s->vote.phase]));
	json_object_set_new(obj, "revealed", json_boolean(vote_revealed(&s->vote, ctx->seats)));
	json_t *seats = json_object();
	for (int i = 1; i <= BT_MAX_SEATS; i++) {
		if (!s->emotion[i])
			continue;
		json_t *o = json_object();
		json_object_set_new(o, "emotion", json_string(c->name[s->emotion[i]]));
		if (done(s, i))
			json_object_set_new(o, "level", json_integer(s->level[i]));
		json_object_set_new(o, "done", json_boolean(done(s, i)));
		char k[4];
		snprintf(k, sizeof(k), "%d", i);
		json_object_set_new(seats, k, o);
	}
	json_object_set_new(obj, "seats", seats);
}

static const struct bt_vote *th_vote(const void *st)
{
	return &((const struct th_state *)st)->vote;
}

static const char *thermometer_label(const void *cfg)
{
	return ((const struct th_cfg *)cfg)->question;
}

const struct bt_scene_type bt_scene_type_thermometer = {
    .name = "thermometer",
    .label = thermometer_label,
    .fields = th_fields,
    .parse = th_parse,
    .config_free = th_config_free,
    .state_create = th_state_create,
    .state_destroy = th_state_destroy,
    .handle = th_handle,
    .view = th_view,
    .dump = th_dump,
    .vote = th_vote,
    .next_wakeup = th_next_wakeup,
};
