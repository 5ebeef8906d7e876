/* thoughtstop: de gedachtestop (3.4). Dark thought bubbles float on the screen
 * beside a big STOP sign. After the trainer's Enter every press of a seat (a digit
 * or Enter) pops the next bubble still standing, in order: it grows and fades in
 * light colours, and a power thought takes its place in a light, friendly bubble.
 * When every bubble is popped the heading praises the group. R starts again.
 * All state comes from events; the drift and the pop are computed from ctx->now_ms. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "palette.h"
#include "scene_type.h"
#include "util.h"
#include "i18n.h"

#define TS_MAX          8
#define TS_MIN          2
#define TS_THOUGHT_MAX  40 /* characters of a dark thought */
#define TS_POWER_MAX    45 /* characters of a power thought */
#define TS_TITLE_MAX    45
#define TS_POP_MS       600 /* the pop: the bubble grows and fades */
#define TS_FRAME_MS     33
#define TS_CHAR_EM      0.48f /* average advance of a character, in font heights */
#define TS_LINE         1.25f /* line height, in font heights */
#define TS_PI           3.14159265358979f
#define TS_DONE_MESSAGE _("Well done! Together you have stopped all the thoughts.")

/* Drift: a slow Lissajous path, at most about 5 px a second at 1080 lines. */
#define TS_DRIFT_X 6.0f /* amplitude in u */
#define TS_DRIFT_Y 3.0f

struct ts_cfg {
	char *title;
	char *thought[TS_MAX];
	int n;
	char *power[TS_MAX];
	int n_power;
};

struct ts_pop {
	uint8_t seat;
	uint32_t at_ms;
};

struct ts_state {
	bool started;
	uint32_t start_ms;
	int popped; /* bubbles 0..popped-1 are popped */
	struct ts_pop pops[TS_MAX];
};

static const char *const ts_fields[] = {"titel", "gedachten", "krachtgedachten", NULL};

/* The thought bubbles' colours: a dark slate with white text, and a light green
 * with the main text colour. Both keep 7:1. */
static const struct bt_color TS_DARK = {0x3B, 0x40, 0x4C, 255};
static const struct bt_color TS_LIGHT = {0xDF, 0xF5, 0xE3, 255};
static const struct bt_color TS_LIGHT_EDGE = {0x7C, 0xC4, 0x8E, 255};
static const struct bt_color TS_RING = {0xBF, 0xCB, 0xF0, 255};
static const struct bt_color TS_SPARK = {0xFF, 0xC8, 0x3D, 255};

static const char *power_of(const struct ts_cfg *c, int i)
{
	return c->power[i % c->n_power];
}

/* --- geometry, shared by the view and the parser's check that everything fits --- */

/* Lines that text needs at px in width (greedy by words, estimated widths). The
 * widest line's estimated width goes to *widest. */
static int est_lines(const char *text, float width, float px, float *widest)
{
	float cw = TS_CHAR_EM * px, line = 0, best = 0;
	int lines = 1;
	const char *p = text;
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		int chars = 0;
		while (*p && *p != ' ') {
			if (((unsigned char)*p & 0xC0) != 0x80)
				chars++;
			p++;
		}
		float w = (float)chars * cw;
		if (line > 0 && line + cw + w > width) {
			lines++;
			best = fmaxf(best, line);
			line = w;
		} else {
			line += (line > 0 ? cw : 0) + w;
		}
	}
	best = fmaxf(best, line);
	if (widest)
		*widest = best;
	return best > width * 1.001f ? 99 : lines; /* one word wider than the box */
}

struct ts_geo {
	bool column;       /* the big STOP sign has a column of its own */
	struct bt_box col; /* that column */
	struct bt_box cell[TS_MAX];
	float u, px, padx, pady, dx, dy;
};

/* Whether text fits a bubble inside cell. */
static bool bubble_fits(const struct ts_geo *g, struct bt_box cell, const char *text)
{
	float tw = cell.w - 2 * g->dx - 2 * g->padx;
	float th = cell.h - 2 * g->dy - 2 * g->pady;
	int lines = est_lines(text, tw, g->px, NULL);
	return (float)lines * TS_LINE * g->px <= th + 0.5f;
}

/* Places the cells; false when a text does not fit its cell. The first text that
 * does not fit goes to *bad (thought i, or TS_MAX + i for the power thought of i). */
