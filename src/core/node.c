#include "node.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util.h"
#include "i18n.h"

#define NODE_MAX_DEPTH 32

struct parse {
	yaml_parser_t parser;
	const char *data;
	size_t len;
	const char *file;
	struct bt_diags *diags;
	bool failed;
};

const char *node_kind_name(enum bt_node_kind kind)
{
	switch (kind) {
	case BT_NODE_SCALAR:
		return _("a text");
	case BT_NODE_MAP:
		return _("a block with fields");
	case BT_NODE_SEQ:
		return _("a list");
	}
	return "?";
}

void node_destroy(struct bt_node *node)
{
	if (!node)
		return;
	for (size_t i = 0; i < node->n; i++) {
		node_destroy(node->items[i]);
		if (node->keys)
			free(node->keys[i]);
	}
	free(node->items);
	free(node->keys);
	free(node->key_lines);
	free(node->str);
	free(node);
}

const struct bt_node *node_get(const struct bt_node *map, const char *key)
{
	if (!map || map->kind != BT_NODE_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->keys[i], key) == 0)
			return map->items[i];
	return NULL;
}

/* Turns libyaml's English problem into a Dutch instruction a trainer can act on. */
static const char *explain(const char *problem)
{
	if (!problem)
		return _("the structure of the file is wrong here. Check the indentation "
		         "(spaces at the start)");
	if (strstr(problem, "tab"))
		return _("there is a tab here. Indent with spaces, not tabs");
	if (strstr(problem, "mapping values are not allowed"))
		return _("there is a colon (:) in a text here, or a field is indented wrongly. "
		         "Put the text between quotes: \"...\"");
	if (strstr(problem, "did not find expected key") ||
	    strstr(problem, "did not find expected '-' indicator"))
		return _("the indentation is wrong. Put fields of the same block exactly below "
		         "each other, with the same number of spaces in front");
	if (strstr(problem, "cannot start any token"))
		return _("this line starts with a character that is not allowed (such as ` or @ "
		         "or %). Put the text between quotes: \"...\"");
	if (strstr(problem, "end of stream") || strstr(problem, "did not find expected"))
		return _("something is missing here, for example a closing quote (\") or "
		         "bracket. Finish the text");
	if (strstr(problem, "block sequence entries are not allowed"))
		return _("a list (lines with -) is in a place where that is not possible. Put the "
		         "list on a new line below the field, indented");
	if (strstr(problem, "could not find expected ':'"))
		return _("the name of a field must be followed by a colon, as in  titel: Welkom");
	return _("the structure of the file is wrong here. Check the indentation (spaces at "
	         "the start) and the quotes");
}

/* The first line before `last` with an odd number of double quotes outside a
 * comment: the usual cause when libyaml stumbles later in the file. */
static int unclosed_quote_line(const struct parse *p, int last)
{
	int line = 1, quotes = 0;
	bool comment = false;
	for (size_t i = 0; i < p->len && line <= last; i++) {
		char c = p->data[i];
		if (c == '\n') {
			if (quotes % 2)
				return line;
			line++;
			quotes = 0;
			comment = false;
		} else if (c == '#' && quotes % 2 == 0 &&
		           (i == 0 || p->data[i - 1] == ' ' || p->data[i - 1] == '\n')) {
			comment = true;
		} else if (c == '"' && !comment && (i == 0 || p->data[i - 1] != '\\')) {
			quotes++;
		}
	}
	return quotes % 2 ? line : 0;
}

static void fail_parser(struct parse *p)
{
	static const char *const quote_msg =
	    N_("a text starts here with a quote (\") that is never closed. Put a \" at the "
	       "end of the text too");
	if (p->failed)
		return;
	p->failed = true;
	int line = (int)p->parser.problem_mark.line + 1;
	if (p->parser.error == YAML_READER_ERROR) {
		diags_add(p->diags, p->file, line,
		          _("there are characters here that are not plain text. Save the file "
		            "as UTF-8 text"));
		return;
	}
	if (p->parser.context && strstr(p->parser.context, "quoted scalar")) {
		diags_add(p->diags, p->file, (int)p->parser.context_mark.line + 1, "%s",
		          _(quote_msg));
		return;
	}
	int q = unclosed_quote_line(p, line);
	if (q > 0) {
		diags_add(p->diags, p->file, q, "%s", _(quote_msg));
		return;
	}
	diags_add(p->diags, p->file, line, "%s", explain(p->parser.problem));
}

