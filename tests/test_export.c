/* The export for the ward's dossier, driven on bundled sessions (1.5: check-in,
 * scale, check-out; 3.5: thermometer; 3.3: urge wave and a board with a typed item):
 * the exact CSV rows, the HTML page (seat sections, charts, numbers, no scripts, no
 * links, escaped texts), seats without answers and trainer-typed text left out, and
 * the files: names, modes, the seat count, failures that leave nothing behind. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "export.h"
#include "i18n.h"
#include "session.h"
#include "testutil.h"
#include "util.h"

#define NOW_WALL 1715682600 /* 2024-05-14 10:30:00 UTC */
#define DATE     "2024-05-14"
#define BASE15   "bergtop-1.5-20240514-1030"

static struct bt_session_def *load(const char *name)
{
	char *path = bt_xasprintf("%s/scenes/%s", BT_TEST_SOURCE_DIR, name);
	struct bt_diags d = {0};
	struct bt_session_def *def = sessiondef_load(path, NULL, &d);
	assert_int_equal(d.n, 0);
	assert_non_null(def);
	diags_clear(&d);
	free(path);
	return def;
}

static void trainer(struct bt_session *s, enum bt_trainer_key k, uint32_t t)
{
	struct bt_event e = event_trainer(k, t);
	session_handle(s, &e);
}

static void press(struct bt_session *s, int seat, int digit, uint32_t t)
{
	struct bt_event e = event_seat(seat, BT_SK_DIGIT, digit, t);
	session_handle(s, &e);
}

static void undo(struct bt_session *s, int seat, uint32_t t)
{
	struct bt_event e = event_seat(seat, BT_SK_UNDO, 0, t);
	session_handle(s, &e);
}

static void go_to(struct bt_session *s, size_t index, const char *type, uint32_t t)
{
	while (s->current < index)
		trainer(s, BT_TK_NEXT, t);
	assert_string_equal(s->def->scenes[index].type->name, type);
}

/* 1.5: seat 3 joins but never answers; seats 2, 5 and 7 answer the check-in (5
 * changes its mind), the poll (not exported), the scale (7 undoes and chooses again)
 * and the check-out (7 does not). */
static struct bt_session *drive_15(struct bt_session_def *def)
{
	struct bt_session *s = session_create(def);
	assert_string_equal(s->def->scenes[0].type->name, "checkin");
	press(s, 3, 4, 100); /* before the question opens: present, no answer */
	trainer(s, BT_TK_ENTER, 200);
	press(s, 2, 4, 300);
	press(s, 5, 2, 310);
	press(s, 7, 5, 320);
	press(s, 5, 3, 330);
	trainer(s, BT_TK_ENTER, 400);
	go_to(s, 6, "poll", 500);
	trainer(s, BT_TK_ENTER, 600);
	press(s, 2, 1, 700);
	press(s, 5, 2, 710);
	press(s, 7, 1, 720);
	go_to(s, 9, "scale", 800);
	trainer(s, BT_TK_ENTER, 900);
	press(s, 2, 0, 1000);
	press(s, 5, 3, 1010);
	press(s, 7, 5, 1020);
	undo(s, 7, 1030);
	press(s, 7, 4, 1040);
	go_to(s, 12, "checkout", 1100);
	trainer(s, BT_TK_ENTER, 1200);
	press(s, 2, 5, 1300);
	press(s, 5, 4, 1310);
	return s;
}

/* A CSV row of the export, built with the same messages the export uses. */
static void add_row(char **csv, const char *id, int scene, const char *type, const char *q,
                    int seat, int value, const char *label)
{
	char *row = bt_xasprintf("%s%s;" DATE ";%d;%s;%s;%d;%d;%s\r\n", *csv, id, scene, type, q,
	                         seat, value, label);
	free(*csv);
	*csv = row;
}

static char *csv_head(void)
{
	return bt_xasprintf("\xEF\xBB\xBF%s;%s;%s;%s;%s;%s;%s;%s\r\n", _("session"), _("date"),
	                    _("scene"), _("type"), _("question"), _("seat"), _("value"),
	                    _("meaning"));
}

