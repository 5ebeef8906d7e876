#include "keypad.h"

#include <string.h>

#include "i18n.h"

void caps_set_key(struct bt_caps *c, unsigned code)
{
	if (code <= KEY_MAX)
		c->keys[code / 8] |= (uint8_t)(1u << (code % 8));
}

bool caps_has_key(const struct bt_caps *c, unsigned code)
{
	return code <= KEY_MAX && (c->keys[code / 8] & (1u << (code % 8)));
}

static const unsigned kp_digits[10] = {KEY_KP0, KEY_KP1, KEY_KP2, KEY_KP3, KEY_KP4,
                                       KEY_KP5, KEY_KP6, KEY_KP7, KEY_KP8, KEY_KP9};
static const unsigned letters[] = {KEY_Q, KEY_W, KEY_E, KEY_R, KEY_T, KEY_Y, KEY_U, KEY_I, KEY_O,
                                   KEY_P, KEY_A, KEY_S, KEY_D, KEY_F, KEY_G, KEY_H, KEY_J, KEY_K,
                                   KEY_L, KEY_Z, KEY_X, KEY_C, KEY_V, KEY_B, KEY_N, KEY_M};

static int count(const struct bt_caps *c, const unsigned *codes, int n)
{
	int k = 0;
	for (int i = 0; i < n; i++)
		k += caps_has_key(c, codes[i]);
	return k;
}

/* Keys of a keyboard-like device (not mouse buttons, not the power button). */
static int keyboard_keys(const struct bt_caps *c)
{
	int k = 0;
	for (unsigned code = KEY_ESC; code <= KEY_MICMUTE; code++)
		if (code != KEY_POWER && code != KEY_SLEEP && code != KEY_WAKEUP &&
		    code != KEY_SUSPEND)
			k += caps_has_key(c, code);
	return k;
}

enum bt_dev_class keypad_classify(const struct bt_caps *c, const char **why)
{
	const char *dummy;
	if (!why)
		why = &dummy;
	int digits = count(c, kp_digits, 10);
	int alpha = count(c, letters, 26);
	int keys = keyboard_keys(c);
	if (caps_has_key(c, BTN_LEFT) || c->rel) {
		*why = _("mouse or pointer");
		return BT_DEV_IGNORED;
	}
	if (c->abs) {
		*why = _("touchpad, tablet or joystick");
		return BT_DEV_IGNORED;
	}
	if (keys == 0) {
		*why = _("no ordinary keys (for example a power button)");
		return BT_DEV_IGNORED;
	}
	if (digits == 10 && alpha == 0) {
		*why = _("number keys without letters");
		return BT_DEV_KEYPAD;
	}
	/* keypads with their own NumLock logic send arrows for digits; many still send
	 * KP5 for the middle key, which has no arrow */
	if ((digits == 0 || (digits == 1 && caps_has_key(c, KEY_KP5))) && alpha == 0 &&
	    caps_has_key(c, KEY_HOME) && caps_has_key(c, KEY_END) && caps_has_key(c, KEY_INSERT) &&
	    caps_has_key(c, KEY_UP) && caps_has_key(c, KEY_NUMLOCK)) {
		*why = _("digits as arrows (own NumLock), no letters");
		return BT_DEV_KEYPAD;
	}
	if ((caps_has_key(c, KEY_PAGEUP) || caps_has_key(c, KEY_PAGEDOWN)) && alpha <= 1 &&
	    keys <= 30) {
		*why = _("few keys with PageUp/PageDown");
		return BT_DEV_PRESENTER;
	}
	if (digits == 10 && alpha > 0) {
		*why = _("reports a full keyboard: the first keys decide");
		return BT_DEV_UNDECIDED;
	}
	if (alpha > 0) {
		*why = _("letters without a number pad");
		return BT_DEV_KEYBOARD;
	}
	*why = _("no digits and no letters");
	return BT_DEV_IGNORED;
}

const char *keypad_class_name(enum bt_dev_class c)
{
	switch (c) {
	case BT_DEV_IGNORED:
		return _("not used");
	case BT_DEV_KEYPAD:
		return _("keypad");
	case BT_DEV_KEYBOARD:
		return _("trainer keyboard");
	case BT_DEV_PRESENTER:
		return _("trainer presenter");
	case BT_DEV_UNDECIDED:
		return _("not known yet");
	}
	return "?";
}

