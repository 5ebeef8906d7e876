#include "service.h"

#include <stdlib.h>
#include <systemd/sd-daemon.h>

void service_init(struct bt_service *s)
{
	*s = (struct bt_service){0};
	const char *sock = getenv("NOTIFY_SOCKET");
	s->notify = sock && sock[0];
	uint64_t usec = 0;
	/* ping at a third of the watchdog time, so one late wake never kills us */
	if (s->notify && sd_watchdog_enabled(0, &usec) > 0 && usec > 0)
		s->ping_ms = (uint32_t)(usec / 3000u) > 0 ? (uint32_t)(usec / 3000u) : 1;
}

void service_ready(struct bt_service *s, uint32_t now_ms)
{
	if (!s->notify || s->ready)
		return;
	s->ready = true;
	s->last_ping = now_ms;
	sd_notify(0, "READY=1\nSTATUS=bergtop shows the screen\nWATCHDOG=1");
}

void service_ping(struct bt_service *s, uint32_t now_ms)
{
	if (!s->ping_ms || now_ms - s->last_ping < s->ping_ms)
		return;
	s->last_ping = now_ms;
	sd_notify(0, "WATCHDOG=1");
}

int service_max_sleep_ms(const struct bt_service *s)
{
	return s->ping_ms ? (int)s->ping_ms : -1;
}

void service_waiting(struct bt_service *s, uint32_t now_ms, const char *status)
{
	if (!s->notify)
		return;
	s->last_ping = now_ms;
	/* before READY the start timeout counts, after it the watchdog: feed both */
	sd_notifyf(0, "EXTEND_TIMEOUT_USEC=%u\nWATCHDOG=1\nSTATUS=%s", 30u * 1000000u, status);
}

void service_stopping(struct bt_service *s)
{
	if (s->notify)
		sd_notify(0, "STOPPING=1");
}
