/* wave: verlangen komt als een golf (3.2, 3.3). A wave rises, peaks and ebbs over
 * `minuten` minutes while a sailing boat rides it calmly from left to right; a short line
 * says where the wave is. The trainer's Enter starts (the event's time is stored),
 * Enter again pauses and continues, R goes back to the start.
 * With `meten: ja` every `elke` seconds is its own round: each seat presses how strong
 * its urge is (0-9). A press counts for the round in which its event time falls; a
 * second press in the same round replaces the first. Each seat's ratings are drawn as
 * a thin line in its colour, the group's average as a thick line over the wave.
 * Everything on screen is computed from ctx->now_ms and the stored times. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "palette.h"
#include "scene_type.h"
#include "util.h"
#include "i18n.h"

#define WV_FRAME_MS    33
#define WV_TITLE_MAX   45
#define WV_MINUTES_MAX 20
#define WV_EVERY_MIN   15
#define WV_EVERY_MAX   300
#define WV_ROUNDS_MAX  ((WV_MINUTES_MAX * 60 + WV_EVERY_MIN - 1) / WV_EVERY_MIN)
#define WV_NONE        0xFF
#define WV_PEAK_AT     0.4f /* the highest point, as a share of the time */
#define WV_PEAK_HALF   0.1f /* the "peak" stage lasts from 0.3 to 0.5 */
#define WV_RIPPLE_MS   3000 /* one ripple passes in 3 s: calm, nothing flashes */
#define WV_PI          3.14159265358979f
#define WV_BOAT_WATER  (30.0f / 36.0f) /* zeilboot.svg: its water begins at y 30 of 36 */

enum wv_stage { WV_WAITING, WV_RISING, WV_PEAK, WV_EBB, WV_PAUSED, WV_DONE };

static const char *const wv_stage_names[] = {"waiting", "rising", "peak", "ebb", "paused", "done"};

struct wv_cfg {
	char *title;
	int minutes;
	bool measure;
	int every_s;
	int rounds; /* rounds of every_s seconds; the last may be shorter */
};

struct wv_state {
	bool started, paused;
	uint32_t start_ms;     /* the Enter that started */
	uint32_t resume_ms;    /* the Enter that last continued (start_ms at first) */
	uint32_t pause_ms;     /* the Enter that paused, while paused */
	uint32_t paused_total; /* ms spent paused before resume_ms */
	uint8_t rating[WV_ROUNDS_MAX][BT_MAX_SEATS + 1]; /* 0..9 or WV_NONE */
};

static const char *const wv_fields[] = {"titel", "minuten", "meten", "elke", NULL};

static void wv_config_free(void *p)
{
	struct wv_cfg *c = p;
	if (!c)
		return;
	free(c->title);
	free(c);
}

static void *wv_parse(struct bt_parse_ctx *pc, const struct bt_node *scene)
{
	struct wv_cfg *c = bt_xcalloc(1, sizeof(*c));
	bool before = pc->failed;
	pc->failed = false;
	const char *title = field_text(pc, scene, "titel", WV_TITLE_MAX, false);
	c->title = bt_xstrdup(title ? title : _("Urges come like a wave"));
	c->minutes = field_number(pc, scene, "minuten", 3, 1, WV_MINUTES_MAX);
	c->measure = field_yes_no(pc, scene, "meten", false);
	c->every_s = field_number(pc, scene, "elke", 60, WV_EVERY_MIN, WV_EVERY_MAX);
	const struct bt_node *every = node_get(scene, "elke");
	if (every && !c->measure) {
		diags_add(pc->diags, pc->file, every->line,
		          _("'elke' belongs with meten. Add  meten: ja  or remove 'elke'"));
		pc->failed = true;
	} else if (every && !pc->failed && c->every_s > c->minutes * 60) {
		diags_add(
		    pc->diags, pc->file, every->line,
		    _("'elke: %d' is longer than the wave (%d seconds). Choose a smaller number "
		      "or more minutes"),
		    c->every_s, c->minutes * 60);
		pc->failed = true;
	}
	if (c->every_s > c->minutes * 60)
		c->every_s = c->minutes * 60;
	c->rounds = (c->minutes * 60 + c->every_s - 1) / c->every_s;
	bool failed = pc->failed;
	pc->failed = before || failed;
	if (failed) {
		wv_config_free(c);
		return NULL;
	}
	return c;
}

