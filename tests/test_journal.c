/* The journal: round trip, torn and corrupt records, permissions. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "journal.h"
#include "testutil.h"
#include "util.h"

static struct bt_event ev_n(int i)
{
	if (i % 3 == 0)
		return event_trainer(BT_TK_NEXT, (uint32_t)i * 10);
	return event_seat(1 + i % 12, BT_SK_DIGIT, i % 10, (uint32_t)i * 10);
}

static char *write_journal(const char *dir, int n)
{
	char *path = bt_xasprintf("%s/j.journal", dir);
	struct bt_journal *j;
	struct bt_event *evs;
	size_t ne;
	char *warn;
	assert_int_equal(journal_open(path, "1.2", 42, &evs, &ne, &warn, &j), 0);
	assert_int_equal(ne, 0);
	for (int i = 0; i < n; i++) {
		struct bt_event e = ev_n(i);
		assert_int_equal(journal_append(j, &e), 0);
	}
	journal_close(j);
	return path;
}

static void test_round_trip(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char *path = write_journal(dir, 50);
	struct bt_journal *j;
	struct bt_event *evs;
	size_t n;
	char *warn;
	assert_int_equal(journal_open(path, "1.2", 7, &evs, &n, &warn, &j), 0);
	assert_null(warn);
	assert_int_equal(n, 50);
	assert_int_equal(journal_hash(j), 42); /* the hash recorded at the start */
	for (int i = 0; i < 50; i++) {
		struct bt_event e = ev_n(i);
		assert_memory_equal(&evs[i], &e, sizeof(e));
	}
	free(evs);
	journal_close(j);
	free(path);
	tu_rmtree(dir);
	free(dir);
}

static void test_text_event(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char *path = bt_xasprintf("%s/t.journal", dir);
	struct bt_journal *j;
	struct bt_event *evs;
	size_t n;
	char *warn;
	assert_int_equal(journal_open(path, "2.5", 1, &evs, &n, &warn, &j), 0);
	struct bt_event e = {.type = BT_EV_TEXT, .key = BT_TEXT_ADD, .digit = 2, .time_ms = 5};
	strcpy(e.text, "Minder stress, meer geld");
	assert_int_equal(journal_append(j, &e), 0);
	journal_close(j);
	assert_int_equal(journal_open(path, "2.5", 1, &evs, &n, &warn, &j), 0);
	assert_int_equal(n, 1);
	assert_string_equal(evs[0].text, "Minder stress, meer geld");
	free(evs);
	journal_close(j);
	free(path);
	tu_rmtree(dir);
	free(dir);
}

static void test_torn_tail_every_offset(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char *path = write_journal(dir, 5);
	char *data;
	size_t len;
	assert_int_equal(bt_file_read(path, &data, &len, 1 << 20), 0);
	/* the last record is 8 + 9 bytes: cut it at every byte */
	for (size_t cut = len - 17; cut < len; cut++) {
		struct bt_journal_info info;
		struct bt_event *evs;
		size_t n, valid;
		char *warn;
		assert_int_equal(
		    journal_parse((const uint8_t *)data, cut, &info, &evs, &n, &valid, &warn), 0);
		assert_int_equal(n, 4);
		assert_int_equal(valid, len - 17);
		if (cut > len - 17)
			assert_non_null(warn);
		else
			assert_null(warn);
		free(warn);
		free(evs);
	}
	/* opening a torn file cuts the tail, and appending continues cleanly */
	assert_int_equal(truncate(path, (off_t)(len - 3)), 0);
	struct bt_journal *j;
	struct bt_event *evs;
	size_t n;
	char *warn;
	assert_int_equal(journal_open(path, "1.2", 42, &evs, &n, &warn, &j), 0);
	assert_int_equal(n, 4);
	assert_non_null(warn);
	assert_non_null(strstr(warn, "overgeslagen"));
	free(warn);
	free(evs);
	struct bt_event e = event_trainer(BT_TK_ENTER, 99);
	assert_int_equal(journal_append(j, &e), 0);
	journal_close(j);
	assert_int_equal(journal_open(path, "1.2", 42, &evs, &n, &warn, &j), 0);
	assert_int_equal(n, 5);
	assert_null(warn);
	assert_int_equal(evs[4].key, BT_TK_ENTER);
	free(evs);
	journal_close(j);
	free(data);
	free(path);
	tu_rmtree(dir);
	free(dir);
}

static void test_corrupt_record_stops_replay(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char *path = write_journal(dir, 10);
	char *data;
	size_t len;
	assert_int_equal(bt_file_read(path, &data, &len, 1 << 20), 0);
	/* flip a byte inside the payload of the 7th record */
	size_t hdr = len - 10 * 17;
	data[hdr + 6 * 17 + 10] ^= 0x40;
	struct bt_journal_info info;
	struct bt_event *evs;
	size_t n, valid;
	char *warn;
	assert_int_equal(journal_parse((const uint8_t *)data, len, &info, &evs, &n, &valid, &warn),
	                 0);
	assert_int_equal(n, 6);
	assert_string_equal(info.session_id, "1.2");
	assert_non_null(warn);
	assert_non_null(strstr(warn, "beschadigde"));
	free(warn);
	free(evs);
	/* a broken header is refused, not guessed at */
	data[5] ^= 0x7f;
	assert_int_equal(journal_parse((const uint8_t *)data, len, &info, &evs, &n, &valid, &warn),
	                 -EINVAL);
	free(data);
	free(path);
	tu_rmtree(dir);
	free(dir);
}

