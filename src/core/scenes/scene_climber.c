/* climber: de bergbeklimmer (module 2, 2.1-2.7). One picture of our own, drawn as SVG
 * in assets/climber: a background and a file per piece, stacked in the same picture
 * coordinates (1600 x 900 units). A scene names the parts it is about; the rest of the
 * picture dims and those parts stand out. The trainer steps through the parts with
 * the arrow keys up and down; the part at hand is drawn a little bigger, with its
 * label. Optionally each seat's avatar stands on the road, or in a row below. */
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

/* The picture's own units; every file in assets/climber uses them. */
#define CL_W 1600.0f
#define CL_H 900.0f
/* The background's viewBox is the square 0 -350 1600 1600: the renderer draws every
 * SVG into a square, so the picture sits in the square's middle band. */
#define CL_BG_TOP  350.0f
#define CL_BG_ICON "../climber/background"
#define CL_DIR     "../climber/"
#define CL_DIM     0.72f /* how much cream lies over the parts that are not lit */
#define CL_GROW    0.08f /* the part at hand grows by at most this much... */
#define CL_GROW_PX 26.0f /* ...and by at most this many pixels (at 1080 lines) */
#define CL_TITLE   _("The mountain climber")
#define CL_GAP     16.0f /* between the picture and the avatars */
#define CL_PAD     22.0f /* inside a label panel */
#define CL_ID_MAX  16

enum {
	P_TOP,
	P_UITRUSTING,
	P_WEGEN,
	P_RISICO,
	P_PICKNICK,
	P_GEDACHTE,
	P_UITGLIJDEN,
	P_EHBO,
	P_KLIMMER,
	P_N
};

/* A part: what a scene file names, and its label. */
struct cl_part {
	const char *id;
	const char *label;
};

/* A piece: one SVG file of a part, and the box its drawing fills (picture units). The
 * file's viewBox is the square around that box, so the renderer's square fits it.
 * A fixed piece (the long road) never grows, nor do the other pieces of its part, so
 * the roads stay joined; labels and avatars may lie on it. */
struct cl_piece {
	int part;
	const char *file;
	float x, y, w, h;
	bool fixed;
};

static const struct cl_part cl_parts[P_N] = {
    [P_TOP] = {"top", N_("Goal: the summit")},
    [P_UITRUSTING] = {"uitrusting", N_("Shoes, backpack, rope and map: self-control")},
    [P_WEGEN] = {"wegen", N_("Two roads: short in the rain or long in the sun")},
    [P_RISICO] = {"risico", N_("Hole and obstacle: risks")},
    [P_PICKNICK] = {"picknick", N_("Picnic: reward")},
    [P_GEDACHTE] = {"gedachte", N_("Power thought: I can do this!")},
    [P_UITGLIJDEN] = {"uitglijden", N_("Slipping: a misstep. Plaster: your SOS card")},
    [P_EHBO] = {"ehbo", N_("First-aid post: relapse. You are not back to square one")},
    [P_KLIMMER] = {"klimmer", N_("The climber: that is you")},
};

/* In drawing order (later pieces lie on top). Boxes measured on the drawing; see
 * assets/climber/README.md. */
static const struct cl_piece cl_pieces[] = {
    {P_WEGEN, "road", 0, 123, 1361, 768, true},
    {P_WEGEN, "fork", 581, 253, 361, 606, false},
    {P_WEGEN, "rain", 702, 334, 208, 221, false},
    {P_WEGEN, "sun", 1330, 140, 200, 192, false},
    {P_TOP, "summit", 821, 4, 358, 245, false},
    {P_UITRUSTING, "gear", 33, 599, 369, 231, false},
    {P_RISICO, "risk", 731, 717, 333, 154, false},
    {P_PICKNICK, "picnic", 1381, 723, 210, 166, false},
    {P_UITGLIJDEN, "slip", 1015, 577, 331, 162, false},
    {P_EHBO, "firstaid", 1297, 463, 154, 155, false},
    {P_KLIMMER, "climber", 395, 615, 156, 248, false},
    {P_GEDACHTE, "thought", 11, 234, 518, 399, false},
};
#define CL_PIECES ((int)(sizeof(cl_pieces) / sizeof(cl_pieces[0])))

/* Labels and avatars keep off a piece's box, or off these smaller boxes where its box
 * is mostly empty: the steep road runs across its box. */
