#ifndef BT_CRASHLOG_H
#define BT_CRASHLOG_H

/* On a crash (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT) writes one line saying so and
 * the call stack to stderr (the journal on the kiosk), then dies of the same signal
 * so systemd still sees the crash and restarts bergtop. Call once, early. */
void crashlog_install(void);

#endif