static void test_owner_only_and_other_session(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char *data_dir = bt_xasprintf("%s/data", dir);
	int err;
	umask(022);
	char *path = journal_path(data_dir, "1.3", &err);
	assert_int_equal(err, 0);
	struct bt_journal *j;
	struct bt_event *evs;
	size_t n;
	char *warn;
	assert_int_equal(journal_open(path, "1.3", 1, &evs, &n, &warn, &j), 0);
	journal_close(j);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	char *jdir = bt_xasprintf("%s/journal", data_dir);
	assert_int_equal(stat(jdir, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	/* the file belongs to 1.3: opening it for 1.4 is refused */
	assert_int_equal(journal_open(path, "1.4", 1, &evs, &n, &warn, &j), -EEXIST);
	struct bt_journal_info info;
	assert_int_equal(journal_peek(path, &info), 0);
	assert_string_equal(info.session_id, "1.3");
	/* closing a session normally removes its journal */
	assert_int_equal(journal_open(path, "1.3", 1, &evs, &n, &warn, &j), 0);
	assert_int_equal(journal_discard(j), 0);
	assert_int_equal(access(path, F_OK), -1);
	free(jdir);
	free(path);
	free(data_dir);
	tu_rmtree(dir);
	free(dir);
}

/* The size cap: a journal filled to just under BT_JOURNAL_MAX_BYTES still opens with
 * every event; appends past the cap fail with -EFBIG and leave the file whole. */
static void test_size_cap(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char *path = write_journal(dir, 0);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	off_t header = st.st_size;
	free(path);
	path = write_journal(dir, 1); /* the same file, now with one record */
	assert_int_equal(stat(path, &st), 0);
	size_t rec = (size_t)(st.st_size - header);
	assert_true(rec > 8 && rec < 100);
	/* copies of that record, written directly (records do not depend on their place) */
	uint8_t one[100];
	FILE *f = fopen(path, "r+b");
	assert_non_null(f);
	assert_int_equal(fseeko(f, header, SEEK_SET), 0);
	assert_int_equal(fread(one, 1, rec, f), rec);
	assert_int_equal(fseeko(f, 0, SEEK_END), 0);
	size_t copies = ((size_t)BT_JOURNAL_MAX_BYTES - (size_t)st.st_size) / rec - 1;
	for (size_t i = 0; i < copies; i++)
		assert_int_equal(fwrite(one, 1, rec, f), rec);
	assert_int_equal(fclose(f), 0);
	size_t want = 1 + copies;

	struct bt_journal *j;
	struct bt_event *evs;
	size_t n;
	char *warn;
	assert_int_equal(journal_open(path, "1.2", 42, &evs, &n, &warn, &j), 0);
	assert_null(warn);
	assert_int_equal(n, want);
	free(evs);
	/* one more record fits; the next one would pass the cap */
	struct bt_event e = event_seat(7, BT_SK_DIGIT, 3, 123);
	int r = 0;
	size_t appended = 0;
	while (appended < 10 && (r = journal_append(j, &e)) == 0)
		appended++; /* bounded: without a cap this would fill the disk */
	assert_int_equal(r, -EFBIG);
	assert_true(appended >= 1 && appended <= 2);
	assert_int_equal(journal_append(j, &e), -EFBIG); /* and stays refused */
	journal_close(j);
	assert_int_equal(stat(path, &st), 0);
	assert_true(st.st_size <= (off_t)BT_JOURNAL_MAX_BYTES);
	assert_true(st.st_size + (off_t)rec > (off_t)BT_JOURNAL_MAX_BYTES);
	/* nothing torn: every event back, the last one the seat's */
	assert_int_equal(journal_open(path, "1.2", 42, &evs, &n, &warn, &j), 0);
	assert_null(warn);
	assert_int_equal(n, want + appended);
	assert_memory_equal(&evs[n - 1], &e, sizeof(e));
	free(evs);
	journal_close(j);
	free(path);
	tu_rmtree(dir);
	free(dir);
}

static void test_garbage_file_restarts(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char *path = bt_xasprintf("%s/g.journal", dir);
	tu_write(path, "this is not a journal at all\n");
	struct bt_journal *j;
	struct bt_event *evs;
	size_t n;
	char *warn;
	assert_int_equal(journal_open(path, "1.2", 1, &evs, &n, &warn, &j), 0);
	assert_int_equal(n, 0);
	assert_non_null(warn);
	free(warn);
	journal_close(j);
	struct bt_journal_info info;
	assert_int_equal(journal_peek(path, &info), 0);
	free(path);
	tu_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_text_event),
	    cmocka_unit_test(test_torn_tail_every_offset),
	    cmocka_unit_test(test_corrupt_record_stops_replay),
	    cmocka_unit_test(test_owner_only_and_other_session),
	    cmocka_unit_test(test_garbage_file_restarts),
	    cmocka_unit_test(test_size_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
