/* Reads the capability part of an evemu-describe file for the device tests. */
#include "evemu.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define EVEMU_LINE_MAX 4096
#define EVEMU_TYPES    256  /* the type is one hex byte */
#define EVEMU_LINE_LEN 8    /* bytes of bitmask on one B: line */
#define EVEMU_MASK_MAX 1024 /* bytes one type may have before the file is nonsense */

static const char *skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* One hex byte (one or two hex digits) followed by space or the end. */
static bool hex_byte(const char **pp, unsigned *out)
{
	const char *p = skip_space(*pp);
	unsigned v = 0;
	int n = 0;
	while (isxdigit((unsigned char)*p)) {
		if (++n > 2)
			return false;
		int c = tolower((unsigned char)*p);
		v = v * 16 + (unsigned)(isdigit(c) ? c - '0' : c - 'a' + 10);
		p++;
	}
	if (n == 0 || (*p != '\0' && *p != ' ' && *p != '\t'))
		return false;
	*out = v;
	*pp = p;
	return true;
}

/* "B: TT b0 b1 b2 b3 b4 b5 b6 b7": the next 8 bytes of type TT's bitmask. */
static int parse_bits(const char *p, struct bt_caps *caps, unsigned *offset)
{
	unsigned type, bytes[EVEMU_LINE_LEN];
	if (!hex_byte(&p, &type))
		return -1;
	for (int i = 0; i < EVEMU_LINE_LEN; i++)
		if (!hex_byte(&p, &bytes[i]))
			return -1;
	if (*skip_space(p) != '\0')
		return -1;
	unsigned base = offset[type];
	if (base >= EVEMU_MASK_MAX)
		return -1;
	offset[type] += EVEMU_LINE_LEN;
	for (unsigned i = 0; i < EVEMU_LINE_LEN; i++) {
		for (unsigned bit = 0; bit < 8; bit++) {
			if (!(bytes[i] & (1u << bit)))
				continue;
			unsigned code = (base + i) * 8 + bit;
			switch (type) {
			case EV_KEY:
				caps_set_key(caps, code);
				break;
			case EV_REL:
				caps->rel = true;
				break;
			case EV_ABS:
				caps->abs = true;
				break;
			case EV_LED:
				if (code == LED_NUML)
					caps->led_numl = true;
				break;
			default:
				break;
			}
		}
	}
	return 0;
}

static void set_name(char *name, size_t name_size, const char *p)
{
	if (!name || name_size == 0)
		return;
	p = skip_space(p);
	size_t n = strlen(p);
	if (n >= name_size)
		n = name_size - 1;
	memcpy(name, p, n);
	name[n] = '\0';
}

int evemu_caps_load(const char *path, struct bt_caps *caps, char *name, size_t name_size)
{
	memset(caps, 0, sizeof *caps);
	if (name && name_size > 0)
		name[0] = '\0';
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	unsigned offset[EVEMU_TYPES] = {0}; /* bytes of each type's mask read so far */
	char line[EVEMU_LINE_MAX];
	int rc = 0;
	while (rc == 0 && fgets(line, sizeof line, f)) {
		size_t n = strlen(line);
		bool whole = n > 0 && line[n - 1] == '\n';
		if (!whole && !feof(f)) {
			/* longer than any real line: fine for a comment, not for data */
			bool comment = line[0] == '#';
			int c;
			while ((c = fgetc(f)) != EOF && c != '\n')
				;
			if (!comment)
				rc = -1;
			continue;
		}
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (strncmp(line, "N:", 2) == 0)
			set_name(name, name_size, line + 2);
		else if (strncmp(line, "B:", 2) == 0)
			rc = parse_bits(line + 2, caps, offset);
		/* '#' comments, I:, P:, A:, L:, S:, E: and anything else: not needed */
	}
	if (ferror(f))
		rc = -1;
	fclose(f);
	return rc;
}