static bool grid_fits(const struct ts_cfg *c, struct bt_box area, int cols, struct ts_geo *g,
                      int *bad)
{
	float gap = 12 * g->u;
	int rows = (c->n + cols - 1) / cols;
	float cw = (area.w - gap * (float)(cols - 1)) / (float)cols;
	float ch = (area.h - gap * (float)(rows - 1)) / (float)rows;
	ch = fminf(ch, 300 * g->u);
	float y0 = area.y + (area.h - (ch * (float)rows + gap * (float)(rows - 1))) / 2;
	bool ok = true;
	for (int i = 0; i < c->n; i++) {
		int r = i / cols, k = i % cols;
		int in_row = r == rows - 1 ? c->n - r * cols : cols;
		float x0 = area.x + (area.w - (cw * (float)in_row + gap * (float)(in_row - 1))) / 2;
		g->cell[i] =
		    box_make(x0 + (float)k * (cw + gap), y0 + (float)r * (ch + gap), cw, ch);
		int b = !bubble_fits(g, g->cell[i], c->thought[i])    ? i
		        : !bubble_fits(g, g->cell[i], power_of(c, i)) ? TS_MAX + i
		                                                      : -1;
		if (b >= 0 && ok && bad)
			*bad = b;
		ok = ok && b < 0;
	}
	return ok;
}

/* Chooses the layout: the STOP sign in a wide column, in a narrow one, or only in
 * the heading when the thoughts need the whole width (long thoughts on 4:3).
 * Returns false when even that does not fit. */
static bool ts_geometry(const struct ts_cfg *c, const struct bt_layout *L, struct ts_geo *g,
                        int *bad)
{
	float u = L->u;
	*g = (struct ts_geo){.u = u,
	                     .px = BT_PX_BODY * u,
	                     .padx = 22 * u,
	                     .pady = 6 * u,
	                     .dx = TS_DRIFT_X * u,
	                     .dy = TS_DRIFT_Y * u};
	struct bt_box area =
	    box_make(L->m, L->content.y, L->W - 2 * L->m, L->footer.y - 10 * u - L->content.y);
	const float widths[3] = {fmaxf(0.26f * area.w, 300 * u), 300 * u, 0};
	static const int order_few[3] = {1, 2, 3}, order_many[3] = {2, 3, 1};
	const int *order = c->n <= 3 ? order_few : order_many;
	for (int w = 0; w < 3; w++) {
		if (w == 1 && widths[0] <= widths[1])
			continue;
		float cw = widths[w];
		struct bt_box grid = area;
		g->column = cw > 0;
		if (g->column) {
			g->col = box_make(area.x, area.y, cw, area.h);
			grid.x += cw + 32 * u;
			grid.w -= cw + 32 * u;
		}
		for (int k = 0; k < 3; k++)
			if (order[k] <= c->n && grid_fits(c, grid, order[k], g, bad))
				return true;
	}
	/* the last try: no column, the usual number of columns; say what does not fit */
	grid_fits(c, area, order[0] <= c->n ? order[0] : 1, g, bad);
	return false;
}

/* The bubble for text in cell: sized to its text, placed a little differently in
 * each cell so the thoughts do not stand in a stiff grid. */
static struct bt_box bubble_box(const struct ts_geo *g, struct bt_box cell, const char *text, int i)
{
	static const float xf[4] = {0.15f, 0.85f, 0.6f, 0.3f};
	static const float yf[3] = {0.3f, 0.7f, 0.5f};
	struct bt_box inner =
	    box_make(cell.x + g->dx, cell.y + g->dy, cell.w - 2 * g->dx, cell.h - 2 * g->dy);
	float widest = 0;
	int lines = est_lines(text, inner.w - 2 * g->padx, g->px, &widest);
	if (lines > 9)
		lines = 9;
	float bw = fminf(inner.w, fmaxf(widest * 1.1f + 2 * g->padx, inner.w * 0.55f));
	float bh = fminf(inner.h, (float)lines * TS_LINE * g->px + 2 * g->pady);
	/* a stagger only where there is room for it; else it looks like a mistake */
	float spare = inner.h - bh;
	float fy = spare >= 40 * g->u ? yf[i % 3] : 0.5f;
	return box_make(inner.x + (inner.w - bw) * xf[i % 4], inner.y + spare * fy, bw, bh);
}

/* --- config --- */

static void ts_config_free(void *p)
{
	struct ts_cfg *c = p;
	if (!c)
		return;
	for (int i = 0; i < c->n; i++)
		free(c->thought[i]);
	for (int i = 0; i < c->n_power; i++)
		free(c->power[i]);
	free(c->title);
	free(c);
}

