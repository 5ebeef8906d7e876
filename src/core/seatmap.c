#include "seatmap.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

void seatmap_init(struct bt_seatmap *m, int max_seats)
{
	memset(m, 0, sizeof(*m));
	m->max_seats = max_seats < 2 ? 2 : max_seats > BT_MAX_SEATS ? BT_MAX_SEATS : max_seats;
}

int seatmap_seat(const struct bt_seatmap *m, const char *port)
{
	for (int s = 1; s <= BT_MAX_SEATS; s++)
		if (m->port[s][0] && strcmp(m->port[s], port) == 0)
			return s;
	return 0;
}

int seatmap_claim(struct bt_seatmap *m, const char *port, bool *is_new)
{
	*is_new = false;
	int s = seatmap_seat(m, port);
	if (s || !port[0] || strlen(port) >= BT_PORT_MAX)
		return s;
	for (s = 1; s <= m->max_seats; s++) {
		if (!m->port[s][0]) {
			snprintf(m->port[s], BT_PORT_MAX, "%s", port);
			*is_new = true;
			return s;
		}
	}
	return 0;
}

bool seatmap_free(struct bt_seatmap *m, int seat)
{
	if (seat < 1 || seat > BT_MAX_SEATS || !m->port[seat][0])
		return false;
	m->port[seat][0] = '\0';
	return true;
}

bool seatmap_swap(struct bt_seatmap *m, int a, int b)
{
	if (a < 1 || b < 1 || a > m->max_seats || b > m->max_seats || a > BT_MAX_SEATS ||
	    b > BT_MAX_SEATS || a == b)
		return false;
	char tmp[BT_PORT_MAX];
	memcpy(tmp, m->port[a], BT_PORT_MAX);
	memcpy(m->port[a], m->port[b], BT_PORT_MAX);
	memcpy(m->port[b], tmp, BT_PORT_MAX);
	return true;
}

const char *seatmap_port(const struct bt_seatmap *m, int seat)
{
	if (seat < 1 || seat > BT_MAX_SEATS)
		return "";
	return m->port[seat];
}

int seatmap_save(const struct bt_seatmap *m, const char *path)
{
	char *tmp = bt_xasprintf("%s.tmp", path);
	int ret = 0;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		ret = -errno;
		goto out;
	}
	fchmod(fd, 0600);
	FILE *f = fdopen(fd, "w");
	if (!f) {
		ret = -errno;
		close(fd);
		goto out;
	}
	fprintf(f, "# bergtop seat bindings: seat<TAB>USB port of its keypad\n");
	for (int s = 1; s <= BT_MAX_SEATS; s++)
		if (m->port[s][0])
			fprintf(f, "%d\t%s\n", s, m->port[s]);
	if (fflush(f) != 0 || fsync(fileno(f)) != 0)
		ret = -errno;
	if (fclose(f) != 0 && ret == 0)
		ret = -errno;
	if (ret == 0 && rename(tmp, path) < 0)
		ret = -errno;
out:
	if (ret < 0)
		unlink(tmp);
	free(tmp);
	return ret;
}

int seatmap_load(struct bt_seatmap *m, const char *path, int *skipped)
{
	*skipped = 0;
	char *data = NULL;
	size_t len = 0;
	int r = bt_file_read(path, &data, &len, 64 * 1024);
	if (r == -ENOENT)
		return 0;
	if (r < 0)
		return r;
	char *save = NULL;
	for (char *line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#' || !line[0])
			continue;
		char *tab = strchr(line, '\t');
		char *end = NULL;
		long seat = tab ? strtol(line, &end, 10) : 0;
		if (!tab || end != tab || seat < 1 || seat > m->max_seats || !tab[1] ||
		    strlen(tab + 1) >= BT_PORT_MAX || seatmap_seat(m, tab + 1) ||
		    m->port[seat][0]) {
			(*skipped)++;
			continue;
		}
		snprintf(m->port[seat], BT_PORT_MAX, "%s", tab + 1);
	}
	free(data);
	return 0;
}
