/* The export for the ward's dossier: every seat's answers (moods, scale scores,
 * thermometer levels, urge ratings) as CSV and as a readable HTML page, by seat
 * number only. Everything is read from session_dump(), so a scene type's own dump is
 * the single description of its state; texts the trainer typed never get here, since
 * only the scene types below are read. */
#include "export.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "palette.h"
#include "util.h"

#define MOOD_N           5
#define THERMO_MAX       10
#define URGE_MAX         9
#define ROUNDS_MAX       200 /* more than a wave of 20 minutes measured every 15 s */
#define LABEL_MAX        160
#define EXPORT_MAX_BYTES (16 * 1024 * 1024) /* far above a report of 12 seats */

enum ex_kind { EX_MOOD, EX_SCALE, EX_THERMO, EX_URGE, EX_KINDS };

/* One answer of one seat. Texts are borrowed from the dump. */
struct ex_answer {
	int seat;
	int scene; /* 0-based */
	enum ex_kind kind;
	const char *type;
	const char *question;
	int value, lo, hi;
	int round, n_rounds; /* urge: 1..n_rounds; 0 otherwise */
	const char *emotion; /* thermometer: the dump's name of the emotion */
};

struct ex_data {
	json_t *dump;
	struct ex_answer *v;
	size_t n, cap;
	int n_seats;
};

/* the words of the check-in faces, as scene_mood.c has them */
static const char *const mood_words[MOOD_N + 1] = {NULL,        N_("Very bad"), N_("Not good"),
                                                   N_("So-so"), N_("Good"),     N_("Very good")};
/* the thermometer's emotions: the dump's name and the card's word (scene_thermometer.c) */
static const char *const emotion_names[] = {"boos", "bang", "verdrietig", "blij", "gespannen"};
static const char *const emotion_words[] = {N_("Angry"), N_("Scared"), N_("Sad"), N_("Happy"),
                                            N_("Tense")};
/* the headings of a seat's parts, in the order of enum ex_kind */
static const char *const kind_titles[EX_KINDS] = {N_("Check-in and check-out"), N_("Scales"),
                                                  N_("Emotion thermometer"), N_("Urge")};
static const char *const kind_notes[EX_KINDS] = {
    N_("Faces from 1 (very bad) to 5 (very good)."),
    N_("The number the seat chose on the line."),
    N_("Which emotion, and how strong: 0 (not at all) to 10 (very strong)."),
    N_("How strong the urge was, 0 to 9, at each measurement while the wave ran."),
};

static FILE *mem_open(char **buf, size_t *len)
{
	FILE *f = open_memstream(buf, len);
	if (!f) {
		fputs("bergtop: out of memory\n", stderr);
		abort();
	}
	return f;
}

static char *mem_close(FILE *f, char *const *buf)
{
	if (fclose(f) != 0) {
		fputs("bergtop: out of memory\n", stderr);
		abort();
	}
	return *buf;
}

/* --- reading the dump --- */

static void add(struct ex_data *d, const struct ex_answer *a)
{
	bt_grow((void **)&d->v, &d->cap, d->n + 1, sizeof(*d->v));
	d->v[d->n++] = *a;
}

/* An integer member within lo..hi, or false. */
static bool get_int(const json_t *o, const char *key, int lo, int hi, int *out)
{
	const json_t *j = json_object_get(o, key);
	if (!json_is_integer(j) || json_integer_value(j) < lo || json_integer_value(j) > hi)
		return false;
	*out = (int)json_integer_value(j);
	return true;
}

/* "votes": {"<seat>": value} of check-in, check-out and scale. */
static void collect_votes(struct ex_data *d, const struct ex_answer *proto, const json_t *votes)
{
	for (int seat = 1; seat <= BT_MAX_SEATS; seat++) {
		char k[4];
		snprintf(k, sizeof(k), "%d", seat);
		struct ex_answer a = *proto;
		a.seat = seat;
		if (get_int(votes, k, a.lo, a.hi, &a.value))
			add(d, &a);
	}
}

