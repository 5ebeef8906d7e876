/* scale: hoe belangrijk, hoeveel vertrouwen (1.5, 1.6, 2.9). Each seat presses a
 * number from van to tot. The result shows how many chose each number, never who:
 * markers on a line (lijn) or one ball per answer that grows with the number
 * (ballen). With nul_signaal a 0 is the go/no-go signal: only the trainer, holding T,
 * sees which seats chose it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "palette.h"
#include "scene_type.h"
#include "util.h"
#include "i18n.h"

#define SCALE_VALUES_MAX 10 /* 0..9 */
#define SCALE_WORD_MAX   24
#define SCALE_NAME_MAX   20

struct scale_cfg {
	char *question;
	char *icon;
	bool balls;
	int from, to;
	char *low, *high; /* or NULL */
	bool zero_signal;
	char *name;    /* or NULL */
	char *compare; /* session id, or NULL */
};

struct scale_state {
	struct bt_vote vote; /* choice = value - from + 1; 0 = none */
};

static const char *const scale_fields[] = {"vraag", "plaatje",   "stijl", "van",
                                           "tot",   "laag",      "hoog",  "nul_signaal",
                                           "naam",  "vergelijk", NULL};

static void scale_config_free(void *p)
{
	struct scale_cfg *c = p;
	if (!c)
		return;
	free(c->question);
	free(c->icon);
	free(c->low);
	free(c->high);
	free(c->name);
	free(c->compare);
	free(c);
}

static char *dup_or_null(const char *s)
{
	return s ? bt_xstrdup(s) : NULL;
}

