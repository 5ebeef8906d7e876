#include "sessiondef.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "i18n.h"

static const char *const top_fields[] = {"sessie", "module", "titel", "doelen", "scenes", NULL};
static const char *const common_fields[] = {"type", "notitie", NULL};

void sessiondef_destroy(struct bt_session_def *def)
{
	if (!def)
		return;
	for (size_t i = 0; i < def->n_scenes; i++) {
		struct bt_scene_def *s = &def->scenes[i];
		if (s->type && s->cfg)
			s->type->config_free(s->cfg);
		free(s->note);
	}
	free(def->scenes);
	for (size_t i = 0; i < def->n_goals; i++)
		free(def->goals[i]);
	free(def->goals);
	free(def->file);
	free(def->id);
	free(def->title);
	free(def);
}

/* "1.2" -> module 1, number 2; false if not of that form. */
static bool parse_id(const char *id, int *module, int *number)
{
	char *end;
	errno = 0;
	long m = strtol(id, &end, 10);
	if (end == id || *end != '.' || m < 1 || m > 9)
		return false;
	const char *p = end + 1;
	long n = strtol(p, &end, 10);
	if (end == p || *end != '\0' || n < 1 || n > 99 || errno)
		return false;
	if (id[0] == '0' || p[0] == '0' || id[0] == '+' || p[0] == '+' || p[0] == '-')
		return false;
	*module = (int)m;
	*number = (int)n;
	return true;
}

static void parse_scene(struct bt_parse_ctx *pc, const struct bt_node *sn, struct bt_scene_def *out)
{
	out->line = sn->line;
	if (sn->kind != BT_NODE_MAP) {
		diags_add(pc->diags, pc->file, sn->line,
		          _("a scene must be a block with fields, starting with  - type: ..."));
		pc->failed = true;
		return;
	}
	const char *type = field_text(pc, sn, "type", 40, true);
	if (!type)
		return;
	out->type = scene_type_find(type);
	if (!out->type) {
		char names[256];
		scene_type_names(names, sizeof(names));
		diags_add(pc->diags, pc->file, node_get(sn, "type")->line,
		          _("unknown scene type '%s'. Choose from: %s"), type, names);
		pc->failed = true;
		return;
	}
	field_check_known(pc, sn, common_fields, out->type->fields);
	const char *note = field_text(pc, sn, "notitie", BT_NOTE_MAX, false);
	if (note)
		out->note = bt_xstrdup(note);
	out->cfg = out->type->parse(pc, sn);
}

struct bt_session_def *sessiondef_parse(const char *data, size_t len, const char *file,
                                        const struct bt_icon_check *icons, struct bt_diags *diags)
{
	struct bt_parse_ctx pc = {
	    .file = file,
	    .diags = diags,
	    .icon_exists = icons ? icons->exists : NULL,
	    .icon_near = icons ? icons->near : NULL,
	    .icon_user = icons ? icons->user : NULL,
	};
	struct bt_session_def *def = NULL;
	struct bt_node *root = node_parse(data, len, file, diags);
	if (!root)
		goto out;
	if (root->kind != BT_NODE_MAP) {
		diags_add(
		    diags, file, root->line,
		    _("a scene file starts with fields such as  sessie: \"1.2\"  and  titel: ...; "
		      "here there is %s. %s"),
		    node_kind_name(root->kind),
		    root->kind == BT_NODE_SEQ ? _("Remove the - at the start of the top lines")
		                              : _("See scenes/README.md for how a file starts"));
		goto out;
	}
	def = bt_xcalloc(1, sizeof(*def));
	def->file = bt_xstrdup(file);
	def->hash = bt_crc32(data, len);
	field_check_known(&pc, root, top_fields, NULL);

	const char *id = field_text(&pc, root, "sessie", 8, true);
	if (id) {
		if (!parse_id(id, &def->module, &def->number)) {
			diags_add(diags, file, node_get(root, "sessie")->line,
			          _("'%s' is not a valid session number. Write module dot number, "
			            "such as \"1.2\""),
			          id);
			pc.failed = true;
		} else {
			def->id = bt_xstrdup(id);
			def->id_line = node_get(root, "sessie")->line;
		}
	}
	const char *module = field_text(&pc, root, "module", 2, true);
	if (module) {
		if (strlen(module) != 1 || module[0] < '1' || module[0] > '3') {
			diags_add(diags, file, node_get(root, "module")->line,
			          _("'module' must be 1, 2 or 3"));
			pc.failed = true;
		} else if (def->id && module[0] - '0' != def->module) {
			diags_add(
			    diags, file, node_get(root, "module")->line,
			    _("module %s does not match session %s: the first number of the "
			      "session is the module. Write  module: %d  or change the session"),
			    module, def->id, def->module);
			pc.failed = true;
		}
	}
	const char *title = field_text(&pc, root, "titel", BT_TITLE_MAX, true);
	if (title)
		def->title = bt_xstrdup(title);

	const struct bt_node *goals = field_list(&pc, root, "doelen", 1, BT_GOALS_MAX);
	if (goals) {
		def->goals = bt_xcalloc(goals->n, sizeof(char *));
		for (size_t i = 0; i < goals->n; i++) {
			const char *g =
			    field_text_node(&pc, goals->items[i], BT_GOAL_MAX, _("a goal"));
			if (g)
				def->goals[def->n_goals++] = bt_xstrdup(g);
		}
	}
	const struct bt_node *scenes = field_list(&pc, root, "scenes", 1, BT_SCENES_MAX);
	if (scenes) {
		def->scenes = bt_xcalloc(scenes->n, sizeof(*def->scenes));
		def->n_scenes = scenes->n;
		for (size_t i = 0; i < scenes->n; i++)
			parse_scene(&pc, scenes->items[i], &def->scenes[i]);
	}
	if (pc.failed) {
		sessiondef_destroy(def);
		def = NULL;
	}
out:
	node_destroy(root);
	return def;
}

struct bt_session_def *sessiondef_load(const char *path, const struct bt_icon_check *icons,
                                       struct bt_diags *diags)
{
	char *data = NULL;
	size_t len = 0;
	int r = bt_file_read(path, &data, &len, BT_SCENE_FILE_MAX);
	if (r == -EFBIG) {
		diags_add(diags, path, 0,
		          _("the file is too big (more than 1 MB). A scene file is much "
		            "smaller; choose the right file"));
		return NULL;
	}
	if (r < 0) {
		diags_add(diags, path, 0, _("the file cannot be read (%s)"), strerror(-r));
		return NULL;
	}
	struct bt_session_def *def = sessiondef_parse(data, len, path, icons, diags);
	free(data);
	return def;
}
