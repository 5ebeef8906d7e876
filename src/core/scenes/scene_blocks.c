/* blocks: the whiteboard. The trainer types short items; seats vote for the
 * heaviest with the item's number; a block grows with its votes. A red drawback can
 * turn into a green block with the gain of changing (1.4). Typed items arrive as
 * BT_EV_TEXT events, so they are journaled and survive a restart. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "palette.h"
#include "scene_type.h"
#include "util.h"
#include "i18n.h"

#define BLOCKS_MAX  6 /* few enough to choose from, and each still readable on 4:3 */
#define BLOCK_CHARS 24

enum blocks_kind { KIND_NEUTRAL, KIND_DRAWBACKS, KIND_GAINS };

struct blocks_cfg {
	char *title;
	char *icon;
	enum blocks_kind kind;
	bool green; /* drawbacks can turn into gains */
	char *preset[BLOCKS_MAX];
	int n_preset;
};

struct block {
	char text[BT_EVENT_TEXT_MAX];
	char gain[BT_EVENT_TEXT_MAX]; /* when turned green */
};

struct blocks_state {
	struct block b[BLOCKS_MAX];
	int n;
	int sel; /* trainer's selection, 0-based */
	struct bt_vote vote;
};

static const char *const blocks_fields[] = {"titel", "plaatje", "soort", "groen", "blokken", NULL};

static void blocks_config_free(void *p)
{
	struct blocks_cfg *c = p;
	if (!c)
		return;
	for (int i = 0; i < c->n_preset; i++)
		free(c->preset[i]);
	free(c->title);
	free(c->icon);
	free(c);
}

static void *blocks_parse(struct bt_parse_ctx *pc, const struct bt_node *scene)
{
	struct blocks_cfg *c = bt_xcalloc(1, sizeof(*c));
	bool before = pc->failed;
	pc->failed = false;
	const char *t = field_text(pc, scene, "titel", 45, true);
	const char *icon = field_icon(pc, scene, "plaatje", true);
	c->title = t ? bt_xstrdup(t) : NULL;
	c->icon = icon ? bt_xstrdup(icon) : NULL;
	const char *kind = field_text(pc, scene, "soort", 12, false);
	if (!kind || strcmp(kind, "neutraal") == 0) {
		c->kind = KIND_NEUTRAL;
	} else if (strcmp(kind, "nadelen") == 0) {
		c->kind = KIND_DRAWBACKS;
	} else if (strcmp(kind, "voordelen") == 0) {
		c->kind = KIND_GAINS;
	} else {
		diags_add(pc->diags, pc->file, node_get(scene, "soort")->line,
		          _("'soort' can be nadelen, voordelen or neutraal, not '%s'"), kind);
		pc->failed = true;
	}
	const char *green = field_text(pc, scene, "groen", 3, false);
	if (green && strcmp(green, "ja") != 0 && strcmp(green, "nee") != 0) {
		diags_add(pc->diags, pc->file, node_get(scene, "groen")->line,
		          _("'groen' is ja or nee"));
		pc->failed = true;
	}
	c->green = green && strcmp(green, "ja") == 0;
	if (c->green && c->kind != KIND_DRAWBACKS) {
		diags_add(
		    pc->diags, pc->file, node_get(scene, "groen")->line,
		    _("only drawbacks can turn green. Set  soort: nadelen  or remove 'groen'"));
		pc->failed = true;
	}
	const struct bt_node *items = field_list(pc, scene, "blokken", 0, BLOCKS_MAX);
	for (size_t i = 0; items && i < items->n; i++) {
		const char *s = field_text_node(pc, items->items[i], BLOCK_CHARS, _("a block"));
		if (s)
			c->preset[c->n_preset++] = bt_xstrdup(s);
	}
	bool failed = pc->failed;
	pc->failed = before || failed;
	if (failed) {
		blocks_config_free(c);
		return NULL;
	}
	return c;
}

static void *blocks_state_create(const void *cfgp)
{
	const struct blocks_cfg *c = cfgp;
	struct blocks_state *s = bt_xcalloc(1, sizeof(*s));
	for (int i = 0; i < c->n_preset; i++)
		snprintf(s->b[i].text, sizeof(s->b[i].text), "%s", c->preset[i]);
	s->n = c->n_preset;
	vote_init(&s->vote, s->n);
	return s;
}

