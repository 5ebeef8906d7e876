#include "sceneset.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export.h"
#include "i18n.h"
#include "util.h"

#define LINK_CUR        "scenes"
#define LINK_PREV       "scenes.prev"
#define SETS            "sets"
#define STEP_BACK       "terug.txt"
#define BASE_MAX        (16 * 1024 * 1024) /* far above any scene file; only a bound */
#define REPORT_DIR      "stick"
#define REPORT_FILE     "result"
#define REPORT_TMP      "result.tmp"
#define REPORT_MAGIC    "bergtop-stick-result 1"
#define REPORT_MAX      (64 * 1024)
#define REPORT_TEXT_MAX 1000 /* bytes of one file name or reason in the result file */
#define SET_NAME_FMT    "set-%012" PRId64 "-%03u"
#define SET_NAME_SCAN   "set-%" SCNd64 "-%u"

/* Folder entries, sorted by name. */
struct names {
	char **v;
	size_t n, cap;
};

/* One scene file read from the stick. */
struct item {
	char *name;  /* as on the stick */
	char *shown; /* the name made safe for the screen */
	char *data;
	size_t len;
	bool taken;    /* false once refused */
	bool had_base; /* the current set has a file of this name */
	bool same;     /* ... with exactly these bytes */
};

/* One import under way. */
struct import {
	int dfd;     /* the data folder */
	int setsfd;  /* D/sets */
	int basefd;  /* the current set; -1 when there is none (an empty set) */
	int newfd;   /* the new set while it is made */
	char *base;  /* path of the current set */
	char *fresh; /* name of the new set under sets/ */
	char *fresh_path;
	struct item *items;
	size_t n_items, cap_items;
	struct bt_import_report *rep;
};

static bool has_suffix(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);
	return a > b && strcmp(s + a - b, suf) == 0;
}