/* "seats": {"<seat>": {"emotion": name, "level": n}}; a seat without level yet is
 * not done and left out. */
static void collect_thermo(struct ex_data *d, const struct ex_answer *proto, const json_t *seats)
{
	for (int seat = 1; seat <= BT_MAX_SEATS; seat++) {
		char k[4];
		snprintf(k, sizeof(k), "%d", seat);
		const json_t *o = json_object_get(seats, k);
		struct ex_answer a = *proto;
		a.seat = seat;
		a.emotion = json_string_value(json_object_get(o, "emotion"));
		if (a.emotion && get_int(o, "level", a.lo, a.hi, &a.value))
			add(d, &a);
	}
}

/* "rounds": [{"ratings": {"<seat>": 0..9}}]; only a wave with meten has them. */
static void collect_urge(struct ex_data *d, const struct ex_answer *proto, const json_t *rounds)
{
	size_t n = json_array_size(rounds);
	if (n == 0 || n > ROUNDS_MAX)
		return;
	for (int seat = 1; seat <= BT_MAX_SEATS; seat++) {
		char k[4];
		snprintf(k, sizeof(k), "%d", seat);
		for (size_t r = 0; r < n; r++) {
			struct ex_answer a = *proto;
			a.seat = seat;
			a.round = (int)r + 1;
			a.n_rounds = (int)n;
			const json_t *ratings =
			    json_object_get(json_array_get(rounds, r), "ratings");
			if (get_int(ratings, k, a.lo, a.hi, &a.value))
				add(d, &a);
		}
	}
}

static int answer_cmp(const void *pa, const void *pb)
{
	const struct ex_answer *a = pa, *b = pb;
	if (a->seat != b->seat)
		return a->seat - b->seat;
	if (a->scene != b->scene)
		return a->scene - b->scene;
	return a->round - b->round;
}

/* Every answer of the exported types, ordered by seat, scene and measurement. */
static void collect(const struct bt_session *s, struct ex_data *d)
{
	memset(d, 0, sizeof(*d));
	d->dump = session_dump(s);
	const json_t *scenes = json_object_get(d->dump, "scenes");
	for (size_t i = 0; i < json_array_size(scenes) && i < BT_SCENES_MAX; i++) {
		const json_t *sc = json_array_get(scenes, i);
		struct ex_answer a = {.scene = (int)i};
		a.type = json_string_value(json_object_get(sc, "type"));
		a.question = json_string_value(json_object_get(sc, "question"));
		if (!a.type)
			continue;
		if (strcmp(a.type, "checkin") == 0 || strcmp(a.type, "checkout") == 0) {
			a.kind = EX_MOOD;
			a.lo = 1;
			a.hi = MOOD_N;
			collect_votes(d, &a, json_object_get(sc, "votes"));
		} else if (strcmp(a.type, "scale") == 0) {
			a.kind = EX_SCALE;
			if (get_int(sc, "van", 0, 9, &a.lo) &&
			    get_int(sc, "tot", a.lo + 1, 9, &a.hi))
				collect_votes(d, &a, json_object_get(sc, "votes"));
		} else if (strcmp(a.type, "thermometer") == 0) {
			a.kind = EX_THERMO;
			a.hi = THERMO_MAX;
			collect_thermo(d, &a, json_object_get(sc, "seats"));
		} else if (strcmp(a.type, "wave") == 0) {
			a.kind = EX_URGE;
			a.hi = URGE_MAX;
			a.question = json_string_value(json_object_get(sc, "title"));
			collect_urge(d, &a, json_object_get(sc, "rounds"));
		}
	}
	if (d->n > 1)
		qsort(d->v, d->n, sizeof(*d->v), answer_cmp);
	for (size_t i = 0; i < d->n; i++)
		if (i == 0 || d->v[i].seat != d->v[i - 1].seat)
			d->n_seats++;
}