static void blocks_state_destroy(void *st)
{
	free(st);
}

/* Removes block i; votes for it are dropped, votes for later blocks move along. */
static void remove_block(struct blocks_state *s, int i)
{
	memmove(&s->b[i], &s->b[i + 1], sizeof(s->b[0]) * (size_t)(s->n - i - 1));
	s->n--;
	for (int seat = 1; seat <= BT_MAX_SEATS; seat++) {
		int ch = s->vote.choice[seat];
		if (ch == i + 1)
			s->vote.choice[seat] = 0;
		else if (ch > i + 1)
			s->vote.choice[seat] = ch - 1;
	}
	s->vote.n_options = s->n;
	if (s->sel >= s->n)
		s->sel = s->n > 0 ? s->n - 1 : 0;
}

static bool blocks_text(struct blocks_state *s, const struct blocks_cfg *c,
                        const struct bt_event *ev)
{
	if (bt_utf8_chars(ev->text) > BLOCK_CHARS || !ev->text[0])
		return false;
	switch (ev->key) {
	case BT_TEXT_ADD:
		if (s->n >= BLOCKS_MAX)
			return false;
		snprintf(s->b[s->n].text, sizeof(s->b[0].text), "%s", ev->text);
		s->b[s->n].gain[0] = '\0';
		s->sel = s->n;
		s->n++;
		s->vote.n_options = s->n;
		return true;
	case BT_TEXT_EDIT:
		if (ev->digit >= s->n || strcmp(s->b[ev->digit].text, ev->text) == 0)
			return false;
		snprintf(s->b[ev->digit].text, sizeof(s->b[0].text), "%s", ev->text);
		return true;
	case BT_TEXT_GREEN:
		if (!c->green || ev->digit >= s->n)
			return false;
		snprintf(s->b[ev->digit].gain, sizeof(s->b[0].gain), "%s", ev->text);
		return true;
	default:
		return false;
	}
}

static bool blocks_handle(void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                          const struct bt_event *ev)
{
	(void)ctx;
	struct blocks_state *s = st;
	const struct blocks_cfg *c = cfgp;
	if (ev->type == BT_EV_TEXT)
		return blocks_text(s, c, ev);
	if (ev->type == BT_EV_TRAINER) {
		switch (ev->key) {
		case BT_TK_ENTER:
			return s->n > 0 && vote_enter(&s->vote);
		case BT_TK_RESET:
			return vote_reset(&s->vote);
		case BT_TK_UP:
			if (s->sel == 0)
				return false;
			s->sel--;
			return true;
		case BT_TK_DOWN:
			if (s->sel + 1 >= s->n)
				return false;
			s->sel++;
			return true;
		case BT_TK_DELETE:
			if (s->n == 0)
				return false;
			remove_block(s, s->sel);
			return true;
		default:
			return false;
		}
	}
	return vote_handle_seat(&s->vote, ev);
}

static bool blocks_text_begin(const void *st, const void *cfgp, enum bt_trainer_key key,
                              struct bt_text_req *req)
{
	const struct blocks_state *s = st;
	const struct blocks_cfg *c = cfgp;
	req->max_chars = BLOCK_CHARS;
	switch (key) {
	case BT_TK_LETTER_N:
		if (s->n >= BLOCKS_MAX)
			return false;
		req->op = BT_TEXT_ADD;
		req->target = 0;
		snprintf(req->prompt, sizeof(req->prompt),
		         _("New block %d. Enter: done · Esc: stop"), s->n + 1);
		return true;
	case BT_TK_LETTER_E:
		if (s->n == 0)
			return false;
		req->op = BT_TEXT_EDIT;
		req->target = s->sel;
		snprintf(req->prefill, sizeof(req->prefill), "%s", s->b[s->sel].text);
		snprintf(req->prompt, sizeof(req->prompt), _("Edit block %d. Enter: done"),
		         s->sel + 1);
		return true;
	case BT_TK_LETTER_G:
		if (!c->green || s->n == 0)
			return false;
		req->op = BT_TEXT_GREEN;
		req->target = s->sel;
		snprintf(req->prefill, sizeof(req->prefill), "%s", s->b[s->sel].gain);
		snprintf(req->prompt, sizeof(req->prompt),
		         _("What do you gain if block %d changes? Enter: done"), s->sel + 1);
		return true;
	default:
		return false;
	}
}

