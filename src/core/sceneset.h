#ifndef BT_SCENESET_H
#define BT_SCENESET_H

/* Scene sets: the scene files a trainer brings on a USB stick, taken into the data
 * folder D as a new complete set and switched on atomically, one step back kept.
 *
 *   D/scenes       link to sets/<name>, the current set (absent: the bundled scenes)
 *   D/scenes.prev  link to the previous set (absent: the bundled scenes)
 *   D/sets/<name>  complete sets, named set-<unix seconds>-<counter> so they sort in order
 *   D/stick/result the last import's result, for a running bergtop to show */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "diag.h"

#define BT_IMPORT_MAX_FILES      100          /* scene files read from one stick */
#define BT_IMPORT_MAX_BYTES      (256 * 1024) /* largest scene file taken from a stick */
#define BT_IMPORT_REPORT_MAX_WHY 20           /* reasons kept in D/stick/result */

struct bt_import_report {
	size_t taken;        /* stick files now in the set (also when they were the same already) */
	size_t refused;      /* stick files refused */
	struct bt_diags why; /* file:line reasons; file is the name as on the stick */
	size_t why_more;     /* reasons left out of why (only after sceneset_report_read) */
	bool changed;        /* another set was switched on */
	bool stepped_back;   /* the stick asked for one step back (terug.txt) */
	bool failed;         /* an I/O error stopped it; the current set is untouched */
	/* reports for the dossier moved onto the same stick (export_move) */
	size_t exported;    /* files moved onto the stick */
	bool export_failed; /* moving stopped; what was not moved stays on the box */
	bool no_scenes;     /* the stick had no bergtop folder: no scene lines */
};

/* Checks every *.yaml (and *.yml) in from_dir as `bergtop --check` does, puts the good
 * ones over a copy of the current set (same name replaces, new names are added; a broken
 * one is refused and the file of that name, if any, stays), refuses stick files that
 * would break a session that worked (same session number), and switches the new set on
 * atomically, the old one becoming scenes.prev; sets other than these two are removed.
 * When every taken file is already the same in the current set nothing is switched.
 * A file terug.txt (any case) in from_dir asks for one step back instead: scenes and
 * scenes.prev swap, and nothing else on the stick is read.
 * Reads only regular files straight in from_dir (never through a link), at most
 * BT_IMPORT_MAX_FILES of them, each at most BT_IMPORT_MAX_BYTES; the rest is refused
 * with a reason. New sets are owner-only (0700 folders, 0600 files). now (unix seconds)
 * names the new set. rep is overwritten. Returns 0, also when there was nothing to take
 * (rep->changed false), or -1 after an I/O error with the reason in rep->why and
 * rep->failed set; on any failure the current set is untouched. */
int sceneset_import(const char *data_dir, const char *from_dir, const char *bundled_dir,
                    const struct bt_iconset *icons, int64_t now, struct bt_import_report *rep);

/* The folder to read scenes from: the current set's own folder D/sets/<name> (so a
 * swap while it is read cannot mix two sets), D/scenes when it is a folder put there by
 * hand, else bundled_dir. A fresh string. */
char *sceneset_current(const char *data_dir, const char *bundled_dir);

/* Writes rep as D/stick/result (owner-only, written to a temporary file, flushed to
 * disk and renamed, so a reader sees the old or the new result, never half), with at
 * most BT_IMPORT_REPORT_MAX_WHY reasons. Returns 0 or a negative errno. */
int sceneset_report_write(const char *data_dir, const struct bt_import_report *rep);

/* Reads D/stick/result into rep (overwritten; clear it with sceneset_report_clear).
 * Returns 0, -ENOENT when there is no result yet, -EINVAL when the file is not one,
 * or another negative errno. */
int sceneset_report_read(const char *data_dir, struct bt_import_report *rep);

/* Lines for the screen: a one-line summary, then up to max_why reasons as
 * "file:line: message", then "(and N more)" when reasons were left out. A fresh
 * NULL-terminated array; free it with sceneset_lines_free. */
char **sceneset_report_lines(const struct bt_import_report *rep, size_t max_why);
void sceneset_lines_free(char **lines);

/* Frees the reasons and zeroes the report, which stays reusable. */
void sceneset_report_clear(struct bt_import_report *rep);

#endif
