#ifndef BT_EVDEV_DRAIN_H
#define BT_EVDEV_DRAIN_H

#include <libevdev/libevdev.h>
#include <stdbool.h>

/* Reads one device until it has nothing more, the way libevdev documents it:
 * LIBEVDEV_READ_STATUS_SYNC after a SYN_DROPPED switches to sync mode until
 * -EAGAIN, then back to normal reading. next is libevdev_next_event, or a fake in
 * tests. on_event gets every event; synced is true for the events of a re-sync,
 * which describe state (keys now down or up), not presses.
 * Returns 0 when drained, or the negative errno that means the device is gone or
 * broken (the caller closes it and never reads it again). */
typedef int (*bt_next_event_fn)(struct libevdev *dev, unsigned int flags, struct input_event *ev);
typedef void (*bt_event_fn)(void *user, const struct input_event *ev, bool synced);

int evdev_drain(struct libevdev *dev, bt_next_event_fn next, bt_event_fn on_event, void *user);

#endif
