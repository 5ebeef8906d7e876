#include "render.h"

#include <SDL_image.h>
#include <SDL_ttf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "palette.h"
#include "util.h"
#include "i18n.h"

#define MIN_SHRINK 0.6f /* text shrinks at most to 60 % before it is clipped */

/* Shapes are filled as runs of pixel rows (spans): SDL's software renderer fills a
 * triangle by testing every pixel of its bounding box, so a fan of thin triangles
 * across a big rounded panel cost the whole panel many times over (60 % of a frame).
 * A pixel is inside when its centre is. Rows with the same spans as the row above
 * grow the rectangles already queued, so a panel is a few rectangles, not one per row. */
struct spans {
	SDL_Rect *rects;
	size_t n, cap;
	size_t row_start; /* the rectangles of the previous row */
	int row_y;
};

/* A cache entry stays while the frame on screen or the prepared frame uses it. */
struct keep {
	bool used;  /* by the frame being drawn */
	bool ahead; /* by the last render_prepare */
};

struct text_entry {
	char *text;
	int px;
	bool bold;
	struct bt_color fg;
	SDL_Texture *tex;
	int w, h;
	struct keep keep;
};

/* How a text fits its box (font size after shrinking, the wrapped lines): measuring
 * words is a fifth of a frame, and the same text in the same box wraps the same. */
struct layout_entry {
	char *text;
	float w, h;
	int px0; /* asked size */
	bool bold;
	int px, n; /* result */
	float line_h;
	char *lines[16];
	struct keep keep;
};

struct icon_entry {
	char *name;
	int size;
	SDL_Texture *tex;
	SDL_FRect part; /* where tex lies in the picture, in fractions of its size */
	struct keep keep;
};

struct bt_render {
	SDL_Renderer *renderer;
	char *font_path[2]; /* regular, bold */
	char *icon_dir;
	/* fonts by pixel size, opened on demand */
	TTF_Font *fonts[2][400];
	struct text_entry *texts;
	size_t n_texts, cap_texts;
	struct icon_entry *icons;
	size_t n_icons, cap_icons;
	struct layout_entry *layouts;
	size_t n_layouts, cap_layouts;
	struct spans spans; /* reused by every fill: no allocation per frame */
	bool dry;           /* render_prepare: make textures, draw nothing */
	int rows;           /* the view's height: shapes are filled no lower */
};

static void layout_free(struct layout_entry *e)
{
	free(e->text);
	for (int i = 0; i < e->n; i++)
		free(e->lines[i]);
}

static TTF_Font *font_get(struct bt_render *r, int px, bool bold)
{
	if (px < 6)
		px = 6;
	if (px >= 400)
		px = 399;
	TTF_Font **f = &r->fonts[bold][px];
	if (!*f)
		*f = TTF_OpenFont(r->font_path[bold], px);
	return *f;
}

struct bt_render *render_create(SDL_Renderer *renderer, const char *assets_dir, char **err)
{
	struct bt_render *r = bt_xcalloc(1, sizeof(*r));
	r->renderer = renderer;
	r->font_path[0] = bt_xasprintf("%s/fonts/AtkinsonHyperlegible-Regular.ttf", assets_dir);
	r->font_path[1] = bt_xasprintf("%s/fonts/AtkinsonHyperlegible-Bold.ttf", assets_dir);
	r->icon_dir = bt_xasprintf("%s/icons", assets_dir);
	if (!TTF_WasInit() && TTF_Init() < 0) {
		*err = bt_xasprintf("SDL_ttf: %s", TTF_GetError());
		goto fail;
	}
	for (int b = 0; b < 2; b++) {
		if (!font_get(r, 40, b)) {
			*err = bt_xasprintf(_("font %s cannot be loaded: %s"), r->font_path[b],
			                    TTF_GetError());
			goto fail;
		}
	}
	SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
	return r;
fail:
	render_destroy(r);
	return NULL;
}

void render_destroy(struct bt_render *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_texts; i++) {
		free(r->texts[i].text);
		SDL_DestroyTexture(r->texts[i].tex);
	}
	free(r->texts);
	for (size_t i = 0; i < r->n_icons; i++) {
		free(r->icons[i].name);
		SDL_DestroyTexture(r->icons[i].tex);
	}
	free(r->icons);
	for (size_t i = 0; i < r->n_layouts; i++)
		layout_free(&r->layouts[i]);
	free(r->layouts);
	free(r->spans.rects);
	for (int b = 0; b < 2; b++)
		for (int i = 0; i < 400; i++)
			if (r->fonts[b][i])
				TTF_CloseFont(r->fonts[b][i]);
	free(r->font_path[0]);
	free(r->font_path[1]);
	free(r->icon_dir);
	free(r);
}

