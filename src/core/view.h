#ifndef BT_VIEW_H
#define BT_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A display list: what one frame shows, in pixels, built by the core from state
 * and drawn by the render layer. Pure data, so layout is testable without SDL. */

struct bt_color {
	uint8_t r, g, b, a;
};

struct bt_box {
	float x, y, w, h;
};

enum bt_item_kind {
	BT_ITEM_RECT,    /* filled rectangle, optional rounded corners */
	BT_ITEM_ELLIPSE, /* filled ellipse inside box */
	BT_ITEM_TEXT,    /* text wrapped into box */
	BT_ITEM_ICON,    /* SVG pictogram fitted into box */
	BT_ITEM_AVATAR,  /* a seat's avatar: colour, shape and number */
	BT_ITEM_LINE,    /* thick line from (box.x, box.y) to (box.x + box.w, box.y + box.h) */
};

enum bt_role { BT_ROLE_PARTICIPANT, BT_ROLE_TRAINER };
enum bt_align { BT_ALIGN_LEFT, BT_ALIGN_CENTER, BT_ALIGN_RIGHT };

enum bt_avatar_flags {
	BT_AVATAR_DIM = 1,    /* drawn faded: absent or waiting */
	BT_AVATAR_CHECK = 2,  /* a tick badge: has answered (never what) */
	BT_AVATAR_ACTIVE = 4, /* simulation: the seat the digits go to */
	BT_AVATAR_WAVE = 8,   /* "this keypad is mine": drawn with a waving hand */
};

struct bt_item {
	enum bt_item_kind kind;
	struct bt_box box;
	struct bt_color fg; /* fill, text or line colour */
	struct bt_color bg; /* TEXT: the colour behind the text */
	float radius;       /* RECT: corner radius; LINE: thickness */
	float px;           /* TEXT: font height in pixels */
	uint8_t align;      /* TEXT: enum bt_align */
	uint8_t role;       /* TEXT: enum bt_role */
	bool bold;          /* TEXT */
	bool valign_center; /* TEXT: centre the lines vertically in box */
	uint8_t flags;      /* AVATAR: enum bt_avatar_flags */
	int seat;           /* AVATAR: 1..12 */
	char *str;          /* TEXT: text; ICON: icon name */
};

struct bt_view {
	int w, h;
	float header_reserve; /* width kept free at the right of the title band */
	struct bt_color background;
	struct bt_item *items;
	size_t n, cap;
};

/* Empties the list (keeps its memory) and sets the size and background. */
void view_reset(struct bt_view *v, int w, int h, struct bt_color background);
void view_free(struct bt_view *v);

void view_rect(struct bt_view *v, struct bt_box b, struct bt_color c, float radius);
void view_ellipse(struct bt_view *v, struct bt_box b, struct bt_color c);
void view_line(struct bt_view *v, float x1, float y1, float x2, float y2, float width,
               struct bt_color c);
void view_icon(struct bt_view *v, struct bt_box b, const char *name);
void view_avatar(struct bt_view *v, struct bt_box b, int seat, unsigned flags);
/* Adds text; bg must be the colour the caller put behind box. Returns the item. */
struct bt_item *view_text(struct bt_view *v, struct bt_box b, const char *text, float px,
                          struct bt_color fg, struct bt_color bg, enum bt_align align,
                          enum bt_role role);

/* Scale unit: one pixel of a 1080-line screen. */
static inline float view_u(const struct bt_view *v)
{
	return (float)v->h / 1080.0f;
}

struct bt_box box_make(float x, float y, float w, float h);
/* Shrinks a box by m on every side. */
struct bt_box box_inset(struct bt_box b, float m);

#endif