static void *wv_state_create(const void *cfg)
{
	(void)cfg;
	struct wv_state *s = bt_xcalloc(1, sizeof(*s));
	memset(s->rating, WV_NONE, sizeof(s->rating));
	return s;
}

static void wv_state_destroy(void *st)
{
	free(st);
}

/* --- the timeline --- */

static int64_t total_ms(const struct wv_cfg *c)
{
	return (int64_t)c->minutes * 60000;
}

/* Milliseconds the wave has run at session time now (0 before the start). */
static int64_t active_ms(const struct wv_state *s, uint32_t now)
{
	if (!s->started)
		return 0;
	int64_t t = s->paused ? s->pause_ms : now;
	if (t < s->resume_ms)
		t = s->resume_ms;
	int64_t a = t - (int64_t)s->start_ms - s->paused_total;
	return a < 0 ? 0 : a;
}

static bool finished(const struct wv_state *s, const struct wv_cfg *c, uint32_t now)
{
	return s->started && active_ms(s, now) >= total_ms(c);
}

/* 0..1: how far the wave is. */
static float progress(const struct wv_state *s, const struct wv_cfg *c, uint32_t now)
{
	float p = (float)((double)active_ms(s, now) / (double)total_ms(c));
	return p > 1 ? 1 : p;
}

/* The stage by progress alone (rising, peak or ebb). */
static enum wv_stage stage_at(float p)
{
	if (p < WV_PEAK_AT - WV_PEAK_HALF)
		return WV_RISING;
	if (p < WV_PEAK_AT + WV_PEAK_HALF)
		return WV_PEAK;
	return WV_EBB;
}

static enum wv_stage stage(const struct wv_state *s, const struct wv_cfg *c, uint32_t now)
{
	if (!s->started)
		return WV_WAITING;
	if (finished(s, c, now))
		return WV_DONE;
	if (s->paused)
		return WV_PAUSED;
	return stage_at(progress(s, c, now));
}

/* The round a moment belongs to, or -1 (not started, finished, not measuring). */
static int round_at(const struct wv_state *s, const struct wv_cfg *c, uint32_t now)
{
	if (!c->measure || !s->started || finished(s, c, now))
		return -1;
	int r = (int)(active_ms(s, now) / ((int64_t)c->every_s * 1000));
	return r < c->rounds ? r : c->rounds - 1;
}

static bool wv_handle(void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                      const struct bt_event *ev)
{
	struct wv_state *s = st;
	const struct wv_cfg *c = cfgp;
	uint32_t now = ctx->now_ms;
	if (ev->type == BT_EV_SEAT) {
		int r = round_at(s, c, now);
		if (r < 0 || ev->seat < 1 || ev->seat > BT_MAX_SEATS)
			return false;
		uint8_t val;
		if (ev->key == BT_SK_DIGIT && ev->digit <= 9)
			val = ev->digit;
		else if (ev->key == BT_SK_UNDO)
			val = WV_NONE;
		else
			return false;
		if (s->rating[r][ev->seat] == val)
			return false;
		s->rating[r][ev->seat] = val;
		return true;
	}
	if (ev->type != BT_EV_TRAINER)
		return false;
	if (ev->key == BT_TK_RESET) {
		if (!s->started)
			return false;
		memset(s, 0, sizeof(*s));
		memset(s->rating, WV_NONE, sizeof(s->rating));
		return true;
	}
	if (ev->key != BT_TK_ENTER)
		return false;
	if (!s->started) {
		s->started = true;
		s->start_ms = s->resume_ms = now;
		s->paused_total = 0;
		return true;
	}
	if (s->paused) {
		if (now > s->pause_ms)
			s->paused_total += now - s->pause_ms;
		s->paused = false;
		s->resume_ms = now > s->pause_ms ? now : s->pause_ms;
		return true;
	}
	if (finished(s, c, now))
		return false; /* over: only R starts again */
	s->paused = true;
	s->pause_ms = now > s->resume_ms ? now : s->resume_ms;
	return true;
}

