/* Key chords: parsing, formatting, matching, and the quit chord in kiosk mode. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chord.h"
#include "keypad.h"
#include "testutil.h"

static void assert_chord(const struct bt_chord *c, bool ctrl, bool alt, bool shift, char key)
{
	assert_int_equal(c->ctrl, ctrl);
	assert_int_equal(c->alt, alt);
	assert_int_equal(c->shift, shift);
	assert_int_equal(c->key, key);
}

static void test_default(void **state)
{
	(void)state;
	struct bt_chord c = chord_default_quit();
	assert_chord(&c, true, true, false, 'q');
}

static void test_parse_good(void **state)
{
	(void)state;
	struct bt_chord c;
	assert_true(chord_parse("ctrl+alt+q", &c));
	assert_chord(&c, true, true, false, 'q');
	assert_true(chord_parse("CTRL+ALT+Q", &c)); /* any case */
	assert_chord(&c, true, true, false, 'q');
	assert_true(chord_parse("Alt-Shift-X", &c)); /* '-' between parts */
	assert_chord(&c, false, true, true, 'x');
	assert_true(chord_parse("q+ctrl", &c)); /* any order */
	assert_chord(&c, true, false, false, 'q');
	assert_true(chord_parse("ctrl-alt+z", &c)); /* mixed separators */
	assert_chord(&c, true, true, false, 'z');
	assert_true(chord_parse("sHiFt+CtRl+a", &c));
	assert_chord(&c, true, false, true, 'a');
}

static void test_parse_bad_leaves_out_alone(void **state)
{
	(void)state;
	static const char *const bad[] = {
	    "",            /* nothing */
	    "ctrl+alt",    /* no letter */
	    "ctrl+shift",  /* no letter */
	    "q",           /* no ctrl or alt */
	    "shift+q",     /* shift alone is not enough */
	    "ctrl+q+x",    /* two letters */
	    "ctrl+alt+q+", /* trailing '+' */
	    "ctrl+alt+q-", /* trailing '-' */
	    "+ctrl+q",     /* leading '+' */
	    "ctrl++q",     /* empty part */
	    "ctrl+ctrl+q", /* duplicate modifier */
	    "alt+Alt+q",   /* duplicate modifier, other case */
	    "shift+ctrl+shift+q",
	    "ctrl+1",      /* not a letter */
	    "ctrl+F1",     /* not one letter */
	    "control+q",   /* unknown modifier */
	    "ctrl+alt+q ", /* a space is not a part of the letter */
	    "super+q",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct bt_chord c = {.shift = true, .key = 'm'};
		if (chord_parse(bad[i], &c))
			fail_msg("'%s' was accepted", bad[i]);
		assert_chord(&c, false, false, true, 'm');
	}
	struct bt_chord c = {.key = 'm'};
	assert_false(chord_parse(NULL, &c));
	assert_int_equal(c.key, 'm');
}

static void test_format(void **state)
{
	(void)state;
	char buf[32];
	struct bt_chord c = chord_default_quit();
	assert_string_equal(chord_format(&c, buf, sizeof(buf)), "Ctrl+Alt+Q");
	assert_ptr_equal(chord_format(&c, buf, sizeof(buf)), buf);
	c = (struct bt_chord){.alt = true, .shift = true, .key = 'x'};
	assert_string_equal(chord_format(&c, buf, sizeof(buf)), "Alt+Shift+X");
	c = (struct bt_chord){.ctrl = true, .alt = true, .shift = true, .key = 'b'};
	assert_string_equal(chord_format(&c, buf, sizeof(buf)), "Ctrl+Alt+Shift+B");
	/* parse and format agree */
	assert_true(chord_parse("shift-ctrl-k", &c));
	assert_string_equal(chord_format(&c, buf, sizeof(buf)), "Ctrl+Shift+K");
	/* a short buffer is cut, never overrun */
	char small[6];
	memset(small, 'z', sizeof(small));
	c = chord_default_quit();
	chord_format(&c, small, 5);
	assert_string_equal(small, "Ctrl");
	assert_int_equal(small[5], 'z');
}

static void test_matches(void **state)
{
	(void)state;
	struct bt_chord q = chord_default_quit();
	assert_true(chord_matches(&q, true, true, false, 'q'));
	assert_true(chord_matches(&q, true, true, false, 'Q')); /* the letter in any case */
	assert_false(chord_matches(&q, true, true, false, 'w'));
	assert_false(chord_matches(&q, true, false, false, 'q')); /* Alt missing */
	assert_false(chord_matches(&q, false, true, false, 'q')); /* Ctrl missing */
	assert_false(chord_matches(&q, false, false, false, 'q'));
	assert_false(chord_matches(&q, true, true, true, 'q')); /* extra Shift */

	struct bt_chord x;
	assert_true(chord_parse("ctrl+shift+x", &x));
	assert_true(chord_matches(&x, true, false, true, 'x'));
	assert_true(chord_matches(&x, true, false, true, 'X'));
	assert_false(chord_matches(&x, true, false, false, 'x')); /* Shift matters */
	assert_false(chord_matches(&x, true, true, true, 'x'));   /* extra Alt */

	struct bt_chord a;
	assert_true(chord_parse("alt+a", &a));
	assert_true(chord_matches(&a, false, true, false, 'a'));
	assert_false(chord_matches(&a, true, true, false, 'a')); /* extra Ctrl */

	struct bt_chord none = {0}; /* no letter: never matches */
	assert_false(chord_matches(&none, false, false, false, '\0'));
}

