/* certificate: de uitreiking van het certificaat (3.11). Every Enter of the trainer
 * gives the next present seat its moment, in seat order: its avatar beside a
 * certificate, applause and a short, gentle shower of confetti, and "Gefeliciteerd,
 * plek 3!" (seat numbers, never names). Seats that join later get their turn too.
 * When everyone had a turn, the next Enter shows the whole group together. The
 * printed certificate is the trainer's paper; this is only the ceremony. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "palette.h"
#include "scene_type.h"
#include "util.h"
#include "i18n.h"

#define CE_TITLE_MAX 45
#define CE_TEXT_MAX  40
#define CE_ANIM_MS   2000 /* the applause after each Enter */
#define CE_FRAME_MS  33
#define CE_CONFETTI  26
#define CE_PI        3.14159265358979f
#define CE_FINALE    _("You have finished the module!")

struct ce_cfg {
	char *title;
	char *text; /* or NULL */
};

struct ce_state {
	uint8_t order[BT_MAX_SEATS]; /* seats in the order they had their turn */
	int n;
	bool had[BT_MAX_SEATS + 1];
	bool finale;    /* everyone together */
	bool animating; /* an Enter started the applause at anim_ms */
	uint32_t anim_ms;
};

static const char *const ce_fields[] = {"titel", "tekst", NULL};

static const struct bt_color CE_GOLD = {0xE3, 0xB5, 0x4A, 255};

static void ce_config_free(void *p)
{
	struct ce_cfg *c = p;
	if (!c)
		return;
	free(c->title);
	free(c->text);
	free(c);
}

static void *ce_parse(struct bt_parse_ctx *pc, const struct bt_node *scene)
{
	bool before = pc->failed;
	pc->failed = false;
	const char *t = field_text(pc, scene, "titel", CE_TITLE_MAX, false);
	const char *x = field_text(pc, scene, "tekst", CE_TEXT_MAX, false);
	bool failed = pc->failed;
	pc->failed = before || failed;
	if (failed)
		return NULL;
	struct ce_cfg *c = bt_xcalloc(1, sizeof(*c));
	c->title = bt_xstrdup(t ? t : _("The certificate"));
	c->text = x ? bt_xstrdup(x) : NULL;
	return c;
}

static void *ce_state_create(const void *cfg)
{
	(void)cfg;
	return bt_xcalloc(1, sizeof(struct ce_state));
}

static void ce_state_destroy(void *st)
{
	free(st);
}

/* The present seat with the lowest number that has not had its turn, or 0. */
static int next_seat(const struct ce_state *s, const struct bt_seats *seats)
{
	for (int i = 1; i <= BT_MAX_SEATS; i++)
		if (seats_present(seats, i) && !s->had[i])
			return i;
	return 0;
}

static int current_seat(const struct ce_state *s)
{
	return !s->finale && s->n > 0 ? s->order[s->n - 1] : 0;
}

static bool ce_handle(void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                      const struct bt_event *ev)
{
	(void)cfgp;
	struct ce_state *s = st;
	if (ev->type != BT_EV_TRAINER)
		return false;
	if (ev->key == BT_TK_RESET) {
		if (s->n == 0 && !s->finale)
			return false;
		memset(s, 0, sizeof(*s));
		return true;
	}
	if (ev->key != BT_TK_ENTER)
		return false;
	int seat = next_seat(s, ctx->seats);
	if (seat) {
		s->had[seat] = true;
		s->order[s->n++] = (uint8_t)seat;
		s->finale = false;
	} else if (s->n > 0 && !s->finale) {
		s->finale = true;
	} else {
		return false; /* nobody here yet, or the group is already together */
	}
	s->animating = true;
	s->anim_ms = ctx->now_ms;
	return true;
}

/* --- drawing --- */

static float clamp01(float x)
{
	return x < 0 ? 0 : x > 1 ? 1 : x;
}

/* A fixed pseudo-random number in 0..1 for piece i and salt k. */
static float rnd(int i, int k)
{
	uint32_t h = (uint32_t)i * 2654435761u ^ (uint32_t)k * 40503u;
	h ^= h >> 15;
	h *= 2246822519u;
	h ^= h >> 13;
	return (float)(h & 0xFFFF) / 65535.0f;
}

/* Confetti that floats down through area and fades, t ms after the Enter. Soft
 * pieces in the seat colours, slow, and only once: nothing flashes. */
