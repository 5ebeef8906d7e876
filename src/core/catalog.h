#ifndef BT_CATALOG_H
#define BT_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "sessiondef.h"

/* The names of the pictograms in a folder (name.svg -> "name"). */
struct bt_iconset {
	char **names;
	size_t n;
};

/* Loads the names from dir; a missing folder gives an empty set. */
struct bt_iconset *iconset_load(const char *dir);
void iconset_destroy(struct bt_iconset *set);
/* Callback form for parsers (user is the iconset). */
bool iconset_has(void *set, const char *name);
/* The closest icon name (for "did you mean"), or NULL. */
const char *iconset_near(void *set, const char *name);

/* One scene file: a usable session, or the reasons it cannot be used. */
struct bt_catalog_entry {
	char *file;
	char *label;                /* session id, or the file name when unknown */
	struct bt_session_def *def; /* NULL when broken */
	struct bt_diags diags;      /* why it is broken (empty when usable) */
};

/* Every scene file of a folder, sorted by module and number; broken ones stay
 * in the list with their messages so the menu can show them as unavailable. */
struct bt_catalog {
	struct bt_catalog_entry *entries;
	size_t n;
	char *dir;
	char *dir_error; /* Dutch message when the folder itself cannot be read */
};

struct bt_catalog *catalog_load(const char *dir, const struct bt_iconset *icons);
/* Builds a catalog from explicit files or folders (for --check). */
struct bt_catalog *catalog_load_paths(char *const *paths, size_t n, const struct bt_iconset *icons);
void catalog_destroy(struct bt_catalog *c);
/* The usable session with this id, or NULL. */
const struct bt_session_def *catalog_find(const struct bt_catalog *c, const char *id);
size_t catalog_broken(const struct bt_catalog *c);

#endif