static void data_free(struct ex_data *d)
{
	json_decref(d->dump);
	free(d->v);
}

/* --- texts --- */

static const char *emotion_word(const char *name)
{
	for (size_t i = 0; i < BT_ARRAY_LEN(emotion_names); i++)
		if (strcmp(name, emotion_names[i]) == 0)
			return _(emotion_words[i]);
	return name; /* the scene file's extra emotion */
}

/* What the value means, in words: the mood, the scale's range, the emotion or which
 * measurement. */
static void answer_label(const struct ex_answer *a, char *buf, size_t size)
{
	switch (a->kind) {
	case EX_MOOD:
		snprintf(buf, size, "%s", _(mood_words[a->value]));
		break;
	case EX_SCALE:
		/* TRANSLATORS: the range of a scale, after the chosen number */
		snprintf(buf, size, _("from %d to %d"), a->lo, a->hi);
		break;
	case EX_THERMO:
		snprintf(buf, size, "%s", emotion_word(a->emotion));
		break;
	default:
		snprintf(buf, size, _("measurement %d of %d"), a->round, a->n_rounds);
		break;
	}
}

/* The local time of now_wall with a strftime format; "?" when it has none. */
static void local_time(int64_t now_wall, const char *fmt, char *buf, size_t size)
{
	time_t t = (time_t)now_wall;
	struct tm tm;
	if (!localtime_r(&t, &tm) || strftime(buf, size, fmt, &tm) == 0)
		snprintf(buf, size, "?");
}

/* --- CSV --- */

static void csv_field(FILE *f, const char *s)
{
	if (!s)
		s = "";
	size_t len = strlen(s);
	bool guard = s[0] && strchr("=+-@", s[0]);
	bool quote = guard || strpbrk(s, ";\"\r\n") || (len && (s[0] == ' ' || s[len - 1] == ' '));
	if (!quote) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	if (guard)
		fputc('\'', f);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	fputc('"', f);
}

static void csv_row(FILE *f, const char *const *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(';', f);
		csv_field(f, fields[i]);
	}
	fputs("\r\n", f);
}

static char *csv_text(const struct bt_session *s, const struct ex_data *d, int64_t now_wall)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = mem_open(&buf, &len);
	char date[32];
	local_time(now_wall, "%Y-%m-%d", date, sizeof(date));
	/* ';' and not ',': Dutch Excel writes a decimal comma and expects ';' between
	 * fields; the byte order mark makes it read UTF-8 (scène, geïrriteerd) */
	fputs("\xEF\xBB\xBF", f);
	/* TRANSLATORS: the columns of the exported CSV file */
	const char *head[] = {_("session"),  _("date"), _("scene"), _("type"),
	                      _("question"), _("seat"), _("value"), _("meaning")};
	csv_row(f, head, BT_ARRAY_LEN(head));
	for (size_t i = 0; i < d->n; i++) {
		const struct ex_answer *a = &d->v[i];
		char scene[16], seat[16], value[16], label[LABEL_MAX];
		snprintf(scene, sizeof(scene), "%d", a->scene + 1);
		snprintf(seat, sizeof(seat), "%d", a->seat);
		snprintf(value, sizeof(value), "%d", a->value);
		answer_label(a, label, sizeof(label));
		const char *row[] = {s->def->id,  date, scene, a->type,
		                     a->question, seat, value, label};
		csv_row(f, row, BT_ARRAY_LEN(row));
	}
	return mem_close(f, &buf);
}

char *export_csv(const struct bt_session *s, int64_t now_wall)
{
	struct ex_data d;
	collect(s, &d);
	char *text = csv_text(s, &d, now_wall);
	data_free(&d);
	return text;
}

/* --- HTML --- */

struct ex_rgb {
	int r, g, b;
};

