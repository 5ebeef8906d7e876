/* libFuzzer target: scene files from a USB stick, taken in by sceneset_import.
 *
 * The input is one to four sticks, each written to a folder and imported in turn into
 * the same data folder (so a later stick can step back or build on an earlier one):
 *
 *   input := entry ("\n%%\n" entry)*
 *   entry := kind name "\n" content        (without "\n" all of it is the name)
 *
 * kind is one byte:
 *   'l'  a symbolic link to content (empty: to a good scene file outside the stick)
 *   'd'  a subfolder, holding content as in.yaml
 *   'p'  a named pipe
 *   'b'  a file of content grown with zeros to 256 KB, one byte more when the content's
 *        length is odd (the largest file taken, and one too big)
 *   'r'  the stick ends here; the entries after it are the next stick. The name holds
 *        that import's options: 'B' no bundled scenes, 'H' a scenes folder put in the
 *        data folder by hand, a number the clock (unix seconds). An 'r' first in the
 *        input sets the first import's options.
 *   else a regular file holding content.
 * '/' and NUL in a name become '_'; an entry whose name cannot be made is left out.
 * At most 8 entries per stick.
 *
 * After each import, as the stick helper (bergtop --import) and a running bergtop do,
 * it writes and reads the result file and makes its screen lines, and checks: the
 * current set is the bundled folder or a folder in the data folder whose every file
 * the scene check takes; nothing changed when nothing was switched; the counts add up;
 * the result reads back the same; nothing changed outside the data folder.
 *
 * Environment: BT_FUZZ_IMPORT_TMPDIR the folder for the per-process folder (default
 * /dev/shm, else $TMPDIR, else /tmp); BT_FUZZ_IMPORT_VERBOSE each import's result on
 * stderr (to read a reproducer); BT_FUZZ_IMPORT_LAX no check that every refused file
 * has a reason (while a scene with a misspelt "type" key is refused silently). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog.h"
#include "sceneset.h"
#include "util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SEP         "\n%%\n"
#define MAX_STICKS  4
#define MAX_ENTRIES 8
#define NOW_DEFAULT INT64_C(1700000000)

/* Scene files small enough to keep an import cheap; every icon they name is in icons. */
static const char scene_a[] = "sessie: \"1.1\"\n"
                              "module: 1\n"
                              "titel: Begin\n"
                              "doelen:\n"
                              "  - Je kent de groep.\n"
                              "scenes:\n"
                              "  - type: checkin\n"
                              "  - type: slide\n"
                              "    titel: Welkom\n"
                              "    plaatje: hand\n"
                              "    regels:\n"
                              "      - tekst: Hallo.\n"
                              "        plaatje: ster\n"
                              "  - type: checkout\n";
static const char scene_b[] = "sessie: \"1.2\"\n"
                              "module: 1\n"
                              "titel: Verder\n"
                              "doelen:\n"
                              "  - Je oefent.\n"
                              "scenes:\n"
                              "  - type: goals\n"
                              "  - type: checkout\n";
static const char scene_c[] = "sessie: \"1.3\"\n"
                              "module: 1\n"
                              "titel: Buiten\n"
                              "doelen:\n"
                              "  - Je leest niet buiten de stick.\n"
                              "scenes:\n"
                              "  - type: checkin\n";

static char icon_doel[] = "doel", icon_hand[] = "hand", icon_kaart[] = "kaart",
            icon_ster[] = "ster", icon_vraag[] = "vraag";
/* sorted, as iconset_has searches it */
static char *icon_names[] = {icon_doel, icon_hand, icon_kaart, icon_ster, icon_vraag};

static struct {
	char *root;      /* the per-process folder holding all of the below */
	char *data;      /* the data folder */
	char *stick;     /* the stick */
	char *bundled;   /* the bundled scenes: scene_a and scene_b */
	char *nobundled; /* a bundled folder that is not there */
	char *outside;   /* a good scene file that links on the stick point at */
	uint64_t bundled_print, outside_print;
	struct bt_iconset icons;
	bool verbose; /* BT_FUZZ_IMPORT_VERBOSE set: each import's lines on stderr */
	bool lax;     /* BT_FUZZ_IMPORT_LAX set: a file may be refused without a reason */
} g;

