#ifndef BT_NODE_H
#define BT_NODE_H

#include <stddef.h>

#include "diag.h"

/* A parsed scene file as a tree of maps, lists and text, each with its line,
 * so every later check can point a trainer at the right line. */
enum bt_node_kind { BT_NODE_SCALAR, BT_NODE_MAP, BT_NODE_SEQ };

struct bt_node {
	enum bt_node_kind kind;
	int line;               /* 1-based line where the node starts */
	char *str;              /* BT_NODE_SCALAR: the text (valid UTF-8) */
	size_t n;               /* MAP and SEQ: number of children */
	char **keys;            /* MAP: key per child */
	int *key_lines;         /* MAP: line of each key */
	struct bt_node **items; /* MAP and SEQ: children */
};

/* Parses YAML text. Returns the root node, or NULL after adding a Dutch message
 * with file and line to diags. Rejects empty files, binary data, invalid UTF-8,
 * anchors/aliases, several documents and duplicate keys. */
struct bt_node *node_parse(const char *data, size_t len, const char *file, struct bt_diags *diags);
void node_destroy(struct bt_node *node);

/* The child of a map under key, or NULL. */
const struct bt_node *node_get(const struct bt_node *map, const char *key);
/* Short Dutch name of a node kind ("een tekst", "een lijst", "een blok velden"). */
const char *node_kind_name(enum bt_node_kind kind);

#endif
