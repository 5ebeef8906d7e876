#include "crashlog.h"

#include <execinfo.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

/* Only async-signal-safe calls here: the heap may be what broke. */
static void on_crash(int sig)
{
	static const char head[] = "bergtop crashed (signal ";
	char num[4] = {(char)('0' + sig / 10 % 10), (char)('0' + sig % 10), ')', '\n'};
	void *frames[48];
	ssize_t ignored = write(STDERR_FILENO, head, sizeof head - 1);
	ignored = write(STDERR_FILENO, num, sizeof num);
	(void)ignored;
	int n = backtrace(frames, 48);
	backtrace_symbols_fd(frames, n, STDERR_FILENO);
	/* SA_RESETHAND put the default back: die of the same signal */
	raise(sig);
}

void crashlog_install(void)
{
	/* the first backtrace() loads libgcc; do that now, not inside the handler */
	void *warm[1];
	(void)backtrace(warm, 1);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_crash;
	sa.sa_flags = (int)SA_RESETHAND | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	static const int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
}