/* The names catalog_load reads from a folder. */
static bool is_scene_name(const char *name)
{
	return name[0] != '.' && (has_suffix(name, ".yaml") || has_suffix(name, ".yml"));
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* A name fit to copy and show: printable UTF-8. */
static bool name_plain(const char *name)
{
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return false;
	return bt_utf8_valid(name, strlen(name), NULL);
}

/* A copy of s fit for one line of the screen and of the result file. */
static char *text_shown(const char *s)
{
	char *r = bt_xstrdup(s);
	size_t bad = 0;
	/* twenty reasons must always fit in the result file (REPORT_MAX): a file can make
	 * a message as long as it likes (an unknown field's name is quoted) */
	if (strlen(r) > REPORT_TEXT_MAX)
		r[REPORT_TEXT_MAX] = '\0';
	for (unsigned char *p = (unsigned char *)r; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			*p = ' ';
	while (!bt_utf8_valid(r, strlen(r), &bad))
		r[bad] = '?';
	return r;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void names_clear(struct names *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* Lists a folder (without . and ..) through a fresh descriptor, so dirfd's own reading
 * position does not matter. Returns 0 or a negative errno. */
static int names_list(int dirfd, struct names *out)
{
	memset(out, 0, sizeof(*out));
	int fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	DIR *d = fdopendir(fd);
	if (!d) {
		int err = -errno;
		close(fd);
		return err;
	}
	int ret = 0;
	struct dirent *e;
	errno = 0;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		bt_grow((void **)&out->v, &out->cap, out->n + 1, sizeof(*out->v));
		out->v[out->n++] = bt_xstrdup(e->d_name);
		errno = 0;
	}
	if (errno)
		ret = -errno;
	closedir(d);
	if (ret < 0)
		names_clear(out);
	else if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), cmp_str);
	return ret;
}

/* Reads a regular file of a folder without following a link: -ELOOP for a link,
 * -ENODEV for anything else that is not a regular file, -EFBIG past max bytes. */
static int read_at(int dirfd, const char *name, size_t max, char **data, size_t *len)
{
	struct stat st;
	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return -errno;
	if (S_ISLNK(st.st_mode))
		return -ELOOP;
	/* checked before opening: opening a fifo or a device can block or have effects */
	if (!S_ISREG(st.st_mode))
		return -ENODEV;
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	int ret = 0;
	if (fstat(fd, &st) < 0)
		ret = -errno;
	else if (!S_ISREG(st.st_mode))
		ret = -ENODEV;
	else if ((uint64_t)st.st_size > max)
		ret = -EFBIG;
	else /* the size said less, but the file may grow while it is read */
		ret = bt_fd_read(fd, data, len, max);
	close(fd);
	return ret;
}

/* Writes a file owner-only and flushes it to disk. Returns 0 or a negative errno. */
static int write_at(int dirfd, const char *name, const char *data, size_t len)
{
	int fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	int ret = fchmod(fd, 0600) < 0 ? -errno : 0;
	while (ret == 0 && len > 0) {
		ssize_t w = write(fd, data, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			ret = -errno;
			break;
		}
		data += w;
		len -= (size_t)w;
	}
	if (ret == 0 && fsync(fd) < 0)
		ret = -errno;
	if (close(fd) < 0 && ret == 0)
		ret = -errno;
	return ret;
}

static int sync_fd(int fd)
{
	return fsync(fd) < 0 ? -errno : 0;
}

/* Makes a folder owner-only unless it is there; returns an open descriptor of it or a
 * negative errno. Only the data folder itself may be a link (to a data partition). */
static int dir_open(int at, const char *path)
{
	if (mkdirat(at, path, 0700) < 0 && errno != EEXIST)
		return -errno;
	int fd = openat(at, path,
	                O_RDONLY | O_DIRECTORY | O_CLOEXEC | (at == AT_FDCWD ? 0 : O_NOFOLLOW));
	return fd < 0 ? -errno : fd;
}

/* The set a link of the data folder names ("sets/<name>"), or NULL. */
static char *link_set(int dfd, const char *link)
{
	char buf[256];
	ssize_t n = readlinkat(dfd, link, buf, sizeof(buf) - 1);
	if (n <= 0 || (size_t)n >= sizeof(buf) - 1)
		return NULL;
	buf[n] = '\0';
	const char *name = buf + strlen(SETS "/");
	if (strncmp(buf, SETS "/", strlen(SETS "/")) != 0 || !*name || name[0] == '.' ||
	    strchr(name, '/'))
		return NULL;
	return bt_xstrdup(name);
}

/* Points link at target by renaming a fresh link over it, so it is never missing. */
static int link_put(int dfd, const char *link, const char *target)
{
	char *tmp = bt_xasprintf(".%s.new", link);
	int ret = 0;
	unlinkat(dfd, tmp, 0); /* left over from a crash */
	if (symlinkat(target, dfd, tmp) < 0 || renameat(dfd, tmp, dfd, link) < 0)
		ret = -errno;
	if (ret < 0)
		unlinkat(dfd, tmp, 0);
	else
		ret = sync_fd(dfd);
	free(tmp);
	return ret;
}

/* Removes a set folder and the files in it; a set holds files only, so anything else
 * inside keeps the folder (and stays for someone to look at). */
static void set_remove(int setsfd, const char *name)
{
	int fd = openat(setsfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		unlinkat(setsfd, name, 0); /* a stray file or link, never followed */
		return;
	}
	struct names l;
	if (names_list(fd, &l) == 0) {
		for (size_t i = 0; i < l.n; i++)
			unlinkat(fd, l.v[i], 0);
		names_clear(&l);
	}
	close(fd);
	unlinkat(setsfd, name, AT_REMOVEDIR);
}

/* Removes every set but the current and the previous one; nothing when the current
 * link is not one of ours. Failing to remove only costs disk space. */
static void sets_prune(int dfd, int setsfd)
{
	char *cur = link_set(dfd, LINK_CUR), *prev = link_set(dfd, LINK_PREV);
	struct names l = {0};
	if (!cur || names_list(setsfd, &l) < 0)
		goto out;
	for (size_t i = 0; i < l.n; i++)
		if (strcmp(l.v[i], cur) != 0 && (!prev || strcmp(l.v[i], prev) != 0))
			set_remove(setsfd, l.v[i]);
	sync_fd(setsfd);
out:
	names_clear(&l);
	free(cur);
	free(prev);
}

/* Makes the new set's empty folder, named after every set already there so the names
 * sort in order even when the clock went back (a mini-PC without a clock battery). */
static int set_make(struct import *im, int64_t now)
{
	struct names l;
	int ret = names_list(im->setsfd, &l);
	if (ret < 0)
		return ret;
	int64_t t = now < 0 ? 0 : now;
	unsigned c = 0;
	for (size_t i = 0; i < l.n; i++) {
		int64_t s;
		unsigned k;
		if (sscanf(l.v[i], SET_NAME_SCAN, &s, &k) != 2 || s < t)
			continue;
		if (s > t || k + 1 > c)
			c = k + 1;
		t = s;
	}
	names_clear(&l);
	ret = -EEXIST;
	for (int tries = 0; tries < 2000 && ret == -EEXIST; tries++, c++) {
		if (c > 999) {
			t++;
			c = 0;
		}
		char *name = bt_xasprintf(SET_NAME_FMT, t, c);
		if (mkdirat(im->setsfd, name, 0700) == 0) {
			im->fresh = name;
			ret = 0;
		} else {
			ret = -errno;
			free(name);
		}
	}
	if (ret < 0)
		return ret;
	im->newfd = openat(im->setsfd, im->fresh, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	return im->newfd < 0 ? -errno : 0;
}

/* Copies the current set's scene files into the new set; links and other odd entries
 * are left out, as they were never ours. */
static int set_fill(struct import *im)
{
	if (im->basefd < 0)
		return 0;
	struct names l;
	int ret = names_list(im->basefd, &l);
	for (size_t i = 0; ret == 0 && i < l.n; i++) {
		char *data = NULL;
		size_t len = 0;
		if (!is_scene_name(l.v[i]))
			continue;
		ret = read_at(im->basefd, l.v[i], BASE_MAX, &data, &len);
		if (ret == -ELOOP || ret == -ENODEV)
			ret = 0;
		else if (ret == 0)
			ret = write_at(im->newfd, l.v[i], data, len);
		free(data);
	}
	names_clear(&l);
	return ret;
}

/* Puts a stick file into the new set, noting whether the current set had it. */
static int item_stage(struct import *im, struct item *it)
{
	char *old = NULL;
	size_t len = 0;
	int ret = im->basefd < 0 ? -ENOENT : read_at(im->basefd, it->name, BASE_MAX, &old, &len);
	it->had_base = ret == 0;
	it->same = ret == 0 && len == it->len && memcmp(old, it->data, len) == 0;
	free(old);
	if (ret < 0 && ret != -ENOENT && ret != -ELOOP && ret != -ENODEV)
		return ret;
	return write_at(im->newfd, it->name, it->data, it->len);
}

/* Refuses a stick file that was put in the new set: the current set's file of that
 * name comes back, or there is none. */
static int item_refuse(struct import *im, struct item *it)
{
	it->taken = false;
	im->rep->refused++;
	if (!it->had_base)
		return unlinkat(im->newfd, it->name, 0) < 0 ? -errno : 0;
	char *old = NULL;
	size_t len = 0;
	int ret = read_at(im->basefd, it->name, BASE_MAX, &old, &len);
	if (ret == 0)
		ret = write_at(im->newfd, it->name, old, len);
	free(old);
	return ret;
}

static struct item *item_find(struct import *im, const char *name)
{
	for (size_t i = 0; i < im->n_items; i++)
		if (strcmp(im->items[i].name, name) == 0)
			return &im->items[i];
	return NULL;
}

static const struct bt_catalog_entry *entry_find(const struct bt_catalog *c, const char *name)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(base_name(c->entries[i].file), name) == 0)
			return &c->entries[i];
	return NULL;
}

