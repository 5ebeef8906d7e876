/* yarnweb: het bolletje wol (1.2). Seats stand on a circle with the trainer at the
 * top; the holder throws the yarn by pressing the receiver's seat number, or the
 * trainer throws for them (pijl omhoog/omlaag picks, Enter throws). Every throw draws
 * a thread and shows the next question card; when everyone had the yarn the web
 * closes with a last thread back to the trainer, a short glow and the closing line.
 * All state comes from events; the animation is computed from ctx->now_ms. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "layout.h"
#include "palette.h"
#include "scene_type.h"
#include "util.h"
#include "i18n.h"

#define YARN_QUESTIONS_MAX  30
#define YARN_QUESTION_CHARS 60
#define YARN_LINE_CHARS     45
#define YARN_THROWS_MAX     (BT_MAX_SEATS + 2) /* every seat once, plus the closing one */
#define YARN_MSG_MS         3000               /* how long a refusal stays on screen */
#define YARN_ANIM_MS        3000               /* the closing glow */
#define YARN_GROW_MS        600                /* the closing thread draws itself */
#define YARN_PULSE_MS       1000               /* one soft pulse a second (< 3 flashes/s) */
#define YARN_FRAME_MS       33
#define YARN_TRAINER        0 /* the trainer in holder, throws and messages */
#define YARN_PI             3.14159265358979f

enum yarn_msg { MSG_NONE, MSG_SELF, MSG_HAD, MSG_ABSENT };

struct yarn_cfg {
	char *title;
	char *closing;
	char *q[YARN_QUESTIONS_MAX];
	int n;
};

struct yarn_throw {
	uint8_t from, to; /* YARN_TRAINER or a seat */
};

struct yarn_state {
	int holder;                 /* YARN_TRAINER or a seat */
	bool had[BT_MAX_SEATS + 1]; /* had the yarn this round */
	struct yarn_throw throws[YARN_THROWS_MAX];
	int n_throws;
	int card;     /* the question card shown: -1 before the first throw */
	int pick;     /* the trainer's highlighted seat, 0 none */
	int msg;      /* enum yarn_msg */
	int msg_seat; /* the seat the refusal is about */
	uint32_t msg_ms;
	bool done;
	uint32_t done_ms;
};

static const char *const yarn_fields[] = {"titel", "vragen", "slot", NULL};

static void yarn_config_free(void *p)
{
	struct yarn_cfg *c = p;
	if (!c)
		return;
	for (int i = 0; i < c->n; i++)
		free(c->q[i]);
	free(c->title);
	free(c->closing);
	free(c);
}

static void *yarn_parse(struct bt_parse_ctx *pc, const struct bt_node *scene)
{
	bool before = pc->failed;
	pc->failed = false;
	struct yarn_cfg *c = bt_xcalloc(1, sizeof(*c));
	const char *t = field_text(pc, scene, "titel", YARN_LINE_CHARS, false);
	const char *sl = field_text(pc, scene, "slot", YARN_LINE_CHARS, false);
	c->title = bt_xstrdup(t ? t : _("The ball of yarn"));
	c->closing = bt_xstrdup(sl ? sl : _("Together we are a group"));
	const struct bt_node *qs = field_list(pc, scene, "vragen", 1, YARN_QUESTIONS_MAX);
	for (size_t i = 0; qs && i < qs->n; i++) {
		char what[48];
		snprintf(what, sizeof(what), _("question %zu under 'vragen'"), i + 1);
		const char *q = field_text_node(pc, qs->items[i], YARN_QUESTION_CHARS, what);
		if (q)
			c->q[c->n++] = bt_xstrdup(q);
	}
	bool failed = pc->failed;
	pc->failed = before || failed;
	if (failed) {
		yarn_config_free(c);
		return NULL;
	}
	return c;
}

static void yarn_clear(struct yarn_state *s)
{
	*s = (struct yarn_state){.holder = YARN_TRAINER, .card = -1};
}

static void *yarn_state_create(const void *cfg)
{
	(void)cfg;
	struct yarn_state *s = bt_xcalloc(1, sizeof(*s));
	yarn_clear(s);
	return s;
}

static void yarn_state_destroy(void *st)
{
	free(st);
}

/* --- rules --- */

