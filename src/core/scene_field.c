#include "scene_type.h"

#include <stdio.h>
#include <string.h>

#include "util.h"
#include "i18n.h"

const char *field_text_node(struct bt_parse_ctx *pc, const struct bt_node *n, size_t max_chars,
                            const char *what)
{
	if (n->kind != BT_NODE_SCALAR) {
		diags_add(pc->diags, pc->file, n->line,
		          _("%s must be a text, but here it is %s. Write the text after the "
		            "colon"),
		          what, node_kind_name(n->kind));
		pc->failed = true;
		return NULL;
	}
	size_t chars = bt_utf8_chars(n->str);
	if (chars == 0) {
		diags_add(pc->diags, pc->file, n->line, _("%s is empty. Fill in a text"), what);
		pc->failed = true;
		return NULL;
	}
	if (chars > max_chars) {
		diags_add(pc->diags, pc->file, n->line,
		          _("%s is too long for the screen (%zu characters, at most %zu). Make "
		            "the text shorter"),
		          what, chars, max_chars);
		pc->failed = true;
		return NULL;
	}
	if (strchr(n->str, '\n')) {
		diags_add(pc->diags, pc->file, n->line,
		          _("%s may only be one line. Remove the line break"), what);
		pc->failed = true;
		return NULL;
	}
	return n->str;
}

static int key_line(const struct bt_node *map, const char *key)
{
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->keys[i], key) == 0)
			return map->key_lines[i];
	return map->line;
}

/* A key that looks like a typo of key: its "did you mean" message already says
 * what to do, so "missing" would only repeat it. */
static bool in_list(const char *const *list, const char *key);

static bool near_key(const struct bt_parse_ctx *pc, const struct bt_node *map, const char *key)
{
	/* only a map whose unknown fields were already reported has told about the typo */
	if (pc->known_map != map)
		return false;
	for (size_t i = 0; i < map->n; i++) {
		const char *k = map->keys[i];
		if (strcmp(k, key) == 0 || bt_edit_distance(k, key) > 2)
			continue;
		/* a valid field that merely looks alike (naam, norm) is no typo */
		if (pc->known_map == map && (in_list(pc->known_a, k) || in_list(pc->known_b, k)))
			continue;
		return true;
	}
	return false;
}

const char *field_text(struct bt_parse_ctx *pc, const struct bt_node *map, const char *key,
                       size_t max_chars, bool required)
{
	const struct bt_node *n = node_get(map, key);
	if (!n) {
		if (required) {
			if (!near_key(pc, map, key))
				diags_add(pc->diags, pc->file, map->line,
				          _("the field '%s' is missing. Add a line:  %s: ..."), key,
				          key);
			pc->failed = true;
		}
		return NULL;
	}
	char what[64];
	snprintf(what, sizeof(what), "'%s'", key);
	return field_text_node(pc, n, max_chars, what);
}

const char *field_icon(struct bt_parse_ctx *pc, const struct bt_node *map, const char *key,
                       bool required)
{
	const char *name = field_text(pc, map, key, 40, required);
	if (!name)
		return NULL;
	if (pc->icon_exists && !pc->icon_exists(pc->icon_user, name)) {
		const char *near = pc->icon_near ? pc->icon_near(pc->icon_user, name) : NULL;
		if (near)
			diags_add(pc->diags, pc->file, node_get(map, key)->line,
			          _("the picture '%s' does not exist. Did you mean '%s'? All names "
			            "are in assets/icons/README.md"),
			          name, near);
		else
			diags_add(pc->diags, pc->file, node_get(map, key)->line,
			          _("the picture '%s' does not exist. Choose a name from "
			            "assets/icons/README.md"),
			          name);
		pc->failed = true;
		return NULL;
	}
	return name;
}