static void html_text(FILE *f, const char *s)
{
	for (const char *p = s ? s : ""; *p; p++) {
		switch (*p) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&#39;", f);
			break;
		default:
			fputc(*p, f);
		}
	}
}

static void put_rgb(FILE *f, struct ex_rgb c)
{
	fprintf(f, "#%02x%02x%02x", c.r & 0xff, c.g & 0xff, c.b & 0xff);
}

/* From green (t = 0) through amber to red (t = 1), as the thermometer fills. */
static struct ex_rgb heat(double t)
{
	static const struct ex_rgb stops[3] = {
	    {0x1b, 0x8a, 0x4b}, {0xe0, 0x9b, 0x00}, {0xc6, 0x28, 0x28}};
	if (t < 0)
		t = 0;
	if (t > 1)
		t = 1;
	int i = t < 0.5 ? 0 : 1;
	double u = (t - 0.5 * i) * 2;
	struct ex_rgb a = stops[i], b = stops[i + 1];
	return (struct ex_rgb){a.r + (int)((b.r - a.r) * u), a.g + (int)((b.g - a.g) * u),
	                       a.b + (int)((b.b - a.b) * u)};
}

static struct ex_rgb answer_color(const struct ex_answer *a)
{
	double t = (double)(a->value - a->lo) / (double)(a->hi - a->lo);
	switch (a->kind) {
	case EX_MOOD:
		return heat(1 - t); /* 1 very bad is red, 5 very good green */
	case EX_THERMO:
		return heat(t);
	default:
		return (struct ex_rgb){0x00, 0x72, 0xb2}; /* the seat-neutral blue */
	}
}

#define BAR_W  360
#define BAR_H  46
#define BAR_X0 14
#define BAR_X1 346

/* A line from lo to hi, filled up to the value, with a dot on it and every number
 * below: the value is shown by length, by the dot and by the bold number. */
static void svg_bar(FILE *f, const struct ex_answer *a, const char *label)
{
	struct ex_rgb c = answer_color(a);
	int span = BAR_X1 - BAR_X0;
	int vx = BAR_X0 + span * (a->value - a->lo) / (a->hi - a->lo);
	fprintf(f,
	        "<svg class=\"chart\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
	        "role=\"img\" aria-label=\"%d: ",
	        BAR_W, BAR_H, BAR_W, BAR_H, a->value);
	html_text(f, label);
	fprintf(f,
	        "\"><rect x=\"%d\" y=\"8\" width=\"%d\" height=\"12\" rx=\"6\" fill=\"#e6e3dc\"/>",
	        BAR_X0, span);
	if (vx > BAR_X0) {
		fprintf(f, "<rect x=\"%d\" y=\"8\" width=\"%d\" height=\"12\" rx=\"6\" fill=\"",
		        BAR_X0, vx - BAR_X0);
		put_rgb(f, c);
		fputs("\"/>", f);
	}
	for (int v = a->lo; v <= a->hi; v++) {
		int x = BAR_X0 + span * (v - a->lo) / (a->hi - a->lo);
		fprintf(
		    f,
		    "<text x=\"%d\" y=\"41\" text-anchor=\"middle\" font-size=\"%d\"%s>%d</text>",
		    x, v == a->value ? 14 : 11,
		    v == a->value ? " font-weight=\"bold\" fill=\"#1d1d1b\"" : " fill=\"#595959\"",
		    v);
	}
	fprintf(f,
	        "<circle cx=\"%d\" cy=\"14\" r=\"9\" stroke=\"#ffffff\" stroke-width=\"3\" fill=\"",
	        vx);
	put_rgb(f, c);
	fputs("\"/></svg>", f);
}

#define URGE_W  360
#define URGE_H  128
#define URGE_X0 34
#define URGE_X1 346
#define URGE_Y0 10
#define URGE_Y1 100

static int urge_x(int round, int n)
{
	return n <= 1 ? (URGE_X0 + URGE_X1) / 2
	              : URGE_X0 + (URGE_X1 - URGE_X0) * (round - 1) / (n - 1);
}

