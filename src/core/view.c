#include "view.h"

#include <stdlib.h>

#include "util.h"

void view_reset(struct bt_view *v, int w, int h, struct bt_color background)
{
	for (size_t i = 0; i < v->n; i++)
		free(v->items[i].str);
	v->n = 0;
	v->header_reserve = 0;
	v->w = w;
	v->h = h;
	v->background = background;
}

void view_free(struct bt_view *v)
{
	if (!v)
		return;
	view_reset(v, 0, 0, v->background);
	free(v->items);
	v->items = NULL;
	v->cap = 0;
}

static struct bt_item *push(struct bt_view *v, enum bt_item_kind kind, struct bt_box b)
{
	bt_grow((void **)&v->items, &v->cap, v->n + 1, sizeof(*v->items));
	struct bt_item *it = &v->items[v->n++];
	*it = (struct bt_item){.kind = kind, .box = b};
	return it;
}

void view_rect(struct bt_view *v, struct bt_box b, struct bt_color c, float radius)
{
	struct bt_item *it = push(v, BT_ITEM_RECT, b);
	it->fg = c;
	it->radius = radius;
}

void view_ellipse(struct bt_view *v, struct bt_box b, struct bt_color c)
{
	push(v, BT_ITEM_ELLIPSE, b)->fg = c;
}

void view_line(struct bt_view *v, float x1, float y1, float x2, float y2, float width,
               struct bt_color c)
{
	struct bt_item *it = push(v, BT_ITEM_LINE, box_make(x1, y1, x2 - x1, y2 - y1));
	it->fg = c;
	it->radius = width;
}

void view_icon(struct bt_view *v, struct bt_box b, const char *name)
{
	push(v, BT_ITEM_ICON, b)->str = bt_xstrdup(name);
}

void view_avatar(struct bt_view *v, struct bt_box b, int seat, unsigned flags)
{
	struct bt_item *it = push(v, BT_ITEM_AVATAR, b);
	it->seat = seat;
	it->flags = (uint8_t)flags;
}

struct bt_item *view_text(struct bt_view *v, struct bt_box b, const char *text, float px,
                          struct bt_color fg, struct bt_color bg, enum bt_align align,
                          enum bt_role role)
{
	struct bt_item *it = push(v, BT_ITEM_TEXT, b);
	it->str = bt_xstrdup(text);
	it->px = px;
	it->fg = fg;
	it->bg = bg;
	it->align = (uint8_t)align;
	it->role = (uint8_t)role;
	return it;
}

struct bt_box box_make(float x, float y, float w, float h)
{
	struct bt_box b = {x, y, w, h};
	return b;
}

struct bt_box box_inset(struct bt_box b, float m)
{
	return box_make(b.x + m, b.y + m, b.w - 2 * m, b.h - 2 * m);
}
