#include "event.h"

#include <string.h>

#include "util.h"

static const char *const trainer_names[BT_TK_COUNT] = {
    [BT_TK_NEXT] = "next",           [BT_TK_PREV] = "prev",
    [BT_TK_ENTER] = "enter",         [BT_TK_RESET] = "reset",
    [BT_TK_BLANK] = "blank",         [BT_TK_MENU] = "menu",
    [BT_TK_HELP] = "help",           [BT_TK_UP] = "up",
    [BT_TK_DOWN] = "down",           [BT_TK_DELETE] = "delete",
    [BT_TK_SEAT_NEXT] = "seat-next", [BT_TK_SEAT_PREV] = "seat-prev",
    [BT_TK_QUIT] = "quit",           [BT_TK_PAIRING] = "pairing",
    [BT_TK_HAND_NEXT] = "hand-next", [BT_TK_SWAP] = "swap",
    [BT_TK_LETTER_K] = "k",          [BT_TK_LETTER_N] = "n",
    [BT_TK_LETTER_E] = "e",          [BT_TK_LETTER_G] = "g",
    [BT_TK_LETTER_P] = "p",          [BT_TK_PEEK] = "peek",
    [BT_TK_PEEK_END] = "peek-end",   [BT_TK_MUTE] = "mute",
    [BT_TK_CLOCK] = "clock",         [BT_TK_EXPORT] = "export",
    [BT_TK_WIPE] = "wipe",
};

static const char *const seat_names[BT_SK_COUNT] = {
    [BT_SK_DIGIT] = "digit",
    [BT_SK_ENTER] = "enter",
    [BT_SK_UNDO] = "undo",
    [BT_SK_HAND] = "hand",
};

const char *event_trainer_key_name(enum bt_trainer_key k)
{
	return (unsigned)k < BT_TK_COUNT ? trainer_names[k] : NULL;
}

const char *event_seat_key_name(enum bt_seat_key k)
{
	return (unsigned)k < BT_SK_COUNT ? seat_names[k] : NULL;
}

enum bt_trainer_key event_trainer_key_parse(const char *name)
{
	for (int k = 1; k < BT_TK_COUNT; k++)
		if (trainer_names[k] && strcmp(trainer_names[k], name) == 0)
			return (enum bt_trainer_key)k;
	return BT_TK_NONE;
}

enum bt_seat_key event_seat_key_parse(const char *name)
{
	for (int k = 1; k < BT_SK_COUNT; k++)
		if (seat_names[k] && strcmp(seat_names[k], name) == 0)
			return (enum bt_seat_key)k;
	return BT_SK_NONE;
}

struct bt_event event_trainer(enum bt_trainer_key k, uint32_t t)
{
	struct bt_event ev = {.type = BT_EV_TRAINER, .key = (uint8_t)k, .time_ms = t};
	return ev;
}

struct bt_event event_seat(int seat, enum bt_seat_key k, int digit, uint32_t t)
{
	struct bt_event ev = {.type = BT_EV_SEAT,
	                      .key = (uint8_t)k,
	                      .seat = (uint8_t)seat,
	                      .digit = (uint8_t)digit,
	                      .time_ms = t};
	return ev;
}

bool event_valid(const struct bt_event *ev)
{
	switch (ev->type) {
	case BT_EV_TRAINER:
		return ev->key > BT_TK_NONE && ev->key < BT_TK_COUNT;
	case BT_EV_SEAT:
		return ev->seat >= 1 && ev->seat <= BT_MAX_SEATS && ev->key > BT_SK_NONE &&
		       ev->key < BT_SK_COUNT && ev->digit <= 9;
	case BT_EV_TICK:
		return true;
	case BT_EV_SEATS:
		return ev->digit <= BT_MAX_SEATS;
	case BT_EV_TEXT:
		return ev->key > BT_TEXT_NONE && ev->key < BT_TEXT_COUNT && ev->digit <= 9 &&
		       memchr(ev->text, '\0', sizeof(ev->text)) != NULL &&
		       bt_utf8_valid(ev->text, strlen(ev->text), NULL);
	default:
		return false;
	}
}
