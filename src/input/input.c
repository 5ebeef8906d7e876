#include "input.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libevdev/libevdev.h>
#include <libudev.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>

#include "evdev_drain.h"
#include "util.h"
#include "i18n.h"
#include "log.h"

#define DEVICES_MAX 64
#define BLINK_MS    180

struct device {
	int fd;
	struct libevdev *ev;
	char node[64]; /* "event5" */
	char port[BT_PORT_MAX];
	char name[64];
	struct bt_caps caps;
	enum bt_dev_class cls;
	const char *why;
	bool trainer_choice; /* the trainer set the class: behaviour no longer decides */
	struct bt_pad_state pad;
	struct bt_trainer_state tr;
	uint8_t down[KEY_MAX / 8 + 1]; /* keys held now */
	int held;
	bool grabbed;
	uint64_t led_restore_at; /* ms; 0 none */
	int led_normal;          /* NumLock LED value to go back to */
};

struct bt_input {
	struct bt_input_options opt;
	bt_input_cb cb;
	void *user;
	struct udev *udev;
	int inotify;
	struct device *dev[DEVICES_MAX];
	int n;
	bool denied_reported;
	/* nodes udev has not finished yet (no permissions, no ID_PATH): tried again
	 * every PENDING_RETRY_MS until udev is done or PENDING_MAX_MS have passed */
	char pending[DEVICES_MAX][32];
	uint64_t pending_since[DEVICES_MAX];
	int n_pending;
	bool udev_running;
	/* device messages for the maintainer's log: a keypad with a loose cable comes
	 * and goes many times a second, the log gets a few lines and a count */
	struct bt_ratelimit log_rl;
};

static uint64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void emit_device(struct bt_input *in, const struct device *d, bool present)
{
	struct bt_input_msg m = {.kind = BT_IN_DEVICE};
	snprintf(m.port, sizeof(m.port), "%s", d->port);
	snprintf(m.dev.port, sizeof(m.dev.port), "%s", d->port);
	snprintf(m.dev.name, sizeof(m.dev.name), "%s", d->name);
	snprintf(m.dev.why, sizeof(m.dev.why), "%s", d->why ? d->why : "");
	m.dev.cls = d->cls;
	m.dev.present = present;
	in->cb(in->user, &m);
}

/* One line for the log about a device, rate-limited across all devices. */
static void device_log(struct bt_input *in, enum bt_log_level level, const struct device *d,
                       const char *what)
{
	uint32_t held;
	if (!ratelimit_allow(&in->log_rl, now_ms(), &held))
		return;
	if (held)
		log_msg(BT_LOG_WARNING, _("%u messages about input devices were left out"),
		        (unsigned)held);
	/* TRANSLATORS: device class, device name, USB port, what happened */
	log_msg(level, _("%s '%s' at %s: %s"), keypad_class_name(d->cls), d->name, d->port, what);
}

static void emit_problem(struct bt_input *in, const char *text)
{
	struct bt_input_msg m = {.kind = BT_IN_PROBLEM};
	snprintf(m.problem, sizeof(m.problem), "%s", text);
	in->cb(in->user, &m);
}

/* The physical USB port of an event node: udev's ID_PATH, else the USB interface
 * in sysfs, else the kernel's phys string; virtual devices fall back to their name. */
static void port_of(struct bt_input *in, const char *node, struct libevdev *ev, char *out, size_t n)
{
	out[0] = '\0';
	if (in && in->udev) {
		struct udev_device *u =
		    udev_device_new_from_subsystem_sysname(in->udev, "input", node);
		if (u) {
			const char *p = udev_device_get_property_value(u, "ID_PATH");
			if (p && p[0])
				snprintf(out, n, "%s", p);
			if (!out[0]) {
				struct udev_device *usb =
				    udev_device_get_parent_with_subsystem_devtype(u, "usb",
				                                                  "usb_interface");
				if (usb)
					snprintf(out, n, "usb-%s", udev_device_get_sysname(usb));
			}
			udev_device_unref(u);
		}
	}
	if (!out[0] && libevdev_get_phys(ev) && libevdev_get_phys(ev)[0])
		snprintf(out, n, "phys-%s", libevdev_get_phys(ev));
	if (!out[0])
		snprintf(out, n, "name-%s", libevdev_get_name(ev));
}

