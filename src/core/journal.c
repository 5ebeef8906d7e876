#include "journal.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"
#include "i18n.h"

#define MAGIC         "BTJ1"
#define HEADER_MAX    64
#define PAYLOAD_FIXED 9
#define PAYLOAD_MAX   (PAYLOAD_FIXED + BT_EVENT_TEXT_MAX)

struct bt_journal {
	int fd;
	char *path;
	off_t size; /* end of the last whole record */
	uint32_t hash;
};

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

static uint64_t get64(const uint8_t *p)
{
	return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
}

/* Header bytes for a new journal; returns its length. */
static size_t header_make(uint8_t *buf, const char *id, uint32_t hash, int64_t created)
{
	size_t idlen = strlen(id) + 1;
	size_t hlen = idlen + 4 + 8;
	memcpy(buf, MAGIC, 4);
	put32(buf + 4, (uint32_t)hlen);
	memcpy(buf + 8, id, idlen);
	put32(buf + 8 + idlen, hash);
	put64(buf + 8 + idlen + 4, (uint64_t)created);
	put32(buf + 8 + hlen, bt_crc32(buf + 8, hlen));
	return 8 + hlen + 4;
}

/* Parses the header; returns its total length or 0 when unusable. */
static size_t header_parse(const uint8_t *buf, size_t len, struct bt_journal_info *info)
{
	if (len < 8 || memcmp(buf, MAGIC, 4) != 0)
		return 0;
	uint32_t hlen = get32(buf + 4);
	if (hlen < 1 + 12 || hlen > HEADER_MAX || len < 8 + (size_t)hlen + 4)
		return 0;
	if (bt_crc32(buf + 8, hlen) != get32(buf + 8 + hlen))
		return 0;
	size_t idlen = hlen - 12;
	if (idlen > sizeof(info->session_id) || buf[8 + idlen - 1] != '\0')
		return 0;
	memcpy(info->session_id, buf + 8, idlen);
	if (strlen(info->session_id) != idlen - 1)
		return 0;
	info->hash = get32(buf + 8 + idlen);
	info->created = (int64_t)get64(buf + 8 + idlen + 4);
	return 8 + hlen + 4;
}

static size_t record_make(uint8_t *buf, const struct bt_event *ev)
{
	uint8_t *p = buf + 8;
	size_t tl = ev->type == BT_EV_TEXT ? strnlen(ev->text, BT_EVENT_TEXT_MAX - 1) : 0;
	p[0] = ev->type;
	p[1] = ev->key;
	p[2] = ev->seat;
	p[3] = ev->digit;
	put32(p + 4, ev->time_ms);
	p[8] = (uint8_t)tl;
	memcpy(p + 9, ev->text, tl);
	size_t plen = PAYLOAD_FIXED + tl;
	put32(buf, (uint32_t)plen);
	put32(buf + 4, bt_crc32(p, plen));
	return 8 + plen;
}

int journal_parse(const uint8_t *buf, size_t len, struct bt_journal_info *info,
                  struct bt_event **events, size_t *n_events, size_t *valid_len, char **warning)
{
	*events = NULL;
	*n_events = 0;
	*warning = NULL;
	memset(info, 0, sizeof(*info));
	size_t off = header_parse(buf, len, info);
	if (off == 0) {
		*valid_len = 0;
		return -EINVAL;
	}
	size_t cap = 0;
	while (off < len) {
		const char *why = NULL;
		if (len - off < 8) {
			why = _("a half-written last step");
		} else {
			uint32_t plen = get32(buf + off);
			if (plen < PAYLOAD_FIXED || plen > PAYLOAD_MAX)
				why = _("a damaged step");
			else if (len - off - 8 < plen)
				why = _("a half-written last step");
			else if (bt_crc32(buf + off + 8, plen) != get32(buf + off + 4))
				why = _("a damaged step");
			else {
				const uint8_t *p = buf + off + 8;
				struct bt_event ev = {.type = p[0],
				                      .key = p[1],
				                      .seat = p[2],
				                      .digit = p[3],
				                      .time_ms = get32(p + 4)};
				size_t tl = p[8];
				if (tl != plen - PAYLOAD_FIXED || tl >= BT_EVENT_TEXT_MAX)
					why = _("a damaged step");
				else {
					memcpy(ev.text, p + 9, tl);
					if (!event_valid(&ev))
						why = _("an unknown step");
					else {
						bt_grow((void **)events, &cap, *n_events + 1,
						        sizeof(**events));
						(*events)[(*n_events)++] = ev;
						off += 8 + plen;
						continue;
					}
				}
			}
		}
		*warning = bt_xasprintf(_("The journal ended with %s (after %zu steps); it was "
		                          "skipped."),
		                        why, *n_events);
		break;
	}
	*valid_len = off;
	return 0;
}