/* Light fills with dark text keep 7:1; a strong band shows the kind. */
static void block_colors(const struct blocks_cfg *c, const struct block *b, struct bt_color *fill,
                         struct bt_color *band)
{
	static const struct bt_color red_fill = {0xFB, 0xE3, 0xD6, 255},
	                             red = {0xD5, 0x5E, 0x00, 255};
	static const struct bt_color green_fill = {0xDD, 0xF3, 0xE4, 255},
	                             green = {0x00, 0x9E, 0x73, 255};
	static const struct bt_color blue = {0x00, 0x72, 0xB2, 255};
	if (b->gain[0] || c->kind == KIND_GAINS) {
		*fill = green_fill;
		*band = green;
	} else if (c->kind == KIND_DRAWBACKS) {
		*fill = red_fill;
		*band = red;
	} else {
		*fill = BT_C_PANEL;
		*band = blue;
	}
}

static void blocks_view(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                        struct bt_view *v)
{
	const struct blocks_state *s = st;
	const struct blocks_cfg *c = cfgp;
	struct bt_layout L = layout_make(v);
	float u = L.u;
	layout_header(v, &L, c->icon, c->title);
	bool revealed = vote_revealed(&s->vote, ctx->seats);
	bool voting = s->vote.phase == BT_VOTE_OPEN && !revealed;

	/* the trainer's keys, small, at the top of the board; not while the group votes,
	 * when the board needs the room */
	struct bt_box hint = box_make(L.m, L.content.y, L.W - 2 * L.m, voting ? 0 : 46 * u);
	if (!voting)
		view_text(
		    v, hint,
		    c->green ? _("N: new block · E: edit · G: make green · Delete: remove · "
		                 "arrow up/down: select")
		             : _("N: new block · E: edit · Delete: remove · arrow up/down: select"),
		    BT_PX_TRAINER * u, BT_C_MUTED, BT_C_BG, BT_ALIGN_LEFT, BT_ROLE_TRAINER)
		    ->valign_center = true;
	float top = hint.y + hint.h + (voting ? 0 : 10 * u);
	float bottom =
	    voting || s->vote.phase == BT_VOTE_WAITING ? L.status.y - 10 * u : L.footer.y - 16 * u;
	if (s->vote.phase == BT_VOTE_WAITING)
		bottom = L.footer.y - 16 * u;
	struct bt_box area = box_make(L.m, top, L.W - 2 * L.m, bottom - top);
	if (s->n == 0) {
		view_icon(v,
		          box_make(area.x + area.w / 2 - 80 * u, area.y + 40 * u, 160 * u, 160 * u),
		          "pen");
		view_text(v, box_make(area.x, area.y + 220 * u, area.w, 120 * u),
		          _("No blocks yet. Say something, the trainer types it."), BT_PX_BODY * u,
		          BT_C_TEXT, BT_C_BG, BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT)
		    ->valign_center = true;
		return;
	}
	int counts[BT_MAX_SEATS + 1];
	vote_tally(&s->vote, ctx->seats, counts);
	int max = 0;
	for (int i = 1; i <= s->n; i++)
		max = counts[i] > max ? counts[i] : max;
	/* two columns on 4:3, three on wider screens, so 24 characters fit in two lines */
	int cols = s->n <= 2 ? s->n : (L.W / L.H < 1.5f || s->n == 4 ? 2 : 3);
	int rows = (s->n + cols - 1) / cols;
	float gap = 20 * u;
	float cw = (area.w - gap * (float)(cols - 1)) / (float)cols;
	float ch = fminf((area.h - gap * (float)(rows - 1)) / (float)rows, 300 * u);
	float y0 = area.y + (area.h - (ch * (float)rows + gap * (float)(rows - 1))) / 2;
	for (int i = 0; i < s->n; i++) {
		struct bt_box cell = box_make(area.x + (float)(i % cols) * (cw + gap),
		                              y0 + (float)(i / cols) * (ch + gap), cw, ch);
		/* the block grows with its votes: 86 % of its cell with none, all with the most */
		float f =
		    revealed && max > 0 ? 0.86f + 0.14f * (float)counts[i + 1] / (float)max : 0.92f;
		struct bt_box b = box_make(cell.x + cell.w * (1 - f) / 2,
		                           cell.y + cell.h * (1 - f) / 2, cell.w * f, cell.h * f);
		struct bt_color fill, band;
		block_colors(c, &s->b[i], &fill, &band);
		if (i == s->sel)
			view_rect(v, box_inset(b, -8 * u), BT_C_ACCENT, 28 * u);
		view_rect(v, b, band, 22 * u);
		struct bt_box inner = box_make(b.x + 16 * u, b.y, b.w - 16 * u, b.h);
		view_rect(v, inner, fill, 22 * u);
		float badge = 92 * u; /* its digit stays >= 56 px */
		layout_key_badge(v, box_make(inner.x + 10 * u, inner.y + 10 * u, badge, badge),
		                 i + 1, fill);
		const char *text = s->b[i].gain[0] ? s->b[i].gain : s->b[i].text;
		float tx = inner.x + badge + 18 * u;
		float right = revealed ? 80 * u : 16 * u;
		view_text(v, box_make(tx, inner.y, inner.x + inner.w - tx - right, inner.h), text,
		          BT_PX_BODY * u, BT_C_TEXT, fill, BT_ALIGN_LEFT, BT_ROLE_PARTICIPANT)
		    ->valign_center = true;
		if (revealed) {
			char num[8];
			snprintf(num, sizeof(num), "%d", counts[i + 1]);
			struct bt_item *t = view_text(
			    v,
			    box_make(inner.x + inner.w - 86 * u, inner.y + 6 * u, 76 * u, 86 * u),
			    num, BT_PX_TITLE * u, BT_C_TEXT, fill, BT_ALIGN_RIGHT,
			    BT_ROLE_PARTICIPANT);
			t->bold = true;
			t->valign_center = true;
		}
	}
	if (voting)
		layout_status_row(v, &L, ctx->seats, &s->vote, ctx->active_seat);
}

