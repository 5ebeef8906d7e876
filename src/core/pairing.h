#ifndef BT_PAIRING_H
#define BT_PAIRING_H

#include "app.h"
#include "layout.h"

/* The keypads and seats screen (F2): every seat with its avatar and keypad, the
 * trainer's devices, and the trainer's corrections (free, swap, re-classify). */

/* Trainer keys while the screen is open. Returns true when it must be redrawn. */
bool pairing_handle(struct bt_app *app, const struct bt_event *ev);
void pairing_view(const struct bt_app *app, struct bt_view *v, const struct bt_layout *L);

#endif