/* msg without the new set's folder in front of file names: the trainer knows the
 * files by their names on the stick. */
static char *msg_unprefixed(const char *msg, const char *prefix)
{
	size_t pl = strlen(prefix);
	char *r = bt_xstrdup(msg);
	char *p;
	while ((p = strstr(r, prefix)))
		memmove(p, p + pl, strlen(p + pl) + 1);
	return r;
}

/* Loads the new set once and refuses the stick files that are broken in it or that
 * break a session the current set had working (the same session number). Returns the
 * number refused (0: the set is good) or a negative errno. */
static int check_pass(struct import *im, const struct bt_catalog *base_cat,
                      const struct bt_iconset *icons)
{
	struct bt_catalog *m = catalog_load(im->fresh_path, icons);
	char *prefix = bt_xasprintf("%s/", im->fresh_path);
	int ret = m->dir_error ? -EIO : 0, refused = 0;
	for (size_t i = 0; ret == 0 && i < m->n; i++) {
		const struct bt_catalog_entry *e = &m->entries[i];
		if (e->def)
			continue;
		const char *name = base_name(e->file);
		struct item *it = item_find(im, name);
		if (it && it->taken) {
			for (size_t k = 0; k < e->diags.n; k++) {
				char *msg = msg_unprefixed(e->diags.v[k].msg, prefix);
				diags_add(&im->rep->why, it->shown, e->diags.v[k].line, "%s", msg);
				free(msg);
			}
			ret = item_refuse(im, it);
			refused++;
			continue;
		}
		const struct bt_catalog_entry *was = entry_find(base_cat, name);
		if (!was || !was->def)
			continue; /* broken before as well */
		/* a session that worked broke: a stick file took its session number */
		int found = 0;
		for (size_t k = 0; ret == 0 && k < im->n_items; k++) {
			struct item *o = &im->items[k];
			const struct bt_catalog_entry *oe = entry_find(m, o->name);
			if (!o->taken || !oe || !oe->def || strcmp(oe->def->id, was->def->id) != 0)
				continue;
			char *other = text_shown(name);
			diags_add(&im->rep->why, o->shown, oe->def->id_line,
			          _("session %s is already in %s. Give this file another session "
			            "number, or the same name as that file"),
			          was->def->id, other);
			free(other);
			ret = item_refuse(im, o);
			found++;
		}
		/* the only way files break each other is a shared session number */
		if (ret == 0 && !found)
			ret = -EINVAL;
		refused += found;
	}
	free(prefix);
	catalog_destroy(m);
	return ret < 0 ? ret : refused;
}

