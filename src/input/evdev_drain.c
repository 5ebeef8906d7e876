#include "evdev_drain.h"

#include <errno.h>

/* Upper bound of events read in one call, so one spamming keypad cannot starve
 * the others; poll reports it readable again at once. */
#define DRAIN_MAX 4096

int evdev_drain(struct libevdev *dev, bt_next_event_fn next, bt_event_fn on_event, void *user)
{
	unsigned int flags = LIBEVDEV_READ_FLAG_NORMAL;
	for (int i = 0; i < DRAIN_MAX; i++) {
		struct input_event ev;
		int rc = next(dev, flags, &ev);
		if (rc == LIBEVDEV_READ_STATUS_SUCCESS) {
			on_event(user, &ev, flags == LIBEVDEV_READ_FLAG_SYNC);
		} else if (rc == LIBEVDEV_READ_STATUS_SYNC) {
			if (flags == LIBEVDEV_READ_FLAG_SYNC) {
				on_event(user, &ev, true);
			} else {
				/* SYN_DROPPED: read the device's state delta in sync mode */
				flags = LIBEVDEV_READ_FLAG_SYNC;
			}
		} else if (rc == -EAGAIN) {
			if (flags == LIBEVDEV_READ_FLAG_SYNC) {
				flags = LIBEVDEV_READ_FLAG_NORMAL;
				continue;
			}
			return 0;
		} else if (rc == -EINTR) {
			continue;
		} else {
			return rc < 0 ? rc : -EIO;
		}
	}
	return 0;
}