static void test_csv_rows(void **state)
{
	(void)state;
	struct bt_session_def *def = load("1.5.yaml");
	struct bt_session *s = drive_15(def);
	const char *in = _("How am I starting today?"), *out = _("How do I feel now?");
	const char *sq = "Hoe belangrijk is het om je gebruik te veranderen?";
	char *range = bt_xasprintf(_("from %d to %d"), 0, 5);
	char *want = csv_head();
	add_row(&want, "1.5", 1, "checkin", in, 2, 4, _("Good"));
	add_row(&want, "1.5", 10, "scale", sq, 2, 0, range);
	add_row(&want, "1.5", 13, "checkout", out, 2, 5, _("Very good"));
	add_row(&want, "1.5", 1, "checkin", in, 5, 3, _("So-so"));
	add_row(&want, "1.5", 10, "scale", sq, 5, 3, range);
	add_row(&want, "1.5", 13, "checkout", out, 5, 4, _("Good"));
	add_row(&want, "1.5", 1, "checkin", in, 7, 5, _("Very good"));
	add_row(&want, "1.5", 10, "scale", sq, 7, 4, range);
	char *csv = export_csv(s, NOW_WALL);
	assert_string_equal(csv, want);
	/* the same text while the session is running and after it ended */
	trainer(s, BT_TK_NEXT, 2000);
	assert_true(session_at_end(s));
	char *after = export_csv(s, NOW_WALL);
	assert_string_equal(after, want);
	free(after);
	free(csv);
	free(want);
	free(range);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_html_page(void **state)
{
	(void)state;
	struct bt_session_def *def = load("1.5.yaml");
	struct bt_session *s = drive_15(def);
	char *html = export_html(s, NOW_WALL);
	char p2[32], p3[32], p5[32], p7[32];
	snprintf(p2, sizeof(p2), _("Seat %d"), 2);
	snprintf(p3, sizeof(p3), _("Seat %d"), 3);
	snprintf(p5, sizeof(p5), _("Seat %d"), 5);
	snprintf(p7, sizeof(p7), _("Seat %d"), 7);
	assert_string_equal(p5, "Plek 5");
	assert_non_null(strstr(html, "<!DOCTYPE html>"));
	assert_non_null(strstr(html, "1.5"));
	assert_non_null(strstr(html, "Belang van veranderen"));
	assert_non_null(strstr(html, "14-05-2024 10:30"));
	/* one section per seat with answers, in seat order; seat 3 never answered */
	const char *s2 = strstr(html, p2), *s5 = strstr(html, p5), *s7 = strstr(html, p7);
	assert_non_null(s2);
	assert_non_null(s5);
	assert_non_null(s7);
	assert_true(s2 < s5 && s5 < s7);
	assert_null(strstr(html, p3));
	/* seat 5's section: its check-in 3, scale 3, check-out 4, as charts and numbers */
	char *sec5 = bt_xstrdup(s5);
	sec5[s7 - s5] = '\0';
	assert_non_null(strstr(sec5, "<svg"));
	assert_non_null(strstr(sec5, "<strong>3</strong> "));
	assert_non_null(strstr(sec5, "<strong>4</strong> "));
	assert_non_null(strstr(sec5, _("So-so")));
	assert_non_null(strstr(sec5, "Hoe belangrijk is het om je gebruik te veranderen?"));
	assert_non_null(strstr(sec5, "aria-label=\"3: "));
	assert_null(strstr(sec5, "<strong>5</strong>")); /* seat 7's check-in */
	free(sec5);
	int svgs = 0;
	for (const char *p = html; (p = strstr(p, "<svg")); p++)
		svgs++;
	assert_int_equal(svgs, 8); /* one chart per answer */
	/* self-contained: nothing runs, nothing is fetched */
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "http:"));
	assert_null(strstr(html, "https:"));
	assert_null(strstr(html, "<link"));
	assert_null(strstr(html, " src="));
	assert_null(strstr(html, "url("));
	assert_null(strstr(html, "onload"));
	free(html);
	session_destroy(s);
	sessiondef_destroy(def);
}

/* 3.5: seat 5 angry at 7, seat 2 happy at 10 (1 then 0), seat 7 chose an emotion
 * but no level yet: not an answer. */