/* A seat the yarn may go to now: present and not had it this round. */
static bool candidate(const struct yarn_state *s, const struct bt_seats *seats, int seat)
{
	return seat >= 1 && seat <= BT_MAX_SEATS && seats_present(seats, seat) && !s->had[seat];
}

static bool everyone_had(const struct yarn_state *s, const struct bt_seats *seats)
{
	if (seats_count(seats) == 0)
		return false;
	for (int i = 1; i <= BT_MAX_SEATS; i++)
		if (seats_present(seats, i) && !s->had[i])
			return false;
	return true;
}

static void add_throw(struct yarn_state *s, int from, int to)
{
	if (s->n_throws < YARN_THROWS_MAX)
		s->throws[s->n_throws++] = (struct yarn_throw){(uint8_t)from, (uint8_t)to};
}

static bool refuse(struct yarn_state *s, enum yarn_msg m, int seat, uint32_t now)
{
	s->msg = m;
	s->msg_seat = seat;
	s->msg_ms = now;
	return true;
}

/* The holder throws to seat; refused kindly when that cannot be. */
static bool throw_to(struct yarn_state *s, const struct yarn_cfg *c, const struct bt_scene_ctx *ctx,
                     int to)
{
	if (s->done)
		return false;
	if (to == s->holder)
		return refuse(s, MSG_SELF, to, ctx->now_ms);
	if (!seats_present(ctx->seats, to))
		return refuse(s, MSG_ABSENT, to, ctx->now_ms);
	if (s->had[to])
		return refuse(s, MSG_HAD, to, ctx->now_ms);
	add_throw(s, s->holder, to);
	s->holder = to;
	s->had[to] = true;
	s->card = (s->card + 1) % c->n;
	s->pick = 0;
	s->msg = MSG_NONE;
	if (everyone_had(s, ctx->seats)) {
		/* the web closes: the last thread goes back to the trainer */
		add_throw(s, to, YARN_TRAINER);
		s->holder = YARN_TRAINER;
		s->done = true;
		s->done_ms = ctx->now_ms;
	}
	return true;
}

/* Moves the trainer's highlight to the next (dir 1) or previous (dir -1) seat that
 * has not had the yarn, in seat order, round the circle. */
static bool move_pick(struct yarn_state *s, const struct bt_seats *seats, int dir)
{
	if (s->done)
		return false;
	int start = candidate(s, seats, s->pick) ? s->pick : (dir > 0 ? 0 : BT_MAX_SEATS + 1);
	for (int k = 1; k <= BT_MAX_SEATS + 1; k++) {
		int seat = ((start + dir * k) % (BT_MAX_SEATS + 1) + BT_MAX_SEATS + 1) %
		           (BT_MAX_SEATS + 1);
		if (candidate(s, seats, seat)) {
			if (seat == s->pick)
				return false;
			s->pick = seat;
			return true;
		}
	}
	return false;
}

static bool yarn_handle(void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                        const struct bt_event *ev)
{
	struct yarn_state *s = st;
	const struct yarn_cfg *c = cfgp;
	if (ev->type == BT_EV_SEAT) {
		/* only the holder's keypad throws; digits 1..9 are seat numbers */
		if (ev->key != BT_SK_DIGIT || ev->seat != s->holder || ev->digit < 1 || s->done)
			return false;
		return throw_to(s, c, ctx, ev->digit);
	}
	if (ev->type != BT_EV_TRAINER)
		return false;
	switch (ev->key) {
	case BT_TK_UP:
		return move_pick(s, ctx->seats, -1);
	case BT_TK_DOWN:
		return move_pick(s, ctx->seats, 1);
	case BT_TK_ENTER:
		if (s->done)
			return false;
		if (!candidate(s, ctx->seats, s->pick))
			return move_pick(s, ctx->seats, 1); /* first show who, then throw */
		return throw_to(s, c, ctx, s->pick);
	case BT_TK_LETTER_K:
		s->card = (s->card + 1) % c->n;
		s->msg = MSG_NONE;
		return true;
	case BT_TK_RESET: {
		bool changed = s->holder != YARN_TRAINER || s->n_throws || s->card != -1 ||
		               s->pick || s->msg || s->done;
		for (int i = 1; i <= BT_MAX_SEATS; i++)
			changed |= s->had[i];
		yarn_clear(s);
		return changed;
	}
	default:
		return false;
	}
}

