/* valueline: de waardenlijn (1.5). Two values face each other, left and right, each
 * with its norm; each seat presses 4 (left) or 6 (right). On reveal the avatars walk
 * from the tape in the middle to their side. Every pair keeps its own vote. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "layout.h"
#include "palette.h"
#include "scene_type.h"
#include "util.h"
#include "i18n.h"

#define VL_VALUES_MAX 12
#define VL_PAIRS_MAX  12
#define VL_NAME_MAX   20
#define VL_NORM_MAX   40
#define VL_WALK_MS    1500
#define VL_FRAME_MS   33
#define VL_KEY_LEFT   4
#define VL_KEY_RIGHT  6

enum { VL_NONE = 0, VL_LEFT = 1, VL_RIGHT = 2 };

struct vl_value {
	char *name;
	char *norm;
};

struct vl_cfg {
	char *title;
	struct vl_value values[VL_VALUES_MAX];
	int n_values;
	int pairs[VL_PAIRS_MAX][2]; /* indexes into values: left, right */
	int n_pairs;
};

/* One pair's question: the values on screen (the trainer may change them while the
 * question waits), its vote, and when its result came on screen. */
struct vl_pair {
	int left, right;
	struct bt_vote vote;
	bool shown;        /* the result is on screen (revealed after the last event) */
	uint32_t shown_at; /* session time of the event that revealed it: the walk starts */
};

struct vl_state {
	int cur;
	struct vl_pair pairs[VL_PAIRS_MAX];
};

static const char *const vl_fields[] = {"titel", "waarden", "paren", NULL};
static const char *const value_fields[] = {"naam", "norm", NULL};

static void vl_config_free(void *p)
{
	struct vl_cfg *c = p;
	if (!c)
		return;
	for (int i = 0; i < c->n_values; i++) {
		free(c->values[i].name);
		free(c->values[i].norm);
	}
	free(c->title);
	free(c);
}

static int find_value(const struct vl_cfg *c, const char *name)
{
	for (int i = 0; i < c->n_values; i++)
		if (strcmp(c->values[i].name, name) == 0)
			return i;
	return -1;
}

/* The value a misspelt name probably means, or NULL. */
static const char *near_value(const struct vl_cfg *c, const char *name)
{
	const char *best = NULL;
	int bd = 3;
	for (int i = 0; i < c->n_values; i++) {
		if (strcasecmp(c->values[i].name, name) == 0)
			return c->values[i].name;
		int d = bt_edit_distance(c->values[i].name, name);
		if (d < bd) {
			bd = d;
			best = c->values[i].name;
		}
	}
	return best;
}

static void parse_values(struct bt_parse_ctx *pc, const struct bt_node *scene, struct vl_cfg *c)
{
	const struct bt_node *vals = field_list(pc, scene, "waarden", 2, VL_VALUES_MAX);
	for (size_t i = 0; vals && i < vals->n; i++) {
		const struct bt_node *o = vals->items[i];
		if (o->kind != BT_NODE_MAP) {
			diags_add(pc->diags, pc->file, o->line,
			          _("a value has a name and a norm:  - naam: Eerlijkheid  and "
			            "below it  norm: Altijd de waarheid zeggen"));
			pc->failed = true;
			continue;
		}
		field_check_known(pc, o, value_fields, NULL);
		/* naam and norm look alike to field_text's typo check, which would then
		 * stay silent about the missing one: say it here */
		bool missing = false;
		for (int k = 0; k < 2; k++) {
			const char *key = value_fields[k];
			if (node_get(o, key))
				continue;
			diags_add(pc->diags, pc->file, o->line,
			          _("this value is missing '%s'. Every value has  naam:  and  "
			            "norm:"),
			          key);
			pc->failed = true;
			missing = true;
		}
		if (missing)
			continue;
		const char *name = field_text(pc, o, "naam", VL_NAME_MAX, true);
		const char *norm = field_text(pc, o, "norm", VL_NORM_MAX, true);
		if (!name || !norm)
			continue;
		if (find_value(c, name) >= 0) {
			diags_add(pc->diags, pc->file, node_get(o, "naam")->line,
			          _("the value '%s' is listed twice under 'waarden'. Remove one"),
			          name);
			pc->failed = true;
			continue;
		}
		c->values[c->n_values].name = bt_xstrdup(name);
		c->values[c->n_values].norm = bt_xstrdup(norm);
		c->n_values++;
	}
}

