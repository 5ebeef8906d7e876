#ifndef BT_PALETTE_H
#define BT_PALETTE_H

#include "view.h"

/* Colours and shapes shared by the core's layouts and the renderer. Seat colours
 * are Okabe-Ito plus Paul Tol's colour-blind-safe set; every seat also has its own
 * shape and its number, so nobody depends on telling colours apart. */

enum bt_shape {
	BT_SHAPE_CIRCLE,
	BT_SHAPE_SQUARE,
	BT_SHAPE_TRIANGLE,
	BT_SHAPE_DIAMOND,
	BT_SHAPE_STAR,
	BT_SHAPE_HEXAGON,
	BT_SHAPE_PENTAGON,
	BT_SHAPE_CROSS,
	BT_SHAPE_TRIANGLE_DOWN,
	BT_SHAPE_OCTAGON,
	BT_SHAPE_STAR4,
	BT_SHAPE_HEXAGRAM,
};

/* Seat 1..12. */
struct bt_color palette_seat_color(int seat);
enum bt_shape palette_seat_shape(int seat);
/* Dutch name of the shape ("cirkel"), for the pairing screen and tests. */
const char *palette_shape_name(enum bt_shape s);

/* Fixed UI colours: chosen so text on them keeps 7:1 contrast. */
extern const struct bt_color BT_C_BG;       /* screen background (cream) */
extern const struct bt_color BT_C_TEXT;     /* main text */
extern const struct bt_color BT_C_PANEL;    /* cards */
extern const struct bt_color BT_C_MUTED;    /* hints: still 7:1 on BG */
extern const struct bt_color BT_C_ACCENT;   /* headings band */
extern const struct bt_color BT_C_ONACCENT; /* text on the accent band */
extern const struct bt_color BT_C_BAR;      /* result bars */
extern const struct bt_color BT_C_WHITE;
extern const struct bt_color BT_C_BLACK;
extern const struct bt_color BT_C_OK;          /* green tick */
extern const struct bt_color BT_C_WARN;        /* warning panel */
extern const struct bt_color BT_C_TRAINER_BAR; /* the strip with trainer hints */

/* WCAG contrast ratio of two opaque colours (1..21). */
double palette_contrast(struct bt_color a, struct bt_color b);

#endif
