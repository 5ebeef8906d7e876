#ifndef BT_SCRIPT_H
#define BT_SCRIPT_H

#include <stddef.h>

#include "diag.h"
#include "event.h"

/* A script of timed trainer and seat keys, for tests, demos and rehearsal:
 *
 *   # comment
 *   session 1.2        which session to run (optional; --session wins)
 *   seats 6            seats 1..6 are present
 *   wait 1500          1.5 s pass
 *   trainer next       a trainer key: next prev enter reset blank menu help ...
 *   seat 3 4           seat 3 presses digit 4
 *   seat 3 undo        seat 3 presses undo (also: enter, hand)
 *   text add Ruzie     the trainer types a new item (also: text edit 2 ..., text green 1 ...)
 */
struct bt_script {
	char *session; /* or NULL */
	struct bt_event *events;
	size_t n;
};

/* Parses script text; returns NULL after adding Dutch messages with line numbers. */
struct bt_script *script_parse(const char *data, size_t len, const char *file,
                               struct bt_diags *diags);
struct bt_script *script_load(const char *path, struct bt_diags *diags);
void script_destroy(struct bt_script *s);

#endif