/* One name of a pair: its index in values, or -1 after reporting. */
static int pair_name(struct bt_parse_ctx *pc, const struct vl_cfg *c, const struct bt_node *n)
{
	const char *name = field_text_node(pc, n, VL_NAME_MAX + 20, _("a name in a pair"));
	if (!name)
		return -1;
	int k = find_value(c, name);
	if (k >= 0)
		return k;
	const char *near = near_value(c, name);
	if (near)
		diags_add(pc->diags, pc->file, n->line,
		          _("the value '%s' is not under 'waarden'. Did you mean '%s'?"), name,
		          near);
	else
		diags_add(pc->diags, pc->file, n->line,
		          _("the value '%s' is not under 'waarden'. Write the name exactly as "
		            "under 'waarden', or add the value there"),
		          name);
	pc->failed = true;
	return -1;
}

static void parse_pairs(struct bt_parse_ctx *pc, const struct bt_node *scene, struct vl_cfg *c,
                        bool values_ok)
{
	const struct bt_node *pairs = field_list(pc, scene, "paren", 1, VL_PAIRS_MAX);
	for (size_t i = 0; pairs && i < pairs->n; i++) {
		const struct bt_node *p = pairs->items[i];
		if (p->kind != BT_NODE_SEQ || p->n != 2) {
			diags_add(pc->diags, pc->file, p->line,
			          _("a pair is a list of two names from 'waarden', like this:  - "
			            "[Eerlijkheid, Respect]"));
			pc->failed = true;
			continue;
		}
		if (!values_ok)
			continue; /* the names cannot be checked against a broken list */
		int a = pair_name(pc, c, p->items[0]);
		int b = pair_name(pc, c, p->items[1]);
		if (a < 0 || b < 0)
			continue;
		if (a == b) {
			diags_add(pc->diags, pc->file, p->line,
			          _("a pair has two different values, here it says '%s' twice. "
			            "Choose another second value"),
			          c->values[a].name);
			pc->failed = true;
			continue;
		}
		c->pairs[c->n_pairs][0] = a;
		c->pairs[c->n_pairs][1] = b;
		c->n_pairs++;
	}
}

static void *vl_parse(struct bt_parse_ctx *pc, const struct bt_node *scene)
{
	struct vl_cfg *c = bt_xcalloc(1, sizeof(*c));
	bool before = pc->failed;
	pc->failed = false;
	const char *title = field_text(pc, scene, "titel", 45, false);
	c->title = bt_xstrdup(title ? title : _("What matters to you?"));
	parse_values(pc, scene, c);
	bool values_ok = !pc->failed;
	parse_pairs(pc, scene, c, values_ok);
	bool failed = pc->failed;
	pc->failed = before || failed;
	if (failed) {
		vl_config_free(c);
		return NULL;
	}
	return c;
}

static void *vl_state_create(const void *cfgp)
{
	const struct vl_cfg *c = cfgp;
	struct vl_state *s = bt_xcalloc(1, sizeof(*s));
	for (int i = 0; i < c->n_pairs; i++) {
		s->pairs[i].left = c->pairs[i][0];
		s->pairs[i].right = c->pairs[i][1];
		vote_init(&s->pairs[i].vote, 2);
	}
	return s;
}

static void vl_state_destroy(void *st)
{
	free(st);
}

/* The next value from i in direction dir (+1 or -1), skipping other. */
static int step_value(const struct vl_cfg *c, int i, int dir, int other)
{
	for (int k = 0; k < c->n_values; k++) {
		i = (i + dir + c->n_values) % c->n_values;
		if (i != other)
			return i;
	}
	return i;
}

static bool trainer_key(struct vl_state *s, const struct vl_cfg *c, enum bt_trainer_key key)
{
	struct vl_pair *p = &s->pairs[s->cur];
	bool waiting = p->vote.phase == BT_VOTE_WAITING;
	switch (key) {
	case BT_TK_ENTER:
		return vote_enter(&p->vote);
	case BT_TK_RESET:
		return vote_reset(&p->vote);
	case BT_TK_LETTER_P:
		if (c->n_pairs < 2)
			return false;
		s->cur = (s->cur + 1) % c->n_pairs;
		return true;
	case BT_TK_UP:
	case BT_TK_DOWN: {
		if (!waiting)
			return false;
		int old = p->right;
		p->right = step_value(c, p->right, key == BT_TK_DOWN ? 1 : -1, p->left);
		return p->right != old;
	}
	case BT_TK_LETTER_K: {
		if (!waiting)
			return false;
		int old = p->left;
		p->left = step_value(c, p->left, 1, p->right);
		return p->left != old;
	}
	default:
		return false;
	}
}