static int urge_y(int value)
{
	return URGE_Y1 - (URGE_Y1 - URGE_Y0) * value / URGE_MAX;
}

/* The seat's ratings of one wave (a[0..n), ordered by measurement) as points on a
 * grid of measurements by strength 0-9; a line joins measurements that follow
 * each other, a missed measurement leaves a gap. */
static void svg_urge(FILE *f, const struct ex_answer *a, size_t n, const char *label)
{
	int rounds = a[0].n_rounds;
	fprintf(f,
	        "<svg class=\"chart\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
	        "role=\"img\" aria-label=\"",
	        URGE_W, URGE_H, URGE_W, URGE_H);
	html_text(f, label);
	fputs("\">", f);
	for (int v = 0; v <= URGE_MAX; v += 3) {
		fprintf(f,
		        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#e6e3dc\"/>"
		        "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"11\" "
		        "fill=\"#595959\">%d</text>",
		        URGE_X0, urge_y(v), URGE_X1, urge_y(v), URGE_X0 - 10, urge_y(v) + 4, v);
	}
	int every = (rounds + 11) / 12; /* at most 12 numbers below */
	for (int r = 1; r <= rounds; r++)
		if ((rounds - r) % every == 0) /* the last always */
			fprintf(f,
			        "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"11\" "
			        "fill=\"#595959\">%d</text>",
			        urge_x(r, rounds), URGE_H - 8, r);
	fputs("<path fill=\"none\" stroke=\"#332288\" stroke-width=\"3\" stroke-linejoin=\"round\" "
	      "d=\"",
	      f);
	for (size_t i = 0; i < n; i++) {
		bool joined = i > 0 && a[i].round == a[i - 1].round + 1;
		fprintf(f, "%s%c%d %d", i ? " " : "", joined ? 'L' : 'M',
		        urge_x(a[i].round, rounds), urge_y(a[i].value));
	}
	fputs("\"/>", f);
	for (size_t i = 0; i < n; i++)
		fprintf(f,
		        "<circle cx=\"%d\" cy=\"%d\" r=\"5\" fill=\"#332288\" stroke=\"#ffffff\" "
		        "stroke-width=\"2\"/>",
		        urge_x(a[i].round, rounds), urge_y(a[i].value));
	fputs("</svg>", f);
}

static void scene_cell(FILE *f, const struct ex_answer *a)
{
	char scene[64];
	/* TRANSLATORS: the number of a scene in its session */
	snprintf(scene, sizeof(scene), _("Scene %d"), a->scene + 1);
	fputs("<td class=\"q\"><span class=\"scene\">", f);
	html_text(f, scene);
	fputs("</span>", f);
	html_text(f, a->question);
	fputs("</td>", f);
}

static void row_bar(FILE *f, const struct ex_answer *a)
{
	char label[LABEL_MAX];
	answer_label(a, label, sizeof(label));
	fputs("<tr>", f);
	scene_cell(f, a);
	fputs("<td class=\"c\">", f);
	svg_bar(f, a, label);
	fprintf(f, "</td><td class=\"v\"><strong>%d</strong> ", a->value);
	html_text(f, label);
	fputs("</td></tr>\n", f);
}

/* One wave's ratings of one seat: a[0..n). */
static void row_urge(FILE *f, const struct ex_answer *a, size_t n)
{
	char *nums = NULL;
	size_t len = 0;
	FILE *m = mem_open(&nums, &len);
	for (size_t i = 0; i < n; i++)
		fprintf(m, "%s%d", i ? " · " : "", a[i].value);
	mem_close(m, &nums);
	char label[LABEL_MAX];
	/* TRANSLATORS: how many of the wave's measurements a seat answered */
	snprintf(label, sizeof(label), _("%zu of %d measurements"), n, a[0].n_rounds);
	fputs("<tr>", f);
	scene_cell(f, a);
	fputs("<td class=\"c\">", f);
	svg_urge(f, a, n, nums);
	fprintf(f, "</td><td class=\"v\"><strong class=\"seq\">%s</strong><span class=\"sub\">",
	        nums);
	html_text(f, label);
	fputs("</span></td></tr>\n", f);
	free(nums);
}

