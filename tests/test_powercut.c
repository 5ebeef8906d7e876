/* Power cut: a session's journal cut at every byte offset of its last records, at
 * 200 random offsets, and with 200 random damaged bytes. Every restart must resume to
 * exactly the state after the whole records before the cut (a prefix of the events),
 * never crash, never show a state that did not happen, and go on journaling from there.
 * The seed is printed; BT_POWERCUT_SEED picks another run. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "catalog.h"
#include "journal.h"
#include "testutil.h"
#include "util.h"

#define SESSION      "1.3"
#define STEPS        600
#define LAST_RECORDS 10
#define RANDOM_CUTS  200
#define RANDOM_FLIPS 200

struct fixture {
	char *dir, *data, *path;
	struct bt_catalog *catalog;
	uint8_t *journal; /* the journal as the uninterrupted run left it */
	size_t len;
	size_t *rec_end; /* byte offset just after record i; rec_end[0] is the header's end */
	size_t n;        /* records */
	char **prefix;   /* prefix[k]: the session dump after the first k records */
	uint64_t rng;
};

static uint32_t rnd(struct fixture *f)
{
	f->rng = f->rng * 6364136223846793005ull + 1442695040888963407ull;
	return (uint32_t)(f->rng >> 33);
}

static char *dump_session(const struct bt_session *s)
{
	json_t *d = session_dump(s);
	char *t = json_dumps(d, JSON_SORT_KEYS);
	json_decref(d);
	return t;
}

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* A lively session: votes, changed votes, undo, hands, navigation and typed blocks. */
static void play(struct fixture *f)
{
	struct bt_app_options o = {.data_dir = f->data, .preseat = BT_MAX_SEATS};
	struct bt_app *a = app_create(f->catalog, &o);
	assert_int_equal(app_open_session(a, SESSION, 0), 0);
	uint32_t t = 0;
	for (int i = 0; i < STEPS; i++) {
		t += 50 + rnd(f) % 400;
		uint32_t r = rnd(f) % 100;
		struct bt_event e;
		if (r < 55) {
			e = event_seat(1 + (int)(rnd(f) % 12), BT_SK_DIGIT, (int)(rnd(f) % 10), t);
		} else if (r < 60) {
			e = event_seat(1 + (int)(rnd(f) % 12), BT_SK_UNDO, 0, t);
		} else if (r < 63) {
			e = event_seat(1 + (int)(rnd(f) % 12), BT_SK_HAND, 0, t);
		} else if (r < 75) {
			e = event_trainer(BT_TK_ENTER, t);
		} else if (r < 85) {
			/* never past the closing screen: that would end the session */
			bool end = a->session->current + 1 >= a->session->def->n_scenes;
			e = event_trainer(end ? BT_TK_PREV : BT_TK_NEXT, t);
		} else if (r < 90) {
			e = event_trainer(BT_TK_PREV, t);
		} else {
			e = event_trainer(BT_TK_LETTER_N, t);
			if (app_handle(a, &e) && a->typing) {
				char text[40];
				snprintf(text, sizeof(text), "blok %d é", i);
				app_text_input(a, text);
				app_text_key(a, BT_TEXTKEY_ENTER, t);
			}
			continue;
		}
		app_handle(a, &e);
	}
	/* the process dies here: nothing is closed */
	struct bt_journal *j = a->journal;
	a->journal = NULL;
	journal_close(j);
	app_destroy(a);
}

static int setup(void **state)
{
	struct fixture *f = bt_xcalloc(1, sizeof(*f));
	const char *seed = getenv("BT_POWERCUT_SEED");
	/* a fixed default, so every run tries the same journal; any seed must pass */
	f->rng = seed ? strtoull(seed, NULL, 10) : 20261123u;
	printf("power cut: seed %llu (BT_POWERCUT_SEED repeats it)\n", (unsigned long long)f->rng);
	f->dir = tu_tmpdir();
	f->data = bt_xasprintf("%s/data", f->dir);
	f->path = bt_xasprintf("%s/journal/" SESSION ".journal", f->data);
	f->catalog = catalog_load(BT_TEST_SOURCE_DIR "/scenes", NULL);
	assert_non_null(catalog_find(f->catalog, SESSION));
	play(f);
	assert_int_equal(bt_file_read(f->path, (char **)&f->journal, &f->len, 64 << 20), 0);

	/* where each record ends, from the layout journal.h describes */
	assert_true(f->len > 12);
	size_t off = 8 + rd32(f->journal + 4) + 4;
	size_t cap = 0;
	bt_grow((void **)&f->rec_end, &cap, 1, sizeof(*f->rec_end));
	f->rec_end[0] = off;
	while (off + 8 <= f->len) {
		off += 8 + rd32(f->journal + off);
		assert_true(off <= f->len);
		bt_grow((void **)&f->rec_end, &cap, f->n + 2, sizeof(*f->rec_end));
		f->rec_end[++f->n] = off;
	}
	assert_int_equal(off, f->len);
	printf("power cut: the run journaled %zu records, %zu bytes\n", f->n, f->len);
	assert_true(f->n > 4 * LAST_RECORDS); /* the run journaled a real session */

	/* the state after every prefix, replayed from the parsed events */
	struct bt_journal_info info;
	struct bt_event *evs = NULL;
	size_t n_evs = 0, valid = 0;
	char *warning = NULL;
	assert_int_equal(journal_parse(f->journal, f->len, &info, &evs, &n_evs, &valid, &warning),
	                 0);
	assert_int_equal(n_evs, f->n);
	assert_int_equal(valid, f->len);
	assert_null(warning);
	const struct bt_session_def *def = catalog_find(f->catalog, SESSION);
	struct bt_session *s = session_create(def);
	s->catalog = f->catalog;
	f->prefix = bt_xcalloc(f->n + 1, sizeof(*f->prefix));
	f->prefix[0] = dump_session(s);
	for (size_t k = 0; k < f->n; k++) {
		session_handle(s, &evs[k]);
		f->prefix[k + 1] = dump_session(s);
	}
	session_destroy(s);
	free(evs);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	for (size_t k = 0; f->prefix && k <= f->n; k++)
		free(f->prefix[k]);
	free(f->prefix);
	free(f->rec_end);
	free(f->journal);
	catalog_destroy(f->catalog);
	tu_rmtree(f->dir);
	free(f->dir);
	free(f->data);
	free(f->path);
	free(f);
	return 0;
}

