#include "input_thread.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

#define QUEUE_MAX 8192
#define CMDS_MAX  64

struct cmd {
	bool blink;
	char port[BT_PORT_MAX];
	enum bt_dev_class cls;
};

struct bt_input_thread {
	struct bt_input_options opt;
	Uint32 wake_event;
	SDL_Thread *thread;
	SDL_mutex *lock;
	int pipe[2];                /* wakes the thread for commands and for stopping */
	bool stop;                  /* under lock */
	struct bt_input_msg *queue; /* under lock: ring of QUEUE_MAX */
	int head, count;
	unsigned dropped;
	struct cmd cmds[CMDS_MAX]; /* under lock */
	int n_cmds;
};

/* Called by the input layer in the thread: queue and wake the main loop once. */
static void on_msg(void *user, const struct bt_input_msg *m)
{
	struct bt_input_thread *t = user;
	SDL_LockMutex(t->lock);
	bool was_empty = t->count == 0;
	if (t->count < QUEUE_MAX) {
		t->queue[(t->head + t->count) % QUEUE_MAX] = *m;
		t->count++;
	} else {
		t->dropped++; /* a flood beyond 8192 unread keys: drop, never block */
	}
	SDL_UnlockMutex(t->lock);
	if (was_empty) {
		SDL_Event e = {.type = t->wake_event};
		SDL_PushEvent(&e);
	}
}

static int run(void *p)
{
	struct bt_input_thread *t = p;
	struct bt_input *in = input_create(&t->opt, on_msg, t);
	for (;;) {
		struct pollfd fds[80];
		fds[0] = (struct pollfd){.fd = t->pipe[0], .events = POLLIN};
		int n = 1 + input_fds(in, fds + 1, 79);
		int r = poll(fds, (nfds_t)n, input_timeout_ms(in));
		if (r < 0 && errno != EINTR)
			break;
		if (fds[0].revents & POLLIN) {
			char buf[64];
			while (read(t->pipe[0], buf, sizeof(buf)) > 0)
				;
		}
		SDL_LockMutex(t->lock);
		bool stop = t->stop;
		struct cmd cmds[CMDS_MAX];
		int nc = t->n_cmds;
		memcpy(cmds, t->cmds, sizeof(cmds[0]) * (size_t)nc);
		t->n_cmds = 0;
		SDL_UnlockMutex(t->lock);
		if (stop)
			break;
		for (int i = 0; i < nc; i++) {
			if (cmds[i].blink)
				input_blink(in, cmds[i].port);
			else
				input_reclassify(in, cmds[i].port, cmds[i].cls);
		}
		input_dispatch(in);
	}
	input_destroy(in);
	return 0;
}

struct bt_input_thread *input_thread_start(const struct bt_input_options *opt, Uint32 wake_event)
{
	struct bt_input_thread *t = bt_xcalloc(1, sizeof(*t));
	t->opt = *opt;
	t->wake_event = wake_event;
	t->queue = bt_xcalloc(QUEUE_MAX, sizeof(*t->queue));
	t->lock = SDL_CreateMutex();
	if (!t->lock || pipe2(t->pipe, O_NONBLOCK | O_CLOEXEC) < 0)
		goto fail;
	t->thread = SDL_CreateThread(run, "bergtop-input", t);
	if (!t->thread)
		goto fail;
	return t;
fail:
	if (t->lock)
		SDL_DestroyMutex(t->lock);
	free(t->queue);
	free(t);
	return NULL;
}

static void wake(struct bt_input_thread *t)
{
	char c = 1;
	if (write(t->pipe[1], &c, 1) < 0 && errno != EAGAIN) {
		/* the pipe only wakes the thread; a full pipe already will */
	}
}

void input_thread_stop(struct bt_input_thread *t)
{
	if (!t)
		return;
	SDL_LockMutex(t->lock);
	t->stop = true;
	SDL_UnlockMutex(t->lock);
	wake(t);
	SDL_WaitThread(t->thread, NULL);
	close(t->pipe[0]);
	close(t->pipe[1]);
	SDL_DestroyMutex(t->lock);
	free(t->queue);
	free(t);
}

int input_thread_take(struct bt_input_thread *t, struct bt_input_msg *out, int max)
{
	SDL_LockMutex(t->lock);
	int n = t->count < max ? t->count : max;
	for (int i = 0; i < n; i++)
		out[i] = t->queue[(t->head + i) % QUEUE_MAX];
	t->head = (t->head + n) % QUEUE_MAX;
	t->count -= n;
	bool more = t->count > 0;
	SDL_UnlockMutex(t->lock);
	if (more) {
		SDL_Event e = {.type = t->wake_event};
		SDL_PushEvent(&e);
	}
	return n;
}

static void command(struct bt_input_thread *t, const struct cmd *c)
{
	SDL_LockMutex(t->lock);
	if (t->n_cmds < CMDS_MAX)
		t->cmds[t->n_cmds++] = *c;
	SDL_UnlockMutex(t->lock);
	wake(t);
}

void input_thread_blink(struct bt_input_thread *t, const char *port)
{
	struct cmd c = {.blink = true};
	snprintf(c.port, sizeof(c.port), "%s", port);
	command(t, &c);
}

void input_thread_reclassify(struct bt_input_thread *t, const char *port, enum bt_dev_class cls)
{
	struct cmd c = {.blink = false, .cls = cls};
	snprintf(c.port, sizeof(c.port), "%s", port);
	command(t, &c);
}