static bool next_event(struct parse *p, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&p->parser, ev)) {
		fail_parser(p);
		return false;
	}
	return true;
}

static struct bt_node *parse_node(struct parse *p, yaml_event_t *ev, int depth);

static struct bt_node *node_new(enum bt_node_kind kind, const yaml_event_t *ev)
{
	struct bt_node *n = bt_xcalloc(1, sizeof(*n));
	n->kind = kind;
	n->line = (int)ev->start_mark.line + 1;
	return n;
}

static void node_push(struct bt_node *n, size_t *cap, char *key, int key_line,
                      struct bt_node *child)
{
	size_t c = *cap;
	bt_grow((void **)&n->items, &c, n->n + 1, sizeof(*n->items));
	if (n->kind == BT_NODE_MAP) {
		size_t c2 = *cap;
		bt_grow((void **)&n->keys, &c2, n->n + 1, sizeof(*n->keys));
		size_t c3 = *cap;
		bt_grow((void **)&n->key_lines, &c3, n->n + 1, sizeof(*n->key_lines));
		n->keys[n->n] = key;
		n->key_lines[n->n] = key_line;
	}
	*cap = c;
	n->items[n->n++] = child;
}

/* Parses the children of a map or list until its end event. */
static bool parse_children(struct parse *p, struct bt_node *n, yaml_event_type_t end, int depth)
{
	size_t cap = 0;
	for (;;) {
		yaml_event_t ev;
		if (!next_event(p, &ev))
			return false;
		if (ev.type == end) {
			yaml_event_delete(&ev);
			return true;
		}
		char *key = NULL;
		int key_line = 0;
		if (n->kind == BT_NODE_MAP) {
			if (ev.type != YAML_SCALAR_EVENT) {
				diags_add(p->diags, p->file, (int)ev.start_mark.line + 1,
				          _("the name of a field belongs here, such as  titel:"));
				p->failed = true;
				yaml_event_delete(&ev);
				return false;
			}
			key = bt_xstrdup((const char *)ev.data.scalar.value);
			key_line = (int)ev.start_mark.line + 1;
			yaml_event_delete(&ev);
			if (node_get(n, key)) {
				diags_add(p->diags, p->file, key_line,
				          _("the field '%s' is here twice. Remove one of them"),
				          key);
				p->failed = true;
				free(key);
				return false;
			}
			if (!next_event(p, &ev)) {
				free(key);
				return false;
			}
		}
		struct bt_node *child = parse_node(p, &ev, depth + 1);
		if (!child) {
			free(key);
			return false;
		}
		node_push(n, &cap, key, key_line, child);
	}
}

/* Parses the node that starts with ev (consumed). */
static struct bt_node *parse_node(struct parse *p, yaml_event_t *ev, int depth)
{
	struct bt_node *n = NULL;
	if (depth > NODE_MAX_DEPTH) {
		diags_add(p->diags, p->file, (int)ev->start_mark.line + 1,
		          _("too many blocks are nested here. Make it simpler"));
		p->failed = true;
		goto out;
	}
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		n = node_new(BT_NODE_SCALAR, ev);
		n->str = bt_xstrdup((const char *)ev->data.scalar.value);
		break;
	case YAML_SEQUENCE_START_EVENT:
		n = node_new(BT_NODE_SEQ, ev);
		break;
	case YAML_MAPPING_START_EVENT:
		n = node_new(BT_NODE_MAP, ev);
		break;
	case YAML_ALIAS_EVENT:
		diags_add(p->diags, p->file, (int)ev->start_mark.line + 1,
		          _("references with * are not used. Write the text out in full"));
		p->failed = true;
		goto out;
	default:
		diags_add(p->diags, p->file, (int)ev->start_mark.line + 1,
		          _("the structure of the file is wrong here"));
		p->failed = true;
		goto out;
	}
	bool anchored = (ev->type == YAML_SCALAR_EVENT && ev->data.scalar.anchor) ||
	                (ev->type == YAML_SEQUENCE_START_EVENT && ev->data.sequence_start.anchor) ||
	                (ev->type == YAML_MAPPING_START_EVENT && ev->data.mapping_start.anchor);
	if (anchored) {
		diags_add(p->diags, p->file, n->line,
		          _("anchors with & are not used. Remove the & and the name after it, and "
		            "write the text out in full where the * is"));
		p->failed = true;
		node_destroy(n);
		n = NULL;
		goto out;
	}
	if (n->kind != BT_NODE_SCALAR &&
	    !parse_children(
	        p, n, n->kind == BT_NODE_MAP ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT,
	        depth)) {
		node_destroy(n);
		n = NULL;
	}
