#ifndef BT_EVENT_H
#define BT_EVENT_H

#include <stdbool.h>
#include <stdint.h>

/* Our own input event: SDL keys, evdev codes and script lines all become this at
 * the edge, so the core never sees a platform type. */

#define BT_MAX_SEATS      12
#define BT_EVENT_TEXT_MAX 64 /* bytes of typed text one event carries, NUL included */

enum bt_event_type {
	BT_EV_NONE = 0,
	BT_EV_TRAINER = 1, /* key: enum bt_trainer_key */
	BT_EV_SEAT = 2,    /* seat: 1..12, key: enum bt_seat_key, digit for BT_SK_DIGIT */
	BT_EV_TICK = 3,    /* time passes (timers, animations) */
	BT_EV_SEATS = 4,   /* digit: seats 1..digit are present at the start */
	BT_EV_TEXT = 5,    /* text typed by the trainer: key = enum bt_text_op, digit = target */
};

enum bt_trainer_key {
	BT_TK_NONE = 0,
	BT_TK_NEXT,
	BT_TK_PREV,
	BT_TK_ENTER, /* open, close or reveal the question */
	BT_TK_RESET, /* reset the question */
	BT_TK_BLANK, /* black screen and back */
	BT_TK_MENU,  /* the session menu */
	BT_TK_HELP,  /* help overlay */
	BT_TK_UP,
	BT_TK_DOWN,
	BT_TK_DELETE,    /* in the menu: start an unfinished session again */
	BT_TK_SEAT_NEXT, /* simulation: next active seat */
	BT_TK_SEAT_PREV, /* simulation: previous active seat */
	BT_TK_QUIT,      /* the deliberate quit chord */
	BT_TK_PAIRING,   /* the keypads and seats screen */
	BT_TK_HAND_NEXT, /* give the floor to the first raised hand (clears it) */
	BT_TK_SWAP,      /* pairing screen: swap the selected seat with the next chosen one */
	BT_TK_LETTER_K,  /* K: pairing: keypad or trainer's; yarn web: another question card */
	BT_TK_LETTER_N,  /* N: type something new (blocks board) */
	BT_TK_LETTER_E,  /* E: edit the selected item */
	BT_TK_LETTER_G,  /* G: turn the selected drawback green (blocks board) */
	BT_TK_LETTER_P,  /* P: choose another pair (value line) */
	BT_TK_PEEK,      /* T held down: show trainer-only marks */
	BT_TK_PEEK_END,  /* T released */
	BT_TK_MUTE,      /* M: sound on or off */
	BT_TK_CLOCK,     /* C: show or hide the session clock */
	BT_TK_EXPORT,    /* X: report per seat number for the dossier (asks first) */
	BT_TK_WIPE,      /* W in the menu: erase every journal, board item and seat (asks first) */
	BT_TK_COUNT
};

/* What typed text is for (BT_EV_TEXT's key); the scene gives it meaning. */
enum bt_text_op {
	BT_TEXT_NONE = 0,
	BT_TEXT_ADD,   /* a new item */
	BT_TEXT_EDIT,  /* replace item <digit> */
	BT_TEXT_GREEN, /* the gain that turns drawback <digit> into a green block */
	BT_TEXT_COUNT
};

enum bt_seat_key {
	BT_SK_NONE = 0,
	BT_SK_DIGIT, /* digit 0..9 */
	BT_SK_ENTER,
	BT_SK_UNDO,
	BT_SK_HAND, /* ask for the floor */
	BT_SK_COUNT
};

struct bt_event {
	uint8_t type;                 /* enum bt_event_type */
	uint8_t key;                  /* enum bt_trainer_key or enum bt_seat_key */
	uint8_t seat;                 /* 1..BT_MAX_SEATS for BT_EV_SEAT */
	uint8_t digit;                /* 0..9 for BT_SK_DIGIT; count for BT_EV_SEATS */
	uint32_t time_ms;             /* milliseconds since the session started */
	char text[BT_EVENT_TEXT_MAX]; /* BT_EV_TEXT only */
};

/* Script and journal names of the keys ("next", "enter", ...); NULL for none. */
const char *event_trainer_key_name(enum bt_trainer_key k);
const char *event_seat_key_name(enum bt_seat_key k);
/* Looks a name up; returns BT_TK_NONE / BT_SK_NONE when unknown. */
enum bt_trainer_key event_trainer_key_parse(const char *name);
enum bt_seat_key event_seat_key_parse(const char *name);

/* Convenience constructors. */
struct bt_event event_trainer(enum bt_trainer_key k, uint32_t t);
struct bt_event event_seat(int seat, enum bt_seat_key k, int digit, uint32_t t);

/* Checks that an event read from outside (journal, script) is well formed. */
bool event_valid(const struct bt_event *ev);

#endif