const char *keypad_class_word(enum bt_dev_class c)
{
	static const char *const w[] = {"ignored", "keypad", "keyboard", "presenter", "undecided"};
	return (unsigned)c < 5 ? w[c] : "?";
}

enum bt_dev_class keypad_decide(unsigned code)
{
	for (int i = 0; i < 10; i++)
		if (code == kp_digits[i])
			return BT_DEV_KEYPAD;
	if (code == KEY_KPENTER || code == KEY_KPPLUS)
		return BT_DEV_KEYPAD;
	for (int i = 0; i < 26; i++)
		if (code == letters[i])
			return BT_DEV_KEYBOARD;
	if (code == KEY_SPACE || code == KEY_ESC || code == KEY_F1 || code == KEY_F5 ||
	    code == KEY_TAB)
		return BT_DEV_KEYBOARD;
	return BT_DEV_UNDECIDED;
}

void keypad_state_init(struct bt_pad_state *s)
{
	s->last_digit = -1;
	s->last_ms = 0;
}

static int digit_of(unsigned code)
{
	switch (code) {
	case KEY_KP0:
	case KEY_INSERT:
	case KEY_0:
		return 0;
	case KEY_KP1:
	case KEY_END:
	case KEY_1:
		return 1;
	case KEY_KP2:
	case KEY_DOWN:
	case KEY_2:
		return 2;
	case KEY_KP3:
	case KEY_PAGEDOWN:
	case KEY_3:
		return 3;
	case KEY_KP4:
	case KEY_LEFT:
	case KEY_4:
		return 4;
	case KEY_KP5:
	case KEY_5:
		return 5;
	case KEY_KP6:
	case KEY_RIGHT:
	case KEY_6:
		return 6;
	case KEY_KP7:
	case KEY_HOME:
	case KEY_7:
		return 7;
	case KEY_KP8:
	case KEY_UP:
	case KEY_8:
		return 8;
	case KEY_KP9:
	case KEY_PAGEUP:
	case KEY_9:
		return 9;
	default:
		return -1;
	}
}

enum bt_pad_action keypad_map(struct bt_pad_state *s, unsigned code, int value, uint32_t ms,
                              int *digit)
{
	*digit = 0;
	if (value != 1 || code == KEY_NUMLOCK)
		return BT_PAD_NONE;
	int d = digit_of(code);
	if (d >= 0) {
		/* the second and third zero of a "00"/"000" key are the same press */
		if (d == s->last_digit && ms - s->last_ms < BT_PAD_MULTI_MS) {
			s->last_ms = ms;
			return BT_PAD_NONE;
		}
		s->last_digit = d;
		s->last_ms = ms;
		*digit = d;
		return BT_PAD_DIGIT;
	}
	s->last_digit = -1;
	switch (code) {
	case KEY_KPENTER:
	case KEY_ENTER:
		return BT_PAD_ENTER;
	case KEY_BACKSPACE:
	case KEY_KPDOT:
	case KEY_DELETE:
	case KEY_KPCOMMA:
		return BT_PAD_UNDO;
	case KEY_KPPLUS:
		return BT_PAD_HAND;
	default:
		return BT_PAD_NONE;
	}
}