static int wv_next_wakeup(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx)
{
	const struct wv_state *s = st;
	if (!s->started || s->paused || finished(s, cfgp, ctx->now_ms))
		return -1;
	return WV_FRAME_MS;
}

static const char *wv_hint(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx)
{
	const struct wv_state *s = st;
	if (!s->started)
		return _("Enter: begin");
	if (s->paused)
		return _("Enter: continue · R: start over");
	if (finished(s, cfgp, ctx->now_ms))
		return _("R: start over");
	return _("Enter: pause · R: start over");
}

/* The group's average in round r; false when nobody rated. */
static bool round_average(const struct wv_state *s, int r, double *avg)
{
	int n = 0, sum = 0;
	for (int seat = 1; seat <= BT_MAX_SEATS; seat++)
		if (s->rating[r][seat] != WV_NONE) {
			n++;
			sum += s->rating[r][seat];
		}
	if (n == 0)
		return false;
	*avg = (double)sum / n;
	return true;
}

/* --- view --- */

static const struct bt_color WV_SEA = {0x2B, 0x7B, 0xB9, 255};   /* the part passed */
static const struct bt_color WV_AHEAD = {0xB9, 0xDC, 0xF0, 255}; /* still to come */
static const struct bt_color WV_CREST = {0x1B, 0x5E, 0x91, 255}; /* the surface line */
static const struct bt_color WV_CREST_AHEAD = {0x8C, 0xC3, 0xE3, 255};

/* 0 (calm sea) .. 1 (the top) at share q of the time. */
static float wave_shape(float q)
{
	if (q <= 0 || q >= 1)
		return 0;
	float s = q < WV_PEAK_AT ? sinf(WV_PI / 2 * q / WV_PEAK_AT)
	                         : cosf(WV_PI / 2 * (q - WV_PEAK_AT) / (1 - WV_PEAK_AT));
	return s * s;
}

struct wv_geom {
	struct bt_box area;
	float base, top; /* y of the calm sea and of the highest point */
	float ripple_amp, ripple_len, ripple_phase;
};

static float surface_y(const struct wv_geom *g, float x)
{
	float q = (x - g->area.x) / g->area.w;
	float y = g->base + (g->top - g->base) * wave_shape(q);
	return y +
	       g->ripple_amp * sinf(2 * WV_PI * (x - g->area.x) / g->ripple_len - g->ripple_phase);
}

/* y of a rating 0..9: 0 at the calm sea, 9 at the top of the wave. */
static float rating_y(const struct wv_geom *g, double r)
{
	return g->base + (g->top - g->base) * (float)(r / 9.0);
}

static float round_x(const struct wv_geom *g, const struct wv_cfg *c, int r)
{
	double t0 = (double)r * c->every_s, t1 = t0 + c->every_s;
	if (t1 > c->minutes * 60.0)
		t1 = c->minutes * 60.0;
	return g->area.x + g->area.w * (float)((t0 + t1) / 2 / (c->minutes * 60.0));
}

/* The boat is drawn first and the sea over it, so the hull floats in the water. The
 * pictogram has its own strip of water under the hull (its bottom sixth, from
 * WV_BOAT_WATER down): where our surface lies lower than that strip, the sky is
 * painted back over it. */

