/* Reading a device the way libevdev documents it, with a scripted next_event:
 * SYN_DROPPED switches to sync mode and back; any error but EAGAIN drops the device. */
#include <errno.h>
#include <string.h>

#include "evdev_drain.h"
#include "testutil.h"

struct step {
	unsigned int expect_flags;
	int rc;
	unsigned short code;
	int value;
};

struct script {
	const struct step *steps;
	int n, pos;
	int seen_normal, seen_synced;
	unsigned short last_code;
};

static struct script *current;

static int fake_next(struct libevdev *dev, unsigned int flags, struct input_event *ev)
{
	(void)dev;
	struct script *s = current;
	assert_true(s->pos < s->n);
	const struct step *st = &s->steps[s->pos++];
	assert_int_equal(flags, st->expect_flags);
	memset(ev, 0, sizeof(*ev));
	ev->type = EV_KEY;
	ev->code = st->code;
	ev->value = st->value;
	return st->rc;
}

static void on_event(void *user, const struct input_event *ev, bool synced)
{
	struct script *s = user;
	if (synced)
		s->seen_synced++;
	else
		s->seen_normal++;
	s->last_code = ev->code;
}

#define N LIBEVDEV_READ_FLAG_NORMAL
#define S LIBEVDEV_READ_FLAG_SYNC

static void test_drains_until_eagain(void **state)
{
	(void)state;
	const struct step steps[] = {
	    {N, LIBEVDEV_READ_STATUS_SUCCESS, KEY_KP1, 1},
	    {N, LIBEVDEV_READ_STATUS_SUCCESS, KEY_KP1, 0},
	    {N, -EAGAIN, 0, 0},
	};
	struct script s = {steps, 3, 0, 0, 0, 0};
	current = &s;
	assert_int_equal(evdev_drain(NULL, fake_next, on_event, &s), 0);
	assert_int_equal(s.pos, 3);
	assert_int_equal(s.seen_normal, 2);
}

static void test_syn_dropped_resyncs(void **state)
{
	(void)state;
	const struct step steps[] = {
	    {N, LIBEVDEV_READ_STATUS_SUCCESS, KEY_KP2, 1},
	    {N, LIBEVDEV_READ_STATUS_SYNC, 0, 0},       /* SYN_DROPPED */
	    {S, LIBEVDEV_READ_STATUS_SYNC, KEY_KP2, 0}, /* state delta: KP2 is up now */
	    {S, LIBEVDEV_READ_STATUS_SYNC, KEY_KP7, 1}, /* KP7 is down now */
	    {S, -EAGAIN, 0, 0},                         /* sync done */
	    {N, LIBEVDEV_READ_STATUS_SUCCESS, KEY_KP3, 1},
	    {N, -EAGAIN, 0, 0},
	};
	struct script s = {steps, 7, 0, 0, 0, 0};
	current = &s;
	assert_int_equal(evdev_drain(NULL, fake_next, on_event, &s), 0);
	assert_int_equal(s.pos, 7);
	assert_int_equal(s.seen_synced, 2);
	assert_int_equal(s.seen_normal, 2);
	assert_int_equal(s.last_code, KEY_KP3);
}

static void test_error_means_gone(void **state)
{
	(void)state;
	const struct step steps[] = {
	    {N, LIBEVDEV_READ_STATUS_SUCCESS, KEY_KP4, 1},
	    {N, -ENODEV, 0, 0},
	};
	struct script s = {steps, 2, 0, 0, 0, 0};
	current = &s;
	assert_int_equal(evdev_drain(NULL, fake_next, on_event, &s), -ENODEV);
	const struct step steps2[] = {{N, -EIO, 0, 0}};
	struct script s2 = {steps2, 1, 0, 0, 0, 0};
	current = &s2;
	assert_int_equal(evdev_drain(NULL, fake_next, on_event, &s2), -EIO);
}

static void test_interrupted_read_retried(void **state)
{
	(void)state;
	const struct step steps[] = {
	    {N, -EINTR, 0, 0},
	    {N, LIBEVDEV_READ_STATUS_SUCCESS, KEY_KP5, 1},
	    {N, -EAGAIN, 0, 0},
	};
	struct script s = {steps, 3, 0, 0, 0, 0};
	current = &s;
	assert_int_equal(evdev_drain(NULL, fake_next, on_event, &s), 0);
	assert_int_equal(s.seen_normal, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_drains_until_eagain),
	    cmocka_unit_test(test_syn_dropped_resyncs),
	    cmocka_unit_test(test_error_means_gone),
	    cmocka_unit_test(test_interrupted_read_retried),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
