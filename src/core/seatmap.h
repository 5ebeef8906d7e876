#ifndef BT_SEATMAP_H
#define BT_SEATMAP_H

#include <stdbool.h>

#include "event.h"

#define BT_PORT_MAX 128

/* Which keypad sits at which seat, by physical USB port (ID_PATH), so a keypad
 * replugged into the same port keeps its seat, and identical keypads never swap.
 * Saved in the data folder so bindings survive a restart. */
struct bt_seatmap {
	char port[BT_MAX_SEATS + 1][BT_PORT_MAX]; /* index = seat 1..12; "" = free */
	int max_seats;                            /* 2..12 */
};

void seatmap_init(struct bt_seatmap *m, int max_seats);
/* Seat bound to port, or 0. */
int seatmap_seat(const struct bt_seatmap *m, const char *port);
/* The seat of port, claiming the lowest free seat for a new port; 0 when full or
 * the port name does not fit. *is_new tells whether it was just claimed. */
int seatmap_claim(struct bt_seatmap *m, const char *port, bool *is_new);
/* Frees a seat; returns true when it was bound. */
bool seatmap_free(struct bt_seatmap *m, int seat);
/* Swaps the keypads of two seats (either may be free). */
bool seatmap_swap(struct bt_seatmap *m, int a, int b);
const char *seatmap_port(const struct bt_seatmap *m, int seat);
/* Writes "seat<TAB>port" lines atomically (temp file + rename), readable by the owner
 * only. Returns 0 or -errno. */
int seatmap_save(const struct bt_seatmap *m, const char *path);
/* Reads bindings; a missing file is an empty map. Bad lines are skipped and counted
 * in *skipped. Returns 0 or -errno. */
int seatmap_load(struct bt_seatmap *m, const char *path, int *skipped);

#endif