static bool seat_key(struct vl_pair *p, const struct bt_event *ev)
{
	if (ev->key == BT_SK_UNDO)
		return vote_choose(&p->vote, ev->seat, VL_NONE);
	if (ev->key != BT_SK_DIGIT)
		return false;
	if (ev->digit == VL_KEY_LEFT)
		return vote_choose(&p->vote, ev->seat, VL_LEFT);
	if (ev->digit == VL_KEY_RIGHT)
		return vote_choose(&p->vote, ev->seat, VL_RIGHT);
	return false; /* other digits mean nothing here */
}

static bool vl_handle(void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                      const struct bt_event *ev)
{
	struct vl_state *s = st;
	const struct vl_cfg *c = cfgp;
	bool changed = false;
	if (ev->type == BT_EV_TRAINER)
		changed = trainer_key(s, c, ev->key);
	else if (ev->type == BT_EV_SEAT)
		changed = seat_key(&s->pairs[s->cur], ev);
	/* the walk starts with the event that brought the result on screen; a late
	 * joiner who has not chosen hides it again */
	struct vl_pair *p = &s->pairs[s->cur];
	bool now = vote_revealed(&p->vote, ctx->seats);
	if (now && !p->shown) {
		p->shown = true;
		p->shown_at = ctx->now_ms;
		changed = true;
	} else if (!now && p->shown) {
		p->shown = false;
		p->shown_at = 0;
		changed = true;
	}
	return changed;
}

/* --- drawing --- */

/* A value card: the value big, its norm below; with keys, the key badge and the
 * arrow of that side on top. */
static void value_card(struct bt_view *v, float u, struct bt_box card, const struct vl_value *val,
                       bool right, bool keys, bool norm)
{
	view_rect(v, card, BT_C_PANEL, 28 * u);
	float pad = 18 * u;
	float y = card.y + pad;
	if (keys) {
		float badge = 110 * u, arrow = 96 * u, gap = 16 * u;
		float rowx = right ? card.x + card.w - pad - badge - gap - arrow : card.x + pad;
		struct bt_box first = box_make(rowx, y, right ? badge : arrow, badge);
		struct bt_box second =
		    box_make(rowx + first.w + gap, y, right ? arrow : badge, badge);
		struct bt_box bb = right ? first : second, ab = right ? second : first;
		layout_key_badge(v, bb, right ? VL_KEY_RIGHT : VL_KEY_LEFT, BT_C_PANEL);
		view_icon(v, box_make(ab.x, ab.y + (badge - arrow) / 2, arrow, arrow),
		          right ? "vooruit" : "terug");
		y += badge + 10 * u;
	}
	float name_h = 96 * u;
	if (!norm)
		name_h = card.y + card.h - pad - y;
	struct bt_item *t =
	    view_text(v, box_make(card.x + pad, y, card.w - 2 * pad, name_h), val->name,
	              BT_PX_TITLE * u, BT_C_TEXT, BT_C_PANEL, BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT);
	t->bold = true;
	t->valign_center = true;
	if (!norm)
		return;
	y += name_h + 4 * u;
	view_text(v, box_make(card.x + pad, y, card.w - 2 * pad, card.y + card.h - pad - y),
	          val->norm, BT_PX_BODY * u, BT_C_TEXT, BT_C_PANEL, BT_ALIGN_CENTER,
	          BT_ROLE_PARTICIPANT)
	    ->valign_center = true;
}

/* The painter's tape on the floor: a strip down the middle. */
static void tape(struct bt_view *v, float u, float cx, float y0, float y1)
{
	float w = 22 * u;
	view_rect(v, box_make(cx - w / 2, y0, w, y1 - y0), BT_C_BAR, 4 * u);
}

static void trainer_hint(struct bt_view *v, float u, struct bt_box b, const struct vl_cfg *c,
                         const struct vl_state *s, bool waiting)
{
	char line[160];
	int n = 0;
	if (c->n_pairs > 1)
		n = snprintf(line, sizeof(line), _("Pair %d of %d · P: next pair"), s->cur + 1,
		             c->n_pairs);
	if (waiting)
		snprintf(line + n, sizeof(line) - (size_t)n, "%s%s", n ? " · " : "",
		         _("K: value on the left · arrow up/down: value on the right"));
	if (n == 0 && !waiting)
		return;
	view_text(v, b, line, BT_PX_TRAINER * u, BT_C_TEXT, BT_C_BG, BT_ALIGN_CENTER,
	          BT_ROLE_TRAINER)
	    ->valign_center = true;
}

