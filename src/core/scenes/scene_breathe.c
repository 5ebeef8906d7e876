/* breathe: rustig ademhalen (3.5). A circle grows while the group breathes in
 * through the nose, stays big while they hold, and shrinks while they breathe out
 * through the mouth; `keer` times, counted. The trainer's Enter starts (the event's
 * time is stored), Enter again pauses and continues, R goes back to the start.
 * Everything on screen is computed from ctx->now_ms and those stored times. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "palette.h"
#include "scene_type.h"
#include "util.h"
#include "i18n.h"

#define BR_FRAME_MS   33
#define BR_TITLE_MAX  45
#define BR_SECONDS_LO 1
#define BR_SECONDS_HI 10
#define BR_TIMES_MAX  10
#define BR_PI         3.14159265358979f

enum br_phase { BR_WAITING, BR_IN, BR_HOLD, BR_OUT, BR_PAUSED, BR_DONE };

static const char *const br_phase_names[] = {"waiting", "in", "hold", "out", "paused", "done"};

struct br_cfg {
	char *title;
	int in_ms, hold_ms, out_ms;
	int times;
	bool tone;
};

struct br_state {
	bool started, paused;
	uint32_t start_ms;     /* the Enter that started */
	uint32_t resume_ms;    /* the Enter that last continued (start_ms at first) */
	uint32_t pause_ms;     /* the Enter that paused, while paused */
	uint32_t paused_total; /* ms spent paused before resume_ms */
};

/* Where the exercise is at one moment. */
struct br_pos {
	enum br_phase phase; /* BR_PAUSED only when paused; step is then the paused step */
	enum br_phase step;  /* BR_IN, BR_HOLD or BR_OUT while breathing or paused */
	int breath;          /* 1..times while breathing; times when done; 0 waiting */
	int64_t in_step;     /* ms since the step began */
	int64_t elapsed;     /* ms of breathing so far */
};

static const char *const br_fields[] = {"titel", "in", "vast", "uit", "keer", "toon", NULL};

static void br_config_free(void *p)
{
	struct br_cfg *c = p;
	if (!c)
		return;
	free(c->title);
	free(c);
}

static void *br_parse(struct bt_parse_ctx *pc, const struct bt_node *scene)
{
	struct br_cfg *c = bt_xcalloc(1, sizeof(*c));
	bool before = pc->failed;
	pc->failed = false;
	const char *title = field_text(pc, scene, "titel", BR_TITLE_MAX, false);
	c->title = bt_xstrdup(title ? title : _("Calm breathing"));
	c->in_ms = 1000 * field_number(pc, scene, "in", 4, BR_SECONDS_LO, BR_SECONDS_HI);
	c->hold_ms = 1000 * field_number(pc, scene, "vast", 2, BR_SECONDS_LO, BR_SECONDS_HI);
	c->out_ms = 1000 * field_number(pc, scene, "uit", 6, BR_SECONDS_LO, BR_SECONDS_HI);
	c->times = field_number(pc, scene, "keer", 5, 1, BR_TIMES_MAX);
	c->tone = field_yes_no(pc, scene, "toon", false);
	bool failed = pc->failed;
	pc->failed = before || failed;
	if (failed) {
		br_config_free(c);
		return NULL;
	}
	return c;
}

static void *br_state_create(const void *cfg)
{
	(void)cfg;
	return bt_xcalloc(1, sizeof(struct br_state));
}

static void br_state_destroy(void *st)
{
	free(st);
}

/* --- the timeline --- */

static int64_t cycle_ms(const struct br_cfg *c)
{
	return (int64_t)c->in_ms + c->hold_ms + c->out_ms;
}

static int64_t total_ms(const struct br_cfg *c)
{
	return cycle_ms(c) * c->times;
}

/* Milliseconds of breathing at session time now (0 before the start). */
static int64_t active_ms(const struct br_state *s, uint32_t now)
{
	if (!s->started)
		return 0;
	int64_t t = s->paused ? s->pause_ms : now;
	if (t < s->resume_ms)
		t = s->resume_ms;
	int64_t a = t - (int64_t)s->start_ms - s->paused_total;
	return a < 0 ? 0 : a;
}