/* Feeds one key event and returns what it means. */
static enum bt_trainer_key feed(struct bt_trainer_state *s, unsigned code, int value)
{
	return keypad_trainer_map(s, code, value);
}

static void test_trainer_default_quit(void **state)
{
	(void)state;
	struct bt_trainer_state s = {0};
	/* Q alone types nothing special */
	assert_int_not_equal(feed(&s, KEY_Q, 1), BT_TK_QUIT);
	feed(&s, KEY_Q, 0);
	/* Ctrl+Q is not the chord */
	assert_int_equal(feed(&s, KEY_LEFTCTRL, 1), BT_TK_NONE);
	assert_int_not_equal(feed(&s, KEY_Q, 1), BT_TK_QUIT);
	feed(&s, KEY_Q, 0);
	/* Alt joins: Ctrl+Alt+Q quits */
	assert_int_equal(feed(&s, KEY_LEFTALT, 1), BT_TK_NONE);
	assert_int_equal(feed(&s, KEY_Q, 1), BT_TK_QUIT);
	/* autorepeat and release are not a second quit */
	assert_int_equal(feed(&s, KEY_Q, 2), BT_TK_NONE);
	assert_int_equal(feed(&s, KEY_Q, 0), BT_TK_NONE);
	/* with Shift as well it is no longer the chord */
	feed(&s, KEY_LEFTSHIFT, 1);
	assert_int_not_equal(feed(&s, KEY_Q, 1), BT_TK_QUIT);
	feed(&s, KEY_Q, 0);
	feed(&s, KEY_LEFTSHIFT, 0);
	/* after Ctrl is let go Alt+Q is not enough */
	feed(&s, KEY_LEFTCTRL, 0);
	assert_int_not_equal(feed(&s, KEY_Q, 1), BT_TK_QUIT);
	feed(&s, KEY_Q, 0);
	/* right-hand modifiers count too */
	feed(&s, KEY_RIGHTCTRL, 1);
	assert_int_equal(feed(&s, KEY_Q, 1), BT_TK_QUIT);
}

static void test_trainer_custom_quit(void **state)
{
	(void)state;
	struct bt_trainer_state s = {0};
	assert_true(chord_parse("ctrl+shift+x", &s.quit));
	/* the default chord no longer quits */
	feed(&s, KEY_LEFTCTRL, 1);
	feed(&s, KEY_LEFTALT, 1);
	assert_int_not_equal(feed(&s, KEY_Q, 1), BT_TK_QUIT);
	feed(&s, KEY_Q, 0);
	feed(&s, KEY_LEFTALT, 0);
	/* Ctrl+X without Shift is not it */
	assert_int_not_equal(feed(&s, KEY_X, 1), BT_TK_QUIT);
	feed(&s, KEY_X, 0);
	/* Ctrl+Shift+X is */
	feed(&s, KEY_RIGHTSHIFT, 1);
	assert_int_equal(feed(&s, KEY_X, 1), BT_TK_QUIT);
	feed(&s, KEY_X, 0);
	/* and with Alt as well it is not */
	feed(&s, KEY_LEFTALT, 1);
	assert_int_not_equal(feed(&s, KEY_X, 1), BT_TK_QUIT);
}

static void test_trainer_keys_still_work(void **state)
{
	(void)state;
	struct bt_trainer_state s = {0};
	/* plain keys keep their meaning; the chord letter without modifiers is no quit */
	assert_int_equal(feed(&s, KEY_RIGHT, 1), BT_TK_NEXT);
	assert_int_equal(feed(&s, KEY_R, 1), BT_TK_RESET);
	s.quit = (struct bt_chord){.ctrl = true, .key = 'r'};
	assert_int_equal(feed(&s, KEY_R, 1), BT_TK_RESET);
	feed(&s, KEY_LEFTCTRL, 1);
	assert_int_equal(feed(&s, KEY_R, 1), BT_TK_QUIT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_default),
	    cmocka_unit_test(test_parse_good),
	    cmocka_unit_test(test_parse_bad_leaves_out_alone),
	    cmocka_unit_test(test_format),
	    cmocka_unit_test(test_matches),
	    cmocka_unit_test(test_trainer_default_quit),
	    cmocka_unit_test(test_trainer_custom_quit),
	    cmocka_unit_test(test_trainer_keys_still_work),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
