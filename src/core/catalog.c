#include "catalog.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"
#include "i18n.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has_suffix(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);
	return a > b && strcmp(s + a - b, suf) == 0;
}

struct bt_iconset *iconset_load(const char *dir)
{
	struct bt_iconset *set = bt_xcalloc(1, sizeof(*set));
	size_t cap = 0;
	DIR *d = opendir(dir);
	if (!d)
		return set;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || !has_suffix(e->d_name, ".svg"))
			continue;
		bt_grow((void **)&set->names, &cap, set->n + 1, sizeof(char *));
		char *name = bt_xstrdup(e->d_name);
		name[strlen(name) - 4] = '\0';
		set->names[set->n++] = name;
	}
	closedir(d);
	if (set->n > 1)
		qsort(set->names, set->n, sizeof(char *), cmp_str);
	return set;
}

void iconset_destroy(struct bt_iconset *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++)
		free(set->names[i]);
	free(set->names);
	free(set);
}

bool iconset_has(void *user, const char *name)
{
	const struct bt_iconset *set = user;
	return set->n > 0 && bsearch(&name, set->names, set->n, sizeof(char *), cmp_str) != NULL;
}

const char *iconset_near(void *user, const char *name)
{
	const struct bt_iconset *set = user;
	const char *best = NULL;
	int bd = 3;
	for (size_t i = 0; i < set->n; i++) {
		int d = bt_edit_distance(set->names[i], name);
		if (d < bd) {
			bd = d;
			best = set->names[i];
		}
	}
	return best;
}

static void entry_free(struct bt_catalog_entry *e)
{
	free(e->file);
	free(e->label);
	sessiondef_destroy(e->def);
	diags_clear(&e->diags);
}

void catalog_destroy(struct bt_catalog *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		entry_free(&c->entries[i]);
	free(c->entries);
	free(c->dir);
	free(c->dir_error);
	free(c);
}

static void add_file(struct bt_catalog *c, size_t *cap, const char *path,
                     const struct bt_iconset *icons)
{
	bt_grow((void **)&c->entries, cap, c->n + 1, sizeof(*c->entries));
	struct bt_catalog_entry *e = &c->entries[c->n++];
	memset(e, 0, sizeof(*e));
	e->file = bt_xstrdup(path);
	struct bt_icon_check ic = {icons ? iconset_has : NULL, icons ? iconset_near : NULL,
	                           (void *)icons};
	e->def = sessiondef_load(path, &ic, &e->diags);
	if (e->def) {
		e->label = bt_xstrdup(e->def->id);
	} else {
		const char *base = strrchr(path, '/');
		e->label = bt_xstrdup(base ? base + 1 : path);
	}
}

static void add_dir(struct bt_catalog *c, size_t *cap, const char *dir,
                    const struct bt_iconset *icons)
{
	DIR *d = opendir(dir);
	if (!d) {
		free(c->dir_error);
		c->dir_error = bt_xasprintf(_("the folder with scenes (%s) cannot be read. Check "
		                              "that the folder exists"),
		                            dir);
		return;
	}
	char **names = NULL;
	size_t n = 0, ncap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' ||
		    !(has_suffix(e->d_name, ".yaml") || has_suffix(e->d_name, ".yml")))
			continue;
		bt_grow((void **)&names, &ncap, n + 1, sizeof(char *));
		names[n++] = bt_xstrdup(e->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(char *), cmp_str);
	for (size_t i = 0; i < n; i++) {
		char *path = bt_xasprintf("%s/%s", dir, names[i]);
		add_file(c, cap, path, icons);
		free(path);
		free(names[i]);
	}
	free(names);
}

static int cmp_entry(const void *pa, const void *pb)
{
	const struct bt_catalog_entry *a = pa, *b = pb;
	int ka = a->def ? a->def->module * 100 + a->def->number : 100000;
	int kb = b->def ? b->def->module * 100 + b->def->number : 100000;
	if (ka != kb)
		return ka < kb ? -1 : 1;
	return strcmp(a->file, b->file);
}

/* A session id may be used once; later files with the same id become broken. */
static void mark_duplicates(struct bt_catalog *c)
{
	for (size_t i = 0; i < c->n; i++) {
		if (!c->entries[i].def)
			continue;
		for (size_t j = 0; j < i; j++) {
			const struct bt_session_def *first = c->entries[j].def;
			if (!first || strcmp(first->id, c->entries[i].def->id) != 0)
				continue;
			struct bt_catalog_entry *e = &c->entries[i];
			diags_add(&e->diags, e->file, e->def->id_line,
			          _("session %s is also in %s. Give one of the two files a "
			            "different session number"),
			          e->def->id, first->file);
			sessiondef_destroy(e->def);
			e->def = NULL;
			break;
		}
	}
}

static struct bt_catalog *finish(struct bt_catalog *c)
{
	/* sort by file name first so "the later file" is well defined */
	mark_duplicates(c);
	if (c->n > 1)
		qsort(c->entries, c->n, sizeof(*c->entries), cmp_entry);
	return c;
}

struct bt_catalog *catalog_load(const char *dir, const struct bt_iconset *icons)
{
	struct bt_catalog *c = bt_xcalloc(1, sizeof(*c));
	size_t cap = 0;
	c->dir = bt_xstrdup(dir);
	add_dir(c, &cap, dir, icons);
	return finish(c);
}

struct bt_catalog *catalog_load_paths(char *const *paths, size_t n, const struct bt_iconset *icons)
{
	struct bt_catalog *c = bt_xcalloc(1, sizeof(*c));
	size_t cap = 0;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode))
			add_dir(c, &cap, paths[i], icons);
		else
			add_file(c, &cap, paths[i], icons);
	}
	return finish(c);
}

const struct bt_session_def *catalog_find(const struct bt_catalog *c, const char *id)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->entries[i].def && strcmp(c->entries[i].def->id, id) == 0)
			return c->entries[i].def;
	return NULL;
}

size_t catalog_broken(const struct bt_catalog *c)
{
	size_t n = 0;
	for (size_t i = 0; i < c->n; i++)
		n += c->entries[i].def == NULL;
	return n;
}