/* Walk progress 0..1 at time now, eased so the avatars start and stop softly. */
static float walk_progress(const struct vl_pair *p, uint32_t now)
{
	if (now <= p->shown_at)
		return 0;
	float t = (float)(now - p->shown_at) / (float)VL_WALK_MS;
	if (t >= 1)
		return 1;
	return t * t * (3 - 2 * t);
}

/* How many avatars of size s fit in a row of width w with gap g. */
static int fit_cols(float w, float s, float g)
{
	int n = (int)((w + g) / (s + g));
	return n < 1 ? 1 : n;
}

static int grid_rows(int n, float w, float s, float g)
{
	int cols = fit_cols(w, s, g);
	return n == 0 ? 0 : (n + cols - 1) / cols;
}

/* Places one side's avatars as a block centred in side, then shifted by dx; the
 * block's width goes to *block_w. */
static void side_cells(struct bt_box side, int n, float s, float g, struct bt_box *cells,
                       float *block_w)
{
	int cols = fit_cols(side.w, s, g);
	if (cols > n)
		cols = n;
	int rows = n == 0 ? 0 : (n + cols - 1) / cols;
	float bw = (float)cols * s + (float)(cols - 1) * g;
	float bh = (float)rows * s + (float)(rows - 1) * g;
	float x0 = side.x + (side.w - bw) / 2, y0 = side.y + (side.h - bh) / 2;
	for (int i = 0; i < n; i++)
		cells[i] = box_make(x0 + (float)(i % cols) * (s + g),
		                    y0 + (float)(i / cols) * (s + g), s, s);
	*block_w = n ? bw : 0;
}

static void result_view(struct bt_view *v, const struct bt_layout *L, const struct vl_cfg *c,
                        const struct vl_state *s, const struct bt_scene_ctx *ctx)
{
	float u = L->u;
	const struct vl_pair *p = &s->pairs[s->cur];
	int seats[2][BT_MAX_SEATS], n[2] = {0, 0};
	for (int i = 1; i <= BT_MAX_SEATS; i++) {
		int ch = p->vote.choice[i];
		if (seats_present(ctx->seats, i) && (ch == VL_LEFT || ch == VL_RIGHT))
			seats[ch - 1][n[ch - 1]++] = i;
	}
	struct bt_box area = box_make(L->content.x, L->content.y, L->content.w,
	                              L->status.y + L->status.h - L->content.y);
	float hint_h = 48 * u, gap = 16 * u, mid = 64 * u, ag = 14 * u;
	float side_w = (area.w - mid) / 2;
	float amin = BT_AVATAR_MIN * u;
	int most = n[0] > n[1] ? n[0] : n[1];
	float floor_need = (float)grid_rows(most, side_w, amin, ag) * (amin + ag);
	float card_full = 360 * u;
	float avail = area.h - hint_h - 2 * gap;
	bool norm = avail - card_full >= floor_need;
	float card_h = norm ? card_full : 130 * u;
	float floor_y = area.y + card_h + gap;
	float floor_h = avail - card_h;
	float cx = area.x + area.w / 2;
	tape(v, u, cx, area.y, floor_y + floor_h);
	value_card(v, u, box_make(area.x, area.y, side_w, card_h), &c->values[p->left], false,
	           false, norm);
	value_card(v, u, box_make(area.x + area.w - side_w, area.y, side_w, card_h),
	           &c->values[p->right], true, false, norm);
	trainer_hint(v, u, box_make(area.x, area.y + area.h - hint_h, area.w, hint_h), c, s, false);

	/* the largest avatar size that still fits the bigger group on its side */
	float size = amin;
	for (float t = 200 * u; t > amin; t -= 4 * u) {
		int rows = grid_rows(most, side_w, t, ag);
		if ((float)rows * t + (float)(rows - 1) * ag <= floor_h) {
			size = t;
			break;
		}
	}
	float e = walk_progress(p, ctx->now_ms);
	for (int k = 0; k < 2; k++) {
		struct bt_box side =
		    box_make(k ? area.x + area.w - side_w : area.x, floor_y, side_w, floor_h);
		struct bt_box cells[BT_MAX_SEATS];
		float bw;
		side_cells(side, n[k], size, ag, cells, &bw);
		/* the block starts against the tape and walks to the middle of its side */
		float start_x = k ? cx + mid / 2 - 10 * u : cx - mid / 2 + 10 * u - bw;
		float final_x = side.x + (side.w - bw) / 2;
		float dx = (start_x - final_x) * (1 - e);
		for (int i = 0; i < n[k]; i++) {
			struct bt_box b = cells[i];
			b.x += dx;
			view_avatar(v, b, seats[k][i], 0);
		}
	}
}

