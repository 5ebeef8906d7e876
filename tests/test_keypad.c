/* Input devices: which device is what (from evemu-describe tables of real-world
 * devices in tests/devices), and what their key codes mean. */
#include "testutil.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evemu.h"
#include "keypad.h"
#include "util.h"

#ifndef BT_TEST_SOURCE_DIR
#define BT_TEST_SOURCE_DIR "."
#endif

/* The source tree: $BT_SOURCE_DIR, else the path CMake compiled in. */
static const char *source_dir(void)
{
	const char *env = getenv("BT_SOURCE_DIR");
	return env && *env ? env : BT_TEST_SOURCE_DIR;
}

static char *device_path(const char *file)
{
	return bt_xasprintf("%s/tests/devices/%s", source_dir(), file);
}

static const unsigned kp_digits[10] = {KEY_KP0, KEY_KP1, KEY_KP2, KEY_KP3, KEY_KP4,
                                       KEY_KP5, KEY_KP6, KEY_KP7, KEY_KP8, KEY_KP9};

/* ---- classification of the device files ---- */

struct device_case {
	const char *file;
	enum bt_dev_class want;
	const char *name; /* the N: line */
	bool led_numl;
	bool rel;
};

static const struct device_case devices[] = {
    {"keypad-17.evemu", BT_DEV_KEYPAD, "SIGMACHIP USB Keyboard", true, false},
    {"keypad-000.evemu", BT_DEV_KEYPAD, "HOLTEK USB-HID Keyboard", true, false},
    /* navigation codes for digits, KP5 its only KP digit, PageUp/PageDown declared:
     * a keypad, not a presenter */
    {"keypad-numlock.evemu", BT_DEV_KEYPAD, "USB Keypad", false, false},
    {"keypad-fullkeyset.evemu", BT_DEV_UNDECIDED, "USB USB Keykoard", true, false},
    {"keyboard-full.evemu", BT_DEV_UNDECIDED, "Logitech USB Keyboard", true, false},
    {"keyboard-laptop.evemu", BT_DEV_KEYBOARD, "Bluetooth 3.0 Keyboard", false, false},
    {"presenter.evemu", BT_DEV_PRESENTER, "Logitech USB Receiver", false, false},
    {"power-button.evemu", BT_DEV_IGNORED, "Power Button", false, false},
    {"mouse.evemu", BT_DEV_IGNORED, "Logitech USB Optical Mouse", false, true},
};
#define N_DEVICES (sizeof devices / sizeof devices[0])

static void test_device_classifies(void **state)
{
	const struct device_case *d = *state;
	char *path = device_path(d->file);
	struct bt_caps caps;
	char name[128];
	if (evemu_caps_load(path, &caps, name, sizeof name) != 0)
		fail_msg("cannot read %s (set BT_SOURCE_DIR to the source tree)", path);
	free(path);
	assert_string_equal(name, d->name);
	assert_int_equal(caps.led_numl, d->led_numl);
	assert_int_equal(caps.rel, d->rel);
	assert_false(caps.abs);
	const char *why = NULL;
	enum bt_dev_class got = keypad_classify(&caps, &why);
	if (got != d->want)
		fail_msg("%s: %s (%s), want %s", d->file, keypad_class_word(got), why ? why : "-",
		         keypad_class_word(d->want));
	assert_non_null(why);
	assert_true(strlen(why) > 0);
	/* why may be left out */
	assert_int_equal(keypad_classify(&caps, NULL), d->want);
}

static void test_fake_and_real_full_keyboard_look_alike(void **state)
{
	(void)state;
	/* what undecided devices have in common: all ten KP digits and all letters */
	const char *files[] = {"keypad-fullkeyset.evemu", "keyboard-full.evemu"};
	for (size_t i = 0; i < 2; i++) {
		char *path = device_path(files[i]);
		struct bt_caps caps;
		assert_int_equal(evemu_caps_load(path, &caps, NULL, 0), 0);
		free(path);
		for (int d = 0; d < 10; d++)
			assert_true(caps_has_key(&caps, kp_digits[d]));
		assert_true(caps_has_key(&caps, KEY_A));
		assert_true(caps_has_key(&caps, KEY_Z));
		assert_true(caps_has_key(&caps, KEY_NUMLOCK));
	}
}