static void *ts_parse(struct bt_parse_ctx *pc, const struct bt_node *scene)
{
	bool before = pc->failed;
	pc->failed = false;
	struct ts_cfg *c = bt_xcalloc(1, sizeof(*c));
	const char *t = field_text(pc, scene, "titel", TS_TITLE_MAX, false);
	c->title = bt_xstrdup(t ? t : _("Thought stop"));
	const struct bt_node *th = field_list(pc, scene, "gedachten", TS_MIN, TS_MAX);
	for (size_t i = 0; th && i < th->n; i++) {
		char what[64];
		snprintf(what, sizeof(what), _("thought %zu under 'gedachten'"), i + 1);
		const char *s = field_text_node(pc, th->items[i], TS_THOUGHT_MAX, what);
		if (s)
			c->thought[c->n++] = bt_xstrdup(s);
	}
	const struct bt_node *pw = field_list(pc, scene, "krachtgedachten", 1, TS_MAX);
	for (size_t i = 0; pw && i < pw->n; i++) {
		char what[64];
		snprintf(what, sizeof(what), _("power thought %zu under 'krachtgedachten'"), i + 1);
		const char *s = field_text_node(pc, pw->items[i], TS_POWER_MAX, what);
		if (s)
			c->power[c->n_power++] = bt_xstrdup(s);
	}
	if (!pc->failed) {
		/* everything must fit on the narrowest screen (4:3) at readable size */
		struct bt_view v = {.w = 1440, .h = 1080};
		struct bt_layout L = layout_make(&v);
		struct ts_geo g;
		int bad = 0;
		if (!ts_geometry(c, &L, &g, &bad)) {
			bool power = bad >= TS_MAX;
			int i = power ? bad - TS_MAX : bad;
			const struct bt_node *list = power ? pw : th;
			int item = power ? i % c->n_power : i;
			diags_add(
			    pc->diags, pc->file, list->items[item]->line,
			    power ? _("power thought %d is too long to fit on the screen with %d "
			              "thoughts. Make it shorter or use fewer thoughts")
			          : _("thought %d is too long to fit on the screen with %d "
			              "thoughts. Make it shorter or use fewer thoughts"),
			    item + 1, c->n);
			pc->failed = true;
		}
	}
	bool failed = pc->failed;
	pc->failed = before || failed;
	if (failed) {
		ts_config_free(c);
		return NULL;
	}
	return c;
}

/* --- state and rules --- */

static void *ts_state_create(const void *cfg)
{
	(void)cfg;
	return bt_xcalloc(1, sizeof(struct ts_state));
}

static void ts_state_destroy(void *st)
{
	free(st);
}

static bool ts_handle(void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                      const struct bt_event *ev)
{
	struct ts_state *s = st;
	const struct ts_cfg *c = cfgp;
	if (ev->type == BT_EV_TRAINER && ev->key == BT_TK_ENTER) {
		if (s->started)
			return false;
		s->started = true;
		s->start_ms = ctx->now_ms;
		return true;
	}
	if (ev->type == BT_EV_TRAINER && ev->key == BT_TK_RESET) {
		if (!s->started && s->popped == 0)
			return false;
		memset(s, 0, sizeof(*s));
		return true;
	}
	if (ev->type == BT_EV_SEAT && (ev->key == BT_SK_DIGIT || ev->key == BT_SK_ENTER)) {
		if (!s->started || s->popped >= c->n)
			return false;
		s->pops[s->popped++] = (struct ts_pop){.seat = ev->seat, .at_ms = ctx->now_ms};
		return true;
	}
	return false;
}

/* --- drawing --- */

static float clamp01(float x)
{
	return x < 0 ? 0 : x > 1 ? 1 : x;
}

static struct bt_color alpha(struct bt_color c, float a)
{
	c.a = (uint8_t)lroundf(255 * clamp01(a));
	return c;
}

static void dark_bubble(struct bt_view *v, const struct ts_geo *g, struct bt_box b,
                        struct bt_box cell, const char *text)
{
	float u = g->u;
	view_rect(v, b, TS_DARK, fminf(b.h / 2, 44 * u));
	/* the small circles of a thought balloon, where the cell leaves room below */
	float room = cell.y + cell.h - (b.y + b.h);
	if (room >= 40 * u) {
		float d1 = 20 * u, d2 = 12 * u;
		view_ellipse(v, box_make(b.x + 34 * u, b.y + b.h + 3 * u, d1, d1), TS_DARK);
		view_ellipse(v, box_make(b.x + 18 * u, b.y + b.h + 3 * u + d1, d2, d2), TS_DARK);
	}
	struct bt_box tb =
	    box_make(b.x + g->padx, b.y + g->pady, b.w - 2 * g->padx, b.h - 2 * g->pady);
	view_text(v, tb, text, g->px, BT_C_WHITE, TS_DARK, BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT)
	    ->valign_center = true;
}

