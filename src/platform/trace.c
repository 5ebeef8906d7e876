#include "trace.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "log.h"
#include "util.h"

struct bt_trace {
	FILE *f;
};

struct bt_trace *trace_open(void)
{
	const char *path = getenv("BERGTOP_TRACE");
	if (!path || !path[0])
		return NULL;
	FILE *f = fopen(path, "a");
	if (!f) {
		log_msg(BT_LOG_WARNING, "BERGTOP_TRACE: %s cannot be opened", path);
		return NULL;
	}
	setvbuf(f, NULL, _IOLBF, 0); /* each line at once: a killed run keeps its figures */
	struct bt_trace *t = bt_xcalloc(1, sizeof(*t));
	t->f = f;
	return t;
}

void trace_close(struct bt_trace *t)
{
	if (!t)
		return;
	fclose(t->f);
	free(t);
}

uint64_t trace_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void trace_frame(struct bt_trace *t, uint64_t t0, uint64_t t1, const char *what)
{
	if (t)
		fprintf(t->f, "frame %llu %llu %s\n", (unsigned long long)t0,
		        (unsigned long long)t1, what && what[0] ? what : "-");
}

void trace_prepare(struct bt_trace *t, uint64_t t0, uint64_t t1)
{
	if (t)
		fprintf(t->f, "prepare %llu %llu\n", (unsigned long long)t0,
		        (unsigned long long)t1);
}

void trace_input(struct bt_trace *t, uint64_t event_ns, uint64_t taken_ns, const char *kind)
{
	if (t)
		fprintf(t->f, "input %llu %llu %s\n", (unsigned long long)event_ns,
		        (unsigned long long)taken_ns, kind);
}