/* A session id like 1.5: module, dot, number. */
static bool session_id_ok(const char *s)
{
	const char *p = s;
	if (*p < '1' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p++ != '.' || *p < '1' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	return *p == '\0' && p - s <= 5;
}

static void *scale_parse(struct bt_parse_ctx *pc, const struct bt_node *scene)
{
	struct scale_cfg *c = bt_xcalloc(1, sizeof(*c));
	bool before = pc->failed;
	pc->failed = false;
	c->question = dup_or_null(field_text(pc, scene, "vraag", 60, true));
	c->icon = dup_or_null(field_icon(pc, scene, "plaatje", true));
	const char *style = field_text(pc, scene, "stijl", 40, false);
	if (style && strcmp(style, "ballen") == 0) {
		c->balls = true;
	} else if (style && strcmp(style, "lijn") != 0) {
		const char *hint =
		    bt_edit_distance(style, "ballen") <= 3 ? _("Did you mean 'ballen'? ")
		    : bt_edit_distance(style, "lijn") <= 2 ? _("Did you mean 'lijn'? ")
		                                           : "";
		diags_add(pc->diags, pc->file, node_get(scene, "stijl")->line,
		          _("unknown style '%s'. %sChoose  stijl: lijn  or  stijl: ballen"), style,
		          hint);
		pc->failed = true;
	}
	c->from = field_number(pc, scene, "van", 0, 0, 1);
	c->to = field_number(pc, scene, "tot", 5, 2, 9);
	c->low = dup_or_null(field_text(pc, scene, "laag", SCALE_WORD_MAX, false));
	c->high = dup_or_null(field_text(pc, scene, "hoog", SCALE_WORD_MAX, false));
	c->zero_signal = field_yes_no(pc, scene, "nul_signaal", false);
	if (c->zero_signal && c->from != 0) {
		diags_add(
		    pc->diags, pc->file, node_get(scene, "nul_signaal")->line,
		    _("'nul_signaal: ja' only works when the line starts at 0. Set  van: 0  or "
		      "remove nul_signaal"));
		pc->failed = true;
	}
	c->name = dup_or_null(field_text(pc, scene, "naam", SCALE_NAME_MAX, false));
	const char *cmp = field_text(pc, scene, "vergelijk", 40, false);
	if (cmp && !session_id_ok(cmp)) {
		diags_add(pc->diags, pc->file, node_get(scene, "vergelijk")->line,
		          _("'vergelijk' is the number of a session, such as  vergelijk: \"1.5\"  "
		            "Here it says '%s'"),
		          cmp);
		pc->failed = true;
	} else if (cmp && !c->name) {
		diags_add(pc->diags, pc->file, node_get(scene, "vergelijk")->line,
		          _("'vergelijk' only works with a 'naam': the scale of session %s with "
		            "the same name. Add:  naam: belang"),
		          cmp);
		pc->failed = true;
	}
	c->compare = dup_or_null(cmp);
	bool failed = pc->failed;
	pc->failed = before || failed;
	if (failed) {
		scale_config_free(c);
		return NULL;
	}
	return c;
}

static void *scale_state_create(const void *cfgp)
{
	const struct scale_cfg *c = cfgp;
	struct scale_state *s = bt_xcalloc(1, sizeof(*s));
	vote_init(&s->vote, c->to - c->from + 1);
	return s;
}

static void scale_state_destroy(void *st)
{
	free(st);
}

static bool scale_handle(void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                         const struct bt_event *ev)
{
	(void)ctx;
	struct scale_state *s = st;
	const struct scale_cfg *c = cfgp;
	if (ev->type == BT_EV_TRAINER && ev->key == BT_TK_ENTER)
		return vote_enter(&s->vote);
	if (ev->type == BT_EV_TRAINER && ev->key == BT_TK_RESET)
		return vote_reset(&s->vote);
	if (ev->type != BT_EV_SEAT)
		return false;
	if (ev->key == BT_SK_UNDO)
		return vote_choose(&s->vote, ev->seat, 0);
	if (ev->key == BT_SK_DIGIT && ev->digit >= c->from && ev->digit <= c->to)
		return vote_choose(&s->vote, ev->seat, ev->digit - c->from + 1);
	return false;
}

/* The value a seat chose, or -1. */
static int seat_value(const struct scale_state *s, const struct scale_cfg *c, int seat)
{
	int ch = s->vote.choice[seat];
	return ch >= 1 ? ch - 1 + c->from : -1;
}

/* counts[v] for v = 0..9: present seats that chose v. */
static void tally(const struct scale_state *s, const struct scale_cfg *c,
                  const struct bt_seats *seats, int counts[SCALE_VALUES_MAX])
{
	memset(counts, 0, sizeof(int) * SCALE_VALUES_MAX);
	for (int i = 1; i <= BT_MAX_SEATS; i++) {
		int val = seat_value(s, c, i);
		if (seats_present(seats, i) && val >= 0)
			counts[val]++;
	}
}

/* Seats that chose 0; returns how many. */
static int zero_seats(const struct scale_state *s, const struct scale_cfg *c,
                      const struct bt_seats *seats, int out[BT_MAX_SEATS])
{
	int n = 0;
	for (int i = 1; i <= BT_MAX_SEATS; i++)
		if (seats_present(seats, i) && seat_value(s, c, i) == 0)
			out[n++] = i;
	return n;
}

/* The earlier session's counts, when the scene asks for them and they are kept. */
static bool earlier_counts(const struct scale_cfg *c, const struct bt_scene_ctx *ctx,
                           int counts[11])
{
	memset(counts, 0, sizeof(int) * 11);
	if (!c->compare || !c->name || !ctx->earlier_scale)
		return false;
	return ctx->earlier_scale(ctx->earlier_user, c->compare, c->name, counts);
}

/* --- drawing --- */

static struct bt_color faint(struct bt_color a)
{
	const float t = 0.6f;
	struct bt_color b = BT_C_BG;
	return (struct bt_color){(uint8_t)(a.r + (b.r - a.r) * t), (uint8_t)(a.g + (b.g - a.g) * t),
	                         (uint8_t)(a.b + (b.b - a.b) * t), 255};
}

struct geo {
	float u;
	int n;         /* numbers on the scale */
	float colw;    /* width of one number's column */
	float x0;      /* left edge of the first column */
	float badge_y; /* top of the row of number badges */
	float badge;   /* badge size */
	struct bt_box trainer, top, pic, words;
};

static float col_x(const struct geo *g, int i)
{
	return g->x0 + g->colw * ((float)i + 0.5f);
}

static struct geo make_geo(const struct bt_layout *L, const struct scale_cfg *c, bool revealed)
{
	struct geo g;
	float u = L->u;
	g.u = u;
	struct bt_box a = L->content;
	if (revealed) /* the result also takes the row of who has chosen */
		a.h = L->status.y + L->status.h - a.y;
	g.n = c->to - c->from + 1;
	g.colw = fminf(a.w / (float)g.n, 280 * u);
	g.x0 = a.x + (a.w - g.colw * (float)g.n) / 2;
	g.badge = fminf(100 * u, g.colw * 0.8f);
	float y = a.y, bottom = a.y + a.h;
	g.trainer = box_make(a.x, y, a.w, 0);
	if (c->zero_signal) {
		g.trainer.h = 48 * u;
		y += 56 * u;
	}
	g.top = box_make(a.x, y, a.w, 0);
	if (revealed) {
		g.top.h = 86 * u;
		y += 96 * u;
	}
	g.words = box_make(a.x, bottom, a.w, 0);
	if (c->low || c->high) {
		g.words = box_make(a.x, bottom - 150 * u, a.w, 150 * u);
		bottom -= 160 * u;
	}
	g.badge_y = bottom - g.badge;
	bottom -= g.badge + 14 * u;
	g.pic = box_make(a.x, y, a.w, bottom - y);
	if (!revealed && !c->balls) {
		/* only the line: it and its words sit in the middle of the free space */
		float shift = (g.pic.h) / 2;
		g.badge_y -= shift;
		g.words.y -= shift;
		g.pic.h = 0;
	}
	return g;
}

/* The balls grow with the number: the smallest a third of the largest. */
static float ball_size(const struct geo *g, float largest, int i)
{
	float frac = g->n > 1 ? (float)i / (float)(g->n - 1) : 1;
	(void)g;
	return largest * (0.3f + 0.7f * frac);
}

static void number_row(struct bt_view *v, const struct geo *g, const struct scale_cfg *c)
{
	float u = g->u;
	float cy = g->badge_y + g->badge / 2;
	if (!c->balls)
		view_line(v, col_x(g, 0), cy, col_x(g, g->n - 1), cy, 12 * u, BT_C_MUTED);
	for (int i = 0; i < g->n; i++)
		layout_key_badge(
		    v, box_make(col_x(g, i) - g->badge / 2, g->badge_y, g->badge, g->badge),
		    c->from + i, BT_C_BG);
	if (g->words.h <= 0)
		return;
	float left = g->x0, right = g->x0 + g->colw * (float)g->n;
	float half = (right - left) / 2 - 12 * u;
	if (c->low)
		view_text(v, box_make(left, g->words.y, half, g->words.h), c->low, BT_PX_BODY * u,
		          BT_C_TEXT, BT_C_BG, BT_ALIGN_LEFT, BT_ROLE_PARTICIPANT);
	if (c->high)
		view_text(v, box_make(right - half, g->words.y, half, g->words.h), c->high,
		          BT_PX_BODY * u, BT_C_TEXT, BT_C_BG, BT_ALIGN_RIGHT, BT_ROLE_PARTICIPANT);
}

/* Only with T held: which seats chose 0, in a small trainer-only strip. */
static void zero_mark(struct bt_view *v, const struct geo *g, const struct scale_state *s,
                      const struct scale_cfg *c, const struct bt_scene_ctx *ctx)
{
	if (!c->zero_signal)
		return;
	float u = g->u;
	if (!ctx->trainer_peek) {
		/* a neutral hint, so the trainer knows where to look */
		view_text(v, g->trainer, _("Hold T: trainer view"), BT_PX_TRAINER * u, BT_C_TEXT,
		          BT_C_BG, BT_ALIGN_CENTER, BT_ROLE_TRAINER)
		    ->valign_center = true;
		return;
	}
	int seats[BT_MAX_SEATS];
	int n = zero_seats(s, c, ctx->seats, seats);
	char line[160];
	if (n == 0) {
		snprintf(line, sizeof(line), "%s", _("Trainer: nobody chose 0"));
	} else if (n == 1) {
		snprintf(line, sizeof(line), _("Note: seat %d chose 0"), seats[0]);
	} else {
		/* a list of seats: the start, ", 4" and " and 5", then the end */
		size_t k = (size_t)snprintf(line, sizeof(line), _("Note: seats %d"), seats[0]);
		for (int i = 1; i < n && k < sizeof(line); i++)
			k += (size_t)snprintf(line + k, sizeof(line) - k, "%s%d",
			                      i == n - 1 ? _(" and ") : ", ", seats[i]);
		if (k < sizeof(line))
			snprintf(line + k, sizeof(line) - k, "%s", _(" chose 0"));
	}
	float w = fminf(g->trainer.w, 1000 * u);
	struct bt_box b =
	    box_make(g->trainer.x + (g->trainer.w - w) / 2, g->trainer.y, w, g->trainer.h);
	view_rect(v, b, BT_C_WARN, 12 * u);
	view_text(v, box_inset(b, 4 * u), line, BT_PX_TRAINER * u, BT_C_TEXT, BT_C_WARN,
	          BT_ALIGN_CENTER, BT_ROLE_TRAINER)
	    ->valign_center = true;
}

/* Before the result: which number is which key; balls show their sizes. */
static void question_view(struct bt_view *v, const struct geo *g, const struct scale_cfg *c)
{
	if (c->balls) {
		float largest = fminf(g->colw * 0.85f, g->pic.h);
		for (int i = 0; i < g->n; i++) {
			float b = ball_size(g, largest, i);
			view_ellipse(v,
			             box_make(col_x(g, i) - b / 2, g->pic.y + g->pic.h - b, b, b),
			             BT_C_BAR);
		}
	}
	number_row(v, g, c);
}

/* count markers (dots, or balls of the column's size) piled up from the bottom of
 * the picture, centred on cx, in cols side by side; returns the top of the pile. */
static float pile(struct bt_view *v, const struct geo *g, float cx, float size, float room,
                  int count, int cols, struct bt_color col)
{
	float u = g->u;
	float bottom = g->pic.y + g->pic.h;
	if (count <= 0)
		return bottom;
	float gap = 6 * u;
	int rows = (count + cols - 1) / cols;
	float step = size + gap;
	if (rows > 1 && size + step * (float)(rows - 1) > room)
		step = (room - size) / (float)(rows - 1);
	float ring = 3 * u;
	for (int j = 0; j < count; j++) {
		int r = j / cols, k = j % cols;
		int in_row = r == rows - 1 ? count - r * cols : cols;
		float x = cx - ((float)in_row * (size + gap) - gap) / 2 + (float)k * (size + gap);
		float y = bottom - size - step * (float)r;
		view_ellipse(v, box_make(x - ring, y - ring, size + 2 * ring, size + 2 * ring),
		             BT_C_WHITE);
		view_ellipse(v, box_make(x, y, size, size), col);
	}
	return bottom - size - step * (float)(rows - 1);
}

static void legend(struct bt_view *v, const struct geo *g, const struct scale_cfg *c, int total,
                   bool compare)
{
	float u = g->u;
	struct bt_box t = g->top;
	float sw = 56 * u;
	if (!compare) {
		char line[64];
		snprintf(line, sizeof(line),
		         total == 1 ? _("%d person chose") : _("%d people chose"), total);
		view_icon(v, box_make(t.x, t.y + (t.h - 80 * u) / 2, 80 * u, 80 * u), "groep");
		view_text(v, box_make(t.x + 100 * u, t.y, t.w - 100 * u, t.h), line, BT_PX_BODY * u,
		          BT_C_TEXT, BT_C_BG, BT_ALIGN_LEFT, BT_ROLE_PARTICIPANT)
		    ->valign_center = true;
		return;
	}
	float x = t.x;
	view_ellipse(v, box_make(x, t.y + (t.h - sw) / 2, sw, sw), BT_C_BAR);
	view_text(v, box_make(x + sw + 16 * u, t.y, 200 * u, t.h), _("Now"), BT_PX_BODY * u,
	          BT_C_TEXT, BT_C_BG, BT_ALIGN_LEFT, BT_ROLE_PARTICIPANT)
	    ->valign_center = true;
	x += sw + 16 * u + 200 * u;
	view_ellipse(v, box_make(x, t.y + (t.h - sw) / 2, sw, sw), faint(BT_C_BAR));
	char then[48];
	snprintf(then, sizeof(then), _("Then (session %s)"), c->compare);
	float tx = x + sw + 16 * u;
	view_text(v, box_make(tx, t.y, t.x + t.w - tx, t.h), then, BT_PX_BODY * u, BT_C_TEXT,
	          BT_C_BG, BT_ALIGN_LEFT, BT_ROLE_PARTICIPANT)
	    ->valign_center = true;
}

static void result_view(struct bt_view *v, const struct geo *g, const struct scale_state *s,
                        const struct scale_cfg *c, const struct bt_scene_ctx *ctx)
{
	float u = g->u;
	int counts[SCALE_VALUES_MAX], before[11];
	tally(s, c, ctx->seats, counts);
	bool compare = earlier_counts(c, ctx, before);
	int total = 0, most = 1;
	for (int i = 0; i < g->n; i++) {
		int val = c->from + i;
		total += counts[val];
		most = counts[val] > most ? counts[val] : most;
		if (compare)
			most = before[val] > most ? before[val] : most;
	}
	legend(v, g, c, total, compare);
	float num_h = 80 * u;
	float room = g->pic.h - num_h;
	float part = compare ? g->colw / 2 : g->colw;
	/* the tallest pile overlaps its balls by at most about two thirds */
	float largest = fminf(part * 0.85f, room / (1 + 0.35f * (float)(most - 1)));
	float dot = fminf(fminf(part * 0.55f, 64 * u), room / (float)most - 6 * u);
	int cols = 1;
	if (!c->balls && dot < 30 * u) {
		/* many on one number: two dots side by side keep them big enough */
		cols = 2;
		dot = fminf(part * 0.4f, room / (float)((most + 1) / 2) - 6 * u);
	}
	dot = fmaxf(dot, 12 * u);
	if (c->balls)
		cols = 1;
	for (int i = 0; i < g->n; i++) {
		int val = c->from + i;
		float cx = col_x(g, i);
		float size = c->balls ? ball_size(g, largest, i) : dot;
		float now_x = compare ? cx - g->colw / 4 : cx;
		if (compare)
			pile(v, g, cx + g->colw / 4, size, room, before[val], cols,
			     faint(BT_C_BAR));
		float top = pile(v, g, now_x, size, room, counts[val], cols, BT_C_BAR);
		if (counts[val] > 0) {
			char num[16];
			snprintf(num, sizeof(num), "%d", counts[val]);
			struct bt_item *t = view_text(
			    v, box_make(now_x - part / 2, top - num_h, part, num_h - 4 * u), num,
			    BT_PX_BODY * u, BT_C_TEXT, BT_C_BG, BT_ALIGN_CENTER,
			    BT_ROLE_PARTICIPANT);
			t->bold = true;
			t->valign_center = true;
		}
	}
	number_row(v, g, c);
}

static void scale_view(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                       struct bt_view *v)
{
	const struct scale_state *s = st;
	const struct scale_cfg *c = cfgp;
	struct bt_layout L = layout_make(v);
	layout_header(v, &L, c->icon, c->question);
	bool revealed = vote_revealed(&s->vote, ctx->seats);
	struct geo g = make_geo(&L, c, revealed);
	zero_mark(v, &g, s, c, ctx);
	if (revealed) {
		result_view(v, &g, s, c, ctx);
		return;
	}
	question_view(v, &g, c);
	layout_status_row(v, &L, ctx->seats, &s->vote, ctx->active_seat);
}

static void scale_dump(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                       json_t *obj)
{
	const struct scale_state *s = st;
	const struct scale_cfg *c = cfgp;
	static const char *const phases[] = {"waiting", "open", "closed"};
	json_object_set_new(obj, "question", json_string(c->question));
	json_object_set_new(obj, "van", json_integer(c->from));
	json_object_set_new(obj, "tot", json_integer(c->to));
	json_object_set_new(obj, "phase", json_string(phases[s->vote.phase]));
	json_object_set_new(obj, "revealed", json_boolean(vote_revealed(&s->vote, ctx->seats)));
	json_t *votes = json_object();
	for (int i = 1; i <= BT_MAX_SEATS; i++) {
		int val = seat_value(s, c, i);
		if (val < 0)
			continue;
		char k[4];
		snprintf(k, sizeof(k), "%d", i);
		json_object_set_new(votes, k, json_integer(val));
	}
	json_object_set_new(obj, "votes", votes);
	int counts[SCALE_VALUES_MAX];
	tally(s, c, ctx->seats, counts);
	json_t *cj = json_object();
	for (int val = c->from; val <= c->to; val++) {
		char k[4];
		snprintf(k, sizeof(k), "%d", val);
		json_object_set_new(cj, k, json_integer(counts[val]));
	}
	json_object_set_new(obj, "counts", cj);
	int zs[BT_MAX_SEATS];
	int nz = zero_seats(s, c, ctx->seats, zs);
	json_t *zj = json_array();
	for (int i = 0; i < nz; i++)
		json_array_append_new(zj, json_integer(zs[i]));
	json_object_set_new(obj, "zero_seats", zj);
	int before[11];
	if (earlier_counts(c, ctx, before)) {
		json_t *bj = json_object();
		for (int val = c->from; val <= c->to; val++) {
			char k[4];
			snprintf(k, sizeof(k), "%d", val);
			json_object_set_new(bj, k, json_integer(before[val]));
		}
		json_object_set_new(obj, "earlier", bj);
	}
}

static const struct bt_vote *scale_vote(const void *st)
{
	return &((const struct scale_state *)st)->vote;
}

static const char *scale_label(const void *cfg)
{
	return ((const struct scale_cfg *)cfg)->question;
}

const struct bt_scene_type bt_scene_type_scale = {
    .name = "scale",
    .label = scale_label,
    .fields = scale_fields,
    .parse = scale_parse,
    .config_free = scale_config_free,
    .state_create = scale_state_create,
    .state_destroy = scale_state_destroy,
    .handle = scale_handle,
    .view = scale_view,
    .dump = scale_dump,
    .vote = scale_vote,
};