static void test_thermometer(void **state)
{
	(void)state;
	struct bt_session_def *def = load("3.5.yaml");
	struct bt_session *s = session_create(def);
	go_to(s, 5, "thermometer", 100);
	trainer(s, BT_TK_ENTER, 200);
	press(s, 5, 1, 300);
	press(s, 5, 7, 400);
	press(s, 2, 4, 500);
	press(s, 2, 1, 600);
	press(s, 2, 0, 900);
	press(s, 7, 2, 1000);
	const char *q = "Welke sterke emotie had je kort geleden?";
	char *want = csv_head();
	add_row(&want, "3.5", 6, "thermometer", q, 2, 10, _("Happy"));
	add_row(&want, "3.5", 6, "thermometer", q, 5, 7, _("Angry"));
	char *csv = export_csv(s, NOW_WALL);
	assert_string_equal(csv, want);
	char *html = export_html(s, NOW_WALL);
	char p7[32];
	snprintf(p7, sizeof(p7), _("Seat %d"), 7);
	assert_null(strstr(html, p7));
	assert_non_null(strstr(html, _("Emotion thermometer")));
	assert_non_null(strstr(html, "<strong>10</strong> "));
	free(html);
	free(csv);
	free(want);
	session_destroy(s);
	sessiondef_destroy(def);
}

/* 3.3: urge ratings per measurement of 30 s; the board gets an item typed by the
 * trainer (a name), which the dump holds and the export never shows. */
static void test_wave_and_board(void **state)
{
	(void)state;
	struct bt_session_def *def = load("3.3.yaml");
	struct bt_session *s = session_create(def);
	go_to(s, 5, "wave", 100);
	trainer(s, BT_TK_ENTER, 10000); /* the wave starts: 6 measurements of 30 s */
	press(s, 2, 7, 15000);
	press(s, 5, 6, 16000);
	press(s, 5, 8, 17000); /* replaces 6 in the same measurement */
	press(s, 2, 5, 45000);
	press(s, 2, 2, 105000);
	go_to(s, 11, "blocks", 110000);
	struct bt_event typed = {.type = BT_EV_TEXT, .key = BT_TEXT_ADD, .time_ms = 111000};
	snprintf(typed.text, sizeof(typed.text), "%s", "Jan de Vries belt");
	assert_true(session_handle(s, &typed));
	trainer(s, BT_TK_ENTER, 112000);
	press(s, 2, 1, 113000);
	press(s, 5, 2, 113000);
	json_t *dump = session_dump(s);
	char *dumped = json_dumps(dump, 0);
	assert_non_null(strstr(dumped, "Jan de Vries belt")); /* so the check below means it */
	free(dumped);
	json_decref(dump);

	const char *title = _("Urges come like a wave");
	char *want = csv_head();
	char *m[4];
	for (int i = 0; i < 4; i++)
		m[i] = bt_xasprintf(_("measurement %d of %d"), i + 1, 6);
	add_row(&want, "3.3", 6, "wave", title, 2, 7, m[0]);
	add_row(&want, "3.3", 6, "wave", title, 2, 5, m[1]);
	add_row(&want, "3.3", 6, "wave", title, 2, 2, m[3]);
	add_row(&want, "3.3", 6, "wave", title, 5, 8, m[0]);
	char *csv = export_csv(s, NOW_WALL);
	assert_string_equal(csv, want);
	char *html = export_html(s, NOW_WALL);
	assert_non_null(strstr(html, "<strong class=\"seq\">7 · 5 · 2</strong>"));
	assert_non_null(strstr(html, _("Urge")));
	assert_non_null(strstr(html, "<path"));
	for (int i = 0; i < 2; i++) {
		const char *text = i ? html : csv;
		assert_null(strstr(text, "Jan de Vries"));
		assert_null(strstr(text, "Iemand bellen")); /* the board's items from the file */
		assert_null(strstr(text, "blocks"));
	}
	for (int i = 0; i < 4; i++)
		free(m[i]);
	free(html);
	free(csv);
	free(want);
	session_destroy(s);
	sessiondef_destroy(def);
}

static const char *const ESCAPE_SESSION = "sessie: \"1.6\"\n"
                                          "module: 1\n"
                                          "titel: Zeker <weten> & zo\n"
                                          "doelen:\n"
                                          "  - Je zegt hoe zeker je bent.\n"
                                          "scenes:\n"
                                          "  - type: checkin\n"
                                          "    vraag: \"=1+1; en \\\"toen\\\"?\"\n"
                                          "  - type: scale\n"
                                          "    vraag: \"Is <b>dit</b> 'goed' & \\\"fijn\\\"?\"\n"
                                          "    plaatje: doel\n"
                                          "    van: 1\n"
                                          "    tot: 3\n";

