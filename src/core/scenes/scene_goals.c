/* goals: the session's title and learning goals ("Dit leer je vandaag"). */
#include <math.h>
#include <stdlib.h>

#include "layout.h"
#include "palette.h"
#include "scene_type.h"
#include "sessiondef.h"
#include "i18n.h"

static const char *const goals_fields[] = {NULL};

/* a non-NULL config that owns nothing */
static const char goals_cfg_marker;

static void *goals_parse(struct bt_parse_ctx *pc, const struct bt_node *scene)
{
	(void)pc, (void)scene;
	return (void *)&goals_cfg_marker;
}

static void goals_config_free(void *cfg)
{
	(void)cfg;
}

static void *goals_state_create(const void *cfg)
{
	(void)cfg;
	return NULL;
}

static void goals_state_destroy(void *st)
{
	(void)st;
}

static bool goals_handle(void *st, const void *cfg, const struct bt_scene_ctx *ctx,
                         const struct bt_event *ev)
{
	(void)st, (void)cfg, (void)ctx, (void)ev;
	return false;
}

static void goals_view(const void *st, const void *cfg, const struct bt_scene_ctx *ctx,
                       struct bt_view *v)
{
	(void)st, (void)cfg;
	struct bt_layout L = layout_make(v);
	float u = L.u;
	const struct bt_session_def *d = ctx->def;
	layout_header(v, &L, "doel", d->title);
	struct bt_box area =
	    box_make(L.m, L.content.y, L.W - 2 * L.m, L.footer.y - L.content.y - 16 * u);
	struct bt_item *h =
	    view_text(v, box_make(area.x, area.y, area.w, 84 * u), _("Today you will learn:"),
	              BT_PX_TITLE * u, BT_C_TEXT, BT_C_BG, BT_ALIGN_LEFT, BT_ROLE_PARTICIPANT);
	h->bold = true;
	h->valign_center = true;
	float top = area.y + 92 * u;
	float avail = area.y + area.h - top;
	float row_h = fminf(avail / (float)d->n_goals, 170 * u);
	for (size_t i = 0; i < d->n_goals; i++) {
		struct bt_box row =
		    box_make(area.x, top + (float)i * row_h, area.w, row_h - 14 * u);
		view_rect(v, row, BT_C_PANEL, 24 * u);
		float ib = fminf(row.h - 24 * u, 90 * u);
		view_icon(v, box_make(row.x + 24 * u, row.y + (row.h - ib) / 2, ib, ib), "ster");
		float tx = row.x + 48 * u + ib;
		view_text(v, box_make(tx, row.y, row.x + row.w - tx - 24 * u, row.h), d->goals[i],
		          BT_PX_BODY * u, BT_C_TEXT, BT_C_PANEL, BT_ALIGN_LEFT, BT_ROLE_PARTICIPANT)
		    ->valign_center = true;
	}
}

static void goals_dump(const void *st, const void *cfg, const struct bt_scene_ctx *ctx, json_t *obj)
{
	(void)st, (void)cfg;
	json_object_set_new(obj, "goals", json_integer((json_int_t)ctx->def->n_goals));
}

const struct bt_scene_type bt_scene_type_goals = {
    .name = "goals",
    .fields = goals_fields,
    .parse = goals_parse,
    .config_free = goals_config_free,
    .state_create = goals_state_create,
    .state_destroy = goals_state_destroy,
    .handle = goals_handle,
    .view = goals_view,
    .dump = goals_dump,
};