static int write_all(int fd, const uint8_t *buf, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, buf, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		buf += w;
		len -= (size_t)w;
	}
	return 0;
}

static void sync_dir(const char *path)
{
	char *dir = bt_xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		int fd = open(*dir ? dir : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd >= 0) {
			fsync(fd);
			close(fd);
		}
	}
	free(dir);
}

int journal_open(const char *path, const char *session_id, uint32_t hash, struct bt_event **events,
                 size_t *n_events, char **warning, struct bt_journal **out)
{
	int ret = 0;
	uint8_t *data = NULL;
	size_t len = 0;
	*events = NULL;
	*n_events = 0;
	*warning = NULL;
	*out = NULL;
	if (strlen(session_id) + 1 > sizeof(((struct bt_journal_info *)0)->session_id))
		return -ENAMETOOLONG;
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	if (fchmod(fd, 0600) < 0) {
		ret = -errno;
		goto fail;
	}
	ret = bt_file_read(path, (char **)&data, &len, 2 * BT_JOURNAL_MAX_BYTES);
	if (ret < 0)
		goto fail;

	struct bt_journal_info info;
	size_t valid = 0;
	uint32_t use_hash = hash;
	if (len > 0 && journal_parse(data, len, &info, events, n_events, &valid, warning) == 0) {
		if (strcmp(info.session_id, session_id) != 0) {
			ret = -EEXIST;
			goto fail;
		}
		use_hash = info.hash;
		if (valid < len && ftruncate(fd, (off_t)valid) < 0) {
			ret = -errno;
			goto fail;
		}
	} else {
		if (len > 0)
			*warning =
			    bt_xstrdup(_("The journal was unreadable and has been started again."));
		uint8_t hdr[8 + HEADER_MAX + 4];
		size_t hl = header_make(hdr, session_id, hash, (int64_t)time(NULL));
		if (ftruncate(fd, 0) < 0 || (ret = write_all(fd, hdr, hl)) < 0 || fsync(fd) < 0) {
			ret = ret ? ret : -errno;
			goto fail;
		}
		sync_dir(path);
		valid = hl;
	}
	if (lseek(fd, (off_t)valid, SEEK_SET) < 0) {
		ret = -errno;
		goto fail;
	}
	struct bt_journal *j = bt_xcalloc(1, sizeof(*j));
	j->fd = fd;
	j->path = bt_xstrdup(path);
	j->size = (off_t)valid;
	j->hash = use_hash;
	*out = j;
	free(data);
	return 0;
fail:
	free(data);
	free(*events);
	*events = NULL;
	*n_events = 0;
	free(*warning);
	*warning = NULL;
	close(fd);
	return ret;
}

int journal_append(struct bt_journal *j, const struct bt_event *ev)
{
	uint8_t buf[8 + PAYLOAD_MAX];
	size_t n = record_make(buf, ev);
	if (j->size + (off_t)n > (off_t)BT_JOURNAL_MAX_BYTES)
		return -EFBIG;
	int ret = write_all(j->fd, buf, n);
	if (ret == 0 && fdatasync(j->fd) < 0)
		ret = -errno;
	if (ret < 0) {
		/* cut a partial record so later appends stay readable */
		if (ftruncate(j->fd, j->size) == 0)
			lseek(j->fd, j->size, SEEK_SET);
		return ret;
	}
	j->size += (off_t)n;
	return 0;
}