/* Seat a[0].seat's answers a[0..n) of one kind, if it has any. */
static void seat_part(FILE *f, const struct ex_answer *a, size_t n, enum ex_kind kind)
{
	size_t first = 0;
	while (first < n && a[first].kind != kind)
		first++;
	if (first == n)
		return;
	fputs("<h3>", f);
	html_text(f, _(kind_titles[kind]));
	fputs("</h3>\n<p class=\"note\">", f);
	html_text(f, _(kind_notes[kind]));
	fputs("</p>\n<table>\n", f);
	for (size_t i = first; i < n; i++) {
		if (a[i].kind != kind)
			continue;
		if (kind != EX_URGE) {
			row_bar(f, &a[i]);
			continue;
		}
		size_t j = i + 1;
		while (j < n && a[j].scene == a[i].scene)
			j++;
		row_urge(f, &a[i], j - i);
		i = j - 1;
	}
	fputs("</table>\n", f);
}

static void seat_section(FILE *f, const struct ex_answer *a, size_t n)
{
	int seat = a[0].seat;
	struct bt_color c = palette_seat_color(seat);
	bool dark = palette_contrast(c, BT_C_WHITE) >= palette_contrast(c, BT_C_BLACK);
	fprintf(f,
	        "<section class=\"seat\">\n<h2><span class=\"badge\" "
	        "style=\"background:#%02x%02x%02x;color:%s\">%d</span>",
	        c.r, c.g, c.b, dark ? "#ffffff" : "#000000", seat);
	char title[64];
	snprintf(title, sizeof(title), _("Seat %d"), seat);
	html_text(f, title);
	fputs("</h2>\n", f);
	for (int k = 0; k < EX_KINDS; k++)
		seat_part(f, a, n, (enum ex_kind)k);
	fputs("</section>\n", f);
}

static const char *const html_style =
    "body{margin:0;padding:32px 16px;background:#f4f2ed;color:#1d1d1b;"
    "font-family:'Atkinson Hyperlegible','DejaVu Sans',Verdana,Arial,sans-serif;"
    "font-size:16px;line-height:1.4}"
    "main{max-width:940px;margin:0 auto}"
    "header,section{background:#fff;border-radius:12px;padding:20px 28px;margin:0 0 20px;"
    "box-shadow:0 1px 3px rgba(0,0,0,.15)}"
    "header{border-left:10px solid #0072b2}"
    "h1{font-size:26px;margin:0 0 6px}"
    "header p{margin:2px 0;color:#474747}"
    "h2{font-size:22px;margin:0 0 4px;display:flex;align-items:center;gap:12px}"
    ".badge{display:inline-block;min-width:38px;height:38px;line-height:38px;"
    "border-radius:19px;text-align:center;font-weight:bold}"
    "h3{font-size:17px;margin:18px 0 2px;padding-bottom:4px;border-bottom:1px solid #e6e3dc}"
    "p.note{font-size:14px;color:#595959;margin:4px 0 6px}"
    "table{border-collapse:collapse;width:100%;table-layout:fixed}"
    "td{padding:6px 8px;vertical-align:middle;border-bottom:1px solid #f0eee9}"
    "tr:last-child td{border-bottom:0}"
    "td.q{width:32%}td.c{width:372px}"
    ".scene{display:block;font-size:13px;color:#595959}"
    "td.v strong{font-size:20px;margin-right:6px}td.v strong.seq{font-size:16px}"
    ".sub{display:block;font-size:14px;color:#595959}"
    "svg.chart{display:block;font-family:inherit}"
    "@media print{body{background:#fff;padding:0}header,section{box-shadow:none;"
    "border:1px solid #ccc;break-inside:avoid}}";

