/* keuze: the keuzemodule (2.8, 3.10). The trainer picks any scene of the module's
 * other sessions from a list on screen and runs it here, with its own state, as
 * often as wanted; K goes back to the list. Picks are trainer events, so they are
 * journaled and replay like everything else. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "layout.h"
#include "palette.h"
#include "scene_type.h"
#include "sessiondef.h"
#include "util.h"
#include "i18n.h"

#define KEUZE_MAX 300

struct keuze_cfg {
	int module;
	char *title;
};

struct entry {
	const struct bt_session_def *from;
	const struct bt_scene_def *scene;
	size_t index; /* in its session */
};

struct keuze_state {
	int sel;
	int open;      /* list index being run, -1 for the list */
	void **states; /* per list index, created when first opened */
	const struct bt_scene_type **types;
	const void **cfgs; /* the embedded scenes' configs (owned by the catalog) */
	int n_states;
};

static const char *const keuze_fields[] = {"module", "titel", NULL};

static void keuze_config_free(void *p)
{
	struct keuze_cfg *c = p;
	if (!c)
		return;
	free(c->title);
	free(c);
}

static void *keuze_parse(struct bt_parse_ctx *pc, const struct bt_node *scene)
{
	bool before = pc->failed;
	pc->failed = false;
	const char *m = field_text(pc, scene, "module", 2, true);
	const char *t = field_text(pc, scene, "titel", 45, false);
	if (m && (strlen(m) != 1 || m[0] < '1' || m[0] > '3')) {
		diags_add(pc->diags, pc->file, node_get(scene, "module")->line,
		          _("'module' must be 1, 2 or 3: the module the trainer chooses from"));
		pc->failed = true;
	}
	bool failed = pc->failed;
	pc->failed = before || failed;
	if (failed)
		return NULL;
	struct keuze_cfg *c = bt_xcalloc(1, sizeof(*c));
	c->module = m[0] - '0';
	c->title = bt_xstrdup(t ? t : _("Choice module: what shall we do again?"));
	return c;
}

/* Scenes that belong to a session's frame, not to its content. */
static bool listed(const struct bt_scene_def *d)
{
	const char *n = d->type->name;
	return strcmp(n, "checkin") && strcmp(n, "checkout") && strcmp(n, "goals") &&
	       strcmp(n, "keuze") && strcmp(n, "break");
}

/* The list, in catalog order; the same files always give the same list. */
static int entries(const struct keuze_cfg *c, const struct bt_scene_ctx *ctx, struct entry *out,
                   int max)
{
	int n = 0;
	if (!ctx->catalog)
		return 0;
	for (size_t i = 0; i < ctx->catalog->n && n < max; i++) {
		const struct bt_session_def *d = ctx->catalog->entries[i].def;
		if (!d || d->module != c->module || (ctx->def && strcmp(d->id, ctx->def->id) == 0))
			continue;
		for (size_t k = 0; k < d->n_scenes && n < max; k++) {
			if (!listed(&d->scenes[k]))
				continue;
			out[n++] = (struct entry){d, &d->scenes[k], k};
		}
	}
	return n;
}

static void *keuze_state_create(const void *cfg)
{
	(void)cfg;
	struct keuze_state *s = bt_xcalloc(1, sizeof(*s));
	s->open = -1;
	return s;
}

static void keuze_state_destroy(void *st)
{
	struct keuze_state *s = st;
	if (!s)
		return;
	for (int i = 0; i < s->n_states; i++)
		if (s->states[i])
			s->types[i]->state_destroy(s->states[i]);
	free(s->states);
	free(s->types);
	free(s->cfgs);
	free(s);
}

/* The context an embedded scene sees: the same room, its own session's text. */
static struct bt_scene_ctx inner_ctx(const struct bt_scene_ctx *ctx, const struct entry *e)
{
	struct bt_scene_ctx in = *ctx;
	in.def = e->from;
	in.checkin = NULL;
	return in;
}