static void blocks_dump(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                        json_t *obj)
{
	(void)cfgp;
	const struct blocks_state *s = st;
	int counts[BT_MAX_SEATS + 1];
	vote_tally(&s->vote, ctx->seats, counts);
	json_t *arr = json_array();
	for (int i = 0; i < s->n; i++) {
		json_t *b = json_pack("{s:s,s:i}", "text", s->b[i].text, "votes", counts[i + 1]);
		if (s->b[i].gain[0])
			json_object_set_new(b, "gain", json_string(s->b[i].gain));
		json_array_append_new(arr, b);
	}
	json_object_set_new(obj, "blocks", arr);
	json_object_set_new(obj, "selected", json_integer(s->sel));
	json_t *votes = json_object();
	for (int i = 1; i <= BT_MAX_SEATS; i++) {
		if (!s->vote.choice[i])
			continue;
		char k[4];
		snprintf(k, sizeof(k), "%d", i);
		json_object_set_new(votes, k, json_integer(s->vote.choice[i]));
	}
	json_object_set_new(obj, "votes", votes);
}

static const struct bt_vote *blocks_vote(const void *st)
{
	return &((const struct blocks_state *)st)->vote;
}

static const char *blocks_label(const void *cfg)
{
	return ((const struct blocks_cfg *)cfg)->title;
}

const struct bt_scene_type bt_scene_type_blocks = {
    .name = "blocks",
    .label = blocks_label,
    .fields = blocks_fields,
    .parse = blocks_parse,
    .config_free = blocks_config_free,
    .state_create = blocks_state_create,
    .state_destroy = blocks_state_destroy,
    .handle = blocks_handle,
    .view = blocks_view,
    .dump = blocks_dump,
    .vote = blocks_vote,
    .text_begin = blocks_text_begin,
};