static void caps_of(struct libevdev *ev, struct bt_caps *c)
{
	memset(c, 0, sizeof(*c));
	for (unsigned code = 0; code <= KEY_MAX; code++)
		if (libevdev_has_event_code(ev, EV_KEY, code))
			caps_set_key(c, code);
	c->rel = libevdev_has_event_type(ev, EV_REL);
	c->abs = libevdev_has_event_type(ev, EV_ABS);
	c->led_numl = libevdev_has_event_code(ev, EV_LED, LED_NUML);
}

static bool is_trainer(enum bt_dev_class c)
{
	return c == BT_DEV_KEYBOARD || c == BT_DEV_PRESENTER;
}

static void maybe_grab(struct bt_input *in, struct device *d)
{
	/* Keypads always; in the kiosk (trainer keys read here) also a device that reports
	 * a whole keyboard until its first keys tell, so a keypad's first digit does not
	 * reach the console either. A trainer's keyboard is let go (set_class). */
	bool want = d->cls == BT_DEV_KEYPAD || (d->cls == BT_DEV_UNDECIDED && in->opt.read_trainer);
	/* grabbing while a key is down leaves that key stuck for the rest of the system */
	if (!in->opt.grab || d->grabbed || !want || d->held > 0)
		return;
	if (libevdev_grab(d->ev, LIBEVDEV_GRAB) == 0)
		d->grabbed = true;
}

static void ungrab(struct device *d)
{
	if (d->grabbed && libevdev_grab(d->ev, LIBEVDEV_UNGRAB) == 0)
		d->grabbed = false;
}

static void set_class(struct bt_input *in, struct device *d, enum bt_dev_class c, const char *why)
{
	if (d->cls == c)
		return;
	d->cls = c;
	d->why = why;
	if (c != BT_DEV_KEYPAD)
		ungrab(d);
	maybe_grab(in, d);
	emit_device(in, d, true);
}

struct key_ctx {
	struct bt_input *in;
	struct device *d;
};

static void on_event(void *user, const struct input_event *e, bool synced)
{
	struct key_ctx *k = user;
	struct device *d = k->d;
	struct bt_input *in = k->in;
	if (e->type != EV_KEY || e->code > KEY_MAX)
		return;
	bool was = d->down[e->code / 8] & (1u << (e->code % 8));
	if (e->value == 1 && !was) {
		d->down[e->code / 8] |= (uint8_t)(1u << (e->code % 8));
		d->held++;
	} else if (e->value == 0 && was) {
		d->down[e->code / 8] &= (uint8_t) ~(1u << (e->code % 8));
		d->held--;
	}
	/* a re-sync reports state, not presses: nothing is invented from it */
	if (synced)
		return;
	if (d->cls == BT_DEV_UNDECIDED && e->value == 1 && !d->trainer_choice) {
		enum bt_dev_class c = keypad_decide(e->code);
		if (c == BT_DEV_KEYPAD)
			set_class(in, d, c, _("digits pressed on the keypad"));
		else if (c == BT_DEV_KEYBOARD)
			set_class(in, d, c, _("letters typed"));
	}
	uint64_t us = (uint64_t)e->input_event_sec * 1000000u + (uint64_t)e->input_event_usec;
	struct bt_input_msg m = {.time_us = us};
	snprintf(m.port, sizeof(m.port), "%s", d->port);
	if (d->cls == BT_DEV_KEYPAD) {
		m.kind = BT_IN_PAD;
		m.action = keypad_map(&d->pad, e->code, e->value, (uint32_t)(us / 1000), &m.digit);
		if (m.action != BT_PAD_NONE)
			in->cb(in->user, &m);
	} else if ((is_trainer(d->cls) || d->cls == BT_DEV_UNDECIDED) && in->opt.read_trainer) {
		m.kind = BT_IN_TRAINER;
		m.tkey = keypad_trainer_map(&d->tr, e->code, e->value);
		if (m.tkey != BT_TK_NONE)
			in->cb(in->user, &m);
		/* the same press as a character, for when the trainer is typing; the app
		 * uses one or the other */
		struct bt_input_msg t = {.kind = BT_IN_TEXT, .time_us = us};
		snprintf(t.port, sizeof(t.port), "%s", d->port);
		if (e->value == 1 && e->code == KEY_BACKSPACE)
			snprintf(t.text, sizeof(t.text), "\b");
		if (t.text[0] || keypad_char(&d->tr, e->code, e->value, t.text))
			in->cb(in->user, &t);
	}
}