static bool msg_on(const struct yarn_state *s, uint32_t now)
{
	return s->msg != MSG_NONE && (int64_t)now - (int64_t)s->msg_ms < YARN_MSG_MS;
}

/* Milliseconds since the web closed, or -1 while it is open. */
static int64_t since_done(const struct yarn_state *s, uint32_t now)
{
	if (!s->done)
		return -1;
	int64_t t = (int64_t)now - (int64_t)s->done_ms;
	return t < 0 ? 0 : t;
}

static int yarn_next_wakeup(const void *st, const void *cfg, const struct bt_scene_ctx *ctx)
{
	(void)cfg;
	const struct yarn_state *s = st;
	int next = -1;
	int64_t t = since_done(s, ctx->now_ms);
	if (t >= 0 && t < YARN_ANIM_MS)
		next = YARN_FRAME_MS;
	if (msg_on(s, ctx->now_ms)) {
		/* the message stands still: wake once, when it goes */
		int left = (int)((int64_t)s->msg_ms + YARN_MSG_MS - (int64_t)ctx->now_ms);
		if (next < 0 || left < next)
			next = left;
	}
	return next;
}

/* --- view --- */

static const struct bt_color YARN_THREAD = {0xB0, 0x3A, 0x2E, 255}; /* red wool */
static const struct bt_color YARN_GLOW = {0xFF, 0xD3, 0x6E, 255};   /* warm light */
static const struct bt_color YARN_RING = {0xE8, 0xA3, 0x17, 255};   /* "not yet" ring */
static const struct bt_color YARN_TRACK = {0xEE, 0xE8, 0xD5, 255};  /* the circle */

struct web {
	float cx, cy, rx, ry, s;                        /* ellipse centre and radii, node size */
	int seats[BT_MAX_SEATS];                        /* present seats, in seat order */
	int n;                                          /* how many */
	float x[BT_MAX_SEATS + 1], y[BT_MAX_SEATS + 1]; /* node centres: [0] trainer */
};

#define WEB_STEPS 720 /* samples of the ellipse for spacing by arc length */

/* The trainer at the top, the seats clockwise in seat order, spread evenly along the
 * ellipse (by length, so a wide ellipse does not crowd its ends). */
static struct web web_make(struct bt_box b, const struct bt_seats *seats, float u)
{
	struct web w = {0};
	for (int i = 1; i <= BT_MAX_SEATS; i++)
		if (seats_present(seats, i))
			w.seats[w.n++] = i;
	w.s = (w.n <= 8 ? 160.0f : BT_AVATAR_MIN) * u;
	float margin = w.s * 0.6f; /* room for the ring, its star and the trainer's frame */
	w.cx = b.x + b.w / 2;
	w.cy = b.y + b.h / 2;
	w.rx = fmaxf(b.w / 2 - margin, 0);
	w.ry = fmaxf(b.h / 2 - margin, 0);
	float total = 0;
	for (int i = 0; i < WEB_STEPS; i++) {
		float a0 = 2 * YARN_PI * (float)i / WEB_STEPS,
		      a1 = 2 * YARN_PI * (float)(i + 1) / WEB_STEPS;
		total += hypotf(w.rx * (cosf(a1) - cosf(a0)), w.ry * (sinf(a1) - sinf(a0)));
	}
	int nodes = w.n + 1, k = 0;
	float run = 0;
	for (int i = 0; i <= WEB_STEPS && k < nodes; i++) {
		float a = -YARN_PI / 2 + 2 * YARN_PI * (float)i / WEB_STEPS;
		if (run >= total * (float)k / (float)nodes) {
			int who = k == 0 ? YARN_TRAINER : w.seats[k - 1];
			w.x[who] = w.cx + w.rx * cosf(a);
			w.y[who] = w.cy + w.ry * sinf(a);
			k++;
		}
		float a1 = a + 2 * YARN_PI / WEB_STEPS;
		run += hypotf(w.rx * (cosf(a1) - cosf(a)), w.ry * (sinf(a1) - sinf(a)));
	}
	return w;
}

static void trainer_node(struct bt_view *v, struct bt_box b)
{
	view_ellipse(v, b, BT_C_ACCENT);
	struct bt_item *t = view_text(v, b, "T", b.h * 0.5f, BT_C_ONACCENT, BT_C_ACCENT,
	                              BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT);
	t->bold = true;
	t->valign_center = true;
}