static const struct {
	const char *file;
	struct bt_box box;
} cl_hot[] = {
    {"fork", {581, 690, 174, 169}}, /* the signpost where the roads part */
    {"fork", {664, 478, 176, 222}}, /* the steep road, lower half */
    {"fork", {784, 253, 158, 227}}, /* the steep road, upper half */
};
#define CL_HOT ((int)(sizeof(cl_hot) / sizeof(cl_hot[0])))

/* Where "Ik kan dit!" goes inside the thought cloud (SVG text does not render). */
static const struct bt_box cl_thought_text = {110, 300, 320, 230};
static const char *const cl_thought_words = N_("I can do this!");

/* Places on the road where an avatar may stand (the middle of its feet), best first:
 * the free stretches of the switchbacks, then the road at the bottom. */
static const struct {
	float x, y;
} cl_spots[] = {
    {1010, 512}, {1180, 362}, {1000, 308}, {1150, 838}, {700, 845},
    {200, 858},  {940, 638},  {1250, 757}, {1190, 462},
};
#define CL_SPOTS ((int)(sizeof(cl_spots) / sizeof(cl_spots[0])))

struct cl_cfg {
	char *title;
	int parts[P_N];
	int n_parts;
	bool climbers;
};

struct cl_state {
	int cur;       /* index into cfg->parts; -1 while the whole list is shown */
	char hint[48]; /* the trainer strip's keys, kept up to date by handle */
};

static const char *const cl_fields[] = {"titel", "delen", "klimmers", NULL};

/* --- parsing --- */

static void cl_config_free(void *p)
{
	struct cl_cfg *c = p;
	if (!c)
		return;
	free(c->title);
	free(c);
}

static int find_part(const char *id)
{
	for (int i = 0; i < P_N; i++)
		if (strcmp(cl_parts[i].id, id) == 0)
			return i;
	return -1;
}

/* Words a trainer may write for a part, only to suggest the right id. */
static const struct {
	const char *word;
	int part;
} cl_words[] = {
    {"doel", P_TOP},
    {"vlag", P_TOP},
    {"berg", P_TOP},
    {"schoenen", P_UITRUSTING},
    {"rugzak", P_UITRUSTING},
    {"touw", P_UITRUSTING},
    {"kaart", P_UITRUSTING},
    {"zelfcontrole", P_UITRUSTING},
    {"weg", P_WEGEN},
    {"regen", P_WEGEN},
    {"zon", P_WEGEN},
    {"alternatief", P_WEGEN},
    {"gat", P_RISICO},
    {"gaten", P_RISICO},
    {"obstakel", P_RISICO},
    {"dealer", P_RISICO},
    {"rots", P_RISICO},
    {"beloning", P_PICKNICK},
    {"picnic", P_PICKNICK},
    {"wolk", P_GEDACHTE},
    {"kracht", P_GEDACHTE},
    {"gedachten", P_GEDACHTE},
    {"uitglijder", P_UITGLIJDEN},
    {"keien", P_UITGLIJDEN},
    {"stenen", P_UITGLIJDEN},
    {"pleister", P_UITGLIJDEN},
    {"sos", P_UITGLIJDEN},
    {"terugval", P_EHBO},
    {"ehbo-post", P_EHBO},
    {"jij", P_KLIMMER},
};

static const char *near_part(const char *id)
{
	for (size_t i = 0; i < sizeof(cl_words) / sizeof(cl_words[0]); i++)
		if (strcasecmp(cl_words[i].word, id) == 0)
			return cl_parts[cl_words[i].part].id;
	const char *best = NULL;
	int bd = 3;
	for (int i = 0; i < P_N; i++) {
		if (strcasecmp(cl_parts[i].id, id) == 0)
			return cl_parts[i].id;
		int d = bt_edit_distance(cl_parts[i].id, id);
		if (d < bd) {
			bd = d;
			best = cl_parts[i].id;
		}
	}
	return best;
}

static void part_list(char *buf, size_t size)
{
	size_t n = 0;
	buf[0] = '\0';
	for (int i = 0; i < P_N && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? ", " : "", cl_parts[i].id);
}