static void power_bubble(struct bt_view *v, const struct ts_geo *g, struct bt_box b,
                         const char *text)
{
	float u = g->u, r = fminf(b.h / 2, 44 * u);
	view_rect(v, box_inset(b, -4 * u), TS_LIGHT_EDGE, r + 4 * u);
	view_rect(v, b, TS_LIGHT, r);
	struct bt_box tb =
	    box_make(b.x + g->padx, b.y + g->pady, b.w - 2 * g->padx, b.h - 2 * g->pady);
	view_text(v, tb, text, g->px, BT_C_TEXT, TS_LIGHT, BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT)
	    ->valign_center = true;
}

/* The pop at progress p (0..1): a light bubble grows from where the dark one was to
 * the whole cell and fades, with light sparks on its edge. Once and smoothly: nothing
 * flashes. Everything stays inside the cell, so no other bubble is touched. */
static void pop_anim(struct bt_view *v, const struct ts_geo *g, struct bt_box b, struct bt_box cell,
                     float p)
{
	float u = g->u;
	float e = 1 - (1 - p) * (1 - p);
	float a = 1 - p;
	float d = 20 * u;
	struct bt_box to = box_inset(cell, d / 2);
	struct bt_box outer = box_make(b.x + (to.x - b.x) * e, b.y + (to.y - b.y) * e,
	                               b.w + (to.w - b.w) * e, b.h + (to.h - b.h) * e);
	/* the light bubble empties from the middle as it grows: a ring that thins */
	float ring = fmaxf(outer.h * 0.5f * (1 - e), 10 * u);
	view_ellipse(v, outer, alpha(TS_RING, a));
	if (outer.h - 2 * ring > 1)
		view_ellipse(v, box_inset(outer, ring), alpha(BT_C_BG, a * e));
	float cx = outer.x + outer.w / 2, cy = outer.y + outer.h / 2;
	for (int k = 0; k < 8; k++) {
		float ang = (float)k * TS_PI / 4 + TS_PI / 8;
		float rx = outer.w / 2, ry = outer.h / 2;
		view_ellipse(
		    v, box_make(cx + cosf(ang) * rx - d / 2, cy + sinf(ang) * ry - d / 2, d, d),
		    alpha(TS_SPARK, a));
	}
}

static void ts_column(struct bt_view *v, const struct ts_geo *g, const struct ts_state *s,
                      bool done)
{
	float u = g->u;
	struct bt_box col = g->col;
	if (done) {
		float ib = fminf(col.w, fminf(col.h * 0.7f, 420 * u));
		view_icon(v, box_make(col.x + (col.w - ib) / 2, col.y + (col.h - ib) / 2, ib, ib),
		          "kracht");
		return;
	}
	const char *msg = s->started ? _("Press your key") : _("Please wait");
	float mpx = BT_PX_BODY * u;
	int ml = est_lines(msg, col.w, mpx, NULL);
	float mh = (float)ml * TS_LINE * mpx;
	float wpx = fminf(96 * u, col.w / (5 * 0.62f)); /* "STOP!" always on one line */
	float wh = TS_LINE * wpx, gap = 12 * u;
	float ib = fminf(col.w, fminf(col.h - wh - mh - 2 * gap, 420 * u));
	float y = col.y + (col.h - (ib + wh + mh + 2 * gap)) / 2;
	view_icon(v, box_make(col.x + (col.w - ib) / 2, y, ib, ib), "stop");
	y += ib + gap;
	struct bt_item *t = view_text(v, box_make(col.x, y, col.w, wh), _("STOP!"), wpx, BT_C_TEXT,
	                              BT_C_BG, BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT);
	t->bold = true;
	t->valign_center = true;
	y += wh + gap;
	view_text(v, box_make(col.x, y, col.w, mh), msg, mpx, BT_C_TEXT, BT_C_BG, BT_ALIGN_CENTER,
	          BT_ROLE_PARTICIPANT)
	    ->valign_center = true;
}

