#ifndef BT_SERVICE_H
#define BT_SERVICE_H

#include <stdbool.h>
#include <stdint.h>

/* Talking to systemd when bergtop runs as its service (Type=notify): READY=1 once
 * the first frame is on the screen, WATCHDOG=1 from the main loop, and more time
 * to start while no screen is there yet. Outside systemd every call does nothing. */
struct bt_service {
	bool notify;      /* $NOTIFY_SOCKET is set */
	uint32_t ping_ms; /* send WATCHDOG=1 this often; 0: no watchdog */
	uint32_t last_ping;
	bool ready;
};

void service_init(struct bt_service *s);
/* Once, after the first frame was presented. */
void service_ready(struct bt_service *s, uint32_t now_ms);
/* From the main loop after every wake; sends a ping when one is due. */
void service_ping(struct bt_service *s, uint32_t now_ms);
/* The longest the main loop may sleep: -1 when it may sleep for ever. */
int service_max_sleep_ms(const struct bt_service *s);
/* While waiting for a screen: keeps systemd's start timeout and watchdog away and
 * says why in `systemctl status`. */
void service_waiting(struct bt_service *s, uint32_t now_ms, const char *status);
/* Before a normal exit. */
void service_stopping(struct bt_service *s);

#endif