enum bt_trainer_key keypad_trainer_map(struct bt_trainer_state *s, unsigned code, int value)
{
	bool down = value != 0;
	switch (code) {
	case KEY_LEFTCTRL:
	case KEY_RIGHTCTRL:
		s->ctrl = down;
		return BT_TK_NONE;
	case KEY_LEFTALT:
	case KEY_RIGHTALT:
		s->alt = down;
		return BT_TK_NONE;
	case KEY_LEFTSHIFT:
	case KEY_RIGHTSHIFT:
		s->shift = down;
		return BT_TK_NONE;
	default:
		break;
	}
	if (code == KEY_T && value != 2)
		return value ? BT_TK_PEEK : BT_TK_PEEK_END;
	if (value != 1)
		return BT_TK_NONE;
	char ch[2];
	struct bt_chord quit = s->quit.key ? s->quit : chord_default_quit();
	if ((s->ctrl || s->alt) && keypad_char(s, code, value, ch) &&
	    chord_matches(&quit, s->ctrl, s->alt, s->shift, ch[0]))
		return BT_TK_QUIT;
	switch (code) {
	case KEY_RIGHT:
	case KEY_PAGEDOWN:
	case KEY_SPACE:
		return BT_TK_NEXT;
	case KEY_LEFT:
	case KEY_PAGEUP:
		return BT_TK_PREV;
	case KEY_UP:
		return BT_TK_UP;
	case KEY_DOWN:
		return BT_TK_DOWN;
	case KEY_ENTER:
	case KEY_KPENTER:
		return BT_TK_ENTER;
	case KEY_B:
	case KEY_DOT:
		return BT_TK_BLANK;
	case KEY_ESC:
	case KEY_F5:
		return BT_TK_MENU;
	case KEY_F1:
		return BT_TK_HELP;
	case KEY_SLASH:
		return s->shift ? BT_TK_HELP : BT_TK_NONE;
	case KEY_R:
		return BT_TK_RESET;
	case KEY_DELETE:
		return BT_TK_DELETE;
	case KEY_F2:
		return BT_TK_PAIRING;
	case KEY_H:
		return BT_TK_HAND_NEXT;
	case KEY_S:
		return BT_TK_SWAP;
	case KEY_K:
		return BT_TK_LETTER_K;
	case KEY_N:
		return BT_TK_LETTER_N;
	case KEY_E:
		return BT_TK_LETTER_E;
	case KEY_G:
		return BT_TK_LETTER_G;
	case KEY_P:
		return BT_TK_LETTER_P;
	case KEY_M:
		return BT_TK_MUTE;
	case KEY_C:
		return BT_TK_CLOCK;
	default:
		return BT_TK_NONE;
	}
}

bool keypad_char(const struct bt_trainer_state *s, unsigned code, int value, char out[2])
{
	static const struct {
		unsigned code;
		char plain, shifted;
	} map[] = {
	    {KEY_A, 'a', 'A'},           {KEY_B, 'b', 'B'},         {KEY_C, 'c', 'C'},
	    {KEY_D, 'd', 'D'},           {KEY_E, 'e', 'E'},         {KEY_F, 'f', 'F'},
	    {KEY_G, 'g', 'G'},           {KEY_H, 'h', 'H'},         {KEY_I, 'i', 'I'},
	    {KEY_J, 'j', 'J'},           {KEY_K, 'k', 'K'},         {KEY_L, 'l', 'L'},
	    {KEY_M, 'm', 'M'},           {KEY_N, 'n', 'N'},         {KEY_O, 'o', 'O'},
	    {KEY_P, 'p', 'P'},           {KEY_Q, 'q', 'Q'},         {KEY_R, 'r', 'R'},
	    {KEY_S, 's', 'S'},           {KEY_T, 't', 'T'},         {KEY_U, 'u', 'U'},
	    {KEY_V, 'v', 'V'},           {KEY_W, 'w', 'W'},         {KEY_X, 'x', 'X'},
	    {KEY_Y, 'y', 'Y'},           {KEY_Z, 'z', 'Z'},         {KEY_1, '1', '!'},
	    {KEY_2, '2', '@'},           {KEY_3, '3', '#'},         {KEY_4, '4', '$'},
	    {KEY_5, '5', '%'},           {KEY_6, '6', '^'},         {KEY_7, '7', '&'},
	    {KEY_8, '8', '*'},           {KEY_9, '9', '('},         {KEY_0, '0', ')'},
	    {KEY_SPACE, ' ', ' '},       {KEY_MINUS, '-', '_'},     {KEY_EQUAL, '=', '+'},
	    {KEY_COMMA, ',', '<'},       {KEY_DOT, '.', '>'},       {KEY_SLASH, '/', '?'},
	    {KEY_APOSTROPHE, '\'', '"'}, {KEY_SEMICOLON, ';', ':'},
	};
	if (value != 1)
		return false;
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		if (map[i].code == code) {
			out[0] = s->shift ? map[i].shifted : map[i].plain;
			out[1] = '\0';
			return true;
		}
	}
	return false;
}