/* Where bubble i drifts to at now: every bubble on its own slow path. */
static struct bt_box drift(const struct ts_geo *g, struct bt_box b, int i, uint32_t now)
{
	double t = (double)now / 1000.0; /* seconds */
	double px = 8.0 + 1.3 * i, py = 10.0 + 0.9 * i;
	b.x += g->dx * (float)sin(2 * M_PI * t / px + i * 1.7);
	b.y += g->dy * (float)sin(2 * M_PI * t / py + i * 2.3);
	return b;
}

static void ts_view(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                    struct bt_view *v)
{
	const struct ts_state *s = st;
	const struct ts_cfg *c = cfgp;
	struct bt_layout L = layout_make(v);
	bool done = s->popped >= c->n;
	layout_header(v, &L, done ? "applaus" : "stop", done ? TS_DONE_MESSAGE : c->title);
	struct ts_geo g;
	ts_geometry(c, &L, &g, NULL); /* the parser made sure it fits on 4:3 */
	if (g.column)
		ts_column(v, &g, s, done);
	for (int i = 0; i < c->n; i++) {
		struct bt_box cell = g.cell[i];
		if (i >= s->popped) {
			struct bt_box b =
			    drift(&g, bubble_box(&g, cell, c->thought[i], i), i, ctx->now_ms);
			dark_bubble(v, &g, b, cell, c->thought[i]);
			continue;
		}
		uint32_t since = ctx->now_ms - s->pops[i].at_ms;
		if (ctx->now_ms >= s->pops[i].at_ms && since < TS_POP_MS) {
			/* the bubble bursts where it floated at the moment of the press */
			struct bt_box b =
			    drift(&g, bubble_box(&g, cell, c->thought[i], i), i, s->pops[i].at_ms);
			pop_anim(v, &g, b, cell, (float)since / TS_POP_MS);
			continue;
		}
		power_bubble(v, &g, bubble_box(&g, cell, power_of(c, i), i), power_of(c, i));
	}
}

static int ts_next_wakeup(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx)
{
	const struct ts_state *s = st;
	const struct ts_cfg *c = cfgp;
	if (s->popped < c->n)
		return TS_FRAME_MS; /* dark bubbles still drift */
	int wait = -1;
	for (int i = 0; i < s->popped; i++) {
		uint32_t end = s->pops[i].at_ms + TS_POP_MS;
		if (ctx->now_ms < end) {
			int left = (int)(end - ctx->now_ms);
			int w = left < TS_FRAME_MS ? left : TS_FRAME_MS;
			if (wait < 0 || w < wait)
				wait = w;
		}
	}
	return wait;
}

static const char *ts_hint(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx)
{
	(void)ctx;
	const struct ts_state *s = st;
	const struct ts_cfg *c = cfgp;
	if (!s->started)
		return _("Enter: start the exercise");
	if (s->popped < c->n)
		return _("Key: stop a thought · R: start over");
	return _("Done · R: start over");
}

static void ts_dump(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx, json_t *obj)
{
	(void)ctx;
	const struct ts_state *s = st;
	const struct ts_cfg *c = cfgp;
	json_object_set_new(obj, "title", json_string(c->title));
	json_object_set_new(obj, "started", json_boolean(s->started));
	if (s->started)
		json_object_set_new(obj, "start_ms", json_integer(s->start_ms));
	json_object_set_new(obj, "bubbles", json_integer(c->n));
	json_object_set_new(obj, "popped", json_integer(s->popped));
	json_object_set_new(obj, "done", json_boolean(s->popped >= c->n));
	json_t *pops = json_array();
	for (int i = 0; i < s->popped; i++)
		json_array_append_new(pops,
		                      json_pack("{s:i, s:I, s:s, s:s}", "seat", s->pops[i].seat,
		                                "at_ms", (json_int_t)s->pops[i].at_ms, "thought",
		                                c->thought[i], "power", power_of(c, i)));
	json_object_set_new(obj, "pops", pops);
	json_t *standing = json_array();
	for (int i = s->popped; i < c->n; i++)
		json_array_append_new(standing, json_string(c->thought[i]));
	json_object_set_new(obj, "standing", standing);
}

static const char *thoughtstop_label(const void *cfg)
{
	return ((const struct ts_cfg *)cfg)->title;
}

const struct bt_scene_type bt_scene_type_thoughtstop = {
    .name = "thoughtstop",
    .label = thoughtstop_label,
    .fields = ts_fields,
    .parse = ts_parse,
    .config_free = ts_config_free,
    .state_create = ts_state_create,
    .state_destroy = ts_state_destroy,
    .handle = ts_handle,
    .view = ts_view,
    .dump = ts_dump,
    .next_wakeup = ts_next_wakeup,
    .hint = ts_hint,
};
