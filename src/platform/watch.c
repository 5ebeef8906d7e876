#include "watch.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "log.h"
#include "util.h"

struct bt_watch {
	SDL_Thread *thread;
	int ino, sig, stop;
	Uint32 type;
};

static void signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGUSR1);
}

void watch_block_signals(void)
{
	sigset_t set;
	signals(&set);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
}

static void push(const struct bt_watch *w, int code)
{
	SDL_Event e = {0};
	e.type = w->type;
	e.user.code = code;
	SDL_PushEvent(&e);
}

static int run(void *data)
{
	struct bt_watch *w = data;
	struct pollfd p[3] = {{.fd = w->stop, .events = POLLIN},
	                      {.fd = w->ino, .events = POLLIN},
	                      {.fd = w->sig, .events = POLLIN}};
	for (;;) {
		if (poll(p, 3, -1) < 0) {
			if (errno == EINTR)
				continue;
			return 0;
		}
		if (p[0].revents)
			return 0;
		if (p[1].revents & POLLIN) {
			char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
			ssize_t n = read(w->ino, buf, sizeof(buf));
			bool result = false;
			for (ssize_t off = 0; n > 0 && off < n;) {
				const struct inotify_event *ev = (const void *)(buf + off);
				result |= ev->len && strcmp(ev->name, "result") == 0;
				off += (ssize_t)(sizeof(*ev) + ev->len);
			}
			if (result)
				push(w, BT_WATCH_STICK);
		}
		if (p[2].revents & POLLIN) {
			struct signalfd_siginfo si;
			while (read(w->sig, &si, sizeof(si)) == (ssize_t)sizeof(si))
				push(w, BT_WATCH_DUMP);
		}
	}
}

struct bt_watch *watch_start(const char *data_dir, Uint32 event_type)
{
	struct bt_watch *w = bt_xcalloc(1, sizeof(*w));
	w->type = event_type;
	w->ino = w->sig = w->stop = -1;
	char *dir = bt_xasprintf("%s/stick", data_dir);
	/* the stick helper writes its result here; made now so it can be watched */
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		goto fail;
	sigset_t set;
	signals(&set);
	w->sig = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	w->ino = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
	w->stop = eventfd(0, EFD_CLOEXEC);
	if (w->sig < 0 || w->ino < 0 || w->stop < 0 ||
	    inotify_add_watch(w->ino, dir, IN_MOVED_TO | IN_CLOSE_WRITE) < 0)
		goto fail;
	w->thread = SDL_CreateThread(run, "bergtop-watch", w);
	if (!w->thread)
		goto fail;
	free(dir);
	return w;
fail:
	log_msg(BT_LOG_WARNING, _("updates from a USB stick are not shown (%s: %s)"), dir,
	        strerror(errno));
	free(dir);
	watch_stop(w);
	return NULL;
}

void watch_stop(struct bt_watch *w)
{
	if (!w)
		return;
	if (w->thread) {
		uint64_t one = 1;
		/* an eventfd write of 1 cannot fail here: the counter is far from full */
		(void)!write(w->stop, &one, sizeof(one));
		SDL_WaitThread(w->thread, NULL);
	}
	if (w->ino >= 0)
		close(w->ino);
	if (w->sig >= 0)
		close(w->sig);
	if (w->stop >= 0)
		close(w->stop);
	free(w);
}
