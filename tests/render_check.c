/* Checks headless renders as a reader at 4 m would: every frame drawn (not blank),
 * text inside the screen, big enough, with 7:1 contrast against the colour that is
 * really behind it (checked in the PNG), and no two text runs on top of each other.
 * Usage: render_check [--small-ok] DIR   (every DIR/x.json with its DIR/x.png)
 * --small-ok: for odd input (every text at its longest): text the renderer shrank
 * below the minimum is listed as SMALL and counted, not failed, down to 60 % of the
 * minimum (the renderer's own floor); everything else is checked as always. */
#include <SDL.h>
#include <SDL_image.h>
#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "palette.h"

static int failures;
static bool small_ok; /* --small-ok */
static long smalls;

#define FAIL(...)                                                                                  \
	do {                                                                                       \
		printf("FAIL %s: ", name);                                                         \
		printf(__VA_ARGS__);                                                               \
		printf("\n");                                                                      \
		failures++;                                                                        \
	} while (0)

static bool parse_hex(const char *s, struct bt_color *c)
{
	unsigned r, g, b;
	if (!s || sscanf(s, "#%02x%02x%02x", &r, &g, &b) != 3)
		return false;
	*c = (struct bt_color){(uint8_t)r, (uint8_t)g, (uint8_t)b, 255};
	return true;
}

static struct bt_color pixel(SDL_Surface *s, int x, int y)
{
	Uint32 p = ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x];
	struct bt_color c;
	SDL_GetRGB(p, s->format, &c.r, &c.g, &c.b);
	c.a = 255;
	return c;
}

static bool near(struct bt_color a, struct bt_color b, int tol)
{
	return abs(a.r - b.r) <= tol && abs(a.g - b.g) <= tol && abs(a.b - b.b) <= tol;
}

/* Share of pixels in the box that have the bg colour. */
static double bg_share(SDL_Surface *s, int x, int y, int w, int h, struct bt_color bg)
{
	long hit = 0, all = 0;
	for (int j = y; j < y + h; j += 2)
		for (int i = x; i < x + w; i += 2) {
			if (i < 0 || j < 0 || i >= s->w || j >= s->h)
				continue;
			all++;
			hit += near(pixel(s, i, j), bg, 8);
		}
	return all ? (double)hit / (double)all : 0;
}

