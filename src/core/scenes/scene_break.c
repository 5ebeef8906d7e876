/* break: het pauzescherm (the one-hour rule: a session of an hour has a break).
 * A calm countdown of minutes:seconds under a pictogram. Enter starts it, Enter
 * pauses and continues, R sets it back to the full time. At the end a gentle line
 * says the break is over, with an optional soft chime. The time shown comes from
 * the event times that started or paused it and from ctx->now_ms. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "palette.h"
#include "scene_type.h"
#include "util.h"
#include "i18n.h"

#define BR_TITLE_MAX   45
#define BR_MIN_MINUTES 1
#define BR_MAX_MINUTES 30
#define BR_DEFAULT_MIN 10
#define BR_DONE_LINE   _("The break is over. Let's carry on.")

enum br_phase { BR_WAITING, BR_RUNNING, BR_PAUSED, BR_DONE };

struct br_cfg {
	char *title;
	int minutes;
	bool chime;
};

struct br_state {
	bool started;
	bool running;       /* counting now (false: waiting or paused) */
	uint32_t run_from;  /* event time the current run began */
	uint32_t before_ms; /* time counted in earlier runs */
};

static const char *const br_fields[] = {"titel", "minuten", "toon", NULL};

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
	bool before = pc->failed;
	pc->failed = false;
	struct br_cfg *c = bt_xcalloc(1, sizeof(*c));
	const char *t = field_text(pc, scene, "titel", BR_TITLE_MAX, false);
	c->title = bt_xstrdup(t ? t : _("Break"));
	c->minutes =
	    field_number(pc, scene, "minuten", BR_DEFAULT_MIN, BR_MIN_MINUTES, BR_MAX_MINUTES);
	c->chime = field_yes_no(pc, scene, "toon", true);
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

static uint32_t total_ms(const struct br_cfg *c)
{
	return (uint32_t)c->minutes * 60000u;
}

/* Time counted at now, at most the whole break. */
static uint32_t elapsed(const struct br_state *s, const struct br_cfg *c, uint32_t now)
{
	uint64_t e = s->before_ms;
	if (s->running && now > s->run_from)
		e += now - s->run_from;
	return e > total_ms(c) ? total_ms(c) : (uint32_t)e;
}

static enum br_phase phase(const struct br_state *s, const struct br_cfg *c, uint32_t now)
{
	if (!s->started)
		return BR_WAITING;
	if (elapsed(s, c, now) >= total_ms(c))
		return BR_DONE;
	return s->running ? BR_RUNNING : BR_PAUSED;
}

static uint32_t remaining(const struct br_state *s, const struct br_cfg *c, uint32_t now)
{
	return total_ms(c) - elapsed(s, c, now);
}

/* Whole seconds shown: rounded up, so 0:00 shows only when the break is over. */
static uint32_t shown_seconds(const struct br_state *s, const struct br_cfg *c, uint32_t now)
{
	return (remaining(s, c, now) + 999u) / 1000u;
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
	switch (phase(s, c, now)) {
	case BR_WAITING:
		s->started = true;
		s->running = true;
		s->run_from = now;
		s->before_ms = 0;
		return true;
	case BR_RUNNING:
		s->before_ms = elapsed(s, c, now);
		s->running = false;
		return true;
	case BR_PAUSED:
		s->running = true;
		s->run_from = now;
		return true;
	case BR_DONE:
		return false; /* R starts again */
	}
	return false;
}

/* --- drawing --- */