static void parse_parts(struct bt_parse_ctx *pc, const struct bt_node *scene, struct cl_cfg *c)
{
	const struct bt_node *list = field_list(pc, scene, "delen", 1, P_N);
	for (size_t i = 0; list && i < list->n; i++) {
		const struct bt_node *n = list->items[i];
		const char *id = field_text_node(pc, n, CL_ID_MAX + 20, _("a part under 'delen'"));
		if (!id)
			continue;
		int k = find_part(id);
		if (k < 0) {
			char all[160];
			part_list(all, sizeof(all));
			const char *near = near_part(id);
			if (near)
				diags_add(pc->diags, pc->file, n->line,
				          _("the part '%s' does not exist. Do you mean '%s'? The "
				            "parts are: %s"),
				          id, near, all);
			else
				diags_add(pc->diags, pc->file, n->line,
				          _("the part '%s' does not exist. Choose from: %s"), id,
				          all);
			pc->failed = true;
			continue;
		}
		bool twice = false;
		for (int j = 0; j < c->n_parts; j++)
			twice |= c->parts[j] == k;
		if (twice) {
			diags_add(pc->diags, pc->file, n->line,
			          _("the part '%s' is listed twice under 'delen'. Remove one"), id);
			pc->failed = true;
			continue;
		}
		c->parts[c->n_parts++] = k;
	}
}

static void *cl_parse(struct bt_parse_ctx *pc, const struct bt_node *scene)
{
	struct cl_cfg *c = bt_xcalloc(1, sizeof(*c));
	bool before = pc->failed;
	pc->failed = false;
	const char *title = field_text(pc, scene, "titel", 45, false);
	c->title = bt_xstrdup(title ? title : CL_TITLE);
	parse_parts(pc, scene, c);
	c->climbers = field_yes_no(pc, scene, "klimmers", false);
	bool failed = pc->failed;
	pc->failed = before || failed;
	if (failed) {
		cl_config_free(c);
		return NULL;
	}
	return c;
}

/* --- state --- */

static void set_hint(struct cl_state *s, const struct cl_cfg *c)
{
	if (c->n_parts < 2)
		s->hint[0] = '\0';
	else if (s->cur < 0)
		snprintf(s->hint, sizeof(s->hint), "%s", _("Arrow down: point out a part"));
	else
		snprintf(s->hint, sizeof(s->hint), _("Arrow up/down: part %d of %d"), s->cur + 1,
		         c->n_parts);
}

static void *cl_state_create(const void *cfg)
{
	struct cl_state *s = bt_xcalloc(1, sizeof(*s));
	s->cur = -1;
	set_hint(s, cfg);
	return s;
}

static void cl_state_destroy(void *st)
{
	free(st);
}

/* Pijl omlaag: the next part; pijl omhoog: the one before. The first press of either
 * starts with the first part. R shows the whole list again. */
static bool cl_handle(void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                      const struct bt_event *ev)
{
	(void)ctx;
	struct cl_state *s = st;
	const struct cl_cfg *c = cfgp;
	if (ev->type != BT_EV_TRAINER)
		return false;
	int old = s->cur;
	switch (ev->key) {
	case BT_TK_DOWN:
		s->cur = s->cur < 0 ? 0 : s->cur + 1 < c->n_parts ? s->cur + 1 : s->cur;
		break;
	case BT_TK_UP:
		s->cur = s->cur <= 0 ? 0 : s->cur - 1;
		break;
	case BT_TK_RESET:
		s->cur = -1;
		break;
	default:
		break;
	}
	set_hint(s, c);
	return s->cur != old;
}

/* The part shown with its label, or -1. */
static int focus_part(const struct cl_state *s, const struct cl_cfg *c)
{
	if (s->cur >= 0)
		return c->parts[s->cur];
	return c->n_parts == 1 ? c->parts[0] : -1;
}

/* --- drawing --- */

/* Where the picture lies on screen: k pixels per unit. */
struct cl_geo {
	struct bt_box pic;
	float k;
};

static struct cl_geo fit(struct bt_box area)
{
	struct cl_geo g;
	g.k = fminf(area.w / CL_W, area.h / CL_H);
	float w = CL_W * g.k, h = CL_H * g.k;
	g.pic = box_make(area.x + (area.w - w) / 2, area.y + (area.h - h) / 2, w, h);
	return g;
}

static struct bt_box to_screen(const struct cl_geo *g, struct bt_box b)
{
	return box_make(g->pic.x + b.x * g->k, g->pic.y + b.y * g->k, b.w * g->k, b.h * g->k);
}

static float overlap_area(struct bt_box a, struct bt_box b)
{
	float w = fminf(a.x + a.w, b.x + b.w) - fmaxf(a.x, b.x);
	float h = fminf(a.y + a.h, b.y + b.h) - fmaxf(a.y, b.y);
	return w > 0 && h > 0 ? w * h : 0;
}