static bool keuze_handle(void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                         const struct bt_event *ev)
{
	struct keuze_state *s = st;
	const struct keuze_cfg *c = cfgp;
	struct entry list[KEUZE_MAX];
	int n = entries(c, ctx, list, KEUZE_MAX);
	if (s->open >= 0 && s->open < n) {
		if (ev->type == BT_EV_TRAINER && ev->key == BT_TK_LETTER_K) {
			s->open = -1;
			return true;
		}
		struct bt_scene_ctx in = inner_ctx(ctx, &list[s->open]);
		return list[s->open].scene->type->handle(s->states[s->open],
		                                         list[s->open].scene->cfg, &in, ev);
	}
	if (ev->type != BT_EV_TRAINER || n == 0)
		return false;
	switch (ev->key) {
	case BT_TK_UP:
		if (s->sel == 0)
			return false;
		s->sel--;
		return true;
	case BT_TK_DOWN:
		if (s->sel + 1 >= n)
			return false;
		s->sel++;
		return true;
	case BT_TK_ENTER:
		if (s->sel >= n)
			return false;
		if (s->n_states < n) {
			s->states = bt_xrealloc(s->states, sizeof(void *) * (size_t)n);
			s->types = bt_xrealloc(s->types, sizeof(*s->types) * (size_t)n);
			s->cfgs = bt_xrealloc(s->cfgs, sizeof(*s->cfgs) * (size_t)n);
			memset(s->cfgs + s->n_states, 0,
			       sizeof(*s->cfgs) * (size_t)(n - s->n_states));
			memset(s->states + s->n_states, 0,
			       sizeof(void *) * (size_t)(n - s->n_states));
			memset(s->types + s->n_states, 0,
			       sizeof(*s->types) * (size_t)(n - s->n_states));
			s->n_states = n;
		}
		if (!s->states[s->sel]) {
			s->types[s->sel] = list[s->sel].scene->type;
			s->cfgs[s->sel] = list[s->sel].scene->cfg;
			s->states[s->sel] = s->types[s->sel]->state_create(list[s->sel].scene->cfg);
		}
		s->open = s->sel;
		return true;
	default:
		return false;
	}
}

static void describe(const struct entry *e, char *out, size_t n)
{
	const char *label = e->scene->type->label ? e->scene->type->label(e->scene->cfg) : NULL;
	/* a scene without a heading of its own is named by its place, never by the
	 * English type name */
	char place[32];
	snprintf(place, sizeof(place), _("exercise %zu"), e->index + 1);
	snprintf(out, n, "%s  %s — %s", e->from->id, e->from->title,
	         label && label[0] ? label : place);
}

static void keuze_view(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                       struct bt_view *v)
{
	const struct keuze_state *s = st;
	const struct keuze_cfg *c = cfgp;
	struct entry list[KEUZE_MAX];
	int n = entries(c, ctx, list, KEUZE_MAX);
	if (s->open >= 0 && s->open < n) {
		struct bt_scene_ctx in = inner_ctx(ctx, &list[s->open]);
		list[s->open].scene->type->view(s->states[s->open], list[s->open].scene->cfg, &in,
		                                v);
		return;
	}
	struct bt_layout L = layout_make(v);
	float u = L.u;
	layout_header(v, &L, "kaart", c->title);
	struct bt_box area =
	    box_make(L.m, L.content.y, L.W - 2 * L.m, L.footer.y - L.content.y - 16 * u);
	if (n == 0) {
		view_text(v, area, _("There are no other sessions of this module yet."),
		          BT_PX_BODY * u, BT_C_TEXT, BT_C_BG, BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT)
		    ->valign_center = true;
		return;
	}
	float row = 70 * u;
	int visible = (int)(area.h / row);
	int first = s->sel - visible / 2;
	if (first > n - visible)
		first = n - visible;
	if (first < 0)
		first = 0;
	for (int i = first; i < n && i < first + visible; i++) {
		struct bt_box b =
		    box_make(area.x, area.y + (float)(i - first) * row, area.w, row - 8 * u);
		bool sel = i == s->sel;
		struct bt_color bg = sel ? BT_C_ACCENT : BT_C_PANEL;
		view_rect(v, b, bg, 14 * u);
		bool done = i < s->n_states && s->states[i];
		view_icon(v, box_make(b.x + 12 * u, b.y + 8 * u, b.h - 16 * u, b.h - 16 * u),
		          done ? "ja" : "boek");
		char line[200];
		describe(&list[i], line, sizeof(line));
		view_text(v, box_make(b.x + b.h + 20 * u, b.y, b.w - b.h - 30 * u, b.h), line,
		          40 * u, sel ? BT_C_ONACCENT : BT_C_TEXT, bg, BT_ALIGN_LEFT,
		          BT_ROLE_TRAINER)
		    ->valign_center = true;
	}
}

