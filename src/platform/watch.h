#ifndef BT_WATCH_H
#define BT_WATCH_H

#include <SDL.h>
#include <signal.h>

/* Things from outside the window that wake the main loop: a scene update from a USB
 * stick finished (its helper wrote <data_dir>/stick/result), or someone asked for
 * a state dump with SIGUSR1. A thread sleeps in poll() on inotify and a signalfd
 * and pushes one SDL user event of the given type with code BT_WATCH_*. */
enum { BT_WATCH_STICK = 1, BT_WATCH_DUMP = 2 };

struct bt_watch;

/* Blocks the watched signals in the calling thread, so that threads started after
 * it inherit the mask and only the watch thread sees them. Call before any thread. */
void watch_block_signals(void);
/* Starts watching; NULL (and a log line) when it cannot, bergtop runs on without it. */
struct bt_watch *watch_start(const char *data_dir, Uint32 event_type);
void watch_stop(struct bt_watch *w);

#endif
