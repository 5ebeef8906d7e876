#ifndef BT_KEYPAD_H
#define BT_KEYPAD_H

#include <linux/input-event-codes.h>
#include <stdbool.h>
#include <stdint.h>

#include "chord.h"
#include "event.h"

/* What an input device is, decided from its declared keys and then from how it
 * behaves, and how its key codes become our keys. Pure: the input layer feeds
 * kernel key codes; nothing here touches a device. */

enum bt_dev_class {
	BT_DEV_IGNORED,   /* mouse, power button, anything without keys we use */
	BT_DEV_KEYPAD,    /* a participant's numeric keypad */
	BT_DEV_KEYBOARD,  /* the trainer's keyboard */
	BT_DEV_PRESENTER, /* the trainer's presenter clicker */
	BT_DEV_UNDECIDED, /* declares a full keyboard: its first keys decide */
};

/* The capabilities that matter, from EVIOCGBIT or an evemu-describe table. */
struct bt_caps {
	uint8_t keys[(KEY_MAX + 1) / 8 + 1];
	bool rel;      /* relative axes: a mouse */
	bool abs;      /* absolute axes: touchpad, tablet, joystick */
	bool led_numl; /* has a NumLock LED we can blink */
};

void caps_set_key(struct bt_caps *c, unsigned code);
bool caps_has_key(const struct bt_caps *c, unsigned code);

/* Classifies from capabilities; *why is a short Dutch reason for the pairing screen
 * and --list-devices. */
enum bt_dev_class keypad_classify(const struct bt_caps *c, const char **why);
/* Dutch name of a class ("toetsenbordje", "toetsenbord", ...). */
const char *keypad_class_name(enum bt_dev_class c);
/* English word for --list-devices ("keypad", "keyboard", "presenter", "ignored", "undecided"). */
const char *keypad_class_word(enum bt_dev_class c);

/* Behaviour: what an undecided device becomes from one key press (value 1).
 * Digits on the keypad block make it a keypad, letters make it a keyboard;
 * other keys leave it undecided. */
enum bt_dev_class keypad_decide(unsigned code);

/* What a participant's key press means. */
enum bt_pad_action {
	BT_PAD_NONE = 0,
	BT_PAD_DIGIT, /* digit 0..9 */
	BT_PAD_ENTER,
	BT_PAD_UNDO,
	BT_PAD_HAND,
};

/* Per-keypad memory the mapping needs (the "00"/"000" keys). */
struct bt_pad_state {
	int last_digit;   /* -1 none */
	uint32_t last_ms; /* time of the last digit */
};

/* Window in which the same digit again is the same key press: "00" and "000" keys
 * send their zeros a few milliseconds apart, far faster than any finger. */
#define BT_PAD_MULTI_MS 40

void keypad_state_init(struct bt_pad_state *s);
/* Maps one key event of a keypad. value: 1 press, 0 release, 2 autorepeat (ignored).
 * Injected NumLock presses are ignored; navigation codes of keypads with their own
 * NumLock logic become digits. Returns the action and sets *digit. */
enum bt_pad_action keypad_map(struct bt_pad_state *s, unsigned code, int value, uint32_t ms,
                              int *digit);

/* Trainer keys from a keyboard or clicker read through evdev (kiosk mode, no window
 * system). Tracks Ctrl and Alt for the quit chord. */
struct bt_trainer_state {
	bool ctrl, alt, shift;
	struct bt_chord quit; /* zero: Ctrl+Alt+Q */
};
enum bt_trainer_key keypad_trainer_map(struct bt_trainer_state *s, unsigned code, int value);
/* The character a key press types on a US/international layout (the usual one on
 * Dutch keyboards), for typing on the trainer's keyboard in kiosk mode. Call after
 * keypad_trainer_map (which tracks Shift). Returns false for keys that type nothing. */
bool keypad_char(const struct bt_trainer_state *s, unsigned code, int value, char out[2]);

#endif
