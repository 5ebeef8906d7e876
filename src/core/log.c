#include "log.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "util.h"

bool log_stderr_is_journal(void)
{
	/* systemd sets JOURNAL_STREAM to "device:inode" of the stream it connected */
	const char *js = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;
	if (!js || sscanf(js, "%llu:%llu", &dev, &ino) != 2 || fstat(STDERR_FILENO, &st) != 0)
		return false;
	return (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino;
}

static const char *level_word(enum bt_log_level level)
{
	switch (level) {
	case BT_LOG_ERR:
		return _("error");
	case BT_LOG_WARNING:
		return _("warning");
	case BT_LOG_NOTICE:
		return _("notice");
	default:
		return _("info");
	}
}

void log_write(FILE *f, bool journal, enum bt_log_level level, const char *msg)
{
	size_t n = strlen(msg);
	while (n > 0 && msg[n - 1] == '\n')
		n--;
	/* the whole line in one write, so lines of two threads never mix */
	char *line = journal ? bt_xasprintf("<%d>%.*s\n", (int)level, (int)n, msg)
	                     : bt_xasprintf("bergtop: %s: %.*s\n", level_word(level), (int)n, msg);
	for (char *c = line; c[1]; c++)
		if (*c == '\n')
			*c = ' ';
	fputs(line, f);
	fflush(f);
	free(line);
}

void log_msg(enum bt_log_level level, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = NULL;
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	log_write(stderr, log_stderr_is_journal(), level, msg ? msg : fmt);
	free(msg);
}

void ratelimit_init(struct bt_ratelimit *r, uint32_t interval_ms, uint32_t burst)
{
	*r = (struct bt_ratelimit){.interval_ms = interval_ms, .burst = burst};
}

bool ratelimit_allow(struct bt_ratelimit *r, uint64_t now_ms, uint32_t *suppressed)
{
	*suppressed = 0;
	if (!r->started || now_ms < r->start_ms || now_ms - r->start_ms >= r->interval_ms) {
		*suppressed = r->suppressed;
		r->started = true;
		r->start_ms = now_ms;
		r->used = 0;
		r->suppressed = 0;
	}
	if (r->used < r->burst) {
		r->used++;
		return true;
	}
	r->suppressed++;
	return false;
}
