#ifndef BT_INPUT_H
#define BT_INPUT_H

#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "app.h"
#include "keypad.h"

/* The only code that includes libevdev and libudev. Finds input devices (and new
 * ones while running), classifies them, reads each readable device completely,
 * re-syncs after SYN_DROPPED, drops a device on any read error, grabs participant
 * keypads once no key is held, blinks their NumLock LED, and turns key codes into
 * messages for the app. Single-threaded: the caller polls input_fds() and calls
 * input_dispatch(); the platform runs that in a thread. */

enum bt_input_kind {
	BT_IN_PAD,     /* a participant keypad: action and digit */
	BT_IN_TRAINER, /* a trainer device read through evdev (kiosk): tkey */
	BT_IN_DEVICE,  /* found, re-classified or lost: dev */
	BT_IN_PROBLEM, /* cannot read devices: problem (Dutch), or "" when solved */
	BT_IN_TEXT,    /* a trainer keyboard typed: text is one character, or "\b" for
	          Backspace; Enter and Esc arrive as BT_IN_TRAINER */
};

struct bt_input_msg {
	enum bt_input_kind kind;
	char port[BT_PORT_MAX];
	enum bt_pad_action action;
	int digit;
	enum bt_trainer_key tkey;
	struct bt_devinfo dev;
	char problem[240];
	char text[8];
	uint64_t time_us; /* kernel time stamp of the key event (CLOCK_MONOTONIC) */
};

typedef void (*bt_input_cb)(void *user, const struct bt_input_msg *m);

struct bt_input_options {
	const char *dev_dir;  /* "/dev/input" */
	bool read_trainer;    /* kiosk: trainer keyboards and clickers come through here too */
	bool grab;            /* grab participant keypads (off for --list-devices) */
	struct bt_chord quit; /* the trainer's quit chord (zero: Ctrl+Alt+Q) */
};

struct bt_input;

/* Opens every event device in dev_dir and watches the folder for new ones. A
 * missing folder or missing permission is reported through cb (BT_IN_PROBLEM),
 * never fatal. */
struct bt_input *input_create(const struct bt_input_options *opt, bt_input_cb cb, void *user);
void input_destroy(struct bt_input *in);
/* The descriptors to poll for POLLIN; returns how many were written (at most max). */
int input_fds(const struct bt_input *in, struct pollfd *fds, int max);
/* Milliseconds until a timer (LED blink) is due, or -1. */
int input_timeout_ms(const struct bt_input *in);
/* Reads everything readable, handles hotplug and timers, calls cb for each message. */
void input_dispatch(struct bt_input *in);
/* Blinks the NumLock LED of the keypad at port once (if it has one). */
void input_blink(struct bt_input *in, const char *port);
/* The trainer corrected a device's class. */
void input_reclassify(struct bt_input *in, const char *port, enum bt_dev_class cls);
/* Prints one line per event device: node, port, name, vendor:product, class, why. */
int input_list(const char *dev_dir, FILE *out);

#endif
