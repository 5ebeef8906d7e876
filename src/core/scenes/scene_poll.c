/* poll: a question with two to six options, each with a pictogram; seats press
 * the option's number. Results are counts per option, never who chose what. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "layout.h"
#include "palette.h"
#include "scene_type.h"
#include "util.h"
#include "i18n.h"

#define POLL_MAX             6
#define POLL_OPTION_MAX      24
#define POLL_OPTION_MANY_MAX 16 /* with five or six options */

struct poll_cfg {
	char *question;
	char *icon;
	char *text[POLL_MAX + 1];
	char *opt_icon[POLL_MAX + 1];
	int n;
};

struct poll_state {
	struct bt_vote vote;
};

static const char *const poll_fields[] = {"vraag", "plaatje", "opties", NULL};
static const char *const option_fields[] = {"tekst", "plaatje", NULL};

static void poll_config_free(void *p)
{
	struct poll_cfg *c = p;
	if (!c)
		return;
	for (int i = 1; i <= c->n; i++) {
		free(c->text[i]);
		free(c->opt_icon[i]);
	}
	free(c->question);
	free(c->icon);
	free(c);
}

static void *poll_parse(struct bt_parse_ctx *pc, const struct bt_node *scene)
{
	struct poll_cfg *c = bt_xcalloc(1, sizeof(*c));
	bool before = pc->failed;
	pc->failed = false;
	const char *q = field_text(pc, scene, "vraag", 60, true);
	const char *icon = field_icon(pc, scene, "plaatje", true);
	c->question = q ? bt_xstrdup(q) : NULL;
	c->icon = icon ? bt_xstrdup(icon) : NULL;
	const struct bt_node *opts = field_list(pc, scene, "opties", 2, POLL_MAX);
	for (size_t i = 0; opts && i < opts->n; i++) {
		const struct bt_node *o = opts->items[i];
		if (o->kind != BT_NODE_MAP) {
			diags_add(
			    pc->diags, pc->file, o->line,
			    _("an option has a text and a picture:  - tekst: Ja  and below it  "
			      "plaatje: ja"));
			pc->failed = true;
			continue;
		}
		field_check_known(pc, o, option_fields, NULL);
		const struct bt_node *tn = node_get(o, "tekst");
		char what[40];
		snprintf(what, sizeof(what), _("the text of option %zu"), i + 1);
		const char *t = tn ? field_text_node(pc, tn, POLL_OPTION_MAX, what)
		                   : field_text(pc, o, "tekst", POLL_OPTION_MAX, true);
		const char *oi = field_icon(pc, o, "plaatje", true);
		if (!t || !oi)
			continue;
		/* with five or six options the cards are small: the text must be short */
		if (opts->n >= 5 && bt_utf8_chars(t) > POLL_OPTION_MANY_MAX) {
			diags_add(pc->diags, pc->file, tn ? tn->line : o->line,
			          _("with %zu options an option may have at most %d characters "
			            "(this one has %zu). Make it shorter or use fewer options"),
			          opts->n, POLL_OPTION_MANY_MAX, bt_utf8_chars(t));
			pc->failed = true;
			continue;
		}
		c->n++;
		c->text[c->n] = bt_xstrdup(t);
		c->opt_icon[c->n] = bt_xstrdup(oi);
	}
	bool failed = pc->failed;
	pc->failed = before || failed;
	if (failed) {
		poll_config_free(c);
		return NULL;
	}
	return c;
}

static void *poll_state_create(const void *cfgp)
{
	const struct poll_cfg *c = cfgp;
	struct poll_state *s = bt_xcalloc(1, sizeof(*s));
	vote_init(&s->vote, c->n);
	return s;
}

static void poll_state_destroy(void *st)
{
	free(st);
}