static struct bt_box centred(float x, float y, float size)
{
	return box_make(x - size / 2, y - size / 2, size, size);
}

/* Where thread i ends now: the closing thread draws itself from the last seat to
 * the trainer while grow goes from 0 to 1. */
static void thread_end(const struct web *w, const struct yarn_state *s, int i, float grow, float *x,
                       float *y)
{
	int a = s->throws[i].from, b = s->throws[i].to;
	float g = s->done && i == s->n_throws - 1 ? grow : 1;
	*x = w->x[a] + (w->x[b] - w->x[a]) * g;
	*y = w->y[a] + (w->y[b] - w->y[a]) * g;
}

static void web_view(struct bt_view *v, const struct web *w, const struct yarn_state *s,
                     const struct bt_scene_ctx *ctx, float u)
{
	/* the circle we stand in */
	view_ellipse(v,
	             box_make(w->cx - w->rx - 5 * u, w->cy - w->ry - 5 * u, 2 * w->rx + 10 * u,
	                      2 * w->ry + 10 * u),
	             YARN_TRACK);
	view_ellipse(v,
	             box_make(w->cx - w->rx + 5 * u, w->cy - w->ry + 5 * u, 2 * w->rx - 10 * u,
	                      2 * w->ry - 10 * u),
	             BT_C_BG);

	int64_t t = since_done(s, ctx->now_ms);
	bool anim = t >= 0 && t < YARN_ANIM_MS;
	float grow = 1;
	if (anim && t < YARN_GROW_MS)
		grow = (float)t / YARN_GROW_MS;
	float thick = 10 * u;
	/* a soft glow that swells and fades three times in three seconds */
	if (anim) {
		float p = 0.5f - 0.5f * cosf(2 * YARN_PI * (float)t / YARN_PULSE_MS);
		float gw = thick + 26 * u * p;
		for (int i = 0; i < s->n_throws; i++) {
			float x2, y2;
			thread_end(w, s, i, grow, &x2, &y2);
			int a = s->throws[i].from;
			view_line(v, w->x[a], w->y[a], x2, y2, gw, YARN_GLOW);
		}
	}
	for (int i = 0; i < s->n_throws; i++) {
		float x2, y2;
		thread_end(w, s, i, grow, &x2, &y2);
		int a = s->throws[i].from;
		bool last = i == s->n_throws - 1;
		/* the newest thread a little thicker, so everyone sees where it went */
		view_line(v, w->x[a], w->y[a], x2, y2, last && !s->done ? thick * 1.6f : thick,
		          YARN_THREAD);
	}

	float sz = w->s;
	/* first every highlight, then every node, so no ring covers a neighbour */
	for (int i = 0; i < w->n; i++) {
		int seat = w->seats[i];
		float x = w->x[seat], y = w->y[seat];
		if (!s->done && seat == s->pick && candidate(s, ctx->seats, seat))
			view_rect(v, centred(x, y, sz * 1.24f), BT_C_ACCENT, 30 * u);
		if (!s->had[seat]) {
			/* not had the yarn yet: a bright ring round the full-colour avatar */
			view_ellipse(v, centred(x, y, sz * 1.18f), YARN_RING);
			view_ellipse(v, centred(x, y, sz * 1.05f), BT_C_BG);
		}
	}
	trainer_node(v, centred(w->x[0], w->y[0], sz));
	for (int i = 0; i < w->n; i++) {
		int seat = w->seats[i];
		float x = w->x[seat], y = w->y[seat];
		view_avatar(v, centred(x, y, sz), seat,
		            seat == ctx->active_seat ? BT_AVATAR_ACTIVE : 0);
	}
	for (int i = 0; i < w->n; i++) {
		int seat = w->seats[i];
		float x = w->x[seat], y = w->y[seat];
		if (!s->had[seat]) {
			/* and a star: "still to come" */
			float bx = x + sz * 0.38f, by = y - sz * 0.38f;
			view_ellipse(v, centred(bx, by, sz * 0.4f), BT_C_WHITE);
			view_icon(v, centred(bx, by, sz * 0.32f), "ster");
		}
	}
	/* the ball of yarn beside the holder, on the inside of the circle */
	float hx = w->x[s->holder], hy = w->y[s->holder];
	float dx = w->cx - hx, dy = w->cy - hy, len = sqrtf(dx * dx + dy * dy);
	if (len < 1)
		dx = 0, dy = 1, len = 1;
	float d = sz * 0.8f, ib = sz * 0.55f;
	view_icon(v, centred(hx + dx / len * d, hy + dy / len * d, ib), "wol");
}

