#ifndef BT_DIAG_H
#define BT_DIAG_H

#include <stddef.h>

/* One message for a trainer about a scene file: where and what to do. */
struct bt_diag {
	char *file;
	int line;  /* 1-based; 0 when the message is about the whole file */
	char *msg; /* Dutch, one sentence saying what is wrong and how to fix it */
};

struct bt_diags {
	struct bt_diag *v;
	size_t n, cap;
};

/* Appends a message; file is copied. */
void diags_add(struct bt_diags *d, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Formats message i as "file:line: msg" into a fresh string. */
char *diags_format(const struct bt_diags *d, size_t i);
/* Frees every message; the struct itself is left empty and reusable. */
void diags_clear(struct bt_diags *d);

#endif
