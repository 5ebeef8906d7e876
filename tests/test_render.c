/* The renderer on a software surface: shapes cover exactly the pixels whose centre
 * is inside them, opaque and see-through colours, and render_prepare (the next
 * scene made ready while idle) draws nothing and changes no pixel of what follows. */
#include <SDL.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "palette.h"
#include "render.h"
#include "testutil.h"
#include "util.h"

#define W 400
#define H 300

struct canvas {
	SDL_Surface *surf;
	SDL_Renderer *ren;
	struct bt_render *r;
};

/* A software surface and a renderer with fonts and icons from assets_dir. */
static void canvas_open_at(struct canvas *c, const char *assets_dir)
{
	c->surf = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
	assert_non_null(c->surf);
	c->ren = SDL_CreateSoftwareRenderer(c->surf);
	assert_non_null(c->ren);
	char *err = NULL;
	c->r = render_create(c->ren, assets_dir, &err);
	if (!c->r)
		fail_msg("render_create: %s", err);
}

static void canvas_open(struct canvas *c)
{
	canvas_open_at(c, BT_TEST_SOURCE_DIR "/assets");
}

static void canvas_close(struct canvas *c)
{
	render_destroy(c->r);
	SDL_DestroyRenderer(c->ren);
	SDL_FreeSurface(c->surf);
}

static uint32_t px(const struct canvas *c, int x, int y)
{
	return ((const uint32_t *)c->surf->pixels)[y * (c->surf->pitch / 4) + x];
}

static uint32_t argb(struct bt_color k)
{
	return 0xff000000u | (uint32_t)k.r << 16 | (uint32_t)k.g << 8 | k.b;
}

/* Pixels of colour k, and whether the centre of every one lies inside box b. */
static long count(const struct canvas *c, struct bt_color k, struct bt_box b, bool *inside)
{
	long n = 0;
	*inside = true;
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++)
			if (px(c, x, y) == argb(k)) {
				n++;
				float cx = (float)x + 0.5f, cy = (float)y + 0.5f;
				if (cx < b.x || cx > b.x + b.w || cy < b.y || cy > b.y + b.h)
					*inside = false;
			}
	return n;
}

static const struct bt_color RED = {200, 30, 40, 255};
static const struct bt_color WHITE = {255, 255, 255, 255};

static void draw_one(struct canvas *c, void (*add)(struct bt_view *, struct bt_box),
                     struct bt_box b)
{
	struct bt_view v = {0};
	view_reset(&v, W, H, WHITE);
	add(&v, b);
	render_view(c->r, &v, NULL);
	SDL_RenderFlush(c->ren);
	view_free(&v);
}

static void add_rect(struct bt_view *v, struct bt_box b)
{
	view_rect(v, b, RED, 0);
}

static void add_round(struct bt_view *v, struct bt_box b)
{
	view_rect(v, b, RED, 20);
}

static void add_ellipse(struct bt_view *v, struct bt_box b)
{
	view_ellipse(v, b, RED);
}

static void test_shapes_cover_their_area(void **state)
{
	(void)state;
	struct canvas c;
	canvas_open(&c);
	bool inside;
	/* a plain rectangle: exactly its pixels */
	struct bt_box b = box_make(10, 10, 100, 50);
	draw_one(&c, add_rect, b);
	assert_int_equal(count(&c, RED, b, &inside), 100 * 50);
	assert_true(inside);
	/* rounded corners: the area of the rounded shape within 1 %, the corner pixel
	 * background, the middle of each edge filled */
	b = box_make(20.5f, 30.25f, 200, 120);
	draw_one(&c, add_round, b);
	double want = 200.0 * 120.0 - (4.0 - M_PI) * 20.0 * 20.0;
	long got = count(&c, RED, b, &inside);
	assert_true(inside);
	assert_true(fabs((double)got - want) < want * 0.01);
	assert_int_equal(px(&c, 21, 31), argb(WHITE));
	assert_int_equal(px(&c, 120, 31), argb(RED));
	assert_int_equal(px(&c, 21, 90), argb(RED));
	/* an ellipse: pi a b within 1 %, symmetric about its centre */
	b = box_make(50, 40, 300, 200);
	draw_one(&c, add_ellipse, b);
	want = M_PI * 150.0 * 100.0;
	got = count(&c, RED, b, &inside);
	assert_true(inside);
	assert_true(fabs((double)got - want) < want * 0.01);
	for (int y = 40; y < 240; y += 7)
		for (int x = 50; x < 350; x += 5)
			assert_int_equal(px(&c, x, y), px(&c, 399 - x, 279 - y));
	canvas_close(&c);
}