uint32_t journal_hash(const struct bt_journal *j)
{
	return j->hash;
}

void journal_close(struct bt_journal *j)
{
	if (!j)
		return;
	close(j->fd);
	free(j->path);
	free(j);
}

int journal_discard(struct bt_journal *j)
{
	if (!j)
		return 0;
	int ret = unlink(j->path) < 0 ? -errno : 0;
	sync_dir(j->path);
	journal_close(j);
	return ret;
}

int journal_peek(const char *path, struct bt_journal_info *info)
{
	uint8_t buf[8 + HEADER_MAX + 4];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ssize_t r = read(fd, buf, sizeof(buf));
	int err = errno;
	close(fd);
	if (r < 0)
		return -err;
	memset(info, 0, sizeof(*info));
	return header_parse(buf, (size_t)r, info) ? 0 : -EINVAL;
}

char *journal_path(const char *data_dir, const char *session_id, int *err)
{
	*err = 0;
	if (mkdir(data_dir, 0700) < 0 && errno != EEXIST)
		*err = -errno;
	char *dir = bt_xasprintf("%s/journal", data_dir);
	if (!*err && mkdir(dir, 0700) < 0 && errno != EEXIST)
		*err = -errno;
	if (!*err)
		chmod(dir, 0700);
	char *p = bt_xasprintf("%s/%s.journal", dir, session_id);
	free(dir);
	return p;
}

int journal_retire(struct bt_journal *j, const char *data_dir)
{
	if (!j)
		return 0;
	int ret = 0;
	char *dir = bt_xasprintf("%s/journal/closed", data_dir);
	char *dest = NULL;
	if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
		ret = -errno;
		goto out;
	}
	const char *base = strrchr(j->path, '/');
	base = base ? base + 1 : j->path;
	size_t stem = strlen(base) - strlen(".journal");
	/* a free name: 1.2.1.journal, 1.2.2.journal, ... */
	for (int n = 1; n < 100000 && !dest; n++) {
		char *p = bt_xasprintf("%s/%.*s.%d.journal", dir, (int)stem, base, n);
		if (access(p, F_OK) != 0)
			dest = p;
		else
			free(p);
	}
	if (!dest || rename(j->path, dest) < 0)
		ret = dest ? -errno : -EEXIST;
	else
		sync_dir(dest);
out:
	if (ret < 0)
		unlink(j->path); /* never offer a finished session for resume */
	sync_dir(j->path);
	journal_close(j);
	free(dest);
	free(dir);
	return ret;
}

static bool is_journal_name(const char *name)
{
	size_t n = strlen(name);
	return n > 8 && strcmp(name + n - 8, ".journal") == 0;
}

/* Deletes the journals in dir older than max_age_s (all when max_age_s < 0). */
static int prune_dir(const char *dir, int64_t max_age_s, int64_t now_wall)
{
	DIR *d = opendir(dir);
	if (!d)
		return errno == ENOENT ? 0 : -errno;
	int removed = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!is_journal_name(e->d_name))
			continue;
		struct stat st;
		if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		if (max_age_s >= 0 && now_wall - (int64_t)st.st_mtime < max_age_s)
			continue;
		if (unlinkat(dirfd(d), e->d_name, 0) == 0)
			removed++;
	}
	closedir(d);
	return removed;
}

int journal_prune(const char *data_dir, int keep_days, bool also_open, int64_t now_wall)
{
	char *closed = bt_xasprintf("%s/journal/closed", data_dir);
	int ret = prune_dir(closed, keep_days > 0 ? (int64_t)keep_days * 86400 : -1, now_wall);
	if (ret >= 0 && keep_days <= 0)
		rmdir(closed); /* empty now; it comes back with the next retired journal */
	if (ret >= 0 && also_open) {
		char *open_dir = bt_xasprintf("%s/journal", data_dir);
		int r = prune_dir(open_dir, -1, now_wall);
		ret = r < 0 ? r : ret + r;
		free(open_dir);
	}
	free(closed);
	return ret;
}