static void check_frame(const char *dir, const char *jsonname)
{
	char path[4096], name[1024];
	snprintf(name, sizeof(name), "%s", jsonname);
	snprintf(path, sizeof(path), "%s/%s", dir, jsonname);
	json_error_t err;
	json_t *root = json_load_file(path, 0, &err);
	if (!root) {
		FAIL("cannot read JSON: %s", err.text);
		return;
	}
	int W = (int)json_integer_value(json_array_get(json_object_get(root, "size"), 0));
	int H = (int)json_integer_value(json_array_get(json_object_get(root, "size"), 1));
	snprintf(path + strlen(path) - 5, 6, ".png");
	SDL_Surface *raw = IMG_Load(path);
	SDL_Surface *png = raw ? SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0) : NULL;
	SDL_FreeSurface(raw);
	if (!png) {
		FAIL("cannot read PNG %s", path);
		json_decref(root);
		return;
	}
	if (png->w != W || png->h != H)
		FAIL("PNG is %dx%d, JSON says %dx%d", png->w, png->h, W, H);
	SDL_LockSurface(png);
	bool black = strstr(name, "blank") != NULL;
	/* not blank: a real frame has many pixels away from its most common colour */
	struct bt_color c0 = pixel(png, 0, png->h / 2);
	long other = 0, all = 0;
	for (int y = 0; y < png->h; y += 4)
		for (int x = 0; x < png->w; x += 4, all++)
			other += !near(pixel(png, x, y), c0, 10);
	if (!black && other < all / 50)
		FAIL("looks blank (%ld of %ld samples differ from the background)", other, all);

	json_t *texts = json_object_get(root, "texts");
	if (!black && json_array_size(texts) == 0)
		FAIL("no text drawn");
	double min_part = floor(56.0 * H / 1080.0), min_train = floor(32.0 * H / 1080.0);
	size_t n = json_array_size(texts);
	for (size_t i = 0; i < n; i++) {
		json_t *t = json_array_get(texts, i);
		const char *text = json_string_value(json_object_get(t, "text"));
		json_t *box = json_object_get(t, "box");
		int x = (int)json_integer_value(json_array_get(box, 0));
		int y = (int)json_integer_value(json_array_get(box, 1));
		int w = (int)json_integer_value(json_array_get(box, 2));
		int h = (int)json_integer_value(json_array_get(box, 3));
		double px = (double)json_integer_value(json_object_get(t, "font_px"));
		const char *role = json_string_value(json_object_get(t, "role"));
		struct bt_color fg, bg;
		if (!text || !role ||
		    !parse_hex(json_string_value(json_object_get(t, "fg")), &fg) ||
		    !parse_hex(json_string_value(json_object_get(t, "bg")), &bg)) {
			FAIL("text run %zu is incomplete", i);
			continue;
		}
		if (x < 0 || y < 0 || x + w > W || y + h > H)
			FAIL("'%s' sticks out of the %dx%d screen at [%d,%d,%d,%d]", text, W, H, x,
			     y, w, h);
		bool trainer = strcmp(role, "trainer") == 0;
		if (!trainer && strcmp(role, "participant") != 0)
			FAIL("'%s' has unknown role %s", text, role);
		double min_px = trainer ? min_train : min_part;
		if (small_ok && px < min_px && px >= floor(0.6 * min_px)) {
			printf("SMALL %s: '%s' is %g px (%s minimum %g)\n", name, text, px, role,
			       min_px);
			smalls++;
		} else if (px < min_px)
			FAIL("'%s' is %g px, %s text needs at least %g px at %d lines", text, px,
			     role, trainer ? min_train : min_part, H);
		double ratio = palette_contrast(fg, bg);
		if (ratio < 7.0)
			FAIL("'%s' has contrast %.1f:1, needs 7:1", text, ratio);
		double share = bg_share(png, x, y, w, h, bg);
		if (share < 0.45)
			FAIL("'%s': only %.0f%% of its box has the reported background %s", text,
			     share * 100, json_string_value(json_object_get(t, "bg")));
		for (size_t k = i + 1; k < n; k++) {
			json_t *b2 = json_object_get(json_array_get(texts, k), "box");
			int x2 = (int)json_integer_value(json_array_get(b2, 0));
			int y2 = (int)json_integer_value(json_array_get(b2, 1));
			int w2 = (int)json_integer_value(json_array_get(b2, 2));
			int h2 = (int)json_integer_value(json_array_get(b2, 3));
			/* glyph boxes include line gaps: allow a small overlap */
			int ox =
			    (x < x2 + w2 && x2 < x + w) ? fmin(x + w, x2 + w2) - fmax(x, x2) : 0;
			int oy =
			    (y < y2 + h2 && y2 < y + h) ? fmin(y + h, y2 + h2) - fmax(y, y2) : 0;
			if (ox > 4 && oy > h / 4 && oy > h2 / 4)
				FAIL("'%s' overlaps '%s'", text,
				     json_string_value(
				         json_object_get(json_array_get(texts, k), "text")));
		}
	}
	SDL_UnlockSurface(png);
	SDL_FreeSurface(png);
	json_decref(root);
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	small_ok = argc == 3 && strcmp(argv[1], "--small-ok") == 0;
	if (argc != 2 + small_ok) {
		fprintf(stderr, "usage: render_check [--small-ok] DIR\n");
		return 2;
	}
	argv += small_ok;
	DIR *d = opendir(argv[1]);
	if (!d) {
		perror(argv[1]);
		return 2;
	}
	char *names[4096];
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)) && n < 4096) {
		size_t l = strlen(e->d_name);
		if (l > 5 && strcmp(e->d_name + l - 5, ".json") == 0)
			names[n++] = strdup(e->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(char *), cmp);
	int frames_failed = 0;
	for (size_t i = 0; i < n; i++) {
		int before = failures;
		check_frame(argv[1], names[i]);
		frames_failed += failures > before;
		free(names[i]);
	}
	printf("%zu passed, %d failed", n - (size_t)frames_failed, frames_failed);
	if (small_ok)
		printf(", %ld text runs below the minimum size", smalls);
	printf("\n");
	if (n == 0) {
		printf("no frames found in %s\n", argv[1]);
		return 1;
	}
	return frames_failed ? 1 : 0;
}
