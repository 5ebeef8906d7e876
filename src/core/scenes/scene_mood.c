/* checkin and checkout: five faces, each seat presses 1..5. Check-out shows each
 * seat's check-in face beside its face now. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "layout.h"
#include "palette.h"
#include "scene_type.h"
#include "util.h"
#include "i18n.h"

#define MOOD_N 5

static const char *const mood_icons[MOOD_N + 1] = {NULL,       "heel-slecht", "slecht",
                                                   "gaat-wel", "goed",        "heel-goed"};
/* the cards' words, translated where used */
static const char *const mood_labels[MOOD_N + 1] = {NULL,        N_("Very bad"), N_("Not good"),
                                                    N_("So-so"), N_("Good"),     N_("Very good")};

struct mood_cfg {
	char *question;
	bool checkout;
};

struct mood_state {
	struct bt_vote vote;
};

static const char *const mood_fields[] = {"vraag", NULL};

static void mood_config_free(void *p)
{
	struct mood_cfg *c = p;
	if (!c)
		return;
	free(c->question);
	free(c);
}

static void *mood_parse_common(struct bt_parse_ctx *pc, const struct bt_node *scene, bool checkout)
{
	bool before = pc->failed;
	pc->failed = false;
	const char *q = field_text(pc, scene, "vraag", 60, false);
	bool failed = pc->failed;
	pc->failed = before || failed;
	if (failed)
		return NULL;
	struct mood_cfg *c = bt_xcalloc(1, sizeof(*c));
	c->checkout = checkout;
	c->question = bt_xstrdup(q          ? q
	                         : checkout ? _("How do I feel now?")
	                                    : _("How am I starting today?"));
	return c;
}

static void *checkin_parse(struct bt_parse_ctx *pc, const struct bt_node *scene)
{
	return mood_parse_common(pc, scene, false);
}

static void *checkout_parse(struct bt_parse_ctx *pc, const struct bt_node *scene)
{
	return mood_parse_common(pc, scene, true);
}

static void *mood_state_create(const void *cfg)
{
	(void)cfg;
	struct mood_state *s = bt_xcalloc(1, sizeof(*s));
	vote_init(&s->vote, MOOD_N);
	return s;
}

static void mood_state_destroy(void *st)
{
	free(st);
}

static bool mood_handle(void *st, const void *cfg, const struct bt_scene_ctx *ctx,
                        const struct bt_event *ev)
{
	(void)cfg, (void)ctx;
	struct mood_state *s = st;
	if (ev->type == BT_EV_TRAINER && ev->key == BT_TK_ENTER)
		return vote_enter(&s->vote);
	if (ev->type == BT_EV_TRAINER && ev->key == BT_TK_RESET)
		return vote_reset(&s->vote);
	return vote_handle_seat(&s->vote, ev);
}

static void faces_row(struct bt_view *v, const struct bt_layout *L)
{
	float u = L->u;
	float gap = 24 * u;
	struct bt_box a = L->content;
	/* cards taller than wide, so a two-word label can take two lines on 4:3 */
	float cw = fminf((a.w - gap * (MOOD_N - 1)) / MOOD_N, 330 * u);
	float ch = fminf(a.h, cw * 2.0f);
	float x0 = a.x + (a.w - (cw * MOOD_N + gap * (MOOD_N - 1))) / 2;
	float y0 = a.y + (a.h - ch) / 2;
	for (int i = 0; i < MOOD_N; i++) {
		struct bt_box c = box_make(x0 + (float)i * (cw + gap), y0, cw, ch);
		view_rect(v, c, BT_C_PANEL, 28 * u);
		float badge = 96 * u;
		layout_key_badge(v, box_make(c.x + 12 * u, c.y + 12 * u, badge, badge), i + 1,
		                 BT_C_PANEL);
		float ib = fminf(cw * 0.6f, ch * 0.36f);
		float iy = c.y + 12 * u + badge + 4 * u; /* below the badge, never under it */
		view_icon(v, box_make(c.x + (cw - ib) / 2, iy, ib, ib), mood_icons[i + 1]);
		float ty = iy + ib + 8 * u;
		view_text(v, box_make(c.x + 8 * u, ty, cw - 16 * u, c.y + ch - ty - 8 * u),
		          _(mood_labels[i + 1]), BT_PX_BODY * u, BT_C_TEXT, BT_C_PANEL,
		          BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT)
		    ->valign_center = true;
	}
}