/* --- geometry --- */

static SDL_Color sdl_color(struct bt_color c)
{
	SDL_Color s = {c.r, c.g, c.b, c.a};
	return s;
}

static void spans_begin(struct spans *sp)
{
	sp->n = 0;
	sp->row_start = 0;
	sp->row_y = INT32_MIN;
}

/* Adds row y with k spans [x0[i], x1[i]) in pixels, left to right, not overlapping. */
static void spans_row(struct spans *sp, int y, const int *x0, const int *x1, int k)
{
	size_t prev = sp->n - sp->row_start;
	bool same = sp->row_y == y - 1 && prev == (size_t)k;
	for (int i = 0; same && i < k; i++) {
		const SDL_Rect *q = &sp->rects[sp->row_start + (size_t)i];
		same = q->x == x0[i] && q->w == x1[i] - x0[i];
	}
	if (same) {
		for (size_t i = sp->row_start; i < sp->n; i++)
			sp->rects[i].h++;
		sp->row_y = y;
		return;
	}
	bt_grow((void **)&sp->rects, &sp->cap, sp->n + (size_t)k, sizeof(*sp->rects));
	sp->row_start = sp->n;
	for (int i = 0; i < k; i++)
		sp->rects[sp->n++] = (SDL_Rect){x0[i], y, x1[i] - x0[i], 1};
	sp->row_y = y;
}