static void check(bool ok)
{
	if (!ok)
		__builtin_trap();
}

static char *path_join(const char *dir, const char *name)
{
	return bt_xasprintf("%s/%s", dir, name);
}

static void put_file(const char *dir, const char *name, const char *text)
{
	char *path = path_join(dir, name);
	FILE *f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0)
		abort();
	free(path);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static void rm_tree(const char *path)
{
	nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void cleanup(void)
{
	if (g.root)
		rm_tree(g.root);
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * UINT64_C(1099511628211);
	return h;
}

/* A fingerprint of a folder's entries: names, types, link targets and file contents
 * (not of subfolders' contents); 0 when it cannot be read. */
static uint64_t dir_print(const char *dir)
{
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return 0;
	struct dirent **v = NULL;
	int n = scandirat(dfd, ".", &v, NULL, alphasort);
	uint64_t h = UINT64_C(14695981039346656037);
	for (int i = 0; i < n; i++) {
		const char *name = v[i]->d_name;
		struct stat st;
		h = fnv(h, name, strlen(name) + 1);
		if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			h = fnv(h, "?", 1);
		} else if (S_ISLNK(st.st_mode)) {
			char buf[4096];
			ssize_t k = readlinkat(dfd, name, buf, sizeof(buf));
			h = fnv(h, "l", 1);
			h = fnv(h, buf, k > 0 ? (size_t)k : 0);
		} else if (S_ISREG(st.st_mode)) {
			int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
			char buf[4096];
			ssize_t k;
			h = fnv(h, "f", 1);
			while (fd >= 0 && (k = read(fd, buf, sizeof(buf))) > 0)
				h = fnv(h, buf, (size_t)k);
			if (fd >= 0)
				close(fd);
		} else {
			unsigned type = (unsigned)(st.st_mode & S_IFMT);
			h = fnv(h, &type, sizeof(type));
		}
		free(v[i]);
	}
	free(v);
	close(dfd);
	return h;
}

static bool has_suffix(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);
	return a > b && strcmp(s + a - b, suf) == 0;
}

/* As sceneset.c and catalog.c choose the files to read. */
static bool is_scene_name(const char *name)
{
	return name[0] != '.' && (has_suffix(name, ".yaml") || has_suffix(name, ".yml"));
}

/* The scene check the import itself makes (catalog_load with the same icons). */
static void check_scenes_good(const char *dir)
{
	struct bt_catalog *c = catalog_load(dir, &g.icons);
	check(!c->dir_error && catalog_broken(c) == 0);
	catalog_destroy(c);
}

/* cur, the folder bergtop reads scenes from, is the bundled one or a set in the data
 * folder holding only scene files that pass the check, owner-only when it is a set. */
static void check_current(const char *cur, const char *bundled)
{
	if (strcmp(cur, bundled) == 0)
		return; /* made good once; checked to stay the same */
	size_t dl = strlen(g.data);
	check(strncmp(cur, g.data, dl) == 0 && cur[dl] == '/');
	bool set = strncmp(cur + dl, "/sets/", 6) == 0;
	struct stat st;
	check(lstat(cur, &st) == 0 && S_ISDIR(st.st_mode));
	check(!set || (st.st_mode & 07777) == 0700);
	DIR *d = opendir(cur);
	check(d != NULL);
	const struct dirent *e;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		check(is_scene_name(e->d_name));
		check(fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0);
		check(S_ISREG(st.st_mode) && (!set || (st.st_mode & 07777) == 0600));
	}
	closedir(d);
	check_scenes_good(cur);
}

/* A link of the data folder is absent or names a set that is there. */
static void check_link(int dfd, const char *name, bool may_be_folder)
{
	struct stat st;
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		check(errno == ENOENT);
		return;
	}
	if (S_ISDIR(st.st_mode) && may_be_folder)
		return;
	char buf[256];
	ssize_t n = readlinkat(dfd, name, buf, sizeof(buf) - 1);
	check(n > 5 && (size_t)n < sizeof(buf) - 1);
	buf[n] = '\0';
	check(strncmp(buf, "sets/", 5) == 0 && !strchr(buf + 5, '/'));
	check(fstatat(dfd, name, &st, 0) == 0 && S_ISDIR(st.st_mode));
}

