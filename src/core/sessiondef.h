#ifndef BT_SESSIONDEF_H
#define BT_SESSIONDEF_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "scene_type.h"

#define BT_TITLE_MAX      45
#define BT_GOAL_MAX       60
#define BT_GOALS_MAX      4
#define BT_NOTE_MAX       120
#define BT_SCENES_MAX     500
#define BT_SCENE_FILE_MAX (1024 * 1024)

struct bt_scene_def {
	const struct bt_scene_type *type;
	int line;   /* line of the scene in its file */
	char *note; /* trainer hint, or NULL */
	void *cfg;  /* the type's config */
};

/* A session (bijeenkomst) as read from one scene file. Immutable once loaded. */
struct bt_session_def {
	char *file;
	char *id; /* "1.2" */
	int id_line;
	int module;
	int number;
	char *title;
	char **goals;
	size_t n_goals;
	struct bt_scene_def *scenes;
	size_t n_scenes;
	uint32_t hash; /* CRC-32 of the file's bytes */
};

/* Parses one scene file's text. Returns the session, or NULL after adding every
 * mistake found to diags (file and line, in Dutch). */
struct bt_session_def *sessiondef_parse(const char *data, size_t len, const char *file,
                                        const struct bt_icon_check *icons, struct bt_diags *diags);
/* Reads and parses a file. icons may be NULL (no icon check). */
struct bt_session_def *sessiondef_load(const char *path, const struct bt_icon_check *icons,
                                       struct bt_diags *diags);
void sessiondef_destroy(struct bt_session_def *def);

#endif
