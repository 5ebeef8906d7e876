#include "chord.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

struct bt_chord chord_default_quit(void)
{
	return (struct bt_chord){.ctrl = true, .alt = true, .key = 'q'};
}

bool chord_parse(const char *s, struct bt_chord *out)
{
	struct bt_chord c = {0};
	if (!s)
		return false;
	while (*s) {
		size_t n = strcspn(s, "+-");
		if (n == 0)
			return false;
		if (n == 4 && strncasecmp(s, "ctrl", 4) == 0 && !c.ctrl)
			c.ctrl = true;
		else if (n == 3 && strncasecmp(s, "alt", 3) == 0 && !c.alt)
			c.alt = true;
		else if (n == 5 && strncasecmp(s, "shift", 5) == 0 && !c.shift)
			c.shift = true;
		else if (n == 1 && isalpha((unsigned char)*s) && !c.key)
			c.key = (char)tolower((unsigned char)*s);
		else
			return false;
		s += n;
		if (*s && !*++s)
			return false; /* a trailing '+' */
	}
	if (!c.key || !(c.ctrl || c.alt))
		return false;
	*out = c;
	return true;
}

char *chord_format(const struct bt_chord *c, char *out, size_t n)
{
	snprintf(out, n, "%s%s%s%c", c->ctrl ? "Ctrl+" : "", c->alt ? "Alt+" : "",
	         c->shift ? "Shift+" : "", toupper((unsigned char)c->key));
	return out;
}

bool chord_matches(const struct bt_chord *c, bool ctrl, bool alt, bool shift, char key)
{
	return c->key && tolower((unsigned char)key) == c->key && ctrl == c->ctrl &&
	       alt == c->alt && shift == c->shift;
}