static void results(struct bt_view *v, const struct bt_layout *L, const struct mood_state *s,
                    const struct mood_cfg *c, const struct bt_scene_ctx *ctx)
{
	float u = L->u;
	int seats[BT_MAX_SEATS] = {0}, n = 0;
	for (int i = 1; i <= BT_MAX_SEATS; i++)
		if (seats_present(ctx->seats, i))
			seats[n++] = i;
	struct bt_box area =
	    box_make(L->m, L->content.y, L->W - 2 * L->m, L->footer.y - L->content.y - 16 * u);
	struct bt_box cells[BT_MAX_SEATS];
	float cs = layout_grid(area, n, 20 * u, 360 * u, cells);
	for (int i = 0; i < n; i++) {
		struct bt_box cell = cells[i];
		int seat = seats[i];
		view_rect(v, cell, BT_C_PANEL, 24 * u);
		float av = fmaxf(cs * 0.5f, BT_AVATAR_MIN * u);
		view_avatar(v, box_make(cell.x + (cell.w - av) / 2, cell.y + 6 * u, av, av), seat,
		            0);
		float fy = cell.y + av + 10 * u;
		float fh = cell.y + cell.h - fy - 8 * u;
		int now = s->vote.choice[seat];
		if (c->checkout) {
			int before = ctx->checkin ? ctx->checkin->choice[seat] : 0;
			float small = fh * 0.72f;
			float gapx = 10 * u;
			float total = small + gapx + small * 0.5f + gapx + fh;
			float x = cell.x + (cell.w - total) / 2;
			if (before)
				view_icon(v, box_make(x, fy + (fh - small) / 2, small, small),
				          mood_icons[before]);
			else
				view_ellipse(v,
				             box_make(x + small * 0.3f, fy + fh / 2 - small * 0.2f,
				                      small * 0.4f, small * 0.4f),
				             BT_C_TRAINER_BAR);
			x += small + gapx;
			view_icon(
			    v,
			    box_make(x, fy + (fh - small * 0.5f) / 2, small * 0.5f, small * 0.5f),
			    "vooruit");
			x += small * 0.5f + gapx;
			if (now)
				view_icon(v, box_make(x, fy, fh, fh), mood_icons[now]);
		} else if (now) {
			view_icon(v, box_make(cell.x + (cell.w - fh) / 2, fy, fh, fh),
			          mood_icons[now]);
		}
	}
}

static void mood_view(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                      struct bt_view *v)
{
	const struct mood_state *s = st;
	const struct mood_cfg *c = cfgp;
	struct bt_layout L = layout_make(v);
	layout_header(v, &L, c->checkout ? "wolk" : "groep", c->question);
	if (vote_revealed(&s->vote, ctx->seats) && seats_count(ctx->seats) > 0) {
		results(v, &L, s, c, ctx);
		return;
	}
	faces_row(v, &L);
	layout_status_row(v, &L, ctx->seats, &s->vote, ctx->active_seat);
}

static void mood_dump(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx, json_t *obj)
{
	const struct mood_state *s = st;
	const struct mood_cfg *c = cfgp;
	json_t *votes = json_object();
	for (int i = 1; i <= BT_MAX_SEATS; i++) {
		if (!s->vote.choice[i])
			continue;
		char k[4];
		snprintf(k, sizeof(k), "%d", i);
		json_object_set_new(votes, k, json_integer(s->vote.choice[i]));
	}
	json_object_set_new(obj, "question", json_string(c->question));
	json_object_set_new(obj, "votes", votes);
	if (c->checkout && ctx->checkin) {
		json_t *start = json_object();
		for (int i = 1; i <= BT_MAX_SEATS; i++) {
			if (!ctx->checkin->choice[i] || !seats_present(ctx->seats, i))
				continue;
			char k[4];
			snprintf(k, sizeof(k), "%d", i);
			json_object_set_new(start, k, json_integer(ctx->checkin->choice[i]));
		}
		json_object_set_new(obj, "checkin", start);
	}
}

static const struct bt_vote *mood_vote(const void *st)
{
	return &((const struct mood_state *)st)->vote;
}

const struct bt_scene_type bt_scene_type_checkin = {
    .name = "checkin",
    .fields = mood_fields,
    .parse = checkin_parse,
    .config_free = mood_config_free,
    .state_create = mood_state_create,
    .state_destroy = mood_state_destroy,
    .handle = mood_handle,
    .view = mood_view,
    .dump = mood_dump,
    .vote = mood_vote,
};

const struct bt_scene_type bt_scene_type_checkout = {
    .name = "checkout",
    .fields = mood_fields,
    .parse = checkout_parse,
    .config_free = mood_config_free,
    .state_create = mood_state_create,
    .state_destroy = mood_state_destroy,
    .handle = mood_handle,
    .view = mood_view,
    .dump = mood_dump,
    .vote = mood_vote,
};