static const char *msg_text(const struct yarn_state *s, char *buf, size_t size)
{
	switch (s->msg) {
	case MSG_SELF:
		return _("You already have the yarn. Choose someone else.");
	case MSG_HAD:
		snprintf(
		    buf, size,
		    _("Seat %d already had the yarn. Choose someone who has not had a turn yet."),
		    s->msg_seat);
		return buf;
	case MSG_ABSENT:
		snprintf(buf, size, _("Seat %d is not here. Choose someone in the circle."),
		         s->msg_seat);
		return buf;
	default:
		return "";
	}
}

/* The question in big letters when it will fit, else in body size: a rough count of
 * lines (bold letters are about 0.56 of their height wide, a word wrap wastes some),
 * so the renderer never has to shrink it below the readable size. */
static float card_px(const char *q, struct bt_box b, float u)
{
	float px = BT_PX_TITLE * u;
	float per_line = floorf(b.w / (px * 0.56f));
	float lines = ceilf((float)bt_utf8_chars(q) * 1.15f / fmaxf(per_line, 1));
	return lines * px * 1.3f <= b.h ? px : BT_PX_BODY * u;
}

static void card_view(struct bt_view *v, struct bt_box cb, const struct yarn_state *s,
                      const struct yarn_cfg *c, const struct bt_scene_ctx *ctx, float u)
{
	view_rect(v, cb, BT_C_PANEL, 28 * u);
	float pad = 24 * u, gap = 16 * u;
	struct bt_box in = box_inset(cb, pad);

	/* who holds the yarn; a narrow card leaves that to the ball in the circle */
	float node = BT_AVATAR_MIN * u, ib = 100 * u;
	float top = in.y;
	if (cb.w >= 560 * u) {
		struct bt_box nb = box_make(in.x, in.y, node, node);
		if (s->holder == YARN_TRAINER)
			trainer_node(v, nb);
		else
			view_avatar(v, nb, s->holder, 0);
		view_icon(v, box_make(nb.x + node + gap, in.y + (node - ib) / 2, ib, ib), "wol");
		float lx = nb.x + node + gap + ib + gap;
		if (in.x + in.w - lx >= 330 * u)
			view_text(v, box_make(lx, in.y, in.x + in.w - lx, node), _("has the yarn"),
			          BT_PX_BODY * u, BT_C_TEXT, BT_C_PANEL, BT_ALIGN_LEFT,
			          BT_ROLE_PARTICIPANT)
			    ->valign_center = true;
		top += node + gap;
	}
	float bottom_h = 160 * u;
	struct bt_box rest = box_make(in.x, top, in.w, in.y + in.h - top);
	struct bt_box mid = box_make(in.x, top, in.w, rest.h - bottom_h - gap);
	struct bt_box bottom = box_make(in.x, in.y + in.h - bottom_h, in.w, bottom_h);

	int64_t t = since_done(s, ctx->now_ms);
	if (msg_on(s, ctx->now_ms)) {
		/* a refusal, kindly: in a warm panel, for a few seconds */
		char buf[96];
		view_rect(v, rest, BT_C_WARN, 20 * u);
		float hb = 110 * u;
		view_icon(v, box_make(rest.x + (rest.w - hb) / 2, rest.y + gap, hb, hb), "hand");
		struct bt_box tb = box_make(rest.x + gap, rest.y + hb + 2 * gap, rest.w - 2 * gap,
		                            rest.h - hb - 3 * gap);
		struct bt_item *it =
		    view_text(v, tb, msg_text(s, buf, sizeof(buf)), BT_PX_BODY * u, BT_C_TEXT,
		              BT_C_WARN, BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT);
		it->bold = true;
		it->valign_center = true;
		return;
	}
	if (t >= YARN_ANIM_MS) {
		/* the web is closed: the closing line */
		float hb = 150 * u;
		view_icon(v, box_make(rest.x + (rest.w - hb) / 2, rest.y + gap, hb, hb), "hart");
		struct bt_box tb =
		    box_make(rest.x, rest.y + hb + 2 * gap, rest.w, rest.h - hb - 2 * gap);
		struct bt_item *it = view_text(v, tb, c->closing, BT_PX_TITLE * u, BT_C_TEXT,
		                               BT_C_PANEL, BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT);
		it->bold = true;
		it->valign_center = true;
		return;
	}
	const char *q = s->card >= 0 ? c->q[s->card] : _("The trainer starts with the yarn.");
	struct bt_item *it = view_text(v, mid, q, card_px(q, mid, u), BT_C_TEXT, BT_C_PANEL,
	                               BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT);
	it->bold = true;
	it->valign_center = true;
	if (s->done)
		return;
	/* how to throw: with a keypad picture when there is room for it */
	view_rect(v, box_make(bottom.x, bottom.y - gap / 2, bottom.w, 3 * u), BT_C_TRAINER_BAR, 0);
	float kb = bottom.w >= 500 * u ? 90 * u : 0;
	if (kb > 0)
		view_icon(v, box_make(bottom.x, bottom.y + (bottom.h - kb) / 2, kb, kb),
		          s->holder == YARN_TRAINER ? "groep" : "toetsen");
	float hx = kb > 0 ? kb + gap : 0;
	struct bt_box hb = box_make(bottom.x + hx, bottom.y, bottom.w - hx, bottom.h);
	const char *how = s->holder == YARN_TRAINER ? _("Who gets the yarn?")
	                  : hb.w >= 450 * u         ? _("Throw the yarn: press a number")
	                                            : _("Throw: press a number");
	view_text(v, hb, how, BT_PX_BODY * u, BT_C_TEXT, BT_C_PANEL,
	          kb > 0 ? BT_ALIGN_LEFT : BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT)
	    ->valign_center = true;
}

