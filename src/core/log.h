#ifndef BT_LOG_H
#define BT_LOG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* Messages for the maintainer go to stderr, one line each with a level. Under
 * systemd (stderr is the journal) each line starts with the syslog priority
 * "<3>" so journald files it at that level; on a terminal it starts with
 * "bergtop: error: ". Newlines inside a message become spaces. */

enum bt_log_level { BT_LOG_ERR = 3, BT_LOG_WARNING = 4, BT_LOG_NOTICE = 5, BT_LOG_INFO = 6 };

void log_msg(enum bt_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Same, to any stream, deciding the prefix as for stderr when journal is true. */
void log_write(FILE *f, bool journal, enum bt_log_level level, const char *msg);
/* True when stderr is connected to the systemd journal ($JOURNAL_STREAM). */
bool log_stderr_is_journal(void);

/* At most `burst` messages of one kind per `interval_ms`; the rest are counted and
 * the count is told with the first message of the next interval. For repeated input
 * errors, which a broken keypad can produce a thousand times a second. */
struct bt_ratelimit {
	uint32_t interval_ms, burst;
	uint64_t start_ms;
	uint32_t used;
	uint32_t suppressed;
	bool started;
};

void ratelimit_init(struct bt_ratelimit *r, uint32_t interval_ms, uint32_t burst);
/* True when a message may be written now. When it may and earlier ones were held
 * back, *suppressed says how many (otherwise 0). */
bool ratelimit_allow(struct bt_ratelimit *r, uint64_t now_ms, uint32_t *suppressed);

#endif