static void test_class_names(void **state)
{
	(void)state;
	const char *words[] = {"ignored", "keypad", "keyboard", "presenter", "undecided"};
	enum bt_dev_class cls[] = {BT_DEV_IGNORED, BT_DEV_KEYPAD, BT_DEV_KEYBOARD, BT_DEV_PRESENTER,
	                           BT_DEV_UNDECIDED};
	for (int i = 0; i < 5; i++) {
		assert_string_equal(keypad_class_word(cls[i]), words[i]);
		assert_true(strlen(keypad_class_name(cls[i])) > 0);
	}
}

/* ---- the evemu-describe reader ---- */

static int load_text(const char *text, struct bt_caps *caps, char *name, size_t name_size)
{
	char *dir = tu_tmpdir();
	char *path = bt_xasprintf("%s/dev.evemu", dir);
	tu_write(path, text);
	int rc = evemu_caps_load(path, caps, name, name_size);
	free(path);
	tu_rmtree(dir);
	free(dir);
	return rc;
}

#define B0 " 00 00 00 00 00 00 00 00\n"

static void test_evemu_reader(void **state)
{
	(void)state;
	struct bt_caps caps;
	char name[8];
	/* a touchpad-like table: abs bits and A: lines; the long name is cut */
	const char *touch =
	    "# EVEMU 1.3\n"
	    "N: Synaptics TM3053-004\n"
	    "I: 0018 06cb 7a13 0100\n"
	    "P: 05 00 00 00 00 00 00 00\n"
	    "B: 00 0b 00 00 00 00 00 00 00\n"
	    "B: 01" B0 "B: 01" B0 "B: 01" B0 "B: 01" B0 "B: 01" B0
	    "B: 01 00 04 00 00 00 00 00 00\n" /* BTN_TOUCH = 0x14a: byte 41, bit 2 */
	    "B: 02" B0 "B: 03 03 00 00 00 00 80 00 00\n"
	    "B: 11" B0 "A: 00 1266 5676 0 0 42\n"
	    "A: 01 1096 4758 0 0 42\n";
	assert_int_equal(load_text(touch, &caps, name, sizeof name), 0);
	assert_string_equal(name, "Synapti");
	assert_true(caps.abs);
	assert_false(caps.rel);
	assert_false(caps.led_numl);
	assert_true(caps_has_key(&caps, BTN_TOUCH));
	assert_false(caps_has_key(&caps, BTN_TOUCH - 1));
	assert_int_equal(keypad_classify(&caps, NULL), BT_DEV_IGNORED);

	/* bit 0 of the second LED line and of other types is not the NumLock LED */
	assert_int_equal(load_text("N: x\r\nB: 11" B0 "B: 11 01 00 00 00 00 00 00 00\r\n"
	                           "B: 14 01 00 00 00 00 00 00 00\n",
	                           &caps, name, sizeof name),
	                 0);
	assert_string_equal(name, "x");
	assert_false(caps.led_numl);
	assert_int_equal(load_text("B: 11 01 00 00 00 00 00 00 00\n", &caps, NULL, 0), 0);
	assert_true(caps.led_numl);

	/* loading starts from nothing */
	caps_set_key(&caps, KEY_A);
	caps.rel = true;
	assert_int_equal(load_text("N: empty\n", &caps, NULL, 0), 0);
	assert_false(caps_has_key(&caps, KEY_A));
	assert_false(caps.rel);
	assert_false(caps.led_numl);

	/* malformed B: lines */
	const char *bad[] = {
	    "B: 01 00 00 00\n",                     /* too few bytes */
	    "B: 01 00 00 00 00 00 00 00 zz\n",      /* not hex */
	    "B: 01 00 00 00 00 00 00 00 100\n",     /* more than a byte */
	    "B: 01 00 00 00 00 00 00 00 00 junk\n", /* trailing text */
	    "B:\n",                                 /* nothing */
	    "B: 1ff 00 00 00 00 00 00 00 00\n",     /* type beyond a byte */
	    "B: 01 00 00 00 00 00 00 00 -1\n",      /* negative */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (load_text(bad[i], &caps, NULL, 0) != -1)
			fail_msg("accepted: %s", bad[i]);

	/* a missing file */
	assert_int_equal(evemu_caps_load("/nonexistent/dev.evemu", &caps, name, sizeof name), -1);
}

/* ---- behaviour of undecided devices ---- */

static void test_decide(void **state)
{
	(void)state;
	for (int d = 0; d < 10; d++)
		assert_int_equal(keypad_decide(kp_digits[d]), BT_DEV_KEYPAD);
	assert_int_equal(keypad_decide(KEY_A), BT_DEV_KEYBOARD);
	assert_int_equal(keypad_decide(KEY_Q), BT_DEV_KEYBOARD);
	assert_int_equal(keypad_decide(KEY_M), BT_DEV_KEYBOARD);
	assert_int_equal(keypad_decide(KEY_LEFT), BT_DEV_UNDECIDED);
	assert_int_equal(keypad_decide(KEY_RIGHT), BT_DEV_UNDECIDED);
	assert_int_equal(keypad_decide(KEY_UP), BT_DEV_UNDECIDED);
	assert_int_equal(keypad_decide(KEY_DOWN), BT_DEV_UNDECIDED);
	/* NumLock is pressed by both and by keypads themselves */
	assert_int_equal(keypad_decide(KEY_NUMLOCK), BT_DEV_UNDECIDED);
}

/* ---- a participant's keypad ---- */

static enum bt_pad_action press(struct bt_pad_state *s, unsigned code, uint32_t ms, int *digit)
{
	return keypad_map(s, code, 1, ms, digit);
}

static void expect_digit(struct bt_pad_state *s, unsigned code, uint32_t ms, int want)
{
	int d = -1;
	enum bt_pad_action a = press(s, code, ms, &d);
	if (a != BT_PAD_DIGIT || d != want)
		fail_msg("code %u at %u ms: action %d digit %d, want digit %d", code, (unsigned)ms,
		         (int)a, d, want);
	int dummy;
	assert_int_equal(keypad_map(s, code, 0, ms + 60, &dummy), BT_PAD_NONE); /* release */
}

static void expect_action(struct bt_pad_state *s, unsigned code, uint32_t ms,
                          enum bt_pad_action want)
{
	int d = -1;
	enum bt_pad_action a = press(s, code, ms, &d);
	if (a != want)
		fail_msg("code %u at %u ms: action %d, want %d", code, (unsigned)ms, (int)a,
		         (int)want);
}

static void test_map_kp_digits(void **state)
{
	(void)state;
	struct bt_pad_state s;
	keypad_state_init(&s);
	uint32_t t = 1000;
	for (int i = 0; i < 10; i++, t += 300)
		expect_digit(&s, kp_digits[i], t, i);
}

static void test_map_navigation_digits(void **state)
{
	(void)state;
	/* keypads with their own NumLock logic, NumLock off */
	const unsigned nav[10] = {KEY_INSERT, KEY_END,   KEY_DOWN, KEY_PAGEDOWN, KEY_LEFT,
	                          KEY_KP5,    KEY_RIGHT, KEY_HOME, KEY_UP,       KEY_PAGEUP};
	struct bt_pad_state s;
	keypad_state_init(&s);
	uint32_t t = 1000;
	for (int i = 0; i < 10; i++, t += 300)
		expect_digit(&s, nav[i], t, i);
}

static void test_map_other_keys(void **state)
{
	(void)state;
	struct bt_pad_state s;
	keypad_state_init(&s);
	int d = -1;
	expect_action(&s, KEY_DELETE, 1000, BT_PAD_UNDO);
	expect_action(&s, KEY_KPDOT, 1300, BT_PAD_UNDO);
	expect_action(&s, KEY_BACKSPACE, 1600, BT_PAD_UNDO);
	expect_action(&s, KEY_KPENTER, 1900, BT_PAD_ENTER);
	expect_action(&s, KEY_ENTER, 2200, BT_PAD_ENTER);
	expect_action(&s, KEY_KPPLUS, 2500, BT_PAD_HAND);
	assert_int_equal(press(&s, KEY_KPENTER, 2800, &d), BT_PAD_ENTER);
	assert_int_equal(d, 0); /* *digit is always set */
}

static void test_map_numlock_injection(void **state)
{
	(void)state;
	struct bt_pad_state s;
	keypad_state_init(&s);
	int d = -1;
	/* NumLock pressed and released around a key by the keypad itself */
	assert_int_equal(keypad_map(&s, KEY_NUMLOCK, 1, 1000, &d), BT_PAD_NONE);
	assert_int_equal(keypad_map(&s, KEY_NUMLOCK, 0, 1001, &d), BT_PAD_NONE);
	expect_digit(&s, KEY_KP7, 1002, 7);
	assert_int_equal(keypad_map(&s, KEY_NUMLOCK, 1, 1003, &d), BT_PAD_NONE);
	assert_int_equal(keypad_map(&s, KEY_NUMLOCK, 0, 1004, &d), BT_PAD_NONE);
	/* the next digit, another one and the same one, come through */
	assert_int_equal(keypad_map(&s, KEY_NUMLOCK, 1, 1300, &d), BT_PAD_NONE);
	expect_digit(&s, KEY_KP3, 1301, 3);
	assert_int_equal(keypad_map(&s, KEY_NUMLOCK, 1, 1600, &d), BT_PAD_NONE);
	assert_int_equal(keypad_map(&s, KEY_NUMLOCK, 0, 1601, &d), BT_PAD_NONE);
	expect_digit(&s, KEY_KP3, 1602, 3);
	expect_action(&s, KEY_KPENTER, 1900, BT_PAD_ENTER);
}

static void test_map_repeat_and_release(void **state)
{
	(void)state;
	struct bt_pad_state s;
	keypad_state_init(&s);
	int d = -1;
	assert_int_equal(press(&s, KEY_KP4, 1000, &d), BT_PAD_DIGIT);
	assert_int_equal(d, 4);
	/* held down: autorepeat after the repeat delay, then the release */
	for (uint32_t t = 1500; t < 2000; t += 33)
		assert_int_equal(keypad_map(&s, KEY_KP4, 2, t, &d), BT_PAD_NONE);
	assert_int_equal(keypad_map(&s, KEY_KP4, 0, 2000, &d), BT_PAD_NONE);
	assert_int_equal(keypad_map(&s, KEY_KPENTER, 2, 2100, &d), BT_PAD_NONE);
	assert_int_equal(keypad_map(&s, KEY_KPENTER, 0, 2100, &d), BT_PAD_NONE);
	assert_int_equal(keypad_map(&s, KEY_BACKSPACE, 0, 2100, &d), BT_PAD_NONE);
	assert_int_equal(keypad_map(&s, KEY_KPPLUS, 2, 2100, &d), BT_PAD_NONE);
}

static void test_map_triple_zero_key(void **state)
{
	(void)state;
	struct bt_pad_state s;
	keypad_state_init(&s);
	int d = -1, digits = 0;
	/* the "000" key: press/release of KP0 three times, 5 ms apart */
	for (uint32_t t = 1000; t < 1015; t += 5) {
		if (keypad_map(&s, KEY_KP0, 1, t, &d) == BT_PAD_DIGIT) {
			digits++;
			assert_int_equal(d, 0);
		}
		assert_int_equal(keypad_map(&s, KEY_KP0, 0, t + 2, &d), BT_PAD_NONE);
	}
	assert_int_equal(digits, 1);
	/* a deliberate 0 afterwards counts */
	expect_digit(&s, KEY_KP0, 1300, 0);
}

static void test_map_deliberate_double_zero(void **state)
{
	(void)state;
	struct bt_pad_state s;
	keypad_state_init(&s);
	expect_digit(&s, KEY_KP0, 1000, 0);
	expect_digit(&s, KEY_KP0, 1200, 0);
	/* also from the very start of the clock */
	keypad_state_init(&s);
	expect_digit(&s, KEY_KP0, 0, 0);
	expect_digit(&s, KEY_KP0, 200, 0);
}

static void test_map_same_digit_after_another(void **state)
{
	(void)state;
	struct bt_pad_state s;
	keypad_state_init(&s);
	expect_digit(&s, KEY_KP5, 1000, 5);
	expect_digit(&s, KEY_KP6, 1010, 6);
	expect_digit(&s, KEY_KP5, 1020, 5);
	/* any other key in between too */
	expect_action(&s, KEY_KPENTER, 1030, BT_PAD_ENTER);
	expect_digit(&s, KEY_KP5, 1035, 5);
}

/* ---- the trainer's keyboard or clicker ---- */

static enum bt_trainer_key tk(struct bt_trainer_state *s, unsigned code)
{
	return keypad_trainer_map(s, code, 1);
}

static void test_trainer_keys(void **state)
{
	(void)state;
	struct bt_trainer_state s = {0};
	assert_int_equal(tk(&s, KEY_RIGHT), BT_TK_NEXT);
	assert_int_equal(tk(&s, KEY_PAGEDOWN), BT_TK_NEXT);
	assert_int_equal(tk(&s, KEY_SPACE), BT_TK_NEXT);
	assert_int_equal(tk(&s, KEY_LEFT), BT_TK_PREV);
	assert_int_equal(tk(&s, KEY_PAGEUP), BT_TK_PREV);
	assert_int_equal(tk(&s, KEY_ENTER), BT_TK_ENTER);
	assert_int_equal(tk(&s, KEY_B), BT_TK_BLANK);
	assert_int_equal(tk(&s, KEY_DOT), BT_TK_BLANK);
	assert_int_equal(tk(&s, KEY_ESC), BT_TK_MENU);
	assert_int_equal(tk(&s, KEY_F5), BT_TK_MENU);
	assert_int_equal(tk(&s, KEY_F1), BT_TK_HELP);
	assert_int_equal(tk(&s, KEY_R), BT_TK_RESET);
	assert_int_equal(tk(&s, KEY_F2), BT_TK_PAIRING);
	assert_int_equal(tk(&s, KEY_Q), BT_TK_NONE);
	/* releases do nothing */
	assert_int_equal(keypad_trainer_map(&s, KEY_RIGHT, 0), BT_TK_NONE);
	assert_int_equal(keypad_trainer_map(&s, KEY_ENTER, 0), BT_TK_NONE);
}

static void test_trainer_quit_chord(void **state)
{
	(void)state;
	struct bt_trainer_state s = {0};
	assert_int_equal(keypad_trainer_map(&s, KEY_LEFTCTRL, 1), BT_TK_NONE);
	assert_int_equal(tk(&s, KEY_Q), BT_TK_NONE); /* Ctrl+Q is not enough */
	assert_int_equal(keypad_trainer_map(&s, KEY_LEFTALT, 1), BT_TK_NONE);
	assert_int_equal(tk(&s, KEY_Q), BT_TK_QUIT);
	assert_int_equal(keypad_trainer_map(&s, KEY_Q, 0), BT_TK_NONE);
	/* Ctrl held down autorepeats; still held */
	assert_int_equal(keypad_trainer_map(&s, KEY_LEFTCTRL, 2), BT_TK_NONE);
	assert_int_equal(tk(&s, KEY_Q), BT_TK_QUIT);
	assert_int_equal(keypad_trainer_map(&s, KEY_Q, 0), BT_TK_NONE);
	/* after releasing Ctrl, Q is nothing again */
	assert_int_equal(keypad_trainer_map(&s, KEY_LEFTCTRL, 0), BT_TK_NONE);
	assert_int_equal(tk(&s, KEY_Q), BT_TK_NONE);
	assert_int_equal(keypad_trainer_map(&s, KEY_LEFTALT, 0), BT_TK_NONE);
	assert_int_equal(tk(&s, KEY_Q), BT_TK_NONE);
	/* the right-hand modifiers work too */
	assert_int_equal(keypad_trainer_map(&s, KEY_RIGHTCTRL, 1), BT_TK_NONE);
	assert_int_equal(keypad_trainer_map(&s, KEY_RIGHTALT, 1), BT_TK_NONE);
	assert_int_equal(tk(&s, KEY_Q), BT_TK_QUIT);
}

/* ---- the capability bitmask ---- */

static void test_caps_bits(void **state)
{
	(void)state;
	struct bt_caps c, zero;
	memset(&c, 0, sizeof c);
	memset(&zero, 0, sizeof zero);
	const unsigned codes[] = {0, 1, KEY_MAX};
	for (size_t i = 0; i < 3; i++) {
		assert_false(caps_has_key(&c, codes[i]));
		caps_set_key(&c, codes[i]);
		assert_true(caps_has_key(&c, codes[i]));
	}
	assert_false(caps_has_key(&c, 2));
	assert_false(caps_has_key(&c, KEY_MAX - 1));
	/* beyond KEY_MAX: ignored, and never reported */
	memset(&c, 0, sizeof c);
	caps_set_key(&c, KEY_MAX + 1);
	caps_set_key(&c, KEY_CNT + 8);
	caps_set_key(&c, UINT_MAX);
	assert_memory_equal(&c, &zero, sizeof c);
	assert_false(caps_has_key(&c, KEY_MAX + 1));
	assert_false(caps_has_key(&c, UINT_MAX));
	memset(c.keys, 0xff, sizeof c.keys);
	assert_false(caps_has_key(&c, KEY_MAX + 1));
	assert_false(caps_has_key(&c, UINT_MAX));
}

int main(void)
{
	struct CMUnitTest tests[N_DEVICES + 16];
	static char names[N_DEVICES][64];
	size_t n = 0;
	for (size_t i = 0; i < N_DEVICES; i++) {
		snprintf(names[i], sizeof names[i], "classify %s", devices[i].file);
		tests[n++] = (struct CMUnitTest){.name = names[i],
		                                 .test_func = test_device_classifies,
		                                 .initial_state = (void *)&devices[i]};
	}
	const struct CMUnitTest rest[] = {
	    cmocka_unit_test(test_fake_and_real_full_keyboard_look_alike),
	    cmocka_unit_test(test_class_names),
	    cmocka_unit_test(test_evemu_reader),
	    cmocka_unit_test(test_decide),
	    cmocka_unit_test(test_map_kp_digits),
	    cmocka_unit_test(test_map_navigation_digits),
	    cmocka_unit_test(test_map_other_keys),
	    cmocka_unit_test(test_map_numlock_injection),
	    cmocka_unit_test(test_map_repeat_and_release),
	    cmocka_unit_test(test_map_triple_zero_key),
	    cmocka_unit_test(test_map_deliberate_double_zero),
	    cmocka_unit_test(test_map_same_digit_after_another),
	    cmocka_unit_test(test_trainer_keys),
	    cmocka_unit_test(test_trainer_quit_chord),
	    cmocka_unit_test(test_caps_bits),
	};
	for (size_t i = 0; i < sizeof rest / sizeof rest[0]; i++)
		tests[n++] = rest[i];
	return _cmocka_run_group_tests("test_keypad", tests, n, NULL, NULL);
}