static void confetti(struct bt_view *v, struct bt_box area, float u, uint32_t t)
{
	if (t >= CE_ANIM_MS)
		return;
	for (int i = 0; i < CE_CONFETTI; i++) {
		float delay = rnd(i, 1) * 500.0f;
		float life = (float)CE_ANIM_MS - delay;
		float p = ((float)t - delay) / life;
		if (p <= 0)
			continue;
		p = clamp01(p);
		float a = p < 0.1f ? p / 0.1f : p > 0.6f ? (1 - p) / 0.4f : 1;
		struct bt_color col = palette_seat_color(1 + i % BT_MAX_SEATS);
		col.a = (uint8_t)lroundf(230 * clamp01(a));
		float x = area.x + area.w * (0.04f + 0.92f * rnd(i, 2));
		float y = area.y + area.h * (0.05f + 0.75f * p * (0.6f + 0.4f * rnd(i, 3)));
		x += 24 * u * sinf(p * 2 * CE_PI * (0.6f + rnd(i, 4)) + rnd(i, 5) * 6);
		float s = (12 + 10 * rnd(i, 6)) * u;
		if (i % 2) {
			view_ellipse(v, box_make(x - s / 2, y - s / 2, s, s), col);
		} else {
			float ang = p * CE_PI * (1 + rnd(i, 7)) + rnd(i, 8) * CE_PI;
			float dx = cosf(ang) * s * 0.8f, dy = sinf(ang) * s * 0.8f;
			view_line(v, x - dx, y - dy, x + dx, y + dy, 7 * u, col);
		}
	}
}

/* The row of present seats at the bottom: a tick on those who had their turn. When
 * they do not all fit, the seats still to come first. */
static void seat_row(struct bt_view *v, const struct bt_layout *L, const struct ce_state *s,
                     const struct bt_seats *seats, int current)
{
	float u = L->u;
	struct bt_box row = L->status;
	float size = BT_AVATAR_MIN * u + 10 * u, gap = 14 * u;
	int fit = (int)((row.w + gap) / (size + gap));
	int list[BT_MAX_SEATS] = {0}, n = 0;
	bool all = seats_count(seats) <= fit;
	for (int pass = 0; pass < 2; pass++)
		for (int i = 1; i <= BT_MAX_SEATS && n < fit; i++)
			if (seats_present(seats, i) && (all ? pass == 0 : s->had[i] == (pass == 1)))
				list[n++] = i;
	float x = row.x + (row.w - ((float)n * size + (float)(n - 1) * gap)) / 2;
	float y = row.y + (row.h - size) / 2;
	for (int k = 0; k < n; k++) {
		int seat = list[k];
		unsigned flags = s->had[seat] ? BT_AVATAR_CHECK : 0;
		if (seat == current)
			view_ellipse(v, box_inset(box_make(x, y, size, size), -8 * u), CE_GOLD);
		view_avatar(v, box_make(x, y, size, size), seat, flags);
		x += size + gap;
	}
}

static void intro_view(struct bt_view *v, const struct bt_layout *L, const struct ce_cfg *c,
                       const struct bt_scene_ctx *ctx)
{
	float u = L->u;
	struct bt_box a = L->content;
	float line_h = 100 * u;
	float ib = fminf(a.h - line_h - 20 * u, 320 * u);
	view_icon(v, box_make(a.x + (a.w - ib) / 2, a.y, ib, ib), "certificaat");
	view_text(v, box_make(a.x, a.y + ib + 20 * u, a.w, line_h),
	          _("Everyone gets a certificate."), BT_PX_BODY * u, BT_C_TEXT, BT_C_BG,
	          BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT)
	    ->valign_center = true;
	(void)c;
	if (seats_count(ctx->seats) == 0)
		view_text(v, L->status, _("Press a key on your keypad to join"), BT_PX_BODY * u,
		          BT_C_TEXT, BT_C_BG, BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT)
		    ->valign_center = true;
}

static void turn_view(struct bt_view *v, const struct bt_layout *L, const struct ce_cfg *c,
                      int seat, uint32_t t)
{
	float u = L->u;
	struct bt_box a = L->content;
	float line_h = 96 * u, gap = 24 * u;
	float top_h = a.h - line_h - 12 * u;
	float av = fmaxf(fminf(top_h, 300 * u), BT_AVATAR_MIN * u);
	float ap = fminf(top_h * 0.6f, 200 * u);
	float card_w = fminf(a.w - av - ap - 2 * gap, 820 * u);
	float total = av + gap + card_w + gap + ap;
	float x = a.x + (a.w - total) / 2;
	confetti(v, box_make(a.x, a.y, a.w, top_h), u, t); /* behind everything */
	view_avatar(v, box_make(x, a.y + (top_h - av) / 2, av, av), seat, 0);
	x += av + gap;
	/* the certificate: a white card in a golden frame */
	struct bt_box card = box_make(x, a.y, card_w, top_h);
	view_rect(v, card, CE_GOLD, 30 * u);
	struct bt_box inner = box_inset(card, 12 * u);
	view_rect(v, inner, BT_C_PANEL, 22 * u);
	float text_h = c->text ? 2 * 1.25f * BT_PX_BODY * u : 0;
	float ib = fminf(inner.h - text_h - 40 * u, inner.w - 40 * u);
	float iy = inner.y + 16 * u + (inner.h - 32 * u - text_h - ib) / 2;
	view_icon(v, box_make(inner.x + (inner.w - ib) / 2, iy, ib, ib), "certificaat");
	if (c->text)
		view_text(v, box_make(inner.x + 24 * u, iy + ib + 8 * u, inner.w - 48 * u, text_h),
		          c->text, BT_PX_BODY * u, BT_C_TEXT, BT_C_PANEL, BT_ALIGN_CENTER,
		          BT_ROLE_PARTICIPANT)
		    ->valign_center = true;
	x += card_w + gap;
	/* the applause grows a little and settles: once, smoothly */
	float p = clamp01((float)t / CE_ANIM_MS);
	float grow = 1 + 0.12f * sinf(CE_PI * p);
	float as = ap * grow;
	view_icon(v, box_make(x + (ap - as) / 2, a.y + (top_h - as) / 2, as, as), "applaus");
	char line[48];
	snprintf(line, sizeof(line), _("Congratulations, seat %d!"), seat);
	struct bt_item *tx =
	    view_text(v, box_make(a.x, a.y + a.h - line_h, a.w, line_h), line, BT_PX_TITLE * u,
	              BT_C_TEXT, BT_C_BG, BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT);
	tx->bold = true;
	tx->valign_center = true;
}