/* Reads the stick's scene files (names sorted) into items; refusals go to the report. */
static void stick_read(struct import *im, int stickfd, const struct names *names)
{
	struct bt_import_report *rep = im->rep;
	size_t seen = 0;
	for (size_t i = 0; i < names->n; i++) {
		const char *name = names->v[i];
		if (!is_scene_name(name))
			continue;
		char *shown = text_shown(name);
		if (seen == BT_IMPORT_MAX_FILES) {
			size_t rest = 0;
			for (size_t k = i; k < names->n; k++)
				rest += is_scene_name(names->v[k]);
			diags_add(&rep->why, shown, 0,
			          _("only the first %d scene files are read; %zu file(s) were "
			            "skipped. Put fewer files on the stick"),
			          BT_IMPORT_MAX_FILES, rest);
			rep->refused += rest;
			free(shown);
			return;
		}
		seen++;
		char *data = NULL;
		size_t len = 0;
		int r = name_plain(name) ? read_at(stickfd, name, BT_IMPORT_MAX_BYTES, &data, &len)
		                         : -EILSEQ;
		if (r == -EILSEQ)
			diags_add(&rep->why, shown, 0,
			          _("the file name has odd characters. Give the file a plain name, "
			            "such as 1.2.yaml"));
		else if (r == -ELOOP)
			diags_add(
			    &rep->why, shown, 0,
			    _("this is a link, not a file. Put the file itself on the stick"));
		else if (r == -ENODEV)
			diags_add(&rep->why, shown, 0,
			          _("this is not a normal file. Put a scene file (.yaml) on the "
			            "stick"));
		else if (r == -EFBIG)
			diags_add(&rep->why, shown, 0,
			          _("the file is too big (more than 256 KB). A scene file is much "
			            "smaller; choose the right file"));
		else if (r < 0)
			diags_add(&rep->why, shown, 0, _("the file cannot be read (%s)"),
			          strerror(-r));
		if (r < 0) {
			rep->refused++;
			free(shown);
			continue;
		}
		bt_grow((void **)&im->items, &im->cap_items, im->n_items + 1, sizeof(*im->items));
		im->items[im->n_items++] = (struct item){.name = bt_xstrdup(name),
		                                         .shown = shown,
		                                         .data = data,
		                                         .len = len,
		                                         .taken = true};
	}
}

