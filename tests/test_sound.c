/* The chime is soft: a bell that fades, never an alarm. */
#include <math.h>
#include <stdlib.h>

#include "sound.h"
#include "testutil.h"

static void test_chime_is_soft_and_fades(void **state)
{
	(void)state;
	static short buf[44100 * 2];
	int n = sound_chime_samples(buf, 44100 * 2, 44100);
	assert_true(n > 44100); /* over a second */
	assert_true(n < 44100 * 2);
	int peak = 0;
	double first = 0, last = 0;
	for (int i = 0; i < n; i++) {
		int a = abs(buf[i]);
		peak = a > peak ? a : peak;
		if (i < n / 10)
			first += a;
		if (i >= n - n / 10)
			last += a;
	}
	assert_true(peak > 3000);         /* audible */
	assert_true(peak < 32767 * 0.35); /* never loud */
	assert_true(last < first / 20);   /* it fades out */
	assert_true(abs(buf[0]) < 200);   /* no click at the start */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_chime_is_soft_and_fades),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
