#include "script.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "i18n.h"

#define SCRIPT_MAX_BYTES (16 * 1024 * 1024)
#define SCRIPT_MAX_WAIT  86400000u

void script_destroy(struct bt_script *s)
{
	if (!s)
		return;
	free(s->session);
	free(s->events);
	free(s);
}

/* Splits line into at most 4 words (modifies it). */
static int words(char *line, char *w[4])
{
	int n = 0;
	char *save = NULL;
	for (char *t = strtok_r(line, " \t\r", &save); t; t = strtok_r(NULL, " \t\r", &save)) {
		if (n == 4)
			return 5;
		w[n++] = t;
	}
	return n;
}

static bool number(const char *s, unsigned long max, unsigned long *out)
{
	if (!*s || strlen(s) > 10)
		return false;
	for (const char *p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	unsigned long v = strtoul(s, NULL, 10);
	if (v > max)
		return false;
	*out = v;
	return true;
}

/* "text add Minder stress", "text edit 2 Ruzie thuis", "text green 1 Meer geld":
 * what the trainer types, as the app would send it. Block numbers are 1-based. */
static bool parse_text(struct bt_event *ev, const char *line)
{
	static const char *const ops[] = {NULL, "add", "edit", "green"};
	const char *p = line + 4;
	while (*p == ' ')
		p++;
	int op = 0;
	for (int i = 1; i < 4; i++) {
		size_t n = strlen(ops[i]);
		if (strncmp(p, ops[i], n) == 0 && p[n] == ' ') {
			op = i;
			p += n;
			break;
		}
	}
	if (!op)
		return false;
	while (*p == ' ')
		p++;
	int target = 0;
	if (op != BT_TEXT_ADD) {
		if (*p < '1' || *p > '9' || p[1] != ' ')
			return false;
		target = *p - '1';
		p += 2;
	}
	while (*p == ' ')
		p++;
	size_t n = strlen(p);
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\r'))
		n--;
	if (n == 0 || n >= BT_EVENT_TEXT_MAX)
		return false;
	ev->type = BT_EV_TEXT;
	ev->key = (uint8_t)op;
	ev->digit = (uint8_t)target;
	memcpy(ev->text, p, n);
	ev->text[n] = '\0';
	return true;
}

static bool parse_line(struct bt_script *s, size_t *cap, char *line, uint32_t *now,
                       const char *file, int lineno, struct bt_diags *diags)
{
	if (strncmp(line, "text ", 5) == 0) {
		struct bt_event ev = {.time_ms = *now};
		if (!parse_text(&ev, line)) {
			diags_add(diags, file, lineno,
			          _("I do not understand this line. Use: text add TEXT, text edit "
			            "N TEXT or text green N TEXT"));
			return false;
		}
		bt_grow((void **)&s->events, cap, s->n + 1, sizeof(*s->events));
		s->events[s->n++] = ev;
		return true;
	}
	char *w[4];
	int n = words(line, w);
	unsigned long v;
	if (n == 0 || w[0][0] == '#')
		return true;
	struct bt_event ev = {.time_ms = *now};
	if (strcmp(w[0], "session") == 0 && n == 2 && strlen(w[1]) < 16) {
		free(s->session);
		s->session = bt_xstrdup(w[1]);
		return true;
	}
	if (strcmp(w[0], "wait") == 0 && n == 2 && number(w[1], SCRIPT_MAX_WAIT, &v)) {
		if (*now > UINT32_MAX - v) {
			diags_add(diags, file, lineno, _("the script takes too long"));
			return false;
		}
		*now += (uint32_t)v;
		return true;
	}
	if (strcmp(w[0], "seats") == 0 && n == 2 && number(w[1], BT_MAX_SEATS, &v)) {
		ev.type = BT_EV_SEATS;
		ev.digit = (uint8_t)v;
	} else if (strcmp(w[0], "trainer") == 0 && n == 2 &&
	           event_trainer_key_parse(w[1]) != BT_TK_NONE) {
		ev.type = BT_EV_TRAINER;
		ev.key = (uint8_t)event_trainer_key_parse(w[1]);
	} else if (strcmp(w[0], "seat") == 0 && n == 3 && number(w[1], BT_MAX_SEATS, &v) &&
	           v >= 1) {
		ev.type = BT_EV_SEAT;
		ev.seat = (uint8_t)v;
		unsigned long d;
		if (number(w[2], 9, &d)) {
			ev.key = BT_SK_DIGIT;
			ev.digit = (uint8_t)d;
		} else {
			enum bt_seat_key k = event_seat_key_parse(w[2]);
			if (k == BT_SK_NONE || k == BT_SK_DIGIT) {
				diags_add(diags, file, lineno,
				          _("unknown key '%s'. Use a digit, enter, undo or hand"),
				          w[2]);
				return false;
			}
			ev.key = (uint8_t)k;
		}
	} else {
		diags_add(diags, file, lineno,
		          _("I do not understand this line. Use: session ID, seats N, wait MS, "
		            "trainer KEY or seat N KEY"));
		return false;
	}
	bt_grow((void **)&s->events, cap, s->n + 1, sizeof(*s->events));
	s->events[s->n++] = ev;
	return true;
}

struct bt_script *script_parse(const char *data, size_t len, const char *file,
                               struct bt_diags *diags)
{
	size_t bad;
	if (!bt_utf8_valid(data, len, &bad)) {
		diags_add(diags, file, 0, _("the script is not plain text (UTF-8)"));
		return NULL;
	}
	struct bt_script *s = bt_xcalloc(1, sizeof(*s));
	size_t cap = 0;
	uint32_t now = 0;
	bool ok = true;
	int lineno = 0;
	size_t pos = 0;
	while (pos < len) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t l = nl ? (size_t)(nl - (data + pos)) : len - pos;
		char *line = bt_xmalloc(l + 1);
		memcpy(line, data + pos, l);
		line[l] = '\0';
		lineno++;
		ok &= parse_line(s, &cap, line, &now, file, lineno, diags);
		free(line);
		pos += l + 1;
	}
	if (!ok) {
		script_destroy(s);
		return NULL;
	}
	return s;
}

struct bt_script *script_load(const char *path, struct bt_diags *diags)
{
	char *data = NULL;
	size_t len = 0;
	int r = bt_file_read(path, &data, &len, SCRIPT_MAX_BYTES);
	if (r < 0) {
		diags_add(diags, path, 0, _("the script cannot be read (%s)"), strerror(-r));
		return NULL;
	}
	struct bt_script *s = script_parse(data, len, path, diags);
	free(data);
	return s;
}