/* Opaque colours need no blending: the software renderer then fills like memset. */
static void set_color(SDL_Renderer *ren, struct bt_color c)
{
	SDL_SetRenderDrawBlendMode(ren, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
	SDL_SetRenderDrawColor(ren, c.r, c.g, c.b, c.a);
}

static void spans_fill(struct bt_render *r, struct bt_color c)
{
	if (r->spans.n == 0 || r->dry)
		return;
	set_color(r->renderer, c);
	SDL_RenderFillRects(r->renderer, r->spans.rects, (int)r->spans.n);
}

/* First pixel column whose centre is at or right of x. */
static int px_from(float x)
{
	/* far off screen (or not a number) stays a valid int */
	if (!(x > -65536.0f))
		x = -65536.0f;
	if (x > 65536.0f)
		x = 65536.0f;
	return (int)ceilf(x - 0.5f);
}

/* The rows a shape from y0 to y1 covers, only those on screen. */
static int row_begin(float y0)
{
	int b = px_from(y0);
	return b > 0 ? b : 0;
}

static int row_end(const struct bt_render *r, float y1)
{
	int e = px_from(y1);
	return e < r->rows ? e : r->rows;
}

/* Fills a simple polygon (any shape; even-odd rule). */
static void fill_poly(struct bt_render *r, const SDL_FPoint *pts, int n, struct bt_color c)
{
	if (n > 160)
		n = 160;
	float ymin = INFINITY, ymax = -INFINITY;
	for (int i = 0; i < n; i++) {
		ymin = fminf(ymin, pts[i].y);
		ymax = fmaxf(ymax, pts[i].y);
	}
	float xs[160];
	int x0[80], x1[80];
	spans_begin(&r->spans);
	int y_end = row_end(r, ymax);
	for (int y = row_begin(ymin); y < y_end; y++) {
		float ys = (float)y + 0.5f;
		int k = 0;
		for (int i = 0; i < n; i++) {
			SDL_FPoint a = pts[i], b = pts[(i + 1) % n];
			if ((a.y <= ys && ys < b.y) || (b.y <= ys && ys < a.y))
				xs[k++] = a.x + (ys - a.y) * (b.x - a.x) / (b.y - a.y);
		}
		for (int i = 1; i < k; i++) /* insertion sort: a handful of crossings */
			for (int j = i; j > 0 && xs[j - 1] > xs[j]; j--) {
				float t = xs[j];
				xs[j] = xs[j - 1];
				xs[j - 1] = t;
			}
		int m = 0;
		for (int i = 0; i + 1 < k; i += 2) {
			int a = px_from(xs[i]), b = px_from(xs[i + 1]);
			if (b > a) {
				x0[m] = a;
				x1[m] = b;
				m++;
			}
		}
		spans_row(&r->spans, y, x0, x1, m);
	}
	spans_fill(r, c);
}

/* Fills box b with its corners rounded by rx, ry (an ellipse when they are half the
 * box), row by row from the exact curve. */
static void fill_round(struct bt_render *r, struct bt_box b, float rx, float ry, struct bt_color c)
{
	spans_begin(&r->spans);
	int y_end = row_end(r, b.y + b.h);
	for (int y = row_begin(b.y); y < y_end; y++) {
		float ys = (float)y + 0.5f, inset = 0;
		float dy = ys < b.y + ry         ? b.y + ry - ys
		           : ys > b.y + b.h - ry ? ys - (b.y + b.h - ry)
		                                 : 0;
		if (dy > 0) {
			float t = dy / ry;
			inset = rx * (1 - sqrtf(fmaxf(0, 1 - t * t)));
		}
		int x0 = px_from(b.x + inset), x1 = px_from(b.x + b.w - inset);
		if (x1 > x0)
			spans_row(&r->spans, y, &x0, &x1, 1);
	}
	spans_fill(r, c);
}

static void fill_ellipse(struct bt_render *r, struct bt_box b, struct bt_color c)
{
	fill_round(r, b, b.w / 2, b.h / 2, c);
}

static void fill_rect(struct bt_render *r, struct bt_box b, struct bt_color c, float radius)
{
	if (radius < 1) {
		if (r->dry)
			return;
		set_color(r->renderer, c);
		SDL_FRect fr = {b.x, b.y, b.w, b.h};
		SDL_RenderFillRectF(r->renderer, &fr);
		return;
	}
	radius = fminf(radius, fminf(b.w, b.h) / 2);
	fill_round(r, b, radius, radius, c);
}

static void fill_line(struct bt_render *r, const struct bt_item *it)
{
	float x1 = it->box.x, y1 = it->box.y, x2 = x1 + it->box.w, y2 = y1 + it->box.h;
	float dx = x2 - x1, dy = y2 - y1, len = sqrtf(dx * dx + dy * dy);
	if (len < 0.5f)
		return;
	float nx = -dy / len * it->radius / 2, ny = dx / len * it->radius / 2;
	SDL_FPoint pts[4] = {
	    {x1 + nx, y1 + ny}, {x2 + nx, y2 + ny}, {x2 - nx, y2 - ny}, {x1 - nx, y1 - ny}};
	fill_poly(r, pts, 4, it->fg);
}

static int ellipse_points(struct bt_box b, SDL_FPoint *pts, int n)
{
	float cx = b.x + b.w / 2, cy = b.y + b.h / 2;
	for (int i = 0; i < n; i++) {
		float a = (float)i * 2.0f * (float)M_PI / (float)n;
		pts[i].x = cx + cosf(a) * b.w / 2;
		pts[i].y = cy + sinf(a) * b.h / 2;
	}
	return n;
}

/* Outline of a seat's shape inside a square of side s centred at (cx, cy). */
static int shape_points(enum bt_shape shape, float cx, float cy, float s, SDL_FPoint *pts)
{
	float R = s / 2;
	int n = 0;
	switch (shape) {
	case BT_SHAPE_CIRCLE:
		return ellipse_points(box_make(cx - R, cy - R, s, s), pts, 64);
	case BT_SHAPE_SQUARE:
		R *= 0.92f;
		pts[0] = (SDL_FPoint){cx - R, cy - R};
		pts[1] = (SDL_FPoint){cx + R, cy - R};
		pts[2] = (SDL_FPoint){cx + R, cy + R};
		pts[3] = (SDL_FPoint){cx - R, cy + R};
		return 4;
	case BT_SHAPE_CROSS: {
		float a = R * 0.42f;
		const float xy[12][2] = {{-a, -R}, {a, -R}, {a, -a}, {R, -a}, {R, a},   {a, a},
		                         {a, R},   {-a, R}, {-a, a}, {-R, a}, {-R, -a}, {-a, -a}};
		for (int i = 0; i < 12; i++)
			pts[i] = (SDL_FPoint){cx + xy[i][0], cy + xy[i][1]};
		return 12;
	}
	default:
		break;
	}
	int corners = 0;
	float inner = 0, rot = -(float)M_PI / 2;
	switch (shape) {
	case BT_SHAPE_TRIANGLE:
		corners = 3;
		cy += R * 0.15f;
		R *= 1.1f;
		break;
	case BT_SHAPE_TRIANGLE_DOWN:
		corners = 3;
		rot = (float)M_PI / 2;
		cy -= R * 0.15f;
		R *= 1.1f;
		break;
	case BT_SHAPE_DIAMOND:
		corners = 4;
		break;
	case BT_SHAPE_PENTAGON:
		corners = 5;
		break;
	case BT_SHAPE_HEXAGON:
		corners = 6;
		rot = 0;
		break;
	case BT_SHAPE_OCTAGON:
		corners = 8;
		rot = (float)M_PI / 8;
		break;
	case BT_SHAPE_STAR:
		corners = 5;
		inner = 0.62f;
		break;
	case BT_SHAPE_STAR4:
		corners = 4;
		inner = 0.55f;
		break;
	case BT_SHAPE_HEXAGRAM:
		corners = 6;
		inner = 0.66f;
		break;
	default:
		corners = 4;
		break;
	}
	for (int i = 0; i < corners; i++) {
		float a = rot + (float)i * 2 * (float)M_PI / (float)corners;
		pts[n++] = (SDL_FPoint){cx + cosf(a) * R, cy + sinf(a) * R};
		if (inner > 0) {
			float b = a + (float)M_PI / (float)corners;
			pts[n++] = (SDL_FPoint){cx + cosf(b) * R * inner, cy + sinf(b) * R * inner};
		}
	}
	return n;
}

/* --- text --- */

/* An entry this pass uses: the frame being drawn, or the one being prepared. */
static struct keep keep_now(const struct bt_render *r)
{
	return (struct keep){.used = !r->dry, .ahead = r->dry};
}

static void mark(const struct bt_render *r, struct keep *k)
{
	if (r->dry)
		k->ahead = true;
	else
		k->used = true;
}

static struct text_entry *text_get(struct bt_render *r, const char *text, int px, bool bold,
                                   struct bt_color fg)
{
	for (size_t i = 0; i < r->n_texts; i++) {
		struct text_entry *e = &r->texts[i];
		if (e->px == px && e->bold == bold && memcmp(&e->fg, &fg, sizeof(fg)) == 0 &&
		    strcmp(e->text, text) == 0) {
			mark(r, &e->keep);
			return e;
		}
	}
	TTF_Font *font = font_get(r, px, bold);
	if (!font)
		return NULL;
	SDL_Surface *surf = TTF_RenderUTF8_Blended(font, text, sdl_color(fg));
	if (!surf)
		return NULL;
	SDL_Texture *tex = SDL_CreateTextureFromSurface(r->renderer, surf);
	int w = surf->w, h = surf->h;
	SDL_FreeSurface(surf);
	if (!tex)
		return NULL;
	bt_grow((void **)&r->texts, &r->cap_texts, r->n_texts + 1, sizeof(*r->texts));
	struct text_entry *e = &r->texts[r->n_texts++];
	*e = (struct text_entry){bt_xstrdup(text), px, bold, fg, tex, w, h, keep_now(r)};
	return e;
}

static int text_width(struct bt_render *r, const char *s, int px, bool bold)
{
	int w = 0, h = 0;
	TTF_Font *f = font_get(r, px, bold);
	if (!f || TTF_SizeUTF8(f, s, &w, &h) < 0)
		return 0;
	return w;
}

/* Greedy word wrap. Returns the number of lines written to lines (each a fresh
 * string), or -1 when a single word is wider than width. */
static int wrap(struct bt_render *r, const char *text, int px, bool bold, float width, char **lines,
                int max_lines)
{
	int n = 0;
	size_t len = strlen(text);
	char *cur = bt_xcalloc(len + 1, 1);
	char *word = bt_xcalloc(len + 1, 1);
	char *trial = bt_xcalloc(2 * len + 2, 1);
	const char *p = text;
	int result = 0;
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *e = p;
		while (*e && *e != ' ' && *e != '\n')
			e++;
		memcpy(word, p, (size_t)(e - p));
		word[e - p] = '\0';
		/* a newline in the text is a line break of its own (e.g. a list of reasons) */
		bool hard = *e == '\n';
		p = hard ? e + 1 : e;
		if ((float)text_width(r, word, px, bold) > width) {
			result = -1;
			goto out;
		}
		if (cur[0])
			snprintf(trial, 2 * len + 2, "%s %s", cur, word);
		else
			snprintf(trial, 2 * len + 2, "%s", word);
		if ((float)text_width(r, trial, px, bold) <= width) {
			strcpy(cur, trial);
		} else {
			if (n == max_lines) {
				result = -1;
				goto out;
			}
			lines[n++] = bt_xstrdup(cur);
			strcpy(cur, word);
		}
		if (hard && cur[0]) {
			if (n == max_lines) {
				result = -1;
				goto out;
			}
			lines[n++] = bt_xstrdup(cur);
			cur[0] = '\0';
		}
	}
	if (cur[0]) {
		if (n == max_lines) {
			result = -1;
			goto out;
		}
		lines[n++] = bt_xstrdup(cur);
	}
	result = n;
out:
	if (result < 0)
		for (int i = 0; i < n; i++)
			free(lines[i]);
	free(cur);
	free(word);
	free(trial);
	return result;
}