/* Points scenes at the new set and scenes.prev at what scenes pointed to. scenes
 * changes last, in one rename: until then the current set is what it was. */
static int links_swap(int dfd, const char *fresh)
{
	char old[4096];
	struct stat st;
	if (fstatat(dfd, LINK_CUR, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISLNK(st.st_mode))
		return -EEXIST; /* a folder put there by hand: not ours to replace */
	ssize_t n = readlinkat(dfd, LINK_CUR, old, sizeof(old) - 1);
	int ret = 0;
	if (n >= 0) {
		old[n] = '\0';
		ret = link_put(dfd, LINK_PREV, old);
	} else if (errno != ENOENT) {
		ret = -errno;
	} else if (unlinkat(dfd, LINK_PREV, 0) < 0 && errno != ENOENT) {
		ret = -errno; /* the bundled scenes were current: no link means those */
	}
	if (ret < 0)
		return ret;
	char *target = bt_xasprintf(SETS "/%s", fresh);
	ret = link_put(dfd, LINK_CUR, target);
	free(target);
	return ret;
}

/* Opens (and makes) the data folder and D/sets, and waits for any other import. */
static int import_open(struct import *im, const char *data_dir)
{
	int fd = dir_open(AT_FDCWD, data_dir);
	if (fd < 0)
		return fd;
	im->dfd = fd;
	if (flock(im->dfd, LOCK_EX) < 0)
		return -errno;
	fd = dir_open(im->dfd, SETS);
	if (fd < 0)
		return fd;
	im->setsfd = fd;
	return 0;
}

/* Swaps scenes and scenes.prev; an absent link stands for the bundled scenes. */
static int step_back(const char *data_dir, struct bt_import_report *rep)
{
	rep->stepped_back = true;
	int ret = 0;
	char cur[4096], prev[4096];
	int dfd = open(data_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		ret = errno == ENOENT ? 0 : -errno; /* never imported: nothing to go back to */
		goto out;
	}
	if (flock(dfd, LOCK_EX) < 0) {
		ret = -errno;
		goto out;
	}
	struct stat st;
	ssize_t nc = readlinkat(dfd, LINK_CUR, cur, sizeof(cur) - 1);
	int err_c = nc < 0 && errno != ENOENT ? errno : 0;
	ssize_t np = readlinkat(dfd, LINK_PREV, prev, sizeof(prev) - 1);
	int err_p = np < 0 && errno != ENOENT ? errno : 0;
	if (err_c || err_p) {
		ret = -(err_c ? err_c : err_p); /* EINVAL: a folder put there by hand */
		goto out;
	}
	/* a previous set that is gone is nothing to go back to */
	if ((nc < 0 && np < 0) ||
	    (np >= 0 && (fstatat(dfd, LINK_PREV, &st, 0) < 0 || !S_ISDIR(st.st_mode))))
		goto out;
	if (nc >= 0 && np >= 0) {
		cur[nc] = '\0';
		prev[np] = '\0';
		if (renameat2(dfd, LINK_CUR, dfd, LINK_PREV, RENAME_EXCHANGE) < 0) {
			/* a file system without atomic exchange: scenes first, it is what shows */
			ret = link_put(dfd, LINK_CUR, prev);
			if (ret == 0)
				ret = link_put(dfd, LINK_PREV, cur);
		}
	} else if (nc >= 0) {
		ret = renameat(dfd, LINK_CUR, dfd, LINK_PREV) < 0 ? -errno : 0;
	} else {
		ret = renameat(dfd, LINK_PREV, dfd, LINK_CUR) < 0 ? -errno : 0;
	}
	if (ret == 0)
		ret = sync_fd(dfd);
	rep->changed = ret == 0;
out:
	if (ret < 0)
		diags_add(&rep->why, data_dir, 0,
		          _("the previous scenes cannot be switched on (%s)"), strerror(-ret));
	if (dfd >= 0)
		close(dfd);
	return ret;
}

static void import_clear(struct import *im)
{
	for (size_t i = 0; i < im->n_items; i++) {
		free(im->items[i].name);
		free(im->items[i].shown);
		free(im->items[i].data);
	}
	free(im->items);
	if (im->newfd >= 0)
		close(im->newfd);
	if (im->basefd >= 0)
		close(im->basefd);
	if (im->setsfd >= 0)
		close(im->setsfd);
	if (im->dfd >= 0)
		close(im->dfd); /* also lets go of the lock */
	free(im->base);
	free(im->fresh);
	free(im->fresh_path);
}

int sceneset_import(const char *data_dir, const char *from_dir, const char *bundled_dir,
                    const struct bt_iconset *icons, int64_t now, struct bt_import_report *rep)
{
	memset(rep, 0, sizeof(*rep));
	struct import im = {.dfd = -1, .setsfd = -1, .basefd = -1, .newfd = -1, .rep = rep};
	struct names names = {0};
	struct bt_catalog *base_cat = NULL;
	bool swapped = false, any_scene = false, back = false, switching = false;
	int ret = 0, said = 1; /* said: the reason for an error is in rep->why already */
	int stickfd = open(from_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (stickfd < 0 || (ret = names_list(stickfd, &names)) < 0) {
		ret = ret < 0 ? ret : -errno;
		diags_add(&rep->why, from_dir, 0, _("the folder cannot be read (%s)"),
		          strerror(-ret));
		goto out;
	}
	for (size_t i = 0; i < names.n; i++) {
		back = back || strcasecmp(names.v[i], STEP_BACK) == 0;
		any_scene = any_scene || is_scene_name(names.v[i]);
	}
	if (back) {
		ret = step_back(data_dir, rep);
		goto out;
	}
	if (!any_scene)
		goto out;
	stick_read(&im, stickfd, &names);
	if (im.n_items == 0)
		goto out;

	said = 0;
	ret = import_open(&im, data_dir);
	if (ret < 0)
		goto out;
	im.base = sceneset_current(data_dir, bundled_dir);
	im.basefd = open(im.base, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	/* no bundled folder (a bare build tree) is an empty set; anything else is an error */
	if (im.basefd < 0 && errno != ENOENT) {
		ret = -errno;
		goto out;
	}
	ret = set_make(&im, now);
	if (ret < 0)
		goto out;
	im.fresh_path = bt_xasprintf("%s/" SETS "/%s", data_dir, im.fresh);
	ret = set_fill(&im);
	for (size_t i = 0; ret == 0 && i < im.n_items; i++)
		ret = item_stage(&im, &im.items[i]);
	if (ret < 0)
		goto out;
	base_cat = catalog_load(im.base, icons);
	/* each pass refuses at least one file or ends, so this stops */
	while ((ret = check_pass(&im, base_cat, icons)) > 0)
		;
	if (ret < 0)
		goto out;

	bool all_same = true;
	for (size_t i = 0; i < im.n_items; i++) {
		rep->taken += im.items[i].taken;
		all_same = all_same && (!im.items[i].taken || im.items[i].same);
	}
	/* nothing new: keep the step back as it is */
	if (all_same)
		goto out;
	if ((ret = sync_fd(im.newfd)) < 0 || (ret = sync_fd(im.setsfd)) < 0)
		goto out;
	switching = true;
	ret = links_swap(im.dfd, im.fresh);
	if (ret < 0)
		goto out;
	swapped = true;
	rep->changed = true;
	sets_prune(im.dfd, im.setsfd);
out:
	if (ret < 0 && !said && switching)
		diags_add(&rep->why, data_dir, 0, _("the new scenes cannot be switched on (%s)"),
		          strerror(-ret));
	else if (ret < 0 && !said)
		diags_add(&rep->why, data_dir, 0, _("the new scenes cannot be saved (%s)"),
		          strerror(-ret));
	/* an unfinished or unneeded new set never stays */
	if (im.fresh && !swapped) {
		set_remove(im.setsfd, im.fresh);
		sync_fd(im.setsfd);
	}
	catalog_destroy(base_cat);
	names_clear(&names);
	import_clear(&im);
	if (stickfd >= 0)
		close(stickfd);
	if (ret < 0)
		rep->failed = true;
	return ret < 0 ? -1 : 0;
}

char *sceneset_current(const char *data_dir, const char *bundled_dir)
{
	char *ret = NULL;
	struct stat st;
	int dfd = open(data_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0 || fstatat(dfd, LINK_CUR, &st, 0) < 0 || !S_ISDIR(st.st_mode))
		goto out;
	char *set = link_set(dfd, LINK_CUR);
	ret = set ? bt_xasprintf("%s/" SETS "/%s", data_dir, set)
	          : bt_xasprintf("%s/" LINK_CUR, data_dir);
	free(set);
out:
	if (dfd >= 0)
		close(dfd);
	return ret ? ret : bt_xstrdup(bundled_dir);
}

int sceneset_report_write(const char *data_dir, const struct bt_import_report *rep)
{
	char *text = NULL;
	size_t len = 0;
	int dfd = -1, sfd = -1;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		return -errno;
	size_t n = rep->why.n < BT_IMPORT_REPORT_MAX_WHY ? rep->why.n : BT_IMPORT_REPORT_MAX_WHY;
	fprintf(f, "%s\ntaken %zu\nrefused %zu\nchanged %d\nstepped_back %d\nfailed %d\nmore %zu\n",
	        REPORT_MAGIC, rep->taken, rep->refused, rep->changed, rep->stepped_back,
	        rep->failed, rep->why.n - n + rep->why_more);
	fprintf(f, "exported %zu\nexport_failed %d\nno_scenes %d\n", rep->exported,
	        rep->export_failed, rep->no_scenes);
	for (size_t i = 0; i < n; i++) {
		char *file = text_shown(rep->why.v[i].file), *msg = text_shown(rep->why.v[i].msg);
		fprintf(f, "why\t%s\t%d\t%s\n", file, rep->why.v[i].line, msg);
		free(file);
		free(msg);
	}
	int ret = fclose(f) == 0 ? 0 : -errno;
	if (ret < 0)
		goto out;
	if ((dfd = dir_open(AT_FDCWD, data_dir)) < 0 || (sfd = dir_open(dfd, REPORT_DIR)) < 0) {
		ret = dfd < 0 ? dfd : sfd;
		goto out;
	}
	ret = write_at(sfd, REPORT_TMP, text, len);
	if (ret == 0 && renameat(sfd, REPORT_TMP, sfd, REPORT_FILE) < 0)
		ret = -errno;
	if (ret == 0)
		ret = sync_fd(sfd);
	else
		unlinkat(sfd, REPORT_TMP, 0);
out:
	if (sfd >= 0)
		close(sfd);
	if (dfd >= 0)
		close(dfd);
	free(text);
	return ret;
}

/* Parses an unsigned count field of the result file. */
static bool parse_count(const char *s, size_t *out)
{
	char *end = NULL;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *end || s[0] == '-')
		return false;
	*out = (size_t)v;
	return true;
}

/* One line of the result file into rep; false when it is not one. */
static bool report_line(char *line, struct bt_import_report *rep)
{
	static const char *const flags[] = {"changed ",       "stepped_back ", "failed ",
	                                    "export_failed ", "no_scenes ",    NULL};
	bool *flag_v[] = {&rep->changed,       &rep->stepped_back, &rep->failed,
	                  &rep->export_failed, &rep->no_scenes,    NULL};
	static const char *const counts[] = {"taken ",    "refused ", "more ",
	                                     "exported ", NULL,       NULL};
	size_t *count_v[] = {&rep->taken,    &rep->refused, &rep->why_more,
	                     &rep->exported, NULL,          NULL};
	for (size_t i = 0; i < BT_ARRAY_LEN(flags); i++) {
		size_t fl = flags[i] ? strlen(flags[i]) : 0, v;
		if (flags[i] && strncmp(line, flags[i], fl) == 0) {
			if (!parse_count(line + fl, &v) || v > 1)
				return false;
			*flag_v[i] = v;
			return true;
		}
		fl = counts[i] ? strlen(counts[i]) : 0;
		if (counts[i] && strncmp(line, counts[i], fl) == 0)
			return parse_count(line + fl, count_v[i]);
	}
	if (strncmp(line, "why\t", 4) != 0)
		return true; /* a later bergtop may know more; what we know still counts */
	char *file = line + 4, *nr = strchr(file, '\t'), *msg = nr ? strchr(nr + 1, '\t') : NULL;
	size_t ln;
	if (!msg)
		return false;
	*nr++ = '\0';
	*msg++ = '\0';
	if (!parse_count(nr, &ln) || ln > 100000000)
		return false;
	if (rep->why.n < BT_IMPORT_REPORT_MAX_WHY)
		diags_add(&rep->why, file, (int)ln, "%s", msg);
	else
		rep->why_more++;
	return true;
}

int sceneset_report_read(const char *data_dir, struct bt_import_report *rep)
{
	memset(rep, 0, sizeof(*rep));
	char *path = bt_xasprintf("%s/" REPORT_DIR "/" REPORT_FILE, data_dir);
	char *data = NULL, *save = NULL;
	size_t len = 0;
	int ret = bt_file_read(path, &data, &len, REPORT_MAX);
	if (ret < 0)
		goto out;
	/* checked first: strtok_r puts NUL bytes in */
	bool text = bt_utf8_valid(data, len, NULL);
	char *line = strtok_r(data, "\n", &save);
	if (!text || !line || strcmp(line, REPORT_MAGIC) != 0) {
		ret = -EINVAL;
		goto out;
	}
	while ((line = strtok_r(NULL, "\n", &save)))
		if (!report_line(line, rep)) {
			ret = -EINVAL;
			break;
		}
out:
	if (ret < 0)
		sceneset_report_clear(rep);
	free(data);
	free(path);
	return ret;
}

/* The first line the screen shows about an import. */
static char *report_summary(const struct bt_import_report *rep)
{
	if (rep->failed)
		return bt_xstrdup(_("The scenes from the stick were not taken: something went "
		                    "wrong."));
	if (rep->stepped_back)
		return bt_xstrdup(rep->changed ? _("Back to the previous scenes.")
		                               : _("There are no previous scenes to go back to."));
	if (rep->changed)
		return bt_xasprintf(_("Scenes updated: %zu file(s) taken, %zu refused."),
		                    rep->taken, rep->refused);
	if (rep->taken)
		return bt_xasprintf(_("Nothing new on the stick: %zu file(s) the same, %zu "
		                      "refused."),
		                    rep->taken, rep->refused);
	if (rep->refused)
		return bt_xasprintf(_("No scenes taken: %zu file(s) refused."), rep->refused);
	return bt_xstrdup(_("No scene files on the stick."));
}

char **sceneset_report_lines(const struct bt_import_report *rep, size_t max_why)
{
	size_t shown = rep->why.n < max_why ? rep->why.n : max_why;
	size_t more = rep->why.n - shown + rep->why_more;
	char **v = bt_xcalloc(shown + 4, sizeof(*v));
	size_t k = 0;
	if (rep->export_failed)
		v[k++] = bt_xstrdup(_("The report did not all go onto the stick. What is left "
		                      "stays here: try another stick."));
	else if (rep->exported)
		v[k++] = bt_xasprintf(_("Report put on the USB stick (folder %s): %zu file(s). "
		                        "It is deleted here."),
		                      BT_EXPORT_STICK_DIR, rep->exported);
	if (rep->no_scenes && k > 0)
		return v;
	v[k++] = report_summary(rep);
	for (size_t i = 0; i < shown; i++)
		v[k++] = diags_format(&rep->why, i);
	if (more)
		v[k] = bt_xasprintf(_("(and %zu more)"), more);
	return v;
}

void sceneset_lines_free(char **lines)
{
	if (!lines)
		return;
	for (char **p = lines; *p; p++)
		free(*p);
	free(lines);
}

void sceneset_report_clear(struct bt_import_report *rep)
{
	if (!rep)
		return;
	diags_clear(&rep->why);
	memset(rep, 0, sizeof(*rep));
}