static void put_journal(struct fixture *f, const uint8_t *bytes, size_t len)
{
	int fd = open(f->path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, bytes, len), (ssize_t)len);
	close(fd);
}

/* How many whole records lie before byte offset cut. */
static size_t whole_before(const struct fixture *f, size_t cut)
{
	if (cut < f->rec_end[0])
		return 0;
	size_t k = 0;
	while (k < f->n && f->rec_end[k + 1] <= cut)
		k++;
	return k;
}

/* Restarts on the journal as it is now: the resumed state must be prefix[want], and
 * with check_append one more vote is journaled on top and survives another restart. */
static void restart_expect(struct fixture *f, size_t want, bool check_append, const char *what,
                           size_t at)
{
	struct bt_app_options o = {.data_dir = f->data, .preseat = BT_MAX_SEATS};
	struct bt_app *a = app_create(f->catalog, &o);
	assert_int_equal(app_open_session(a, SESSION, 0), 0);
	/* with nothing to replay the session starts afresh, its seats present: record 1 */
	if (want == 0)
		want = 1;
	char *got = dump_session(a->session);
	if (strcmp(got, f->prefix[want]) != 0) {
		/* say which prefix it equals, if any: a state that never happened is the worst */
		long other = -1;
		for (size_t k = 0; k <= f->n && other < 0; k++)
			if (strcmp(got, f->prefix[k]) == 0)
				other = (long)k;
		fail_msg("%s at byte %zu: resumed state is not the prefix of %zu records (%s %ld)",
		         what, at, want, other < 0 ? "a state that never happened;" : "prefix",
		         other);
	}
	free(got);
	if (check_append) {
		struct bt_event e = event_trainer(BT_TK_ENTER, 1);
		bool changed = app_handle(a, &e);
		char *after = dump_session(a->session);
		struct bt_journal *j = a->journal;
		a->journal = NULL;
		journal_close(j);
		app_destroy(a);
		a = app_create(f->catalog, &o);
		assert_int_equal(app_open_session(a, SESSION, 0), 0);
		char *again = dump_session(a->session);
		assert_true(changed);
		assert_string_equal(after, again);
		free(after);
		free(again);
	}
	struct bt_journal *j = a->journal;
	a->journal = NULL;
	journal_close(j);
	app_destroy(a);
}

static void test_cut_at_every_byte_of_the_last_records(void **state)
{
	struct fixture *f = *state;
	size_t from = f->rec_end[f->n - LAST_RECORDS];
	size_t tried = 0;
	for (size_t cut = from; cut <= f->len; cut++) {
		put_journal(f, f->journal, cut);
		restart_expect(f, whole_before(f, cut), cut % 7 == 0, "cut", cut);
		tried++;
	}
	printf("power cut: %zu records, %zu bytes; cut at every one of the last %zu bytes "
	       "(%d records): %zu restarts, each the state of a prefix\n",
	       f->n, f->len, f->len - from, LAST_RECORDS, tried);
}

static void test_cut_at_random_offsets(void **state)
{
	struct fixture *f = *state;
	for (int i = 0; i < RANDOM_CUTS; i++) {
		size_t cut = rnd(f) % (f->len + 1);
		put_journal(f, f->journal, cut);
		restart_expect(f, whole_before(f, cut), i % 10 == 0, "random cut", cut);
	}
	printf("power cut: %d random cut offsets, each the state of a prefix\n", RANDOM_CUTS);
}

static void test_damaged_byte(void **state)
{
	struct fixture *f = *state;
	uint8_t *copy = bt_xmalloc(f->len);
	for (int i = 0; i < RANDOM_FLIPS; i++) {
		memcpy(copy, f->journal, f->len);
		size_t at = f->rec_end[0] + rnd(f) % (f->len - f->rec_end[0]);
		copy[at] ^= (uint8_t)(1 + rnd(f) % 255);
		put_journal(f, copy, f->len);
		/* the damaged record and everything after it are dropped (CRC-32) */
		restart_expect(f, whole_before(f, at), i % 10 == 0, "damaged byte", at);
	}
	free(copy);
	printf("power cut: %d random damaged bytes, each the state of a prefix\n", RANDOM_FLIPS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_cut_at_every_byte_of_the_last_records, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_cut_at_random_offsets, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_damaged_byte, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