static struct br_pos position(const struct br_state *s, const struct br_cfg *c, uint32_t now)
{
	struct br_pos p = {.phase = BR_WAITING, .step = BR_IN};
	if (!s->started)
		return p;
	int64_t a = active_ms(s, now);
	p.elapsed = a;
	if (a >= total_ms(c)) {
		p.phase = BR_DONE;
		p.breath = c->times;
		p.elapsed = total_ms(c);
		return p;
	}
	p.breath = (int)(a / cycle_ms(c)) + 1;
	int64_t t = a % cycle_ms(c);
	if (t < c->in_ms) {
		p.step = BR_IN;
		p.in_step = t;
	} else if (t < c->in_ms + c->hold_ms) {
		p.step = BR_HOLD;
		p.in_step = t - c->in_ms;
	} else {
		p.step = BR_OUT;
		p.in_step = t - c->in_ms - c->hold_ms;
	}
	p.phase = s->paused ? BR_PAUSED : p.step;
	return p;
}

static bool running(const struct br_state *s, const struct br_cfg *c, uint32_t now)
{
	return s->started && !s->paused && active_ms(s, now) < total_ms(c);
}

static bool br_handle(void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                      const struct bt_event *ev)
{
	struct br_state *s = st;
	const struct br_cfg *c = cfgp;
	if (ev->type != BT_EV_TRAINER)
		return false;
	uint32_t now = ctx->now_ms;
	if (ev->key == BT_TK_RESET) {
		if (!s->started)
			return false;
		memset(s, 0, sizeof(*s));
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
	if (active_ms(s, now) >= total_ms(c))
		return false; /* finished: only R starts again */
	s->paused = true;
	s->pause_ms = now > s->resume_ms ? now : s->resume_ms;
	return true;
}

static int br_next_wakeup(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx)
{
	return running(st, cfgp, ctx->now_ms) ? BR_FRAME_MS : -1;
}

/* True when a step begins (or the exercise ends) at a session time in (from, to]. */
static bool br_chime_due(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                         uint32_t from_ms, uint32_t to_ms)
{
	(void)ctx;
	const struct br_state *s = st;
	const struct br_cfg *c = cfgp;
	if (!c->tone || !s->started)
		return false;
	int64_t offset = (int64_t)s->start_ms + s->paused_total; /* session = active + offset */
	int64_t n = (int64_t)c->times * 3;
	for (int64_t i = 0; i <= n; i++) {
		int64_t k = i / 3, part = i % 3;
		int64_t b = k * cycle_ms(c) + (part == 0   ? 0
		                               : part == 1 ? c->in_ms
		                                           : (int64_t)c->in_ms + c->hold_ms);
		int64_t t = b + offset;
		/* only moments in the stretch that runs now: earlier stretches were asked
		 * about while they ran */
		if (b == 0 ? t < s->resume_ms : t <= s->resume_ms)
			continue;
		if (s->paused && t > s->pause_ms)
			continue;
		if (t > from_ms && t <= to_ms)
			return true;
	}
	return false;
}

static const char *br_hint(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx)
{
	const struct br_state *s = st;
	const struct br_cfg *c = cfgp;
	if (!s->started)
		return _("Enter: begin");
	if (s->paused)
		return _("Enter: continue · R: again");
	if (active_ms(s, ctx->now_ms) >= total_ms(c))
		return _("R: again");
	return _("Enter: pause · R: again");
}

/* --- view --- */

static const struct bt_color BR_GUIDE = {0xDC, 0xEE, 0xF8, 255}; /* how big it gets */
static const struct bt_color BR_FILL = {0x56, 0xB4, 0xE9, 255};  /* the breathing circle */
static const struct bt_color BR_EDGE = {0x2E, 0x86, 0xC1, 255};
static const struct bt_color BR_DOT_OFF = {0xD9, 0xD4, 0xC4, 255};

static float ease(float x)
{
	if (x <= 0)
		return 0;
	if (x >= 1)
		return 1;
	return (1.0f - cosf(BR_PI * x)) / 2.0f;
}

/* 0 (small) .. 1 (big) */
static float circle_size(const struct br_pos *p, const struct br_cfg *c)
{
	if (p->phase == BR_WAITING || p->phase == BR_DONE)
		return 0;
	switch (p->step) {
	case BR_IN:
		return ease((float)p->in_step / (float)c->in_ms);
	case BR_HOLD:
		return 1;
	case BR_OUT:
		return 1 - ease((float)p->in_step / (float)c->out_ms);
	default:
		return 0;
	}
}

static const char *step_icon(const struct br_pos *p)
{
	switch (p->phase) {
	case BR_WAITING:
		return "kijken";
	case BR_IN:
		return "neus";
	case BR_HOLD:
		return "vasthouden";
	case BR_OUT:
		return "wind";
	case BR_PAUSED:
		return "hand";
	case BR_DONE:
		return "duim";
	}
	return "wind";
}

static const char *step_text(const struct br_pos *p)
{
	switch (p->phase) {
	case BR_WAITING:
		return _("Breathe along with the circle");
	case BR_IN:
		return _("Breathe in through your nose");
	case BR_HOLD:
		return _("Hold your breath");
	case BR_OUT:
		return _("Breathe out through your mouth");
	case BR_PAUSED:
		return _("Wait a moment");
	case BR_DONE:
		return _("Well done");
	}
	return "";
}

/* A row of n dots centred in b, the first lit ones in on (then one in cur). */
static void dots(struct bt_view *v, struct bt_box b, int n, int lit, int cur, float size, float gap,
                 struct bt_color on, struct bt_color now)
{
	float w = (float)n * size + (float)(n - 1) * gap;
	if (w > b.w) {
		size = (b.w - (float)(n - 1) * gap * 0.5f) / (float)n;
		gap *= 0.5f;
		w = (float)n * size + (float)(n - 1) * gap;
	}
	float x = b.x + (b.w - w) / 2, y = b.y + (b.h - size) / 2;
	for (int i = 0; i < n; i++) {
		struct bt_color col = i < lit ? on : i == cur ? now : BR_DOT_OFF;
		view_ellipse(v, box_make(x + (float)i * (size + gap), y, size, size), col);
	}
}

static void br_view(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                    struct bt_view *v)
{
	const struct br_state *s = st;
	const struct br_cfg *c = cfgp;
	struct bt_layout L = layout_make(v);
	float u = L.u;
	layout_header(v, &L, "wind", c->title);
	struct br_pos p = position(s, c, ctx->now_ms);

	struct bt_box area =
	    box_make(L.m, L.content.y, L.W - 2 * L.m, L.footer.y - 24 * u - L.content.y);
	float side = fminf(area.h, area.w * 0.48f);
	float gap = 40 * u;
	float cx = area.x + side / 2, cy = area.y + area.h / 2;
	float rmax = side / 2, rmin = side * 0.24f;
	float r = rmin + (rmax - rmin) * circle_size(&p, c);

	/* the circle: a pale ring shows how big it gets */
	view_ellipse(v, box_make(cx - rmax, cy - rmax, 2 * rmax, 2 * rmax), BR_GUIDE);
	view_ellipse(v, box_make(cx - r, cy - r, 2 * r, 2 * r), BR_EDGE);
	float ri = r - 8 * u;
	view_ellipse(v, box_make(cx - ri, cy - ri, 2 * ri, 2 * ri), BR_FILL);
	float disk = rmin * 1.5f;
	view_ellipse(v, box_make(cx - disk / 2, cy - disk / 2, disk, disk), BT_C_WHITE);
	float ib = disk * 0.72f;
	view_icon(v, box_make(cx - ib / 2, cy - ib / 2, ib, ib), step_icon(&p));

	/* right: the step in words with its seconds, then the count */
	float rx = area.x + side + gap, rw = area.x + area.w - rx;
	float px = BT_PX_TITLE * u;
	float step_h = px * 1.3f * 2 + 40 * u, dots_h = 56 * u;
	float count_h = px * 1.3f + 40 * u + 60 * u;
	float panel_h = step_h + dots_h + 30 * u;
	float total = panel_h + 30 * u + count_h + 30 * u;
	float y = area.y + (area.h - total) / 2;
	if (y < area.y)
		y = area.y;
	struct bt_box panel = box_make(rx, y, rw, panel_h);
	view_rect(v, panel, BT_C_PANEL, 28 * u);
	struct bt_item *t = view_text(
	    v, box_make(rx + 30 * u, y + 20 * u, rw - 60 * u, step_h - 20 * u), step_text(&p), px,
	    BT_C_TEXT, BT_C_PANEL, BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT);
	t->bold = true;
	t->valign_center = true;
	if (p.phase == BR_IN || p.phase == BR_HOLD || p.phase == BR_OUT) {
		int ms = p.step == BR_IN ? c->in_ms : p.step == BR_HOLD ? c->hold_ms : c->out_ms;
		int n = ms / 1000, sec = (int)(p.in_step / 1000);
		dots(v, box_make(rx + 30 * u, y + step_h, rw - 60 * u, dots_h), n, sec, sec, 36 * u,
		     22 * u, BR_EDGE, BR_EDGE);
	}

	float cy2 = y + panel_h + 30 * u;
	struct bt_box count = box_make(rx, cy2, rw, count_h);
	view_rect(v, count, BT_C_PANEL, 28 * u);
	char buf[32];
	if (p.phase == BR_WAITING)
		snprintf(buf, sizeof(buf), _("%d times"), c->times);
	else
		snprintf(buf, sizeof(buf), _("%d of %d"), p.breath, c->times);
	struct bt_item *ct =
	    view_text(v, box_make(rx + 30 * u, cy2 + 14 * u, rw - 60 * u, px * 1.3f), buf, px,
	              BT_C_TEXT, BT_C_PANEL, BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT);
	ct->bold = true;
	ct->valign_center = true;
	int done = p.phase == BR_DONE ? c->times : p.breath > 0 ? p.breath - 1 : 0;
	int cur = p.phase == BR_DONE || p.phase == BR_WAITING ? -1 : p.breath - 1;
	dots(v, box_make(rx + 30 * u, cy2 + 14 * u + px * 1.3f + 10 * u, rw - 60 * u, 60 * u),
	     c->times, done, cur, 44 * u, 18 * u, BT_C_OK, BR_FILL);
}

static void br_dump(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx, json_t *obj)
{
	const struct br_state *s = st;
	const struct br_cfg *c = cfgp;
	struct br_pos p = position(s, c, ctx->now_ms);
	json_object_set_new(obj, "title", json_string(c->title));
	json_object_set_new(obj, "in_ms", json_integer(c->in_ms));
	json_object_set_new(obj, "hold_ms", json_integer(c->hold_ms));
	json_object_set_new(obj, "out_ms", json_integer(c->out_ms));
	json_object_set_new(obj, "times", json_integer(c->times));
	json_object_set_new(obj, "tone", json_boolean(c->tone));
	json_object_set_new(obj, "started", json_boolean(s->started));
	json_object_set_new(obj, "paused", json_boolean(s->paused));
	if (s->started) {
		json_object_set_new(obj, "start_ms", json_integer(s->start_ms));
		json_object_set_new(obj, "paused_total_ms", json_integer(s->paused_total));
	}
	if (s->paused)
		json_object_set_new(obj, "pause_ms", json_integer(s->pause_ms));
	json_object_set_new(obj, "step", json_string(br_phase_names[p.phase]));
	if (p.phase == BR_PAUSED)
		json_object_set_new(obj, "paused_in", json_string(br_phase_names[p.step]));
	json_object_set_new(obj, "breath", json_integer(p.breath));
	json_object_set_new(obj, "elapsed_ms", json_integer(p.elapsed));
}

static const char *breathe_label(const void *cfg)
{
	return ((const struct br_cfg *)cfg)->title;
}

const struct bt_scene_type bt_scene_type_breathe = {
    .name = "breathe",
    .label = breathe_label,
    .fields = br_fields,
    .parse = br_parse,
    .config_free = br_config_free,
    .state_create = br_state_create,
    .state_destroy = br_state_destroy,
    .handle = br_handle,
    .view = br_view,
    .dump = br_dump,
    .next_wakeup = br_next_wakeup,
    .chime_due = br_chime_due,
    .hint = br_hint,
};
