#include "palette.h"

#include <math.h>

#include "i18n.h"

static const struct bt_color seat_colors[12] = {
    {0xE6, 0x9F, 0x00, 255}, /* orange */
    {0x56, 0xB4, 0xE9, 255}, /* sky blue */
    {0x00, 0x9E, 0x73, 255}, /* bluish green */
    {0xF0, 0xE4, 0x42, 255}, /* yellow */
    {0x00, 0x72, 0xB2, 255}, /* blue */
    {0xD5, 0x5E, 0x00, 255}, /* vermillion */
    {0xCC, 0x79, 0xA7, 255}, /* reddish purple */
    {0x33, 0x22, 0x88, 255}, /* indigo */
    {0x44, 0xAA, 0x99, 255}, /* teal */
    {0x99, 0x99, 0x33, 255}, /* olive */
    {0x88, 0x22, 0x55, 255}, /* wine */
    {0x77, 0x77, 0x77, 255}, /* grey */
};

static const char *const shape_names[12] = {
    N_("circle"),
    N_("square"),
    N_("triangle"),
    N_("diamond"),
    N_("star"),
    N_("hexagon"),
    N_("pentagon"),
    N_("cross"),
    N_("upside-down triangle"),
    N_("octagon"),
    N_("four-pointed star"),
    N_("star of David"),
};

const struct bt_color BT_C_BG = {0xFD, 0xF6, 0xE3, 255};
const struct bt_color BT_C_TEXT = {0x1A, 0x1A, 0x1A, 255};
const struct bt_color BT_C_PANEL = {0xFF, 0xFF, 0xFF, 255};
const struct bt_color BT_C_MUTED = {0x3D, 0x3D, 0x3D, 255};
const struct bt_color BT_C_ACCENT = {0x1F, 0x3A, 0x5F, 255};
const struct bt_color BT_C_ONACCENT = {0xFF, 0xFF, 0xFF, 255};
const struct bt_color BT_C_BAR = {0x00, 0x72, 0xB2, 255};
const struct bt_color BT_C_WHITE = {0xFF, 0xFF, 0xFF, 255};
const struct bt_color BT_C_BLACK = {0x00, 0x00, 0x00, 255};
const struct bt_color BT_C_OK = {0x00, 0x7A, 0x4D, 255};
const struct bt_color BT_C_WARN = {0xFF, 0xE8, 0xB0, 255};
const struct bt_color BT_C_TRAINER_BAR = {0xEE, 0xE8, 0xD5, 255};

struct bt_color palette_seat_color(int seat)
{
	return seat_colors[(unsigned)(seat - 1) % 12];
}

enum bt_shape palette_seat_shape(int seat)
{
	return (enum bt_shape)((unsigned)(seat - 1) % 12);
}

const char *palette_shape_name(enum bt_shape s)
{
	return _(shape_names[(unsigned)s % 12]);
}

static double lin(uint8_t c)
{
	double s = c / 255.0;
	return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4);
}

static double luminance(struct bt_color c)
{
	return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

double palette_contrast(struct bt_color a, struct bt_color b)
{
	double la = luminance(a), lb = luminance(b);
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}