const struct bt_node *field_list(struct bt_parse_ctx *pc, const struct bt_node *map,
                                 const char *key, size_t min, size_t max)
{
	const struct bt_node *n = node_get(map, key);
	if (!n) {
		if (min > 0 && near_key(pc, map, key)) {
			pc->failed = true;
		} else if (min > 0) {
			diags_add(pc->diags, pc->file, map->line,
			          _("the list '%s' is missing. Add:  %s:  with lines below it that "
			            "start with  - "),
			          key, key);
			pc->failed = true;
		}
		return NULL;
	}
	if (n->kind != BT_NODE_SEQ) {
		diags_add(pc->diags, pc->file, key_line(map, key),
		          _("'%s' must be a list: every line below it starts with  - "), key);
		pc->failed = true;
		return NULL;
	}
	if (n->n < min || n->n > max) {
		size_t diff = n->n < min ? min - n->n : n->n - max;
		/* whole sentences per case, so each language can word them its own way */
		diags_add(pc->diags, pc->file, key_line(map, key),
		          n->n == 1
		              ? (n->n < min ? _("under '%s' there is %zu line with -; there "
		                                "must be %zu to %zu. Add %zu more")
		                            : _("under '%s' there is %zu line with -; there "
		                                "must be %zu to %zu. Remove %zu"))
		              : (n->n < min ? _("under '%s' there are %zu lines with -; there "
		                                "must be %zu to %zu. Add %zu more")
		                            : _("under '%s' there are %zu lines with -; there "
		                                "must be %zu to %zu. Remove %zu")),
		          key, n->n, min, max, diff);
		pc->failed = true;
		return NULL;
	}
	return n;
}

static bool in_list(const char *const *list, const char *key)
{
	for (; list && *list; list++)
		if (strcmp(*list, key) == 0)
			return true;
	return false;
}

static const char *closest(const char *const *a, const char *const *b, const char *key)
{
	const char *best = NULL;
	int bd = 3;
	for (int pass = 0; pass < 2; pass++)
		for (const char *const *l = pass ? b : a; l && *l; l++) {
			int d = bt_edit_distance(*l, key);
			if (d < bd) {
				bd = d;
				best = *l;
			}
		}
	return best;
}

void field_check_known(struct bt_parse_ctx *pc, const struct bt_node *map,
                       const char *const *allowed, const char *const *allowed2)
{
	pc->known_map = map;
	pc->known_a = allowed;
	pc->known_b = allowed2;
	for (size_t i = 0; i < map->n; i++) {
		const char *k = map->keys[i];
		if (in_list(allowed, k) || in_list(allowed2, k))
			continue;
		const char *hint = closest(allowed, allowed2, k);
		if (hint)
			diags_add(pc->diags, pc->file, map->key_lines[i],
			          _("unknown field '%s'. Did you mean '%s'?"), k, hint);
		else
			diags_add(
			    pc->diags, pc->file, map->key_lines[i],
			    _("unknown field '%s'. Remove it or look in scenes/README.md for the "
			      "fields there are"),
			    k);
		pc->failed = true;
	}
}

int field_number(struct bt_parse_ctx *pc, const struct bt_node *map, const char *key, int def,
                 int lo, int hi)
{
	const char *s = field_text(pc, map, key, 40, false);
	if (!s)
		return def;
	int v = 0;
	bool ok = *s != '\0';
	for (const char *p = s; *p && ok; p++) {
		ok = *p >= '0' && *p <= '9';
		v = v * 10 + (*p - '0');
		if (v > 100000)
			ok = false;
	}
	if (!ok || v < lo || v > hi) {
		diags_add(pc->diags, pc->file, node_get(map, key)->line,
		          _("'%s' must be a number from %d to %d, but here it is '%s'. "
		            "Write for example  %s: %d"),
		          key, lo, hi, s, key, def);
		pc->failed = true;
		return def;
	}
	return v;
}

bool field_yes_no(struct bt_parse_ctx *pc, const struct bt_node *map, const char *key, bool def)
{
	const char *s = field_text(pc, map, key, 40, false);
	if (!s)
		return def;
	if (strcmp(s, "ja") == 0)
		return true;
	if (strcmp(s, "nee") == 0)
		return false;
	diags_add(pc->diags, pc->file, node_get(map, key)->line,
	          _("'%s' must be ja or nee, but here it is '%s'. Write  %s: ja  or  %s: nee"), key,
	          s, key, key);
	pc->failed = true;
	return def;
}
