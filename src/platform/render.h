#ifndef BT_RENDER_H
#define BT_RENDER_H

#include <SDL.h>
#include <jansson.h>

#include "view.h"

/* Draws a display list with an SDL renderer: text through SDL_ttf (wrapped and
 * cached), pictograms as SVG rasterised at the exact size (cached), shapes as
 * triangle geometry. Resolution independent: the view already holds pixels. */
struct bt_render;

/* assets_dir holds fonts/ and icons/. Returns NULL with *err (caller frees). */
struct bt_render *render_create(SDL_Renderer *renderer, const char *assets_dir, char **err);
void render_destroy(struct bt_render *r);
/* Draws v. When texts is a JSON array, every text run drawn is appended to it as
 * {text, box, font_px, fg, bg, role}. Cache entries unused by this frame and by the
 * prepared one are freed. */
void render_view(struct bt_render *r, const struct bt_view *v, json_t *texts);
/* Makes the text and pictures of v ready without drawing anything, so that drawing v
 * later is as quick as a redraw. They stay until the next render_prepare (plus as long
 * as frames use them): the cache holds at most the screen and one prepared frame. */
void render_prepare(struct bt_render *r, const struct bt_view *v);

#endif