static bool poll_handle(void *st, const void *cfg, const struct bt_scene_ctx *ctx,
                        const struct bt_event *ev)
{
	(void)cfg, (void)ctx;
	struct poll_state *s = st;
	if (ev->type == BT_EV_TRAINER && ev->key == BT_TK_ENTER)
		return vote_enter(&s->vote);
	if (ev->type == BT_EV_TRAINER && ev->key == BT_TK_RESET)
		return vote_reset(&s->vote);
	return vote_handle_seat(&s->vote, ev);
}

static void poll_view(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                      struct bt_view *v)
{
	const struct poll_state *s = st;
	const struct poll_cfg *c = cfgp;
	struct bt_layout L = layout_make(v);
	float u = L.u;
	layout_header(v, &L, c->icon, c->question);
	bool revealed = vote_revealed(&s->vote, ctx->seats);
	int counts[BT_MAX_SEATS + 1];
	vote_tally(&s->vote, ctx->seats, counts);
	int max = 1;
	for (int i = 1; i <= c->n; i++)
		max = counts[i] > max ? counts[i] : max;

	/* five or six options: three rows of two on 4:3, two rows of three on wider
	 * screens; every card is wide, with the text beside its pictogram */
	int rows, cols;
	if (c->n <= 3) {
		rows = 1;
		cols = c->n;
	} else if (c->n == 4) {
		rows = cols = 2;
	} else if (L.W / L.H < 1.7f) { /* 4:3 and 16:10 */
		cols = 2;
		rows = 3;
	} else {
		cols = 3;
		rows = 2;
	}
	float gap = 24 * u;
	/* the results need no "who has not chosen" row: the cards take most of its room,
	 * and the total goes on one line under them */
	float total_h = 84 * u;
	struct bt_box a = revealed ? box_make(L.content.x, L.content.y, L.content.w,
	                                      L.footer.y - 12 * u - total_h - L.content.y)
	                           : L.content;
	float cw = (a.w - gap * (float)(cols - 1)) / (float)cols;
	float ch = fminf((a.h - gap * (float)(rows - 1)) / (float)rows, 420 * u);
	float y0 = a.y + (a.h - (ch * (float)rows + gap * (float)(rows - 1))) / 2;
	for (int i = 1; i <= c->n; i++) {
		int r = (i - 1) / cols, k = (i - 1) % cols;
		struct bt_box card =
		    box_make(a.x + (float)k * (cw + gap), y0 + (float)r * (ch + gap), cw, ch);
		view_rect(v, card, BT_C_PANEL, 28 * u);
		float badge = 96 * u;
		layout_key_badge(v, box_make(card.x + 14 * u, card.y + 14 * u, badge, badge), i,
		                 BT_C_PANEL);
		/* wide cards put the pictogram beside the text, tall ones above it */
		bool wide = card.w > card.h * 1.6f;
		float ib = wide ? fminf(ch * 0.5f, 120 * u) : fminf(ch * 0.42f, 140 * u);
		struct bt_box tb;
		if (wide && revealed) {
			/* results: a small pictogram under the badge, the text beside both,
			 * the bar and the count along the bottom */
			float sb = fminf(card.h - badge - 80 * u, 70 * u);
			if (sb > 44 * u) /* a smaller one would only be a speck */
				view_icon(v,
				          box_make(card.x + 14 * u + (badge - sb) / 2,
				                   card.y + 18 * u + badge, sb, sb),
				          c->opt_icon[i]);
			float tx = card.x + 14 * u + badge + 20 * u;
			tb = box_make(tx, card.y + 10 * u, card.x + card.w - tx - 20 * u,
			              card.h - 104 * u);
		} else if (wide) {
			/* the pictogram tucks under the badge, so the text keeps the width */
			float ix = card.x + 14 * u + badge * 0.55f;
			view_icon(v, box_make(ix, card.y + (card.h - ib) / 2 + 18 * u, ib, ib),
			          c->opt_icon[i]);
			float tx = ix + ib + 20 * u;
			tb = box_make(tx, card.y + 10 * u, card.x + card.w - tx - 20 * u,
			              card.h - 20 * u);
		} else {
			view_icon(v, box_make(card.x + (card.w - ib) / 2, card.y + 14 * u, ib, ib),
			          c->opt_icon[i]);
			float ty = card.y + ib + 22 * u;
			tb = box_make(card.x + 16 * u, ty, card.w - 32 * u,
			              card.y + card.h - ty - (revealed ? 40 * u : 10 * u));
		}
		view_text(v, tb, c->text[i], BT_PX_BODY * u, BT_C_TEXT, BT_C_PANEL,
		          wide ? BT_ALIGN_LEFT : BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT)
		    ->valign_center = true;
		if (revealed) {
			/* the bar along the bottom, its count at its right end */
			float full = card.w - 32 * u - 110 * u;
			float bw = full * (float)counts[i] / (float)max;
			struct bt_box bar =
			    box_make(card.x + 16 * u, card.y + card.h - 52 * u, bw, 26 * u);
			view_rect(v, box_make(bar.x, bar.y, full, bar.h), BT_C_TRAINER_BAR, 13 * u);
			if (counts[i] > 0)
				view_rect(v, bar, BT_C_BAR, 13 * u);
			char num[8];
			snprintf(num, sizeof(num), "%d", counts[i]);
			struct bt_box nb = box_make(card.x + card.w - 116 * u,
			                            card.y + card.h - 92 * u, 100 * u, 86 * u);
			struct bt_item *t =
			    view_text(v, nb, num, BT_PX_TITLE * u, BT_C_TEXT, BT_C_PANEL,
			              BT_ALIGN_RIGHT, BT_ROLE_PARTICIPANT);
			t->bold = true;
			t->valign_center = true;
		}
	}
	if (!revealed)
		layout_status_row(v, &L, ctx->seats, &s->vote, ctx->active_seat);
	else {
		int total = 0;
		for (int i = 1; i <= c->n; i++)
			total += counts[i];
		char line[64];
		snprintf(line, sizeof(line),
		         total == 1 ? _("%d person chose") : _("%d people chose"), total);
		struct bt_box row =
		    box_make(L.status.x, L.footer.y - 6 * u - total_h, L.status.w, total_h);
		view_icon(v, box_make(row.x, row.y + (row.h - 70 * u) / 2, 70 * u, 70 * u),
		          "groep");
		view_text(v, box_make(row.x + 90 * u, row.y, row.w - 90 * u, row.h), line,
		          BT_PX_BODY * u, BT_C_TEXT, BT_C_BG, BT_ALIGN_LEFT, BT_ROLE_PARTICIPANT)
		    ->valign_center = true;
	}
}