/* Bytes of the longest UTF-8 prefix of s (at most len bytes) that, followed by
 * tail, is at most width wide. */
static size_t fit_prefix(struct bt_render *r, const char *s, size_t len, const char *tail, int px,
                         bool bold, float width, char *buf)
{
	size_t best = 0;
	for (size_t i = 1; i <= len; i++) {
		if (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
			continue; /* inside a character */
		memcpy(buf, s, i);
		strcpy(buf + i, tail);
		if ((float)text_width(r, buf, px, bold) > width)
			break;
		best = i;
	}
	return best;
}

/* The last resort at the smallest size: lines cut inside words where a word is too
 * wide, and "…" at the end when the lines run out. Never wider than width; always
 * at least one line. */
static int wrap_cut(struct bt_render *r, const char *text, int px, bool bold, float width,
                    char **lines, int max_lines)
{
	static const char ell[] = "\xe2\x80\xa6"; /* … */
	size_t len = strlen(text);
	char *flat = bt_xstrdup(text);
	char *buf = bt_xcalloc(len + sizeof(ell) + 1, 1);
	for (char *c = flat; *c; c++)
		if (*c == '\n')
			*c = ' ';
	const char *p = flat;
	int n = 0;
	while (n < max_lines) {
		while (*p == ' ')
			p++;
		size_t rest = strlen(p);
		if (rest == 0)
			break;
		bool last = n == max_lines - 1;
		size_t take = fit_prefix(r, p, rest, "", px, bold, width, buf);
		if (take < rest && last) {
			take = fit_prefix(r, p, rest, ell, px, bold, width, buf);
			memcpy(buf, p, take);
			strcpy(buf + take, ell);
			lines[n++] = bt_xstrdup(buf);
			break;
		}
		if (take < rest) {
			/* break at the last space of the part that fits, if there is one */
			size_t sp = take;
			while (sp > 0 && p[sp] != ' ')
				sp--;
			if (sp > 0)
				take = sp;
		}
		if (take == 0)
			take = 1; /* not even one character fits: show it anyway, never loop */
		while (take < rest && ((unsigned char)p[take] & 0xC0) == 0x80)
			take++;
		lines[n] = bt_xcalloc(take + 1, 1);
		memcpy(lines[n++], p, take);
		p += take;
	}
	if (n == 0)
		lines[n++] = bt_xstrdup("");
	free(buf);
	free(flat);
	return n;
}

static json_t *hex(struct bt_color c)
{
	char s[8];
	snprintf(s, sizeof(s), "#%02x%02x%02x", c.r, c.g, c.b);
	return json_string(s);
}

/* Fits its text into its box: shrinks until the wrapped text fits, at the floor cuts. */
static void fit(struct bt_render *r, const struct bt_item *it, struct layout_entry *e)
{
	int n = -1;
	int px = (int)lroundf(it->px);
	int min_px = (int)lroundf(it->px * MIN_SHRINK);
	float line_h = 0;
	for (; px >= min_px; px -= px > 40 ? 2 : 1) {
		TTF_Font *f = font_get(r, px, it->bold);
		if (!f)
			return;
		line_h = (float)TTF_FontLineSkip(f);
		int max_lines = (int)(it->box.h / line_h);
		if (max_lines < 1)
			max_lines = 1;
		if (max_lines > 16)
			max_lines = 16;
		n = wrap(r, it->str, px, it->bold, it->box.w, e->lines, max_lines);
		if (n >= 0)
			break;
	}
	if (n < 0) {
		/* at the floor and still too long: cut rather than run out of the box */
		px = min_px;
		TTF_Font *f = font_get(r, px, it->bold);
		if (!f)
			return;
		line_h = (float)TTF_FontLineSkip(f);
		int max_lines = (int)(it->box.h / line_h);
		max_lines = max_lines < 1 ? 1 : max_lines > 16 ? 16 : max_lines;
		n = wrap_cut(r, it->str, px, it->bold, it->box.w, e->lines, max_lines);
	}
	e->px = px;
	e->n = n < 0 ? 0 : n;
	e->line_h = line_h;
}

static const struct layout_entry *layout_get(struct bt_render *r, const struct bt_item *it)
{
	int px0 = (int)lroundf(it->px);
	for (size_t i = 0; i < r->n_layouts; i++) {
		struct layout_entry *e = &r->layouts[i];
		if (e->px0 == px0 && e->bold == it->bold && e->w == it->box.w &&
		    e->h == it->box.h && strcmp(e->text, it->str) == 0) {
			mark(r, &e->keep);
			return e;
		}
	}
	bt_grow((void **)&r->layouts, &r->cap_layouts, r->n_layouts + 1, sizeof(*r->layouts));
	struct layout_entry *e = &r->layouts[r->n_layouts++];
	*e = (struct layout_entry){.text = bt_xstrdup(it->str),
	                           .w = it->box.w,
	                           .h = it->box.h,
	                           .px0 = px0,
	                           .bold = it->bold,
	                           .keep = keep_now(r)};
	fit(r, it, e);
	return e;
}

static void draw_text(struct bt_render *r, const struct bt_item *it, json_t *report)
{
	const struct layout_entry *l = layout_get(r, it);
	int n = l->n, px = l->px;
	float line_h = l->line_h;
	char *const *lines = l->lines;
	float total = line_h * (float)n;
	float y = it->valign_center ? it->box.y + (it->box.h - total) / 2 : it->box.y;
	for (int i = 0; i < n; i++, y += line_h) {
		struct text_entry *e =
		    lines[i][0] ? text_get(r, lines[i], px, it->bold, it->fg) : NULL;
		if (e) {
			float x = it->box.x;
			if (it->align == BT_ALIGN_CENTER)
				x += (it->box.w - (float)e->w) / 2;
			else if (it->align == BT_ALIGN_RIGHT)
				x += it->box.w - (float)e->w;
			SDL_FRect dst = {roundf(x), roundf(y), (float)e->w, (float)e->h};
			if (!r->dry)
				SDL_RenderCopyF(r->renderer, e->tex, NULL, &dst);
			if (report) {
				json_t *o = json_object();
				json_object_set_new(o, "text", json_string(lines[i]));
				json_object_set_new(o, "box",
				                    json_pack("[iiii]", (int)dst.x, (int)dst.y,
				                              (int)dst.w, (int)dst.h));
				json_object_set_new(o, "font_px", json_integer(px));
				json_object_set_new(o, "fg", hex(it->fg));
				json_object_set_new(o, "bg", hex(it->bg));
				json_object_set_new(o, "role",
				                    json_string(it->role == BT_ROLE_TRAINER
				                                    ? "trainer"
				                                    : "participant"));
				json_array_append_new(report, o);
			}
		}
	}
}

/* --- icons --- */

/* A texture of s without its fully transparent border: every frame then blends only
 * the pixels that show (the climber's landscape has an empty top third). *part says
 * where the texture lies in s, as fractions of its size. */
static SDL_Texture *texture_trimmed(struct bt_render *r, SDL_Surface *s, SDL_FRect *part)
{
	const SDL_PixelFormat *f = s->format;
	*part = (SDL_FRect){0, 0, 1, 1};
	if (f->BytesPerPixel != 4 || f->Amask == 0 || s->w < 1 || s->h < 1 || SDL_MUSTLOCK(s))
		return SDL_CreateTextureFromSurface(r->renderer, s);
	int x0 = s->w, y0 = s->h, x1 = -1, y1 = -1;
	for (int y = 0; y < s->h; y++) {
		const Uint32 *row =
		    (const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * s->pitch);
		for (int x = 0; x < s->w; x++)
			if (row[x] & f->Amask) {
				x0 = x < x0 ? x : x0;
				x1 = x > x1 ? x : x1;
				y0 = y < y0 ? y : y0;
				y1 = y;
			}
	}
	if (x1 < 0) /* nothing shows: an empty texture, not a placeholder */
		x0 = y0 = x1 = y1 = 0;
	SDL_Surface *sub = SDL_CreateRGBSurfaceWithFormatFrom(
	    (Uint8 *)s->pixels + (size_t)y0 * s->pitch + (size_t)x0 * 4, x1 - x0 + 1, y1 - y0 + 1,
	    32, s->pitch, f->format);
	if (!sub)
		return SDL_CreateTextureFromSurface(r->renderer, s);
	SDL_Texture *tex = SDL_CreateTextureFromSurface(r->renderer, sub);
	SDL_FreeSurface(sub);
	*part = (SDL_FRect){(float)x0 / (float)s->w, (float)y0 / (float)s->h,
	                    (float)(x1 - x0 + 1) / (float)s->w, (float)(y1 - y0 + 1) / (float)s->h};
	return tex;
}

static struct icon_entry *icon_get(struct bt_render *r, const char *name, int size)
{
	for (size_t i = 0; i < r->n_icons; i++) {
		struct icon_entry *e = &r->icons[i];
		if (e->size == size && strcmp(e->name, name) == 0) {
			mark(r, &e->keep);
			return e;
		}
	}
	char *path = bt_xasprintf("%s/%s.svg", r->icon_dir, name);
	SDL_RWops *rw = SDL_RWFromFile(path, "rb");
	free(path);
	SDL_Texture *tex = NULL;
	SDL_FRect part = {0, 0, 1, 1};
	if (rw) {
		SDL_Surface *s = IMG_LoadSizedSVG_RW(rw, size, size);
		SDL_RWclose(rw);
		if (s) {
			tex = texture_trimmed(r, s, &part);
			SDL_FreeSurface(s);
		}
	}
	/* remember misses too, so a missing file is not read every frame */
	bt_grow((void **)&r->icons, &r->cap_icons, r->n_icons + 1, sizeof(*r->icons));
	struct icon_entry *e = &r->icons[r->n_icons++];
	*e = (struct icon_entry){bt_xstrdup(name), size, tex, part, keep_now(r)};
	return e;
}

static void draw_icon(struct bt_render *r, const struct bt_item *it)
{
	int size = (int)lroundf(fminf(it->box.w, it->box.h));
	if (size < 2)
		return;
	struct icon_entry *e = icon_get(r, it->str, size);
	float x = it->box.x + (it->box.w - (float)size) / 2,
	      y = it->box.y + (it->box.h - (float)size) / 2;
	if (!e->tex) {
		/* a visible placeholder instead of nothing */
		fill_rect(r, box_make(x, y, (float)size, (float)size), BT_C_TRAINER_BAR,
		          (float)size / 6);
		return;
	}
	float sz = (float)size;
	SDL_FRect dst = {roundf(x) + roundf(e->part.x * sz), roundf(y) + roundf(e->part.y * sz),
	                 roundf(e->part.w * sz), roundf(e->part.h * sz)};
	if (!r->dry)
		SDL_RenderCopyF(r->renderer, e->tex, NULL, &dst);
}

/* --- avatars --- */

static struct bt_color mix(struct bt_color a, struct bt_color b, float t)
{
	struct bt_color c = {(uint8_t)(a.r + (b.r - a.r) * t), (uint8_t)(a.g + (b.g - a.g) * t),
	                     (uint8_t)(a.b + (b.b - a.b) * t), 255};
	return c;
}

static void draw_avatar(struct bt_render *r, const struct bt_item *it, json_t *report)
{
	float s = fminf(it->box.w, it->box.h);
	float cx = it->box.x + it->box.w / 2, cy = it->box.y + it->box.h / 2;
	struct bt_color col = palette_seat_color(it->seat);
	if (it->flags & BT_AVATAR_DIM)
		col = mix(col, BT_C_BG, 0.6f);
	SDL_FPoint pts[130];
	if (it->flags & BT_AVATAR_ACTIVE)
		fill_ellipse(r, box_make(cx - s * 0.53f, cy - s * 0.53f, s * 1.06f, s * 1.06f),
		             BT_C_ACCENT);
	int n = shape_points(palette_seat_shape(it->seat), cx, cy, s, pts);
	fill_poly(r, pts, n, col);
	float d = s * 0.56f;
	struct bt_box disc = box_make(cx - d / 2, cy - d / 2, d, d);
	fill_ellipse(r, disc, BT_C_WHITE);
	char num[4];
	snprintf(num, sizeof(num), "%d", it->seat);
	struct bt_item t = {.kind = BT_ITEM_TEXT,
	                    .box = disc,
	                    .fg = BT_C_BLACK,
	                    .bg = BT_C_WHITE,
	                    .px = s * 0.42f,
	                    .align = BT_ALIGN_CENTER,
	                    .role = BT_ROLE_PARTICIPANT,
	                    .bold = true,
	                    .valign_center = true,
	                    .str = num};
	draw_text(r, &t, report);
	if (it->flags & BT_AVATAR_CHECK) {
		float b = s * 0.36f;
		struct bt_box bb =
		    box_make(cx + s * 0.5f - b * 0.8f, cy + s * 0.5f - b * 0.8f, b, b);
		fill_ellipse(r, box_inset(bb, -b * 0.08f), BT_C_WHITE);
		fill_ellipse(r, bb, BT_C_OK);
		struct bt_item l1 = {
		    .box = box_make(bb.x + b * 0.22f, bb.y + b * 0.52f, b * 0.2f, b * 0.2f),
		    .fg = BT_C_WHITE,
		    .radius = b * 0.13f};
		struct bt_item l2 = {
		    .box = box_make(bb.x + b * 0.42f, bb.y + b * 0.72f, b * 0.38f, -b * 0.44f),
		    .fg = BT_C_WHITE,
		    .radius = b * 0.13f};
		fill_line(r, &l1);
		fill_line(r, &l2);
	}
}

static void draw_items(struct bt_render *r, const struct bt_view *v, json_t *texts)
{
	for (size_t i = 0; i < v->n; i++) {
		const struct bt_item *it = &v->items[i];
		switch (it->kind) {
		case BT_ITEM_RECT:
			fill_rect(r, it->box, it->fg, it->radius);
			break;
		case BT_ITEM_ELLIPSE:
			fill_ellipse(r, it->box, it->fg);
			break;
		case BT_ITEM_LINE:
			fill_line(r, it);
			break;
		case BT_ITEM_TEXT:
			draw_text(r, it, texts);
			break;
		case BT_ITEM_ICON:
			draw_icon(r, it);
			break;
		case BT_ITEM_AVATAR:
			draw_avatar(r, it, texts);
			break;
		}
	}
}

static void keep_clear(struct keep *k, bool ahead)
{
	if (ahead)
		k->ahead = false;
	else
		k->used = false;
}

/* Forgets which entries the frame (ahead false) or the prepared frame (ahead true)
 * used, before a new one is drawn or prepared. */
static void keep_reset(struct bt_render *r, bool ahead)
{
	for (size_t i = 0; i < r->n_texts; i++)
		keep_clear(&r->texts[i].keep, ahead);
	for (size_t i = 0; i < r->n_icons; i++)
		keep_clear(&r->icons[i].keep, ahead);
	for (size_t i = 0; i < r->n_layouts; i++)
		keep_clear(&r->layouts[i].keep, ahead);
}

static bool kept(struct keep k)
{
	return k.used || k.ahead;
}

void render_view(struct bt_render *r, const struct bt_view *v, json_t *texts)
{
	keep_reset(r, false);
	SDL_SetRenderDrawColor(r->renderer, v->background.r, v->background.g, v->background.b, 255);
	SDL_RenderClear(r->renderer);
	r->rows = v->h;
	draw_items(r, v, texts);
	/* drop what neither this frame nor the prepared one uses: memory follows the screen */
	size_t k = 0;
	for (size_t i = 0; i < r->n_texts; i++) {
		if (kept(r->texts[i].keep)) {
			r->texts[k++] = r->texts[i];
		} else {
			free(r->texts[i].text);
			SDL_DestroyTexture(r->texts[i].tex);
		}
	}
	r->n_texts = k;
	k = 0;
	for (size_t i = 0; i < r->n_icons; i++) {
		if (kept(r->icons[i].keep)) {
			r->icons[k++] = r->icons[i];
		} else {
			free(r->icons[i].name);
			SDL_DestroyTexture(r->icons[i].tex);
		}
	}
	r->n_icons = k;
	k = 0;
	for (size_t i = 0; i < r->n_layouts; i++) {
		if (kept(r->layouts[i].keep))
			r->layouts[k++] = r->layouts[i];
		else
			layout_free(&r->layouts[i]);
	}
	r->n_layouts = k;
}

void render_prepare(struct bt_render *r, const struct bt_view *v)
{
	keep_reset(r, true);
	r->dry = true;
	r->rows = v->h;
	draw_items(r, v, NULL);
	r->dry = false;
}
