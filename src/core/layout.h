#ifndef BT_LAYOUT_H
#define BT_LAYOUT_H

#include "seats.h"
#include "view.h"
#include "vote.h"

/* Shared screen regions and building blocks, in pixels of the current view.
 * Sizes scale with the screen height (u = height / 1080), widths adapt to the
 * aspect ratio (16:9, 16:10, 4:3). */

#define BT_PX_TITLE   72.0f  /* headings, participant text */
#define BT_PX_BODY    60.0f  /* body text, participant text (>= 56 at 1080p) */
#define BT_PX_TRAINER 34.0f  /* trainer hints (>= 32 at 1080p) */
#define BT_AVATAR_MIN 140.0f /* keeps the seat number >= 56 px at 1080p */

struct bt_layout {
	float u, W, H, m;
	struct bt_box header;  /* the title band */
	struct bt_box content; /* the scene's own area */
	struct bt_box status;  /* who has answered */
	struct bt_box footer;  /* trainer hints */
};

struct bt_layout layout_make(const struct bt_view *v);
/* The band at the top: pictogram and heading. */
void layout_header(struct bt_view *v, const struct bt_layout *L, const char *icon,
                   const char *title);
/* The "who has not chosen yet" row: present seats, a tick on those who chose,
 * never what they chose. Falls back to only the missing seats when space is short. */
void layout_status_row(struct bt_view *v, const struct bt_layout *L, const struct bt_seats *s,
                       const struct bt_vote *vote, int active_seat);
/* Places n cells of equal size in rows inside area; returns the cell size. cells
 * receives n square boxes, centred. Cells are at most max_size. */
float layout_grid(struct bt_box area, int n, float gap, float max_size, struct bt_box *cells);
/* A round badge with a big key number, for "press 3". */
void layout_key_badge(struct bt_view *v, struct bt_box b, int digit, struct bt_color bg);

#endif