static void finale_view(struct bt_view *v, const struct bt_layout *L, const struct ce_state *s,
                        const struct bt_scene_ctx *ctx, uint32_t t)
{
	float u = L->u;
	struct bt_box a = L->content;
	int seats[BT_MAX_SEATS], n = 0;
	for (int i = 1; i <= BT_MAX_SEATS; i++)
		if (seats_present(ctx->seats, i))
			seats[n++] = i;
	confetti(v, a, u, t); /* behind everything */
	struct bt_box cells[BT_MAX_SEATS];
	float ap = fminf(a.h * 0.5f, 180 * u);
	struct bt_box grid = box_make(a.x + ap + 30 * u, a.y, a.w - 2 * (ap + 30 * u), a.h);
	layout_grid(grid, n, 24 * u, 220 * u, cells);
	for (int i = 0; i < n; i++)
		view_avatar(v, cells[i], seats[i], s->had[seats[i]] ? BT_AVATAR_CHECK : 0);
	float p = clamp01((float)t / CE_ANIM_MS);
	float as = ap * (1 + 0.12f * sinf(CE_PI * p));
	for (int k = 0; k < 2; k++) {
		float x = k ? a.x + a.w - ap : a.x;
		view_icon(v, box_make(x + (ap - as) / 2, a.y + (a.h - as) / 2, as, as),
		          k ? "applaus" : "certificaat");
	}
	struct bt_item *tx = view_text(v, L->status, CE_FINALE, BT_PX_TITLE * u, BT_C_TEXT, BT_C_BG,
	                               BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT);
	tx->bold = true;
	tx->valign_center = true;
}

static void ce_view(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                    struct bt_view *v)
{
	const struct ce_state *s = st;
	const struct ce_cfg *c = cfgp;
	struct bt_layout L = layout_make(v);
	layout_header(v, &L, s->finale ? "feest" : "certificaat", c->title);
	uint32_t t =
	    s->animating && ctx->now_ms >= s->anim_ms ? ctx->now_ms - s->anim_ms : CE_ANIM_MS;
	if (s->finale) {
		finale_view(v, &L, s, ctx, t);
		return;
	}
	int seat = current_seat(s);
	if (seat)
		turn_view(v, &L, c, seat, t);
	else
		intro_view(v, &L, c, ctx);
	seat_row(v, &L, s, ctx->seats, seat);
}

static int ce_next_wakeup(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx)
{
	(void)cfgp;
	const struct ce_state *s = st;
	if (!s->animating || ctx->now_ms >= s->anim_ms + CE_ANIM_MS)
		return -1;
	uint32_t left = s->anim_ms + CE_ANIM_MS - ctx->now_ms;
	return left < CE_FRAME_MS ? (int)left : CE_FRAME_MS;
}

static const char *ce_hint(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx)
{
	(void)cfgp;
	const struct ce_state *s = st;
	if (next_seat(s, ctx->seats))
		return s->n == 0 ? _("Enter: first certificate") : _("Enter: next");
	if (s->finale)
		return _("Done · R: again");
	return s->n ? _("Enter: everyone together") : _("Waiting for the group");
}

static void ce_dump(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx, json_t *obj)
{
	const struct ce_state *s = st;
	const struct ce_cfg *c = cfgp;
	json_object_set_new(obj, "title", json_string(c->title));
	json_t *order = json_array();
	for (int i = 0; i < s->n; i++)
		json_array_append_new(order, json_integer(s->order[i]));
	json_object_set_new(obj, "order", order);
	json_object_set_new(obj, "current", json_integer(current_seat(s)));
	json_object_set_new(obj, "next", json_integer(next_seat(s, ctx->seats)));
	json_object_set_new(obj, "finale", json_boolean(s->finale));
	if (s->animating)
		json_object_set_new(obj, "anim_ms", json_integer(s->anim_ms));
}

static const char *certificate_label(const void *cfg)
{
	return ((const struct ce_cfg *)cfg)->title;
}

const struct bt_scene_type bt_scene_type_certificate = {
    .name = "certificate",
    .label = certificate_label,
    .fields = ce_fields,
    .parse = ce_parse,
    .config_free = ce_config_free,
    .state_create = ce_state_create,
    .state_destroy = ce_state_destroy,
    .handle = ce_handle,
    .view = ce_view,
    .dump = ce_dump,
    .next_wakeup = ce_next_wakeup,
    .hint = ce_hint,
};