static void draw_sea(struct bt_view *v, const struct wv_geom *g, float p, float boat_x,
                     float boat_size, float u)
{
	struct bt_box a = g->area;
	float cw = 4 * u;
	int n = (int)ceilf(a.w / cw);
	float xp = a.x + a.w * p;
	float by = surface_y(g, boat_x) - boat_size * WV_BOAT_WATER;
	view_icon(v, box_make(boat_x - boat_size / 2, by, boat_size, boat_size), "zeilboot");
	float water = by + boat_size * WV_BOAT_WATER;
	/* whole pixels, so the columns meet without gaps and end on one line */
	float bottom = roundf(a.y + a.h);
	for (int i = 0; i < n; i++) {
		float x = roundf(a.x + (float)i * cw);
		float x1 = roundf(fminf(a.x + (float)(i + 1) * cw, a.x + a.w));
		float w = x1 - x;
		if (w <= 0)
			continue;
		float y = floorf(surface_y(g, x + w / 2));
		view_rect(v, box_make(x, y, w, bottom - y), x + w / 2 <= xp ? WV_SEA : WV_AHEAD, 0);
		if (y > water && x1 > boat_x - boat_size / 2 && x < boat_x + boat_size / 2)
			view_rect(v, box_make(x, water, w, y - water), BT_C_BG, 0);
	}
	/* the surface as a smooth line over the columns */
	float step = 12 * u;
	int m = (int)ceilf(a.w / step);
	for (int i = 0; i < m; i++) {
		float x0 = a.x + (float)i * step, x1 = fminf(x0 + step, a.x + a.w);
		bool passed = (x0 + x1) / 2 <= xp;
		view_line(v, x0, surface_y(g, x0), x1, surface_y(g, x1), 6 * u,
		          passed ? WV_CREST : WV_CREST_AHEAD);
	}
}

static void draw_ratings(struct bt_view *v, const struct wv_geom *g, const struct wv_cfg *c,
                         const struct wv_state *s, float u)
{
	/* each seat's thin line */
	for (int seat = 1; seat <= BT_MAX_SEATS; seat++) {
		struct bt_color col = palette_seat_color(seat);
		float px = 0, py = 0;
		bool have = false;
		for (int r = 0; r < c->rounds; r++) {
			if (s->rating[r][seat] == WV_NONE)
				continue;
			float x = round_x(g, c, r), y = rating_y(g, s->rating[r][seat]);
			/* a white edge keeps blue and green lines visible on the sea */
			if (have) {
				view_line(v, px, py, x, y, 10 * u, BT_C_WHITE);
				view_line(v, px, py, x, y, 5 * u, col);
			}
			view_ellipse(v, box_make(x - 11 * u, y - 11 * u, 22 * u, 22 * u),
			             BT_C_WHITE);
			view_ellipse(v, box_make(x - 7 * u, y - 7 * u, 14 * u, 14 * u), col);
			px = x, py = y, have = true;
		}
	}
	/* the group's average: thick, with a white edge so it shows on every colour */
	float px = 0, py = 0;
	bool have = false;
	for (int r = 0; r < c->rounds; r++) {
		double avg;
		if (!round_average(s, r, &avg))
			continue;
		float x = round_x(g, c, r), y = rating_y(g, avg);
		if (have) {
			view_line(v, px, py, x, y, 16 * u, BT_C_WHITE);
			view_line(v, px, py, x, y, 8 * u, BT_C_ACCENT);
		}
		px = x, py = y, have = true;
	}
	for (int r = 0; r < c->rounds; r++) {
		double avg;
		if (!round_average(s, r, &avg))
			continue;
		float x = round_x(g, c, r), y = rating_y(g, avg);
		view_ellipse(v, box_make(x - 17 * u, y - 17 * u, 34 * u, 34 * u), BT_C_WHITE);
		view_ellipse(v, box_make(x - 12 * u, y - 12 * u, 24 * u, 24 * u), BT_C_ACCENT);
	}
}