out:
	yaml_event_delete(ev);
	return n;
}

static int line_of_offset(const char *data, size_t off)
{
	int line = 1;
	for (size_t i = 0; i < off; i++)
		if (data[i] == '\n')
			line++;
	return line;
}

/* 0: has content; 1: only white space; 2: only comments and white space. */
static int blank_kind(const char *data, size_t len)
{
	bool in_comment = false, comments = false;
	for (size_t i = 0; i < len; i++) {
		char c = data[i];
		if (c == '\n') {
			in_comment = false;
			continue;
		}
		if (in_comment || c == ' ' || c == '\t' || c == '\r')
			continue;
		if (c == '#') {
			in_comment = comments = true;
			continue;
		}
		return 0;
	}
	return comments ? 2 : 1;
}

struct bt_node *node_parse(const char *data, size_t len, const char *file, struct bt_diags *diags)
{
	struct bt_node *root = NULL;
	struct parse p = {.data = data, .len = len, .file = file, .diags = diags};
	size_t bad;
	size_t n_before = diags->n;

	if (memchr(data, '\0', len)) {
		diags_add(diags, file, 0,
		          _("this is not a text file. A scene file is plain text (.yaml); choose "
		            "the right file"));
		return NULL;
	}
	if (!bt_utf8_valid(data, len, &bad)) {
		diags_add(diags, file, line_of_offset(data, bad),
		          _("there are characters here that are not plain text. Save the file "
		            "as UTF-8 text"));
		return NULL;
	}
	switch (blank_kind(data, len)) {
	case 1:
		diags_add(diags, file, 0,
		          _("the file is empty. Put a session in it (see scenes/README.md) or "
		            "remove the file"));
		return NULL;
	case 2:
		diags_add(diags, file, 0,
		          _("the file only contains comments (lines with #). Put a session in "
		            "it (see scenes/README.md) or remove the file"));
		return NULL;
	default:
		break;
	}
	if (!yaml_parser_initialize(&p.parser))
		abort();
	yaml_parser_set_input_string(&p.parser, (const unsigned char *)data, len);

	yaml_event_t ev;
	/* stream start, document start */
	for (int i = 0; i < 2; i++) {
		if (!next_event(&p, &ev))
			goto out;
		yaml_event_delete(&ev);
	}
	if (!next_event(&p, &ev))
		goto out;
	root = parse_node(&p, &ev, 0);
	if (!root)
		goto out;
	if (!next_event(&p, &ev))
		goto fail;
	yaml_event_delete(&ev); /* document end */
	if (!next_event(&p, &ev))
		goto fail;
	if (ev.type != YAML_STREAM_END_EVENT) {
		diags_add(diags, file, (int)ev.start_mark.line + 1,
		          _("a second part (---) starts here. Put one session in each file"));
		yaml_event_delete(&ev);
		goto fail;
	}
	yaml_event_delete(&ev);
	goto out;
fail:
	node_destroy(root);
	root = NULL;
out:
	if (!root && diags->n == n_before)
		diags_add(diags, file, 0, _("the file could not be read"));
	yaml_parser_delete(&p.parser);
	return root;
}
