#ifndef BT_INPUT_THREAD_H
#define BT_INPUT_THREAD_H

#include <SDL.h>

#include "input.h"

/* Runs the input layer in its own thread so the SDL main loop can sleep in
 * SDL_WaitEvent: the thread sleeps in poll() on the devices, queues messages and
 * wakes the main loop with an SDL user event. The main thread owns all app state;
 * the thread owns all devices. */
struct bt_input_thread;

struct bt_input_thread *input_thread_start(const struct bt_input_options *opt, Uint32 wake_event);
void input_thread_stop(struct bt_input_thread *t);
/* Moves up to max queued messages into out (main thread). Returns how many. */
int input_thread_take(struct bt_input_thread *t, struct bt_input_msg *out, int max);
/* Requests for the devices, carried out by the thread. */
void input_thread_blink(struct bt_input_thread *t, const char *port);
void input_thread_reclassify(struct bt_input_thread *t, const char *port, enum bt_dev_class cls);

#endif
