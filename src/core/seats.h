#ifndef BT_SEATS_H
#define BT_SEATS_H

#include <stdbool.h>

#include "event.h"

/* Who is in the room: seat numbers only, never names. Open group: a seat joins
 * with its first key press at any moment. */
struct bt_seats {
	bool present[BT_MAX_SEATS + 1]; /* index 1..12 */
};

/* Marks seat present; returns true when it was not yet. Ignores numbers out of range. */
bool seats_join(struct bt_seats *s, int seat);
bool seats_present(const struct bt_seats *s, int seat);
int seats_count(const struct bt_seats *s);

#endif