static void device_close(struct bt_input *in, int i, bool report)
{
	struct device *d = in->dev[i];
	if (report && d->cls != BT_DEV_IGNORED)
		emit_device(in, d, false);
	libevdev_free(d->ev);
	close(d->fd);
	free(d);
	in->dev[i] = in->dev[--in->n];
}

#define PENDING_RETRY_MS 100
#define PENDING_MAX_MS   5000

/* With a udev daemon, a node that just appeared is opened only once udev has
 * processed it: before that its permissions and its ID_PATH (the port that keeps a
 * replugged keypad's seat) are not there yet. Returns true when node must wait. */
static bool udev_unfinished(struct bt_input *in, const char *node)
{
	if (!in->udev_running || !in->udev)
		return false;
	struct udev_device *u = udev_device_new_from_subsystem_sysname(in->udev, "input", node);
	if (!u)
		return false;
	bool wait = udev_device_get_is_initialized(u) <= 0;
	udev_device_unref(u);
	if (!wait)
		return false;
	uint64_t now = now_ms();
	for (int i = 0; i < in->n_pending; i++)
		if (strcmp(in->pending[i], node) == 0)
			return now - in->pending_since[i] < PENDING_MAX_MS;
	if (in->n_pending >= DEVICES_MAX || strlen(node) >= sizeof(in->pending[0]))
		return false;
	snprintf(in->pending[in->n_pending], sizeof(in->pending[0]), "%s", node);
	in->pending_since[in->n_pending++] = now;
	return true;
}

static void pending_drop(struct bt_input *in, const char *node)
{
	for (int i = 0; i < in->n_pending; i++) {
		if (strcmp(in->pending[i], node) != 0)
			continue;
		in->n_pending--;
		memmove(in->pending[i], in->pending[in->n_pending], sizeof(in->pending[0]));
		in->pending_since[i] = in->pending_since[in->n_pending];
		return;
	}
}

static void device_open(struct bt_input *in, const char *node)
{
	for (int i = 0; i < in->n; i++)
		if (strcmp(in->dev[i]->node, node) == 0)
			return;
	if (in->n >= DEVICES_MAX)
		return;
	if (udev_unfinished(in, node))
		return;
	pending_drop(in, node);
	char *path = bt_xasprintf("%s/%s", in->opt.dev_dir, node);
	int fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 && (errno == EACCES || errno == EPERM || errno == EROFS))
		fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	int err = errno;
	free(path);
	if (fd < 0) {
		if ((err == EACCES || err == EPERM) && !in->denied_reported) {
			in->denied_reported = true;
			emit_problem(
			    in, _("No access to the keypads (/dev/input). Add the user to the "
			          "group 'input' or install bergtop's udev rule. You can practise "
			          "with Tab and the digits."));
		}
		return;
	}
	struct libevdev *ev = NULL;
	if (libevdev_new_from_fd(fd, &ev) < 0) {
		close(fd);
		return;
	}
	libevdev_set_clock_id(ev, CLOCK_MONOTONIC);
	struct device *d = bt_xcalloc(1, sizeof(*d));
	d->fd = fd;
	d->ev = ev;
	snprintf(d->node, sizeof(d->node), "%s", node);
	snprintf(d->name, sizeof(d->name), "%s", libevdev_get_name(ev));
	port_of(in, node, ev, d->port, sizeof(d->port));
	caps_of(ev, &d->caps);
	d->cls = keypad_classify(&d->caps, &d->why);
	keypad_state_init(&d->pad);
	d->tr.quit = in->opt.quit;
	d->led_normal = d->caps.led_numl ? libevdev_get_event_value(ev, EV_LED, LED_NUML) : 0;
	in->dev[in->n++] = d;
	if (d->cls != BT_DEV_IGNORED) {
		emit_device(in, d, true);
		device_log(in, BT_LOG_INFO, d, _("connected"));
	}
	maybe_grab(in, d);
}