static void br_view(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                    struct bt_view *v)
{
	const struct br_state *s = st;
	const struct br_cfg *c = cfgp;
	struct bt_layout L = layout_make(v);
	float u = L.u;
	enum br_phase ph = phase(s, c, ctx->now_ms);
	layout_header(v, &L, "pauze", c->title);
	struct bt_box a =
	    box_make(L.m, L.content.y, L.W - 2 * L.m, L.footer.y - 16 * u - L.content.y);
	float line_h = 100 * u, bar_h = 36 * u;
	float gap = bar_h; /* as much air as the bar is thick */
	float top_h = a.h - line_h - bar_h - 2 * gap;
	const char *line;
	if (ph == BR_DONE) {
		/* the break is over: the group comes back together */
		float ib = fminf(top_h, 380 * u);
		view_icon(v, box_make(a.x + (a.w - ib) / 2, a.y + (top_h - ib) / 2, ib, ib),
		          "groep");
		struct bt_item *t = view_text(
		    v, box_make(a.x, a.y + top_h + gap, a.w, a.h - top_h - gap), BR_DONE_LINE,
		    BT_PX_TITLE * u, BT_C_TEXT, BT_C_BG, BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT);
		t->bold = true;
		t->valign_center = true;
		return;
	}
	uint32_t sec = shown_seconds(s, c, ctx->now_ms);
	char clock[16];
	snprintf(clock, sizeof(clock), "%u:%02u", sec / 60u, sec % 60u);
	/* the pictogram and the clock side by side, in a calm white card */
	float px = fminf(190 * u, top_h * 0.62f);
	float ib = fminf(top_h - 40 * u, 300 * u);
	float clock_w = px * 0.62f * 5.2f;
	float card_w = fminf(a.w, ib + clock_w + 140 * u);
	struct bt_box card = box_make(a.x + (a.w - card_w) / 2, a.y, card_w, top_h);
	view_rect(v, card, BT_C_PANEL, 40 * u);
	float x = card.x + 50 * u;
	view_icon(v, box_make(x, card.y + (card.h - ib) / 2, ib, ib), "pauze");
	x += ib + 30 * u;
	struct bt_item *t =
	    view_text(v, box_make(x, card.y, card.x + card.w - 30 * u - x, card.h), clock, px,
	              BT_C_TEXT, BT_C_PANEL, BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT);
	t->bold = true;
	t->valign_center = true;
	/* a bar that gets shorter with every second shown */
	float by = card.y + card.h + gap;
	struct bt_box track = box_make(card.x, by, card.w, bar_h);
	view_rect(v, track, BT_C_TRAINER_BAR, bar_h / 2);
	float share = (float)sec / (float)(total_ms(c) / 1000u);
	if (share > 0)
		view_rect(v, box_make(track.x, track.y, fmaxf(track.w * share, bar_h), bar_h),
		          BT_C_BAR, bar_h / 2);
	if (ph == BR_WAITING)
		line = c->minutes == 1 ? _("The break lasts 1 minute.") : NULL;
	else if (ph == BR_PAUSED)
		line = _("The clock is stopped for a moment.");
	else
		line = _("Take a rest.");
	char buf[64];
	if (!line) {
		snprintf(buf, sizeof(buf), _("The break lasts %d minutes."), c->minutes);
		line = buf;
	}
	view_text(v, box_make(a.x, by + bar_h + gap, a.w, line_h), line, BT_PX_BODY * u, BT_C_TEXT,
	          BT_C_BG, BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT)
	    ->valign_center = true;
}

static int br_next_wakeup(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx)
{
	const struct br_state *s = st;
	const struct br_cfg *c = cfgp;
	if (phase(s, c, ctx->now_ms) != BR_RUNNING)
		return -1;
	/* until the next whole second (the shown time changes then) */
	uint32_t r = remaining(s, c, ctx->now_ms) % 1000u;
	return r ? (int)r : 1000;
}

static bool br_chime_due(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                         uint32_t from_ms, uint32_t to_ms)
{
	(void)ctx;
	const struct br_state *s = st;
	const struct br_cfg *c = cfgp;
	if (!c->chime || !s->started || !s->running)
		return false;
	/* the moment the break ends, as counted from the current run */
	uint64_t end = (uint64_t)s->run_from + (total_ms(c) - s->before_ms);
	return end > from_ms && end <= to_ms;
}

static const char *br_hint(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx)
{
	const struct br_state *s = st;
	const struct br_cfg *c = cfgp;
	switch (phase(s, c, ctx->now_ms)) {
	case BR_WAITING:
		return _("Enter: start the break");
	case BR_RUNNING:
		return _("Enter: stop the clock · R: again");
	case BR_PAUSED:
		return _("Enter: continue · R: again");
	case BR_DONE:
		return _("Right arrow: go on · R: again");
	}
	return "";
}

static void br_dump(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx, json_t *obj)
{
	const struct br_state *s = st;
	const struct br_cfg *c = cfgp;
	static const char *const names[] = {"waiting", "running", "paused", "done"};
	uint32_t now = ctx->now_ms;
	uint32_t sec = shown_seconds(s, c, now);
	char clock[16];
	snprintf(clock, sizeof(clock), "%u:%02u", sec / 60u, sec % 60u);
	json_object_set_new(obj, "title", json_string(c->title));
	json_object_set_new(obj, "minutes", json_integer(c->minutes));
	json_object_set_new(obj, "chime", json_boolean(c->chime));
	json_object_set_new(obj, "state", json_string(names[phase(s, c, now)]));
	json_object_set_new(obj, "remaining_ms", json_integer(remaining(s, c, now)));
	json_object_set_new(obj, "clock", json_string(clock));
	if (s->running)
		json_object_set_new(obj, "end_ms",
		                    json_integer((json_int_t)s->run_from +
		                                 (json_int_t)(total_ms(c) - s->before_ms)));
}

const struct bt_scene_type bt_scene_type_break = {
    .name = "break",
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