static void test_escaping(void **state)
{
	(void)state;
	struct bt_session_def *def = tu_def(ESCAPE_SESSION);
	struct bt_session *s = session_create(def);
	trainer(s, BT_TK_ENTER, 100);
	press(s, 4, 2, 200);
	trainer(s, BT_TK_NEXT, 300);
	trainer(s, BT_TK_ENTER, 400);
	press(s, 4, 3, 500);
	char *html = export_html(s, NOW_WALL);
	assert_non_null(
	    strstr(html, "Is &lt;b&gt;dit&lt;/b&gt; &#39;goed&#39; &amp; &quot;fijn&quot;?"));
	assert_non_null(strstr(html, "Zeker &lt;weten&gt; &amp; zo"));
	assert_null(strstr(html, "<b>"));
	assert_null(strstr(html, "<weten>"));
	char *csv = export_csv(s, NOW_WALL);
	/* quoted for the ';' and the quotes, and never a formula */
	assert_non_null(strstr(csv, ";checkin;\"'=1+1; en \"\"toen\"\"?\";4;2;"));
	assert_non_null(strstr(csv, ";scale;\"Is <b>dit</b> 'goed' & \"\"fijn\"\"?\";4;3;"));
	free(csv);
	free(html);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_nobody_answered(void **state)
{
	(void)state;
	struct bt_session_def *def = load("1.5.yaml");
	struct bt_session *s = session_create(def);
	trainer(s, BT_TK_ENTER, 100);
	press(s, 3, 9, 200); /* present, but 9 is not a face */
	char *csv = export_csv(s, NOW_WALL), *head = csv_head();
	assert_string_equal(csv, head);
	char *html = export_html(s, NOW_WALL);
	assert_non_null(strstr(html, _("No answers in this session yet.")));
	assert_null(strstr(html, "<svg"));
	char *dir = tu_tmpdir();
	assert_int_equal(export_write(s, dir, NOW_WALL, NULL, 0), 0);
	tu_rmtree(dir);
	free(dir);
	free(html);
	free(head);
	free(csv);
	session_destroy(s);
	sessiondef_destroy(def);
}

static int count_entries(const char *path)
{
	DIR *d = opendir(path);
	assert_non_null(d);
	int n = 0;
	for (struct dirent *e; (e = readdir(d));)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static char *slurp(const char *path)
{
	char *data = NULL;
	size_t len = 0;
	assert_int_equal(bt_file_read(path, &data, &len, 1 << 20), 0);
	return data;
}

static void test_write_files(void **state)
{
	(void)state;
	struct bt_session_def *def = load("1.5.yaml");
	struct bt_session *s = drive_15(def);
	char *tmp = tu_tmpdir();
	char *dir = bt_xasprintf("%s/export", tmp);
	char name[64] = "x";
	assert_int_equal(export_write(s, dir, NOW_WALL, name, sizeof(name)), 3);
	assert_string_equal(name, BASE15);
	struct stat st;
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);
	assert_int_equal(count_entries(dir), 2); /* no temporary file left */
	const char *ext[2] = {"csv", "html"};
	for (int i = 0; i < 2; i++) {
		char *path = bt_xasprintf("%s/%s.%s", dir, BASE15, ext[i]);
		assert_int_equal(stat(path, &st), 0);
		assert_true(S_ISREG(st.st_mode));
		assert_int_equal(st.st_mode & 07777, 0600);
		char *got = slurp(path);
		char *want = i ? export_html(s, NOW_WALL) : export_csv(s, NOW_WALL);
		assert_string_equal(got, want);
		free(want);
		free(got);
		free(path);
	}
	/* again in the same minute: replaced, still two files */
	assert_int_equal(export_write(s, dir, NOW_WALL, NULL, 0), 3);
	assert_int_equal(count_entries(dir), 2);
	/* a name buffer too small: nothing written */
	char small[8];
	assert_int_equal(export_write(s, dir, NOW_WALL + 60, small, sizeof(small)), -ENAMETOOLONG);
	assert_int_equal(count_entries(dir), 2);
	tu_rmtree(tmp);
	free(dir);
	free(tmp);
	session_destroy(s);
	sessiondef_destroy(def);
}

static void test_write_failures(void **state)
{
	(void)state;
	struct bt_session_def *def = load("1.5.yaml");
	struct bt_session *s = drive_15(def);
	char *tmp = tu_tmpdir();
	char name[64] = "x";
	/* the parent is missing: not created */
	char *missing = bt_xasprintf("%s/no/such", tmp);
	assert_int_equal(export_write(s, missing, NOW_WALL, name, sizeof(name)), -ENOENT);
	assert_string_equal(name, "");
	assert_int_equal(count_entries(tmp), 0);
	/* the parent is a file */
	char *file = bt_xasprintf("%s/file", tmp);
	tu_write(file, "x");
	char *under = bt_xasprintf("%s/sub", file);
	assert_int_equal(export_write(s, under, NOW_WALL, NULL, 0), -ENOTDIR);
	/* the .html cannot take its name (a folder is there): the .csv, already in
	 * place, goes again and no temporary file stays */
	char *dir = bt_xasprintf("%s/out", tmp);
	char *block = bt_xasprintf("%s/%s.html", dir, BASE15);
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(mkdir(block, 0700), 0);
	int r = export_write(s, dir, NOW_WALL, NULL, 0);
	assert_true(r == -EISDIR || r == -EEXIST || r == -ENOTEMPTY);
	assert_int_equal(count_entries(dir), 1);
	/* a folder without write permission (root may write anyway) */
	if (geteuid() != 0) {
		char *ro = bt_xasprintf("%s/ro", tmp);
		assert_int_equal(mkdir(ro, 0500), 0);
		assert_int_equal(export_write(s, ro, NOW_WALL, NULL, 0), -EACCES);
		assert_int_equal(count_entries(ro), 0);
		free(ro);
	}
	tu_rmtree(tmp);
	free(block);
	free(dir);
	free(under);
	free(file);
	free(missing);
	free(tmp);
	session_destroy(s);
	sessiondef_destroy(def);
}

/* Reports move onto a stick: copied and flushed there first, then deleted here; a
 * stick that cannot take them leaves them here. Hidden (half-written) files stay. */
static void test_move_to_stick(void **state)
{
	(void)state;
	char *tmp = tu_tmpdir();
	char *from = bt_xasprintf("%s/export", tmp);
	char *stick = bt_xasprintf("%s/stick", tmp);
	char *p;
	assert_int_equal(mkdir(from, 0700), 0);
	assert_int_equal(export_move(from, stick), 0); /* nothing waits: the stick is not touched */
	assert_int_equal(mkdir(stick, 0700), 0);
	p = bt_xasprintf("%s/a.csv", from);
	tu_write(p, "seat;value\r\n5;3\r\n");
	free(p);
	p = bt_xasprintf("%s/a.html", from);
	tu_write(p, "<p>Plek 5</p>");
	free(p);
	p = bt_xasprintf("%s/.b.csv.XYZ", from);
	tu_write(p, "half");
	free(p);

	/* a stick that is full or read-only: a file where the folder should be */
	p = bt_xasprintf("%s/" BT_EXPORT_STICK_DIR, stick);
	tu_write(p, "x");
	assert_true(export_move(from, stick) < 0);
	char *left = bt_xasprintf("%s/a.html", from);
	assert_int_equal(access(left, F_OK), 0); /* nothing lost */
	unlink(p);

	assert_int_equal(export_move(from, stick), 2);
	assert_int_equal(access(left, F_OK), -1);
	char *got = bt_xasprintf("%s/a.csv", p);
	char *data = NULL;
	size_t len = 0;
	assert_int_equal(bt_file_read(got, &data, &len, 1000), 0);
	assert_string_equal(data, "seat;value\r\n5;3\r\n");
	free(data);
	free(got);
	got = bt_xasprintf("%s/.b.csv.XYZ", from);
	assert_int_equal(access(got, F_OK), 0); /* an export still being written stays */
	free(got);
	free(left);
	free(p);
	free(from);
	free(stick);
	tu_rmtree(tmp);
	free(tmp);
}

int main(void)
{
	/* file names and dates are local time: make them the same everywhere */
	setenv("TZ", "UTC", 1);
	tzset();
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_csv_rows),      cmocka_unit_test(test_html_page),
	    cmocka_unit_test(test_thermometer),   cmocka_unit_test(test_wave_and_board),
	    cmocka_unit_test(test_escaping),      cmocka_unit_test(test_nobody_answered),
	    cmocka_unit_test(test_write_files),   cmocka_unit_test(test_write_failures),
	    cmocka_unit_test(test_move_to_stick),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