static bool is_event_node(const char *name)
{
	return strncmp(name, "event", 5) == 0 && name[5] >= '0' && name[5] <= '9';
}

static void scan(struct bt_input *in)
{
	DIR *dir = opendir(in->opt.dev_dir);
	if (!dir) {
		char msg[200];
		snprintf(msg, sizeof(msg),
		         _("No keypads: %s does not exist on this computer. You can practise with "
		           "Tab and the digits."),
		         in->opt.dev_dir);
		emit_problem(in, msg);
		return;
	}
	struct dirent *e;
	while ((e = readdir(dir)))
		if (is_event_node(e->d_name))
			device_open(in, e->d_name);
	closedir(dir);
}

struct bt_input *input_create(const struct bt_input_options *opt, bt_input_cb cb, void *user)
{
	struct bt_input *in = bt_xcalloc(1, sizeof(*in));
	in->opt = *opt;
	in->cb = cb;
	in->user = user;
	ratelimit_init(&in->log_rl, 10000, 20);
	in->udev = udev_new();
	in->udev_running = access("/run/udev/control", F_OK) == 0;
	/* inotify on the folder sees new nodes with or without a udev daemon */
	in->inotify = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (in->inotify >= 0 &&
	    inotify_add_watch(in->inotify, opt->dev_dir, IN_CREATE | IN_ATTRIB | IN_DELETE) < 0) {
		close(in->inotify);
		in->inotify = -1;
	}
	scan(in);
	return in;
}

void input_destroy(struct bt_input *in)
{
	if (!in)
		return;
	while (in->n > 0)
		device_close(in, in->n - 1, false);
	if (in->inotify >= 0)
		close(in->inotify);
	udev_unref(in->udev);
	free(in);
}

int input_fds(const struct bt_input *in, struct pollfd *fds, int max)
{
	int k = 0;
	if (in->inotify >= 0 && k < max)
		fds[k++] = (struct pollfd){.fd = in->inotify, .events = POLLIN};
	for (int i = 0; i < in->n && k < max; i++)
		fds[k++] = (struct pollfd){.fd = in->dev[i]->fd, .events = POLLIN};
	return k;
}

int input_timeout_ms(const struct bt_input *in)
{
	uint64_t now = now_ms();
	int t = in->n_pending ? PENDING_RETRY_MS : -1;
	for (int i = 0; i < in->n; i++) {
		uint64_t at = in->dev[i]->led_restore_at;
		if (!at)
			continue;
		int left = at > now ? (int)(at - now) : 0;
		if (t < 0 || left < t)
			t = left;
	}
	return t;
}

static void hotplug(struct bt_input *in)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	for (;;) {
		ssize_t len = read(in->inotify, buf, sizeof(buf));
		if (len <= 0)
			return;
		for (char *p = buf; p < buf + len;) {
			const struct inotify_event *e = (const struct inotify_event *)p;
			if (e->len && is_event_node(e->name) && (e->mask & (IN_CREATE | IN_ATTRIB)))
				device_open(in, e->name);
			p += sizeof(*e) + e->len;
		}
	}
}