static void vl_view(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                    struct bt_view *v)
{
	const struct vl_state *s = st;
	const struct vl_cfg *c = cfgp;
	const struct vl_pair *p = &s->pairs[s->cur];
	struct bt_layout L = layout_make(v);
	float u = L.u;
	layout_header(v, &L, "weegschaal", c->title);
	if (p->shown && vote_revealed(&p->vote, ctx->seats)) {
		result_view(v, &L, c, s, ctx);
		return;
	}
	struct bt_box a = L.content;
	float hint_h = 48 * u, mid = 64 * u;
	float card_w = (a.w - mid) / 2, card_h = a.h - hint_h - 8 * u;
	tape(v, u, a.x + a.w / 2, a.y, a.y + card_h);
	value_card(v, u, box_make(a.x, a.y, card_w, card_h), &c->values[p->left], false, true,
	           true);
	value_card(v, u, box_make(a.x + a.w - card_w, a.y, card_w, card_h), &c->values[p->right],
	           true, true, true);
	trainer_hint(v, u, box_make(a.x, a.y + a.h - hint_h, a.w, hint_h), c, s,
	             p->vote.phase == BT_VOTE_WAITING);
	layout_status_row(v, &L, ctx->seats, &p->vote, ctx->active_seat);
}

static int vl_next_wakeup(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx)
{
	(void)cfgp;
	const struct vl_state *s = st;
	const struct vl_pair *p = &s->pairs[s->cur];
	if (!p->shown || !vote_revealed(&p->vote, ctx->seats))
		return -1;
	if (ctx->now_ms >= p->shown_at + VL_WALK_MS)
		return -1;
	return VL_FRAME_MS;
}

static json_t *votes_json(const struct bt_vote *vote)
{
	json_t *votes = json_object();
	for (int i = 1; i <= BT_MAX_SEATS; i++) {
		if (vote->choice[i] != VL_LEFT && vote->choice[i] != VL_RIGHT)
			continue;
		char k[4];
		snprintf(k, sizeof(k), "%d", i);
		json_object_set_new(votes, k,
		                    json_string(vote->choice[i] == VL_LEFT ? "links" : "rechts"));
	}
	return votes;
}

static const char *phase_name(enum bt_vote_phase ph)
{
	return ph == BT_VOTE_WAITING ? "waiting" : ph == BT_VOTE_OPEN ? "open" : "closed";
}

static void vl_dump(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx, json_t *obj)
{
	const struct vl_state *s = st;
	const struct vl_cfg *c = cfgp;
	const struct vl_pair *p = &s->pairs[s->cur];
	json_object_set_new(obj, "pair",
	                    json_pack("{s:i,s:s,s:s}", "number", s->cur + 1, "left",
	                              c->values[p->left].name, "right", c->values[p->right].name));
	json_object_set_new(obj, "phase", json_string(phase_name(p->vote.phase)));
	json_object_set_new(obj, "revealed", json_boolean(vote_revealed(&p->vote, ctx->seats)));
	json_object_set_new(obj, "votes", votes_json(&p->vote));
	json_t *all = json_array();
	for (int i = 0; i < c->n_pairs; i++) {
		const struct vl_pair *q = &s->pairs[i];
		json_array_append_new(all, json_pack("{s:s,s:s,s:s,s:b,s:o}", "left",
		                                     c->values[q->left].name, "right",
		                                     c->values[q->right].name, "phase",
		                                     phase_name(q->vote.phase), "revealed",
		                                     vote_revealed(&q->vote, ctx->seats), "votes",
		                                     votes_json(&q->vote)));
	}
	json_object_set_new(obj, "pairs", all);
}

static const struct bt_vote *vl_vote(const void *st)
{
	const struct vl_state *s = st;
	return &s->pairs[s->cur].vote;
}

static const char *valueline_label(const void *cfg)
{
	return ((const struct vl_cfg *)cfg)->title;
}

const struct bt_scene_type bt_scene_type_valueline = {
    .name = "valueline",
    .label = valueline_label,
    .fields = vl_fields,
    .parse = vl_parse,
    .config_free = vl_config_free,
    .state_create = vl_state_create,
    .state_destroy = vl_state_destroy,
    .handle = vl_handle,
    .view = vl_view,
    .dump = vl_dump,
    .vote = vl_vote,
    .next_wakeup = vl_next_wakeup,
};