static bool overlap(struct bt_box a, struct bt_box b)
{
	return overlap_area(a, b) > 0;
}

/* A piece on screen: its drawing's box, and the square its file is drawn into;
 * grown by factor grow about its centre, moved back inside the picture if needed. */
struct cl_placed {
	struct bt_box tight, square;
	struct bt_box hot[3]; /* where a label or an avatar may not go */
	int n_hot;
};

static struct cl_placed place_piece(const struct cl_geo *g, const struct cl_piece *p, float grow)
{
	struct bt_box t = to_screen(g, box_make(p->x, p->y, p->w, p->h));
	float cx = t.x + t.w / 2, cy = t.y + t.h / 2;
	float s = fmaxf(t.w, t.h) * grow;
	t = box_make(cx - t.w * grow / 2, cy - t.h * grow / 2, t.w * grow, t.h * grow);
	float dx = 0, dy = 0;
	if (grow > 1) {
		if (t.x < g->pic.x)
			dx = g->pic.x - t.x;
		else if (t.x + t.w > g->pic.x + g->pic.w)
			dx = g->pic.x + g->pic.w - t.x - t.w;
		if (t.y < g->pic.y)
			dy = g->pic.y - t.y;
		else if (t.y + t.h > g->pic.y + g->pic.h)
			dy = g->pic.y + g->pic.h - t.y - t.h;
	}
	struct cl_placed r = {0};
	r.tight = box_make(t.x + dx, t.y + dy, t.w, t.h);
	r.square = box_make(cx - s / 2 + dx, cy - s / 2 + dy, s, s);
	if (p->fixed)
		return r;
	for (int i = 0; i < CL_HOT && r.n_hot < 3; i++) {
		if (strcmp(cl_hot[i].file, p->file) != 0)
			continue;
		struct bt_box h = to_screen(g, cl_hot[i].box);
		r.hot[r.n_hot++] = box_make(cx + (h.x - cx) * grow + dx,
		                            cy + (h.y - cy) * grow + dy, h.w * grow, h.h * grow);
	}
	if (r.n_hot == 0)
		r.hot[r.n_hot++] = r.tight;
	return r;
}

/* How much the part at hand grows: a little, and never much in pixels. */
static float grow_of(const struct cl_geo *g, int part, float u)
{
	float side = 0;
	for (int i = 0; i < CL_PIECES; i++) {
		if (cl_pieces[i].part != part)
			continue;
		if (cl_pieces[i].fixed)
			return 1;
		side = fmaxf(side, fmaxf(cl_pieces[i].w, cl_pieces[i].h) * g->k);
	}
	if (side <= 0)
		return 1;
	return 1 + fminf(CL_GROW, CL_GROW_PX * u / side);
}

static void draw_piece(struct bt_view *v, const struct cl_piece *p, struct bt_box square)
{
	char name[64];
	snprintf(name, sizeof(name), CL_DIR "%s", p->file);
	view_icon(v, square, name);
}

/* The smallest box around boxes b (n >= 1). */
static struct bt_box union_of(const struct bt_box *b, int n)
{
	struct bt_box r = b[0];
	for (int i = 1; i < n; i++) {
		float x1 = fmaxf(r.x + r.w, b[i].x + b[i].w),
		      y1 = fmaxf(r.y + r.h, b[i].y + b[i].h);
		r.x = fminf(r.x, b[i].x);
		r.y = fminf(r.y, b[i].y);
		r.w = x1 - r.x;
		r.h = y1 - r.y;
	}
	return r;
}

/* A label panel: white, the words in it. */
struct cl_label {
	struct bt_box panel, text;
	int part;
};

/* The panel for text at most max_w wide (its position still 0, 0). The font's
 * letters are about 0.48 of its height wide; reserving more keeps the renderer from
 * shrinking the words. */
static struct cl_label label_size(int part, float u, float max_w, int *lines)
{
	float px = BT_PX_BODY * u, pad = CL_PAD * u;
	float one = (float)bt_utf8_chars(_(cl_parts[part].label)) * 0.54f * px;
	float tw = fminf(one, max_w - 2 * pad);
	int n = (int)ceilf(one / tw);
	if (n > 1)
		n = (int)ceilf(one * 1.12f / tw);
	float th = (float)n * 1.3f * px;
	struct cl_label l;
	l.part = part;
	l.panel = box_make(0, 0, tw + 2 * pad, th + 2 * pad);
	l.text = box_make(pad, pad, tw, th);
	*lines = n;
	return l;
}