void input_dispatch(struct bt_input *in)
{
	if (in->inotify >= 0)
		hotplug(in);
	/* copies: device_open changes the list */
	char again[DEVICES_MAX][32];
	int n_again = in->n_pending;
	memcpy(again, in->pending, sizeof(again[0]) * (size_t)n_again);
	for (int i = 0; i < n_again; i++) {
		char path[4096];
		int len = snprintf(path, sizeof(path), "%s/%s", in->opt.dev_dir, again[i]);
		if (len < 0 || (size_t)len >= sizeof(path) || access(path, F_OK) < 0)
			pending_drop(in, again[i]); /* gone again before udev was done */
		else
			device_open(in, again[i]);
	}
	uint64_t now = now_ms();
	for (int i = 0; i < in->n; i++) {
		struct device *d = in->dev[i];
		if (d->led_restore_at && now >= d->led_restore_at) {
			libevdev_kernel_set_led_value(
			    d->ev, LED_NUML, d->led_normal ? LIBEVDEV_LED_ON : LIBEVDEV_LED_OFF);
			d->led_restore_at = 0;
		}
		struct key_ctx k = {in, d};
		int rc = evdev_drain(d->ev, libevdev_next_event, on_event, &k);
		maybe_grab(in, d);
		if (rc < 0 && rc != -EAGAIN) {
			/* unplugged (ENODEV) or broken: close it, never read it again */
			if (d->cls != BT_DEV_IGNORED)
				device_log(in, rc == -ENODEV ? BT_LOG_INFO : BT_LOG_WARNING, d,
				           rc == -ENODEV ? _("unplugged") : strerror(-rc));
			device_close(in, i, true);
			i--;
		}
	}
}

void input_blink(struct bt_input *in, const char *port)
{
	for (int i = 0; i < in->n; i++) {
		struct device *d = in->dev[i];
		if (strcmp(d->port, port) != 0 || !d->caps.led_numl)
			continue;
		libevdev_kernel_set_led_value(d->ev, LED_NUML,
		                              d->led_normal ? LIBEVDEV_LED_OFF : LIBEVDEV_LED_ON);
		d->led_restore_at = now_ms() + BLINK_MS;
	}
}

void input_reclassify(struct bt_input *in, const char *port, enum bt_dev_class cls)
{
	for (int i = 0; i < in->n; i++) {
		struct device *d = in->dev[i];
		if (strcmp(d->port, port) != 0)
			continue;
		d->trainer_choice = true;
		set_class(in, d, cls, _("chosen by the trainer"));
	}
}

int input_list(const char *dev_dir, FILE *out)
{
	DIR *dir = opendir(dev_dir);
	if (!dir) {
		log_msg(BT_LOG_ERR, _("%s does not exist: no input devices on this computer"),
		        dev_dir);
		return 1;
	}
	struct udev *udev = udev_new();
	struct bt_input tmp = {.udev = udev};
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(dir))) {
		if (!is_event_node(e->d_name))
			continue;
		bt_grow((void **)&names, &cap, n + 1, sizeof(char *));
		names[n++] = bt_xstrdup(e->d_name);
	}
	closedir(dir);
	fprintf(out, "node\tport\tname\tvendor:product\tclass\twhy\n");
	for (size_t i = 0; i < n; i++) {
		char *path = bt_xasprintf("%s/%s", dev_dir, names[i]);
		int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		struct libevdev *ev = NULL;
		if (fd < 0 || libevdev_new_from_fd(fd, &ev) < 0) {
			const char *reason = strerror(fd < 0 ? errno : EIO);
			fprintf(out, "%s\t-\t-\t-\t-\t", path);
			fprintf(out, _("no access (%s)"), reason);
			fputc('\n', out);
		} else {
			char port[BT_PORT_MAX];
			struct bt_caps caps;
			const char *why;
			port_of(&tmp, names[i], ev, port, sizeof(port));
			caps_of(ev, &caps);
			enum bt_dev_class c = keypad_classify(&caps, &why);
			fprintf(out, "%s\t%s\t%s\t%04x:%04x\t%s\t%s\n", path, port,
			        libevdev_get_name(ev), libevdev_get_id_vendor(ev),
			        libevdev_get_id_product(ev), keypad_class_word(c), why);
		}
		libevdev_free(ev);
		if (fd >= 0)
			close(fd);
		free(path);
		free(names[i]);
	}
	free(names);
	udev_unref(udev);
	return 0;
}