/* The row at the bottom while measuring: the question and who rated this round. */
static void rating_row(struct bt_view *v, const struct bt_layout *L, const struct wv_state *s,
                       int round, const struct bt_scene_ctx *ctx)
{
	float u = L->u;
	struct bt_box row = L->status;
	int present = seats_count(ctx->seats);
	if (present == 0) {
		view_text(v, row, _("Press a key on your keypad to join in"), BT_PX_BODY * u,
		          BT_C_TEXT, BT_C_BG, BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT)
		    ->valign_center = true;
		return;
	}
	float ib = 90 * u;
	float lw = fminf(860 * u, row.w * 0.62f);
	view_icon(v, box_make(row.x, row.y + (row.h - ib) / 2, ib, ib), "thermometer");
	view_text(v, box_make(row.x + ib + 14 * u, row.y, lw - ib - 20 * u, row.h),
	          _("How strong is your urge? Press 0 to 9"), BT_PX_BODY * u, BT_C_TEXT, BT_C_BG,
	          BT_ALIGN_LEFT, BT_ROLE_PARTICIPANT)
	    ->valign_center = true;
	float size = BT_AVATAR_MIN * u, gap = 12 * u;
	float avail = row.w - lw - 10 * u;
	int fit = (int)((avail + gap) / (size + gap));
	bool only_missing = present > fit;
	float x = row.x + lw + 10 * u, y = row.y + (row.h - size) / 2;
	int shown = 0;
	for (int seat = 1; seat <= BT_MAX_SEATS && shown < fit; seat++) {
		if (!seats_present(ctx->seats, seat))
			continue;
		bool rated = round >= 0 && s->rating[round][seat] != WV_NONE;
		if (only_missing && rated)
			continue;
		unsigned flags = rated ? BT_AVATAR_CHECK : round < 0 ? BT_AVATAR_DIM : 0;
		if (seat == ctx->active_seat)
			flags |= BT_AVATAR_ACTIVE;
		view_avatar(v, box_make(x, y, size, size), seat, flags);
		x += size + gap;
		shown++;
	}
}

static void stage_line(enum wv_stage st, const char **text, const char **icon)
{
	switch (st) {
	case WV_WAITING:
		*text = _("Urges come like a wave. And they pass again.");
		*icon = "golf";
		return;
	case WV_RISING:
		*text = _("The urge is rising");
		*icon = "golf";
		return;
	case WV_PEAK:
		*text = _("This is the highest point. It will pass again.");
		*icon = "zeilboot";
		return;
	case WV_EBB:
		*text = _("It is getting less");
		*icon = "zon";
		return;
	case WV_PAUSED:
		*text = _("Please wait");
		*icon = "hand";
		return;
	case WV_DONE:
		*text = _("The wave has passed. Well done!");
		*icon = "duim";
		return;
	}
}

static void wv_view(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                    struct bt_view *v)
{
	const struct wv_state *s = st;
	const struct wv_cfg *c = cfgp;
	struct bt_layout L = layout_make(v);
	float u = L.u;
	uint32_t now = ctx->now_ms;
	layout_header(v, &L, "golf", c->title);

	/* the line for this stage */
	const char *text = "", *icon = "golf";
	stage_line(stage(s, c, now), &text, &icon);
	float ph = 170 * u;
	struct bt_box panel = box_make(L.m, L.content.y, L.W - 2 * L.m, ph);
	view_rect(v, panel, BT_C_PANEL, 28 * u);
	float ib = 120 * u;
	view_icon(v, box_make(panel.x + 24 * u, panel.y + (ph - ib) / 2, ib, ib), icon);
	struct bt_item *t = view_text(
	    v, box_make(panel.x + ib + 54 * u, panel.y + 8 * u, panel.w - ib - 84 * u, ph - 16 * u),
	    text, BT_PX_BODY * u, BT_C_TEXT, BT_C_PANEL, BT_ALIGN_LEFT, BT_ROLE_PARTICIPANT);
	t->bold = true;
	t->valign_center = true;

	/* the wave */
	float y0 = panel.y + ph + 20 * u;
	float y1 = c->measure ? L.status.y - 12 * u : L.footer.y - 24 * u;
	struct wv_geom g = {.area = box_make(L.m, y0, L.W - 2 * L.m, y1 - y0)};
	float sb = fminf(fmaxf(g.area.h * 0.3f, 100 * u), 170 * u); /* the boat */
	g.base = y1 - g.area.h * 0.12f;
	g.top = y0 + sb * WV_BOAT_WATER + 6 * u;
	g.ripple_amp = 5 * u;
	g.ripple_len = 260 * u;
	int64_t a = active_ms(s, now);
	g.ripple_phase = 2 * WV_PI * (float)(a % WV_RIPPLE_MS) / WV_RIPPLE_MS;
	float p = progress(s, c, now);
	float sx = g.area.x + g.area.w * p;
	if (sx < g.area.x + sb / 2)
		sx = g.area.x + sb / 2;
	if (sx > g.area.x + g.area.w - sb / 2)
		sx = g.area.x + g.area.w - sb / 2;
	draw_sea(v, &g, p, sx, sb, u);
	if (c->measure)
		draw_ratings(v, &g, c, s, u);

	if (c->measure)
		rating_row(v, &L, s, round_at(s, c, now), ctx);
}

