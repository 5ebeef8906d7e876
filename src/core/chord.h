#ifndef BT_CHORD_H
#define BT_CHORD_H

#include <stdbool.h>
#include <stddef.h>

/* A key chord such as Ctrl+Alt+Q: modifiers held plus one letter. bergtop quits only
 * on its chord, so one stray key never ends a session. */
struct bt_chord {
	bool ctrl, alt, shift;
	char key; /* 'a'..'z' */
};

/* The default quit chord, Ctrl+Alt+Q. */
struct bt_chord chord_default_quit(void);
/* Parses "ctrl+alt+q" (any case, '+' or '-' between parts). A chord needs Ctrl or Alt
 * and exactly one letter. Returns false and leaves *out alone otherwise. */
bool chord_parse(const char *s, struct bt_chord *out);
/* Writes "Ctrl+Alt+Q" as shown on the help screen; returns out. */
char *chord_format(const struct bt_chord *c, char *out, size_t n);
/* True when a press of letter key with these modifiers held is the chord. Extra
 * modifiers that the chord does not name make it no match. */
bool chord_matches(const struct bt_chord *c, bool ctrl, bool alt, bool shift, char key);

#endif