static void poll_dump(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx, json_t *obj)
{
	const struct poll_state *s = st;
	const struct poll_cfg *c = cfgp;
	int counts[BT_MAX_SEATS + 1];
	vote_tally(&s->vote, ctx->seats, counts);
	json_t *tally = json_array();
	for (int i = 1; i <= c->n; i++)
		json_array_append_new(tally, json_integer(counts[i]));
	json_t *votes = json_object();
	for (int i = 1; i <= BT_MAX_SEATS; i++) {
		if (!s->vote.choice[i])
			continue;
		char k[4];
		snprintf(k, sizeof(k), "%d", i);
		json_object_set_new(votes, k, json_integer(s->vote.choice[i]));
	}
	json_object_set_new(obj, "question", json_string(c->question));
	json_object_set_new(obj, "tally", tally);
	json_object_set_new(obj, "votes", votes);
}

static const struct bt_vote *poll_vote(const void *st)
{
	return &((const struct poll_state *)st)->vote;
}

static const char *poll_label(const void *cfg)
{
	return ((const struct poll_cfg *)cfg)->question;
}

const struct bt_scene_type bt_scene_type_poll = {
    .name = "poll",
    .label = poll_label,
    .fields = poll_fields,
    .parse = poll_parse,
    .config_free = poll_config_free,
    .state_create = poll_state_create,
    .state_destroy = poll_state_destroy,
    .handle = poll_handle,
    .view = poll_view,
    .dump = poll_dump,
    .vote = poll_vote,
};
