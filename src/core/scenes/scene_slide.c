/* slide: a heading with a pictogram and up to five short lines. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "palette.h"
#include "scene_type.h"
#include "util.h"
#include "i18n.h"

#define SLIDE_LINES_MAX 5
#define SLIDE_LINE_MAX  60

struct slide_line {
	char *text;
	char *icon; /* or NULL */
};

struct slide_cfg {
	char *title;
	char *icon;
	struct slide_line lines[SLIDE_LINES_MAX];
	int n_lines;
};

static const char *const slide_fields[] = {"titel", "plaatje", "regels", NULL};
static const char *const line_fields[] = {"tekst", "plaatje", NULL};

static void slide_config_free(void *p)
{
	struct slide_cfg *c = p;
	if (!c)
		return;
	for (int i = 0; i < c->n_lines; i++) {
		free(c->lines[i].text);
		free(c->lines[i].icon);
	}
	free(c->title);
	free(c->icon);
	free(c);
}

static void *slide_parse(struct bt_parse_ctx *pc, const struct bt_node *scene)
{
	struct slide_cfg *c = bt_xcalloc(1, sizeof(*c));
	bool before = pc->failed;
	pc->failed = false;
	const char *title = field_text(pc, scene, "titel", 45, true);
	const char *icon = field_icon(pc, scene, "plaatje", true);
	c->title = title ? bt_xstrdup(title) : NULL;
	c->icon = icon ? bt_xstrdup(icon) : NULL;
	const struct bt_node *lines = field_list(pc, scene, "regels", 0, SLIDE_LINES_MAX);
	for (size_t i = 0; lines && i < lines->n; i++) {
		const struct bt_node *ln = lines->items[i];
		const char *text = NULL, *licon = NULL;
		if (ln->kind == BT_NODE_MAP) {
			field_check_known(pc, ln, line_fields, NULL);
			text = field_text(pc, ln, "tekst", SLIDE_LINE_MAX, true);
			licon = field_icon(pc, ln, "plaatje", false);
		} else {
			text = field_text_node(pc, ln, SLIDE_LINE_MAX, _("a line of the slide"));
		}
		if (!text)
			continue;
		c->lines[c->n_lines].text = bt_xstrdup(text);
		c->lines[c->n_lines].icon = licon ? bt_xstrdup(licon) : NULL;
		c->n_lines++;
	}
	bool failed = pc->failed;
	pc->failed = before || failed;
	if (failed) {
		slide_config_free(c);
		return NULL;
	}
	return c;
}

static void *slide_state_create(const void *cfg)
{
	(void)cfg;
	return NULL;
}

static void slide_state_destroy(void *st)
{
	(void)st;
}

static bool slide_handle(void *st, const void *cfg, const struct bt_scene_ctx *ctx,
                         const struct bt_event *ev)
{
	(void)st, (void)cfg, (void)ctx, (void)ev;
	return false;
}

static void slide_view(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                       struct bt_view *v)
{
	(void)st, (void)ctx;
	const struct slide_cfg *c = cfgp;
	struct bt_layout L = layout_make(v);
	float u = L.u;
	layout_header(v, &L, c->icon, c->title);
	if (c->n_lines == 0)
		return;
	/* lines use the content and status areas together: a slide has no voting row */
	struct bt_box area =
	    box_make(L.m, L.content.y, L.W - 2 * L.m, L.footer.y - L.content.y - 16 * u);
	float row_h = fminf(area.h / (float)c->n_lines, 170 * u);
	float y = area.y + (area.h - row_h * (float)c->n_lines) / 2;
	for (int i = 0; i < c->n_lines; i++) {
		/* five lines that wrap to two each must still fit at 56 px on 4:3 */
		struct bt_box row = box_make(area.x, y, area.w, row_h - 6 * u);
		view_rect(v, row, BT_C_PANEL, 24 * u);
		float ib = fminf(row.h - 24 * u, 100 * u);
		float tx = row.x + 28 * u;
		if (c->lines[i].icon) {
			view_icon(v, box_make(tx, row.y + (row.h - ib) / 2, ib, ib),
			          c->lines[i].icon);
			tx += ib + 28 * u;
		} else {
			view_ellipse(
			    v, box_make(tx + 10 * u, row.y + row.h / 2 - 14 * u, 28 * u, 28 * u),
			    BT_C_ACCENT);
			tx += 70 * u;
		}
		view_text(v, box_make(tx, row.y, row.x + row.w - tx - 24 * u, row.h),
		          c->lines[i].text, BT_PX_BODY * u, BT_C_TEXT, BT_C_PANEL, BT_ALIGN_LEFT,
		          BT_ROLE_PARTICIPANT)
		    ->valign_center = true;
		y += row_h;
	}
}

static void slide_dump(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                       json_t *obj)
{
	(void)st, (void)ctx;
	const struct slide_cfg *c = cfgp;
	json_object_set_new(obj, "title", json_string(c->title));
}

static const char *slide_label(const void *cfg)
{
	return ((const struct slide_cfg *)cfg)->title;
}

const struct bt_scene_type bt_scene_type_slide = {
    .name = "slide",
    .label = slide_label,
    .fields = slide_fields,
    .parse = slide_parse,
    .config_free = slide_config_free,
    .state_create = slide_state_create,
    .state_destroy = slide_state_destroy,
    .handle = slide_handle,
    .view = slide_view,
    .dump = slide_dump,
};