static char *html_text_all(const struct bt_session *s, const struct ex_data *d, int64_t now_wall)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = mem_open(&buf, &len);
	char when[64];
	/* TRANSLATORS: strftime format of the export's date and time */
	local_time(now_wall, _("%Y-%m-%d %H:%M"), when, sizeof(when));
	/* TRANSLATORS: the code of this language, for the HTML page's lang attribute */
	fputs("<!DOCTYPE html>\n<html lang=\"", f);
	html_text(f, _("en"));
	fputs("\">\n<head>\n<meta charset=\"utf-8\">\n", f);
	fputs("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	      "style-src 'unsafe-inline'\">\n<meta name=\"viewport\" "
	      "content=\"width=device-width, initial-scale=1\">\n<title>",
	      f);
	html_text(f, "bergtop ");
	html_text(f, s->def->id);
	html_text(f, " · ");
	html_text(f, when);
	fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n<header>\n<h1>",
	        html_style);
	char *h1 = bt_xasprintf(_("Session %s: %s"), s->def->id, s->def->title);
	html_text(f, h1);
	free(h1);
	fputs("</h1>\n<p>", f);
	html_text(f, when);
	fputs("</p>\n<p>", f);
	char *count = bt_xasprintf(_("Seats with answers: %d"), d->n_seats);
	html_text(f, count);
	free(count);
	fputs(" · ", f);
	html_text(f, _("Only seat numbers, no names."));
	fputs("</p>\n</header>\n", f);
	if (d->n == 0) {
		fputs("<section><p>", f);
		html_text(f, _("No answers in this session yet."));
		fputs("</p></section>\n", f);
	}
	for (size_t i = 0; i < d->n;) {
		size_t j = i + 1;
		while (j < d->n && d->v[j].seat == d->v[i].seat)
			j++;
		seat_section(f, &d->v[i], j - i);
		i = j;
	}
	fputs("</main>\n</body>\n</html>\n", f);
	return mem_close(f, &buf);
}

char *export_html(const struct bt_session *s, int64_t now_wall)
{
	struct ex_data d;
	collect(s, &d);
	char *text = html_text_all(s, &d, now_wall);
	data_free(&d);
	return text;
}

/* --- files --- */

/* "bergtop-<id>-<YYYYMMDD-HHMM>"; the id keeps only characters safe in a file name. */
static char *base_name(const struct bt_session *s, int64_t now_wall)
{
	char stamp[32];
	local_time(now_wall, "%Y%m%d-%H%M", stamp, sizeof(stamp));
	char *base = bt_xasprintf("bergtop-%s-%s", s->def->id ? s->def->id : "", stamp);
	for (char *p = base; *p; p++)
		if (!strchr("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_",
		            *p))
			*p = '_';
	return base;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, data, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -errno;
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Writes text to path through a hidden temporary file in the same folder: written,
 * fsynced, 0600, then renamed. Returns 0 or -errno; on failure the temporary file
 * is gone. */
static int write_atomic(const char *dir, const char *file, const char *text)
{
	char *tmp = bt_xasprintf("%s/.%s.XXXXXX", dir, file);
	char *path = bt_xasprintf("%s/%s", dir, file);
	int ret = 0;
	int fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		tmp[0] = '\0'; /* nothing to remove */
		goto out;
	}
	if (fchmod(fd, 0600) < 0)
		ret = -errno;
	if (ret == 0)
		ret = write_all(fd, text, strlen(text));
	if (ret == 0 && fsync(fd) < 0)
		ret = -errno;
	if (close(fd) < 0 && ret == 0)
		ret = -errno;
	if (ret == 0 && rename(tmp, path) < 0)
		ret = -errno;
out:
	if (ret < 0 && tmp[0])
		unlink(tmp);
	free(tmp);
	free(path);
	return ret;
}