static void label_move(struct cl_label *l, float x, float y)
{
	l->text.x += x - l->panel.x;
	l->text.y += y - l->panel.y;
	l->panel.x = x;
	l->panel.y = y;
}

static float clampf(float v, float lo, float hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Where a label may lie over the picture (picture units): the top and bottom bands,
 * the left and right halves. */
static const struct {
	struct bt_box area;
	bool band;
	int align; /* -1 top, 0 at the part's height, 1 bottom */
} cl_label_areas[] = {
    {{16, 16, 1568, 468}, true, -1},
    {{16, 416, 1568, 468}, true, 1},
    {{16, 16, 740, 868}, false, 0},
    {{844, 16, 740, 868}, false, 0},
};

/* The label of the part at hand over the picture, where it covers least of the lit
 * pieces (and of the thought's words), with as few lines as it can. */
static struct cl_label label_over(const struct cl_geo *g, int part, float u,
                                  const struct bt_box *hot, int n_hot, struct bt_box words)
{
	struct bt_box all = union_of(hot, n_hot);
	float cx = all.x + all.w / 2, cy = all.y + all.h / 2;
	struct cl_label best = {0};
	float best_score = INFINITY;
	for (size_t c = 0; c < sizeof(cl_label_areas) / sizeof(cl_label_areas[0]); c++) {
		struct bt_box r = to_screen(g, cl_label_areas[c].area);
		/* a band may be as wide as the picture, or narrower to stay off the part */
		for (int wi = 0; wi < (cl_label_areas[c].band ? 3 : 1); wi++) {
			float max_w = wi == 0 ? r.w : wi == 1 ? r.w * 0.72f : r.w * 0.5f;
			int lines;
			struct cl_label l = label_size(part, u, max_w, &lines);
			if (l.panel.h > r.h)
				continue;
			int al = cl_label_areas[c].align;
			float y = al < 0   ? r.y
			          : al > 0 ? r.y + r.h - l.panel.h
			                   : clampf(cy - l.panel.h / 2, r.y, r.y + r.h - l.panel.h);
			/* over the part, or against the area's left or right side */
			float xs[3] = {clampf(cx - l.panel.w / 2, r.x, r.x + r.w - l.panel.w), r.x,
			               r.x + r.w - l.panel.w};
			for (int k = 0; k < 3; k++) {
				label_move(&l, xs[k], y);
				/* a line more costs as much as covering 0.2 % of the picture; over
				 * the part is a little better than at the side */
				float score = (float)lines * 0.002f * g->pic.w * g->pic.h +
				              (k ? 0.0005f * g->pic.w * g->pic.h : 0);
				for (int i = 0; i < n_hot; i++)
					score += overlap_area(l.panel, hot[i]);
				score += 0.3f * overlap_area(l.panel, words);
				if (score < best_score) {
					best_score = score;
					best = l;
				}
			}
		}
	}
	if (best_score == INFINITY) {
		/* a small picture (many seats below it) has no band tall enough: the label
		 * then lies across the top of the picture, over the part's column */
		int lines;
		best = label_size(part, u, g->pic.w, &lines);
		label_move(
		    &best,
		    clampf(cx - best.panel.w / 2, g->pic.x, g->pic.x + g->pic.w - best.panel.w),
		    g->pic.y);
	}
	return best;
}

/* The thought's words on screen, following the cloud when it is grown. */
static struct bt_box thought_box(const struct cl_geo *g, const struct cl_placed *cloud,
                                 const struct cl_piece *piece)
{
	struct bt_box base = to_screen(g, box_make(piece->x, piece->y, piece->w, piece->h));
	float sx = cloud->tight.w / base.w, sy = cloud->tight.h / base.h;
	struct bt_box t = to_screen(g, cl_thought_text);
	return box_make(cloud->tight.x + (t.x - base.x) * sx, cloud->tight.y + (t.y - base.y) * sy,
	                t.w * sx, t.h * sy);
}

static int present_seats(const struct bt_seats *seats, int *out)
{
	int n = 0;
	for (int i = 1; i <= BT_MAX_SEATS; i++)
		if (seats_present(seats, i))
			out[n++] = i;
	return n;
}

/* Everything one frame needs, computed before anything is drawn. */
struct cl_frame {
	struct cl_geo g;
	bool lit[P_N], all;
	int focus;
	struct cl_placed placed[CL_PIECES];
	struct bt_box lit_hot[CL_PIECES * 3]; /* where the lit pieces are */
	int n_lit;
	struct bt_box focus_hot[CL_PIECES * 3]; /* where the part at hand is */
	int n_focus;
	struct cl_label label;
	bool has_label;
	struct bt_box words;
	bool show_words;
	int seats[BT_MAX_SEATS], n_seats;
	struct bt_box avatars[BT_MAX_SEATS];
	bool on_road;
};

/* Places pieces, labels and the thought's words for geometry f->g. */
static void frame_place(struct cl_frame *f, float u)
{
	f->n_lit = f->n_focus = 0;
	int cloud = 0;
	for (int i = 0; i < CL_PIECES; i++) {
		const struct cl_piece *p = &cl_pieces[i];
		float grow = p->part == f->focus && !f->all ? grow_of(&f->g, f->focus, u) : 1;
		f->placed[i] = place_piece(&f->g, p, grow);
		for (int k = 0; k < f->placed[i].n_hot; k++) {
			if (f->lit[p->part] && !f->all)
				f->lit_hot[f->n_lit++] = f->placed[i].hot[k];
			if (p->part == f->focus)
				f->focus_hot[f->n_focus++] = f->placed[i].hot[k];
		}
		if (p->part == P_GEDACHTE)
			cloud = i;
	}
	f->words = thought_box(&f->g, &f->placed[cloud], &cl_pieces[cloud]);
	f->has_label = f->focus >= 0;
	if (f->has_label)
		f->label = label_over(&f->g, f->focus, u, f->focus_hot, f->n_focus, f->words);
	/* the words belong to the cloud: not on a dimmed cloud, nor under the label */
	f->show_words =
	    (f->all || f->lit[P_GEDACHTE]) && (!f->has_label || !overlap(f->label.panel, f->words));
}

/* Spots on the road for the avatars (size a), free of the lit pieces, the labels
 * and the thought's words; false when they do not all fit. */
static bool road_spots(struct cl_frame *f, float a)
{
	const struct cl_geo *g = &f->g;
	int used = 0;
	for (int i = 0; i < CL_SPOTS && used < f->n_seats; i++) {
		float x = g->pic.x + cl_spots[i].x * g->k, y = g->pic.y + cl_spots[i].y * g->k;
		struct bt_box b = box_make(x - a / 2, y - a * 0.9f, a, a);
		bool free_ = b.x >= g->pic.x && b.y >= g->pic.y &&
		             b.x + b.w <= g->pic.x + g->pic.w && b.y + b.h <= g->pic.y + g->pic.h &&
		             !overlap(b, f->words);
		for (int k = 0; free_ && k < f->n_lit; k++)
			free_ = !overlap(b, f->lit_hot[k]);
		if (free_ && f->has_label)
			free_ = !overlap(b, f->label.panel);
		for (int k = 0; free_ && k < used; k++)
			free_ = !overlap(b, f->avatars[k]);
		if (free_)
			f->avatars[used++] = b;
	}
	return used == f->n_seats;
}

static void frame_make(struct cl_frame *f, const struct cl_state *s, const struct cl_cfg *c,
                       const struct bt_scene_ctx *ctx, const struct bt_layout *L)
{
	float u = L->u;
	memset(f, 0, sizeof(*f));
	f->focus = focus_part(s, c);
	if (f->focus >= 0)
		f->lit[f->focus] = true;
	else
		for (int i = 0; i < c->n_parts; i++)
			f->lit[c->parts[i]] = true;
	f->all = true;
	for (int i = 0; i < P_N; i++)
		f->all &= f->lit[i];
	/* the picture takes the content area and the status row: nobody votes here */
	struct bt_box area = box_make(L->content.x, L->content.y, L->content.w,
	                              L->status.y + L->status.h - L->content.y);
	f->g = fit(area);
	frame_place(f, u);
	f->n_seats = c->climbers ? present_seats(ctx->seats, f->seats) : 0;
	if (f->n_seats == 0)
		return;
	float a = BT_AVATAR_MIN * u, gap = CL_GAP * u;
	f->on_road = road_spots(f, a);
	if (f->on_road)
		return;
	/* a row (or more) of avatars below a smaller picture */
	int per_row = (int)((area.w + gap) / (a + gap));
	if (per_row < 1)
		per_row = 1;
	int rows = (f->n_seats + per_row - 1) / per_row;
	f->g = fit(box_make(area.x, area.y, area.w, area.h - (float)rows * (a + gap)));
	frame_place(f, u);
	float y = f->g.pic.y + f->g.pic.h + gap;
	for (int r = 0; r < rows; r++) {
		int first = r * per_row;
		int in_row = f->n_seats - first < per_row ? f->n_seats - first : per_row;
		float w = (float)in_row * a + (float)(in_row - 1) * gap;
		float x = area.x + (area.w - w) / 2;
		for (int i = 0; i < in_row; i++)
			f->avatars[first + i] = box_make(x + (float)i * (a + gap), y, a, a);
		y += a + gap;
	}
}

static void draw_label(struct bt_view *v, const struct cl_label *l, float u)
{
	view_rect(v, box_inset(l->panel, -4 * u), BT_C_ACCENT, 22 * u);
	view_rect(v, l->panel, BT_C_PANEL, 18 * u);
	struct bt_item *t = view_text(v, l->text, _(cl_parts[l->part].label), BT_PX_BODY * u,
	                              BT_C_TEXT, BT_C_PANEL, BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT);
	t->bold = true;
	t->valign_center = true;
}

static void cl_view(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                    struct bt_view *v)
{
	const struct cl_state *s = st;
	const struct cl_cfg *c = cfgp;
	struct bt_layout L = layout_make(v);
	float u = L.u;
	layout_header(v, &L, "klimmer", c->title);
	struct cl_frame *f = bt_xcalloc(1, sizeof(*f));
	frame_make(f, s, c, ctx, &L);
	const struct cl_geo *g = &f->g;

	view_icon(v, box_make(g->pic.x, g->pic.y - CL_BG_TOP * g->k, CL_W * g->k, CL_W * g->k),
	          CL_BG_ICON);
	for (int i = 0; i < CL_PIECES; i++)
		if (!cl_pieces[i].fixed) /* a fixed piece repeats the background */
			draw_piece(v, &cl_pieces[i], place_piece(g, &cl_pieces[i], 1).square);
	if (!f->all) {
		struct bt_color veil = BT_C_BG;
		veil.a = (uint8_t)lroundf(255 * CL_DIM);
		view_rect(v, g->pic, veil, 0);
		for (int i = 0; i < CL_PIECES; i++)
			if (f->lit[cl_pieces[i].part])
				draw_piece(v, &cl_pieces[i], f->placed[i].square);
	}
	if (f->show_words) {
		struct bt_item *t =
		    view_text(v, f->words, _(cl_thought_words), BT_PX_BODY * u, BT_C_TEXT,
		              BT_C_PANEL, BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT);
		t->bold = true;
		t->valign_center = true;
	}
	for (int i = 0; i < f->n_seats; i++)
		view_avatar(v, f->avatars[i], f->seats[i], 0);
	if (f->has_label)
		draw_label(v, &f->label, u);
	free(f);
}

static const char *cl_hint(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx)
{
	(void)cfgp, (void)ctx;
	const struct cl_state *s = st;
	return s->hint[0] ? s->hint : NULL;
}

static void cl_dump(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx, json_t *obj)
{
	(void)ctx;
	const struct cl_state *s = st;
	const struct cl_cfg *c = cfgp;
	json_t *list = json_array();
	for (int i = 0; i < c->n_parts; i++)
		json_array_append_new(list, json_string(cl_parts[c->parts[i]].id));
	int focus = focus_part(s, c);
	json_object_set_new(obj, "delen", list);
	json_object_set_new(obj, "deel",
	                    focus >= 0 ? json_string(cl_parts[focus].id) : json_null());
	json_object_set_new(obj, "stap", json_integer(s->cur + 1));
	json_object_set_new(obj, "klimmers", json_boolean(c->climbers));
}

static const char *climber_label(const void *cfg)
{
	return ((const struct cl_cfg *)cfg)->title;
}

const struct bt_scene_type bt_scene_type_climber = {
    .name = "climber",
    .label = climber_label,
    .fields = cl_fields,
    .parse = cl_parse,
    .config_free = cl_config_free,
    .state_create = cl_state_create,
    .state_destroy = cl_state_destroy,
    .handle = cl_handle,
    .view = cl_view,
    .dump = cl_dump,
    .hint = cl_hint,
};
