/* Maintainer log lines: journald priority or terminal prefix, one line per
 * message, the rate limit, and telling whether stderr is the journal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "testutil.h"
#include "util.h"

/* Everything written to f so far (caller frees). */
static char *slurp(FILE *f)
{
	long n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	char *s = bt_xcalloc(1, (size_t)n + 1);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	return s;
}

static char *write_one(bool journal, enum bt_log_level level, const char *msg)
{
	FILE *f = tmpfile();
	assert_non_null(f);
	log_write(f, journal, level, msg);
	char *s = slurp(f);
	fclose(f);
	return s;
}

static size_t count_char(const char *s, char c)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == c;
	return n;
}

static void test_journal_prefix(void **state)
{
	(void)state;
	char *s = write_one(true, BT_LOG_WARNING, "toetsenbordje 3 reageert niet");
	assert_string_equal(s, "<4>toetsenbordje 3 reageert niet\n");
	free(s);
	s = write_one(true, BT_LOG_ERR, "kapot");
	assert_string_equal(s, "<3>kapot\n");
	free(s);
	s = write_one(true, BT_LOG_INFO, "gestart");
	assert_string_equal(s, "<6>gestart\n");
	free(s);
}

static void test_terminal_prefix_dutch(void **state)
{
	(void)state;
	char *s = write_one(false, BT_LOG_WARNING, "text");
	assert_true(strncmp(s, "bergtop: ", 9) == 0);
	assert_non_null(strstr(s, "waarschuwing"));
	assert_string_equal(s, "bergtop: waarschuwing: text\n");
	free(s);
	s = write_one(false, BT_LOG_ERR, "kapot");
	assert_string_equal(s, "bergtop: fout: kapot\n");
	free(s);
}

static void test_one_line_per_message(void **state)
{
	(void)state;
	char *s = write_one(true, BT_LOG_WARNING, "regel een\nregel twee\n\n\n");
	assert_string_equal(s, "<4>regel een regel twee\n");
	assert_int_equal(count_char(s, '\n'), 1);
	free(s);
	s = write_one(false, BT_LOG_NOTICE, "a\nb\nc\n");
	assert_int_equal(count_char(s, '\n'), 1);
	assert_non_null(strstr(s, ": a b c\n"));
	assert_true(strncmp(s, "bergtop: ", 9) == 0);
	free(s);
	/* an empty message is still one line */
	s = write_one(true, BT_LOG_ERR, "\n");
	assert_string_equal(s, "<3>\n");
	free(s);
	/* two messages after each other are two lines */
	FILE *f = tmpfile();
	assert_non_null(f);
	log_write(f, true, BT_LOG_WARNING, "een");
	log_write(f, true, BT_LOG_ERR, "twee\n");
	s = slurp(f);
	fclose(f);
	assert_string_equal(s, "<4>een\n<3>twee\n");
	free(s);
}

static void test_ratelimit_burst(void **state)
{
	(void)state;
	struct bt_ratelimit r;
	uint32_t sup = 99;
	ratelimit_init(&r, 1000, 3);
	uint64_t t0 = 50000;
	for (int i = 0; i < 3; i++) {
		assert_true(ratelimit_allow(&r, t0 + (uint64_t)i, &sup));
		assert_int_equal(sup, 0);
	}
	for (int i = 3; i < 10; i++) {
		sup = 99;
		assert_false(ratelimit_allow(&r, t0 + 10 * (uint64_t)i, &sup));
		assert_int_equal(sup, 0);
	}
	/* still inside the interval at 999 ms */
	assert_false(ratelimit_allow(&r, t0 + 999, &sup));
	/* the next interval: allowed, and the 8 held back are told once */
	assert_true(ratelimit_allow(&r, t0 + 1000, &sup));
	assert_int_equal(sup, 8);
	assert_true(ratelimit_allow(&r, t0 + 1001, &sup));
	assert_int_equal(sup, 0);
}

static void test_ratelimit_reports_seven(void **state)
{
	(void)state;
	struct bt_ratelimit r;
	uint32_t sup;
	ratelimit_init(&r, 1000, 3);
	int allowed = 0;
	for (int i = 0; i < 10; i++)
		allowed += ratelimit_allow(&r, 100 + (uint64_t)i, &sup);
	assert_int_equal(allowed, 3); /* the 4th..10th are held */
	assert_true(ratelimit_allow(&r, 1500, &sup));
	assert_int_equal(sup, 7);
	/* a quiet interval after that reports nothing */
	assert_true(ratelimit_allow(&r, 5000, &sup));
	assert_int_equal(sup, 0);
}

static void test_ratelimit_time_backwards(void **state)
{
	(void)state;
	struct bt_ratelimit r;
	uint32_t sup;
	ratelimit_init(&r, 1000, 2);
	assert_true(ratelimit_allow(&r, 10000, &sup));
	assert_true(ratelimit_allow(&r, 10001, &sup));
	assert_false(ratelimit_allow(&r, 10002, &sup));
	assert_false(ratelimit_allow(&r, 10003, &sup));
	/* the clock jumps back: a new interval, not a wait of ages */
	assert_true(ratelimit_allow(&r, 20, &sup));
	assert_int_equal(sup, 2);
	assert_true(ratelimit_allow(&r, 21, &sup));
	assert_int_equal(sup, 0);
	assert_false(ratelimit_allow(&r, 22, &sup));
}

static void test_stderr_is_journal(void **state)
{
	(void)state;
	struct stat st;
	assert_int_equal(fstat(STDERR_FILENO, &st), 0);
	char *saved = getenv("JOURNAL_STREAM") ? bt_xstrdup(getenv("JOURNAL_STREAM")) : NULL;

	assert_int_equal(unsetenv("JOURNAL_STREAM"), 0);
	assert_false(log_stderr_is_journal());

	char *other = bt_xasprintf("%llu:%llu", (unsigned long long)st.st_dev,
	                           (unsigned long long)st.st_ino + 1);
	assert_int_equal(setenv("JOURNAL_STREAM", other, 1), 0);
	assert_false(log_stderr_is_journal());
	free(other);
	other = bt_xasprintf("%llu:%llu", (unsigned long long)st.st_dev + 1,
	                     (unsigned long long)st.st_ino);
	assert_int_equal(setenv("JOURNAL_STREAM", other, 1), 0);
	assert_false(log_stderr_is_journal());
	free(other);
	assert_int_equal(setenv("JOURNAL_STREAM", "onzin", 1), 0);
	assert_false(log_stderr_is_journal());

	char *mine =
	    bt_xasprintf("%llu:%llu", (unsigned long long)st.st_dev, (unsigned long long)st.st_ino);
	assert_int_equal(setenv("JOURNAL_STREAM", mine, 1), 0);
	assert_true(log_stderr_is_journal());
	free(mine);

	if (saved) {
		setenv("JOURNAL_STREAM", saved, 1);
		free(saved);
	} else {
		unsetenv("JOURNAL_STREAM");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_journal_prefix),
	    cmocka_unit_test(test_terminal_prefix_dutch),
	    cmocka_unit_test(test_one_line_per_message),
	    cmocka_unit_test(test_ratelimit_burst),
	    cmocka_unit_test(test_ratelimit_reports_seven),
	    cmocka_unit_test(test_ratelimit_time_backwards),
	    cmocka_unit_test(test_stderr_is_journal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