int export_write(const struct bt_session *s, const char *dir, int64_t now_wall, char *name,
                 size_t name_size)
{
	struct ex_data d;
	collect(s, &d);
	char *base = base_name(s, now_wall);
	char *csv_name = bt_xasprintf("%s.csv", base);
	char *html_name = bt_xasprintf("%s.html", base);
	char *csv = csv_text(s, &d, now_wall);
	char *html = html_text_all(s, &d, now_wall);
	bool csv_written = false;
	int dfd = -1;
	int ret = 0;
	if (name && (size_t)snprintf(name, name_size, "%s", base) >= name_size) {
		ret = -ENAMETOOLONG;
		goto out;
	}
	if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
		ret = -errno;
		goto out;
	}
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		ret = -errno;
		goto out;
	}
	ret = write_atomic(dir, csv_name, csv);
	csv_written = ret == 0;
	if (ret == 0)
		ret = write_atomic(dir, html_name, html);
	if (ret == 0 && fsync(dfd) < 0)
		ret = -errno;
out:
	if (ret < 0 && csv_written)
		unlinkat(dfd, csv_name, 0);
	if (ret < 0 && name && name_size)
		name[0] = '\0';
	if (dfd >= 0)
		close(dfd);
	free(csv);
	free(html);
	free(csv_name);
	free(html_name);
	free(base);
	int seats = d.n_seats;
	data_free(&d);
	return ret < 0 ? ret : seats;
}

/* Copies from/name to dfd/name through a hidden temporary file, flushed. */
static int copy_one(int from_fd, int to_fd, const char *name)
{
	int in = -1, out = -1, ret = 0;
	char *tmp = bt_xasprintf(".%s.tmp", name);
	char *data = NULL;
	size_t len = 0;
	in = openat(from_fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (in < 0) {
		ret = -errno;
		goto out;
	}
	ret = bt_fd_read(in, &data, &len, EXPORT_MAX_BYTES);
	if (ret < 0)
		goto out;
	out = openat(to_fd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (out < 0) {
		ret = -errno;
		goto out;
	}
	ret = write_all(out, data, len);
	if (ret == 0 && fsync(out) < 0)
		ret = -errno;
	if (close(out) < 0 && ret == 0)
		ret = -errno;
	out = -1;
	if (ret == 0 && renameat(to_fd, tmp, to_fd, name) < 0)
		ret = -errno;
	if (ret < 0)
		unlinkat(to_fd, tmp, 0);
out:
	if (in >= 0)
		close(in);
	free(data);
	free(tmp);
	return ret;
}

int export_move(const char *from_dir, const char *stick_dir)
{
	int moved = 0, ret = 0, to_fd = -1;
	DIR *d = opendir(from_dir);
	char *to = bt_xasprintf("%s/%s", stick_dir, BT_EXPORT_STICK_DIR);
	if (!d) {
		ret = errno == ENOENT ? 0 : -errno;
		goto out;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		struct stat st;
		/* hidden names are temporary files of an export still being written */
		if (e->d_name[0] == '.' ||
		    fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		if (to_fd < 0) {
			if (mkdir(to, 0700) < 0 && errno != EEXIST) {
				ret = -errno;
				goto out;
			}
			to_fd = open(to, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			if (to_fd < 0) {
				ret = -errno;
				goto out;
			}
		}
		ret = copy_one(dirfd(d), to_fd, e->d_name);
		/* on the stick for sure before it goes from here */
		if (ret == 0 && fsync(to_fd) < 0)
			ret = -errno;
		if (ret < 0)
			goto out;
		if (unlinkat(dirfd(d), e->d_name, 0) < 0) {
			ret = -errno;
			goto out;
		}
		moved++;
	}
out:
	if (to_fd >= 0)
		close(to_fd);
	if (d)
		closedir(d);
	free(to);
	return ret < 0 ? ret : moved;
}
