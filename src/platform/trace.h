#ifndef BT_TRACE_H
#define BT_TRACE_H

#include <stdint.h>

/* A timing trace for the benchmark (bench/). Only when $BERGTOP_TRACE names a file:
 * bergtop then appends one line per event, times in CLOCK_MONOTONIC nanoseconds
 * (the clock of the kernel's input time stamps and of Python's time.monotonic_ns):
 *   frame T0 T1 WHAT        drawing began at T0, the present call returned at T1;
 *                           WHAT is the scene type on screen, or menu, help, ...
 *   prepare T0 T1           the next scene's text and pictures made ahead, unseen
 *   input TEVENT TTAKEN KIND a key reached the main loop at TTAKEN; TEVENT is the
 *                           kernel's time stamp (evdev keypads and keys), 0 when
 *                           there is none (keys from the window system); KIND is
 *                           pad or trainer
 * Without the variable trace_open returns NULL and every other call returns at
 * once: no cost. Lines are written at once (a killed process keeps them). */
struct bt_trace;

struct bt_trace *trace_open(void);
void trace_close(struct bt_trace *t);
/* CLOCK_MONOTONIC now, in nanoseconds. */
uint64_t trace_now(void);
void trace_frame(struct bt_trace *t, uint64_t t0, uint64_t t1, const char *what);
void trace_prepare(struct bt_trace *t, uint64_t t0, uint64_t t1);
void trace_input(struct bt_trace *t, uint64_t event_ns, uint64_t taken_ns, const char *kind);

#endif