/* The data folder holds the two links, at most two sets and the result, nothing else
 * (no temporary links or files left over). */
static void check_data(bool hand)
{
	int dfd = open(g.data, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	check(dfd >= 0);
	DIR *d = fdopendir(dup(dfd));
	check(d != NULL);
	const struct dirent *e;
	while ((e = readdir(d))) {
		static const char *const ok[] = {".",      "..",          "sets",
		                                 "scenes", "scenes.prev", "stick"};
		bool known = false;
		for (size_t i = 0; i < BT_ARRAY_LEN(ok); i++)
			known = known || strcmp(e->d_name, ok[i]) == 0;
		check(known);
	}
	closedir(d);
	check_link(dfd, "scenes", hand);
	check_link(dfd, "scenes.prev", false);
	char *sets = path_join(g.data, "sets");
	d = opendir(sets);
	if (d) {
		int n = 0;
		while ((e = readdir(d))) {
			struct stat st;
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			n++;
			check(fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0);
			check(S_ISDIR(st.st_mode) && (st.st_mode & 07777) == 0700);
		}
		closedir(d);
		check(n <= 2);
	}
	free(sets);
	char *stick = path_join(g.data, "stick");
	d = opendir(stick);
	if (d) {
		while ((e = readdir(d)))
			check(strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
			      strcmp(e->d_name, "result") == 0);
		closedir(d);
	}
	free(stick);
	close(dfd);
}

/* The screen lines: a summary, at most max reasons, "(and N more)" when left out. */
static void check_lines(const struct bt_import_report *rep, size_t max)
{
	char **lines = sceneset_report_lines(rep, max);
	for (size_t i = 0; g.verbose && max > 4 && lines[i]; i++)
		fprintf(stderr, "  %s\n", lines[i]);
	size_t shown = rep->why.n < max ? rep->why.n : max;
	size_t want = 1 + shown + (rep->why.n - shown + rep->why_more > 0);
	size_t n = 0;
	check(lines != NULL);
	while (lines[n])
		n++;
	check(n == want);
	sceneset_lines_free(lines);
}

/* The result as the stick helper writes it and a running bergtop reads it back. */
static void check_report(const struct bt_import_report *rep)
{
	struct bt_import_report back = {0};
	check_lines(rep, 100);
	check(sceneset_report_write(g.data, rep) == 0);
	check(sceneset_report_read(g.data, &back) == 0);
	check(back.taken == rep->taken && back.refused == rep->refused);
	check(back.changed == rep->changed && back.stepped_back == rep->stepped_back &&
	      back.failed == rep->failed);
	check(back.why.n + back.why_more == rep->why.n);
	for (size_t i = 0; i < back.why.n; i++) {
		check(back.why.v[i].line == rep->why.v[i].line);
		check(bt_utf8_valid(back.why.v[i].file, strlen(back.why.v[i].file), NULL));
		check(bt_utf8_valid(back.why.v[i].msg, strlen(back.why.v[i].msg), NULL));
	}
	check_lines(&back, 4);
	sceneset_report_clear(&back);
}

/* The per-process folder holds what it held before: nothing was made outside the data
 * folder, and the bundled scenes and the file outside the stick are unchanged. */
static void check_outside(void)
{
	static const char *const ok[] = {".", "..", "data", "stick", "bundled", "outside"};
	DIR *d = opendir(g.root);
	const struct dirent *e;
	check(d != NULL);
	while ((e = readdir(d))) {
		bool known = false;
		for (size_t i = 0; i < BT_ARRAY_LEN(ok); i++)
			known = known || strcmp(e->d_name, ok[i]) == 0;
		check(known);
	}
	closedir(d);
	check(dir_print(g.bundled) == g.bundled_print);
	check(dir_print(g.outside) == g.outside_print);
}

struct entry {
	unsigned char kind;
	char *name;
	const uint8_t *body;
	size_t len;
};

struct stick {
	struct entry v[MAX_ENTRIES];
	size_t n;
	int64_t now;
	bool no_bundled, hand;
};

/* The options of an 'r' entry: B, H and a number. */
static void stick_options(struct stick *s, const char *opts)
{
	s->no_bundled = strchr(opts, 'B') != NULL;
	s->hand = strchr(opts, 'H') != NULL;
	const char *num = strpbrk(opts, "-0123456789");
	s->now = num ? strtoll(num, NULL, 10) : s->now;
}

static void make_entry(int sfd, const struct entry *e)
{
	static const char link_default[] = "../outside/1.3.yaml";
	if (!e->name[0] || strcmp(e->name, ".") == 0 || strcmp(e->name, "..") == 0)
		return;
	if (e->kind == 'l') {
		char *target = bt_xmalloc(e->len + 1);
		memcpy(target, e->body, e->len);
		target[e->len] = '\0';
		symlinkat(target[0] ? target : link_default, sfd, e->name);
		free(target);
		return;
	}
	if (e->kind == 'p') {
		mkfifoat(sfd, e->name, 0600);
		return;
	}
	int dfd = sfd;
	const char *name = e->name;
	if (e->kind == 'd') {
		if (mkdirat(sfd, e->name, 0700) < 0)
			return;
		dfd = openat(sfd, e->name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		name = "in.yaml";
		if (dfd < 0)
			return;
	}
	int fd = openat(dfd, name, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd >= 0) {
		if (write(fd, e->body, e->len) != (ssize_t)e->len)
			abort();
		if (e->kind == 'b' && ftruncate(fd, BT_IMPORT_MAX_BYTES + (off_t)(e->len & 1)) < 0)
			abort();
		close(fd);
	}
	if (dfd != sfd)
		close(dfd);
}

/* A copy of the bundled scenes as a folder put in the data folder by hand. */
static bool make_hand_folder(void)
{
	char *dir = path_join(g.data, "scenes");
	struct stat st;
	bool made = lstat(dir, &st) < 0 && mkdir(dir, 0755) == 0;
	if (made) {
		put_file(dir, "1.1.yaml", scene_a);
		put_file(dir, "1.2.yaml", scene_b);
	}
	free(dir);
	return made;
}

/* Writes the stick, imports it, and checks what came of it. */
static void run_stick(const struct stick *s, bool *hand)
{
	const char *bundled = s->no_bundled ? g.nobundled : g.bundled;
	check(mkdir(g.stick, 0700) == 0);
	int sfd = open(g.stick, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	check(sfd >= 0);
	for (size_t i = 0; i < s->n; i++)
		make_entry(sfd, &s->v[i]);
	close(sfd);
	/* as bergtop --import does */
	check(mkdir(g.data, 0700) == 0 || errno == EEXIST);
	if (s->hand && make_hand_folder())
		*hand = true;

	size_t scene_files = 0;
	bool back = false;
	DIR *d = opendir(g.stick);
	const struct dirent *e;
	check(d != NULL);
	while ((e = readdir(d))) {
		scene_files += is_scene_name(e->d_name);
		back = back || strcasecmp(e->d_name, "terug.txt") == 0;
	}
	closedir(d);
	uint64_t stick_print = dir_print(g.stick);
	char *before = sceneset_current(g.data, bundled);
	uint64_t before_print = dir_print(before);

	struct bt_import_report rep;
	int r = sceneset_import(g.data, g.stick, bundled, &g.icons, s->now, &rep);
	char *after = sceneset_current(g.data, bundled);
	if (g.verbose)
		fprintf(stderr, "import %zu file(s), now %lld: %d, current %s\n", s->n,
		        (long long)s->now, r, after);

	check((r < 0) == rep.failed);
	check(rep.stepped_back == back);
	check(!back || (rep.taken == 0 && rep.refused == 0));
	if (!back && !rep.failed)
		check(rep.taken + rep.refused == scene_files);
	check(g.lax || rep.why.n >= rep.refused); /* a reason for every file refused */
	if (rep.changed && !back)
		check(rep.taken > 0 && strcmp(before, after) != 0);
	if (!rep.changed)
		check(strcmp(before, after) == 0 && dir_print(after) == before_print);
	check_current(after, bundled);
	check_data(*hand);
	check(dir_print(g.stick) == stick_print);

	check_report(&rep);
	check_data(*hand);
	check_outside();
	sceneset_report_clear(&rep);
	free(before);
	free(after);
	rm_tree(g.stick);
}

/* Splits the input into sticks; the names are fresh strings. */
static size_t parse(const uint8_t *data, size_t size, struct stick *sticks)
{
	size_t n = 1, k = 0;
	const uint8_t *p = data, *end = data + size;
	memset(sticks, 0, sizeof(*sticks) * MAX_STICKS);
	for (size_t i = 0; i < MAX_STICKS; i++)
		sticks[i].now = NOW_DEFAULT + (int64_t)i;
	while (p < end) {
		const uint8_t *q = memmem(p, (size_t)(end - p), SEP, strlen(SEP));
		const uint8_t *stop = q ? q : end;
		if (stop == p) { /* an empty entry */
			p += strlen(SEP);
			continue;
		}
		const uint8_t *nl = memchr(p + 1, '\n', (size_t)(stop - p - 1));
		const uint8_t *name_end = nl ? nl : stop;
		struct entry e = {.kind = p[0]};
		size_t name_len = (size_t)(name_end - p - 1);
		e.name = bt_xmalloc(name_len + 1);
		memcpy(e.name, p + 1, name_len);
		e.name[name_len] = '\0';
		for (size_t i = 0; i < name_len; i++)
			if (e.name[i] == '/' || e.name[i] == '\0')
				e.name[i] = '_';
		e.body = nl ? nl + 1 : stop;
		e.len = (size_t)(stop - e.body);
		p = q ? q + strlen(SEP) : end;
		k++;
		if (e.kind == 'r' && k > 1 && n == MAX_STICKS) {
			free(e.name);
			break;
		}
		if (e.kind == 'r') {
			n += k > 1;
			stick_options(&sticks[n - 1], e.name);
			free(e.name);
		} else if (sticks[n - 1].n < MAX_ENTRIES) {
			sticks[n - 1].v[sticks[n - 1].n++] = e;
		} else {
			free(e.name);
		}
	}
	return n;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* a memory file system when there is one: the import flushes every file */
	const char *base = getenv("BT_FUZZ_IMPORT_TMPDIR");
	if (!base)
		base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
	char *tmpl = bt_xasprintf("%s/bergtop-fuzz-import-XXXXXX", base ? base : "/tmp");
	if (!mkdtemp(tmpl))
		abort();
	g.root = tmpl;
	atexit(cleanup);
	g.data = path_join(g.root, "data");
	g.stick = path_join(g.root, "stick");
	g.bundled = path_join(g.root, "bundled");
	g.nobundled = path_join(g.root, "nobundled");
	g.outside = path_join(g.root, "outside");
	if (mkdir(g.bundled, 0755) < 0 || mkdir(g.outside, 0755) < 0)
		abort();
	put_file(g.bundled, "1.1.yaml", scene_a);
	put_file(g.bundled, "1.2.yaml", scene_b);
	put_file(g.outside, "1.3.yaml", scene_c);
	g.icons.names = icon_names;
	g.icons.n = BT_ARRAY_LEN(icon_names);
	check_scenes_good(g.bundled);
	check_scenes_good(g.outside);
	g.verbose = getenv("BT_FUZZ_IMPORT_VERBOSE") != NULL;
	g.lax = getenv("BT_FUZZ_IMPORT_LAX") != NULL;
	g.bundled_print = dir_print(g.bundled);
	g.outside_print = dir_print(g.outside);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct stick sticks[MAX_STICKS];
	size_t n = parse(data, size, sticks);
	bool hand = false;
	for (size_t i = 0; i < n; i++)
		run_stick(&sticks[i], &hand);
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < sticks[i].n; k++)
			free(sticks[i].v[k].name);
	rm_tree(g.data);
	return 0;
}