static void yarn_view(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                      struct bt_view *v)
{
	const struct yarn_state *s = st;
	const struct yarn_cfg *c = cfgp;
	struct bt_layout L = layout_make(v);
	float u = L.u;
	layout_header(v, &L, "wol", c->title);
	/* the whole height between the title band and the trainer strip */
	float top = L.content.y, bottom = L.footer.y - 16 * u;
	struct bt_box area = box_make(L.m, top, L.W - 2 * L.m, bottom - top);
	float gap = 32 * u;
	/* the circle gets about a square (more for a big group), the card the rest */
	bool big = seats_count(ctx->seats) > 10;
	float web_need = area.h * (big ? 1.18f : 1.0f);
	float cw = fminf(fmaxf(area.w - web_need - gap, (big ? 460.0f : 500.0f) * u), 700 * u);
	struct bt_box card = box_make(area.x + area.w - cw, area.y, cw, area.h);
	struct bt_box webb = box_make(area.x, area.y, area.w - cw - gap, area.h);
	struct web w = web_make(webb, ctx->seats, u);
	web_view(v, &w, s, ctx, u);
	card_view(v, card, s, c, ctx, u);
}

static void yarn_dump(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx, json_t *obj)
{
	(void)cfgp, (void)ctx;
	const struct yarn_state *s = st;
	json_t *had = json_array();
	for (int i = 1; i <= BT_MAX_SEATS; i++)
		if (s->had[i])
			json_array_append_new(had, json_integer(i));
	json_t *throws = json_array();
	for (int i = 0; i < s->n_throws; i++)
		json_array_append_new(throws,
		                      json_pack("[ii]", s->throws[i].from, s->throws[i].to));
	json_object_set_new(obj, "holder", json_integer(s->holder));
	json_object_set_new(obj, "had", had);
	json_object_set_new(obj, "throws", throws);
	json_object_set_new(obj, "card", json_integer(s->card));
	json_object_set_new(obj, "pick", json_integer(s->pick));
	json_object_set_new(obj, "done", json_boolean(s->done));
}

static const char *yarnweb_label(const void *cfg)
{
	return ((const struct yarn_cfg *)cfg)->title;
}

const struct bt_scene_type bt_scene_type_yarnweb = {
    .name = "yarnweb",
    .label = yarnweb_label,
    .fields = yarn_fields,
    .parse = yarn_parse,
    .config_free = yarn_config_free,
    .state_create = yarn_state_create,
    .state_destroy = yarn_state_destroy,
    .handle = yarn_handle,
    .view = yarn_view,
    .dump = yarn_dump,
    .next_wakeup = yarn_next_wakeup,
};