static const struct bt_vote *keuze_vote(const void *st)
{
	const struct keuze_state *s = st;
	if (s->open < 0 || s->open >= s->n_states || !s->states[s->open] ||
	    !s->types[s->open]->vote)
		return NULL;
	return s->types[s->open]->vote(s->states[s->open]);
}

static const char *keuze_hint(const void *st, const void *cfg, const struct bt_scene_ctx *ctx)
{
	(void)cfg, (void)ctx;
	const struct keuze_state *s = st;
	return s->open >= 0 ? _("K: back to the list") : _("Arrows up/down · Enter: do it");
}

static int keuze_next_wakeup(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx)
{
	const struct keuze_state *s = st;
	struct entry list[KEUZE_MAX];
	int n = entries(cfgp, ctx, list, KEUZE_MAX);
	if (s->open < 0 || s->open >= n || !list[s->open].scene->type->next_wakeup)
		return -1;
	struct bt_scene_ctx in = inner_ctx(ctx, &list[s->open]);
	return list[s->open].scene->type->next_wakeup(s->states[s->open], list[s->open].scene->cfg,
	                                              &in);
}

static void keuze_dump(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                       json_t *obj)
{
	const struct keuze_state *s = st;
	struct entry list[KEUZE_MAX];
	int n = entries(cfgp, ctx, list, KEUZE_MAX);
	json_object_set_new(obj, "selected", json_integer(s->sel));
	json_object_set_new(obj, "choices", json_integer(n));
	if (s->open >= 0 && s->open < n) {
		json_t *in = json_object();
		json_object_set_new(in, "session", json_string(list[s->open].from->id));
		json_object_set_new(in, "scene", json_integer((json_int_t)list[s->open].index));
		json_object_set_new(in, "type", json_string(list[s->open].scene->type->name));
		struct bt_scene_ctx ictx = inner_ctx(ctx, &list[s->open]);
		list[s->open].scene->type->dump(s->states[s->open], list[s->open].scene->cfg, &ictx,
		                                in);
		json_object_set_new(obj, "open", in);
	}
}

static bool keuze_text_begin(const void *st, const void *cfgp, enum bt_trainer_key key,
                             struct bt_text_req *req)
{
	(void)cfgp;
	const struct keuze_state *s = st;
	if (s->open < 0 || s->open >= s->n_states || !s->states[s->open] ||
	    !s->types[s->open]->text_begin)
		return false;
	return s->types[s->open]->text_begin(s->states[s->open], s->cfgs[s->open], key, req);
}

const struct bt_scene_type bt_scene_type_keuze = {
    .name = "keuze",
    .fields = keuze_fields,
    .parse = keuze_parse,
    .config_free = keuze_config_free,
    .state_create = keuze_state_create,
    .state_destroy = keuze_state_destroy,
    .handle = keuze_handle,
    .view = keuze_view,
    .dump = keuze_dump,
    .vote = keuze_vote,
    .next_wakeup = keuze_next_wakeup,
    .hint = keuze_hint,
    .text_begin = keuze_text_begin,
};
