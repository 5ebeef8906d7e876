#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "util.h"

void diags_add(struct bt_diags *d, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *msg = bt_xmalloc((size_t)(n > 0 ? n : 0) + 1);
	va_start(ap, fmt);
	vsnprintf(msg, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
	va_end(ap);
	bt_grow((void **)&d->v, &d->cap, d->n + 1, sizeof(*d->v));
	d->v[d->n].file = bt_xstrdup(file ? file : "");
	d->v[d->n].line = line;
	d->v[d->n].msg = msg;
	d->n++;
}

char *diags_format(const struct bt_diags *d, size_t i)
{
	const struct bt_diag *g = &d->v[i];
	if (g->line > 0)
		return bt_xasprintf("%s:%d: %s", g->file, g->line, g->msg);
	return bt_xasprintf("%s: %s", g->file, g->msg);
}

void diags_clear(struct bt_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}