static void add_glass(struct bt_view *v, struct bt_box b)
{
	view_rect(v, b, (struct bt_color){0, 0, 0, 128}, 0);
}

static void test_see_through_blends(void **state)
{
	(void)state;
	struct canvas c;
	canvas_open(&c);
	draw_one(&c, add_glass, box_make(0, 0, 50, 50));
	uint32_t p = px(&c, 10, 10);
	int r = (int)(p >> 16 & 0xff);
	assert_true(r > 110 && r < 145); /* half black over white */
	assert_int_equal(px(&c, 60, 60), argb(WHITE));
	canvas_close(&c);
}

static void scene(struct bt_view *v)
{
	view_reset(v, W, H, BT_C_BG);
	view_rect(v, box_make(10, 10, 380, 120), BT_C_PANEL, 16);
	view_icon(v, box_make(20, 20, 100, 100), "applaus");
	view_text(v, box_make(130, 20, 250, 100), "Goed gedaan, allemaal!", 40, BT_C_TEXT,
	          BT_C_PANEL, BT_ALIGN_LEFT, BT_ROLE_PARTICIPANT);
	view_ellipse(v, box_make(150, 160, 100, 100), BT_C_ACCENT);
}

static void test_prepare_draws_nothing_then_the_same_frame(void **state)
{
	(void)state;
	struct canvas a, b;
	canvas_open(&a);
	canvas_open(&b);
	struct bt_view v = {0};
	scene(&v);
	SDL_FillRect(a.surf, NULL, 0xff123456u);
	render_prepare(a.r, &v);
	SDL_RenderFlush(a.ren);
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++)
			assert_int_equal(px(&a, x, y), 0xff123456u);
	/* prepared, then drawn: pixel for pixel what a cold renderer draws */
	render_view(a.r, &v, NULL);
	SDL_RenderFlush(a.ren);
	render_view(b.r, &v, NULL);
	SDL_RenderFlush(b.ren);
	long differ = 0, ink = 0;
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++) {
			differ += px(&a, x, y) != px(&b, x, y);
			ink += px(&b, x, y) != argb(BT_C_BG);
		}
	assert_int_equal(differ, 0);
	assert_true(ink > W * H / 4); /* and something was drawn at all */
	view_free(&v);
	canvas_close(&a);
	canvas_close(&b);
}

/* A picture that shows only a corner of its square is drawn in the right place and
 * size (the renderer keeps only the part that shows), and nothing around it. */
static void test_picture_with_empty_border(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char *icons = bt_xasprintf("%s/icons", dir), *fonts = bt_xasprintf("%s/fonts", dir);
	char *svg = bt_xasprintf("%s/hoek.svg", icons);
	mkdir(icons, 0700);
	assert_int_equal(symlink(BT_TEST_SOURCE_DIR "/assets/fonts", fonts), 0);
	tu_write(svg,
	         "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\">"
	         "<rect x=\"60\" y=\"20\" width=\"30\" height=\"30\" fill=\"#c81e28\"/></svg>");
	struct canvas c;
	canvas_open_at(&c, dir);
	struct bt_view v = {0};
	for (int pass = 0; pass < 2; pass++) { /* made, then from the cache */
		view_reset(&v, W, H, WHITE);
		view_icon(&v, box_make(10, 20, 200, 200), "hoek");
		render_view(c.r, &v, NULL);
		SDL_RenderFlush(c.ren);
		bool inside;
		/* the rectangle is at 60..90 x 20..50 of 100: 120..180 x 40..100 of 200 */
		long red = count(&c, RED, box_make(130, 60, 60, 60), &inside);
		assert_true(inside);
		assert_true(labs(red - 60 * 60) <= 2 * 60); /* edges may be anti-aliased */
		assert_int_equal(px(&c, 160, 90), argb(RED));
		assert_int_equal(px(&c, 50, 50), argb(WHITE));
		assert_int_equal(px(&c, 200, 200), argb(WHITE));
	}
	view_free(&v);
	canvas_close(&c);
	tu_rmtree(dir);
	free(dir);
	free(icons);
	free(fonts);
	free(svg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_shapes_cover_their_area),
	    cmocka_unit_test(test_see_through_blends),
	    cmocka_unit_test(test_prepare_draws_nothing_then_the_same_frame),
	    cmocka_unit_test(test_picture_with_empty_border),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