static void wv_dump(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx, json_t *obj)
{
	const struct wv_state *s = st;
	const struct wv_cfg *c = cfgp;
	uint32_t now = ctx->now_ms;
	enum wv_stage stg = stage(s, c, now);
	json_object_set_new(obj, "title", json_string(c->title));
	json_object_set_new(obj, "minutes", json_integer(c->minutes));
	json_object_set_new(obj, "started", json_boolean(s->started));
	json_object_set_new(obj, "paused", json_boolean(s->paused));
	if (s->started) {
		json_object_set_new(obj, "start_ms", json_integer(s->start_ms));
		json_object_set_new(obj, "paused_total_ms", json_integer(s->paused_total));
	}
	if (s->paused)
		json_object_set_new(obj, "pause_ms", json_integer(s->pause_ms));
	json_object_set_new(obj, "stage", json_string(wv_stage_names[stg]));
	if (stg == WV_PAUSED)
		json_object_set_new(obj, "paused_in",
		                    json_string(wv_stage_names[stage_at(progress(s, c, now))]));
	json_object_set_new(
	    obj, "elapsed_ms",
	    json_integer(active_ms(s, now) > total_ms(c) ? total_ms(c) : active_ms(s, now)));
	if (!c->measure)
		return;
	json_object_set_new(obj, "every_s", json_integer(c->every_s));
	json_object_set_new(obj, "round", json_integer(round_at(s, c, now)));
	json_t *rounds = json_array();
	for (int r = 0; r < c->rounds; r++) {
		json_t *o = json_object(), *rt = json_object();
		for (int seat = 1; seat <= BT_MAX_SEATS; seat++) {
			if (s->rating[r][seat] == WV_NONE)
				continue;
			char k[4];
			snprintf(k, sizeof(k), "%d", seat);
			json_object_set_new(rt, k, json_integer(s->rating[r][seat]));
		}
		json_object_set_new(o, "ratings", rt);
		double avg;
		json_object_set_new(o, "average",
		                    round_average(s, r, &avg) ? json_real(avg) : json_null());
		json_array_append_new(rounds, o);
	}
	json_object_set_new(obj, "rounds", rounds);
}

static const char *wave_label(const void *cfg)
{
	return ((const struct wv_cfg *)cfg)->title;
}

const struct bt_scene_type bt_scene_type_wave = {
    .name = "wave",
    .label = wave_label,
    .fields = wv_fields,
    .parse = wv_parse,
    .config_free = wv_config_free,
    .state_create = wv_state_create,
    .state_destroy = wv_state_destroy,
    .handle = wv_handle,
    .view = wv_view,
    .dump = wv_dump,
    .next_wakeup = wv_next_wakeup,
    .hint = wv_hint,
};
