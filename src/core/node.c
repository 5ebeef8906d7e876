#include "node.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util.h"

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
		return "een tekst";
	case BT_NODE_MAP:
		return "een blok met velden";
	case BT_NODE_SEQ:
		return "een lijst";
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
		return "de opbouw van het bestand klopt hier niet. Kijk of de inspringing (spaties "
		       "vooraan) "
		       "klopt";
	if (strstr(problem, "tab"))
		return "hier staat een tab. Gebruik spaties om in te springen, geen tabs";
	if (strstr(problem, "mapping values are not allowed"))
		return "hier staat een dubbele punt (:) in een tekst, of een veld staat verkeerd "
		       "ingesprongen. Zet de tekst tussen aanhalingstekens: \"...\"";
	if (strstr(problem, "did not find expected key") ||
	    strstr(problem, "did not find expected '-' indicator"))
		return "de inspringing klopt niet. Zet velden van hetzelfde blok precies onder "
		       "elkaar, "
		       "met evenveel spaties ervoor";
	if (strstr(problem, "cannot start any token"))
		return "deze regel begint met een teken dat niet mag (zoals ` of @ of %). Zet de "
		       "tekst "
		       "tussen aanhalingstekens: \"...\"";
	if (strstr(problem, "end of stream") || strstr(problem, "did not find expected"))
		return "hier ontbreekt iets, bijvoorbeeld een sluitend aanhalingsteken (\") of "
		       "haakje. "
		       "Maak de tekst af";
	if (strstr(problem, "block sequence entries are not allowed"))
		return "een lijst (regels met -) staat op een plek waar dat niet kan. Zet de lijst "
		       "op "
		       "een nieuwe regel onder het veld, ingesprongen";
	if (strstr(problem, "could not find expected ':'"))
		return "na de naam van een veld moet een dubbele punt komen, zoals  titel: Welkom";
	return "de opbouw van het bestand klopt hier niet. Kijk of de inspringing (spaties "
	       "vooraan) "
	       "en de aanhalingstekens kloppen";
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
	static const char quote_msg[] =
	    "hier begint een tekst met een aanhalingsteken (\") die niet "
	    "wordt afgesloten. Zet aan het eind van de tekst ook een \"";
	if (p->failed)
		return;
	p->failed = true;
	int line = (int)p->parser.problem_mark.line + 1;
	if (p->parser.error == YAML_READER_ERROR) {
		diags_add(p->diags, p->file, line,
		          "hier staan tekens die geen gewone tekst zijn. Sla het bestand op als "
		          "UTF-8-tekst");
		return;
	}
	if (p->parser.context && strstr(p->parser.context, "quoted scalar")) {
		diags_add(p->diags, p->file, (int)p->parser.context_mark.line + 1, quote_msg);
		return;
	}
	int q = unclosed_quote_line(p, line);
	if (q > 0) {
		diags_add(p->diags, p->file, q, quote_msg);
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
				          "hier hoort de naam van een veld, zoals  titel:");
				p->failed = true;
				yaml_event_delete(&ev);
				return false;
			}
			key = bt_xstrdup((const char *)ev.data.scalar.value);
			key_line = (int)ev.start_mark.line + 1;
			yaml_event_delete(&ev);
			if (node_get(n, key)) {
				diags_add(p->diags, p->file, key_line,
				          "het veld '%s' staat hier twee keer. Haal er één weg",
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
		          "hier staan te veel blokken in elkaar. Maak het eenvoudiger");
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
		          "verwijzingen met * worden niet gebruikt. Schrijf de tekst helemaal uit");
		p->failed = true;
		goto out;
	default:
		diags_add(p->diags, p->file, (int)ev->start_mark.line + 1,
		          "de opbouw van het bestand klopt hier niet");
		p->failed = true;
		goto out;
	}
	bool anchored = (ev->type == YAML_SCALAR_EVENT && ev->data.scalar.anchor) ||
	                (ev->type == YAML_SEQUENCE_START_EVENT && ev->data.sequence_start.anchor) ||
	                (ev->type == YAML_MAPPING_START_EVENT && ev->data.mapping_start.anchor);
	if (anchored) {
		diags_add(
		    p->diags, p->file, n->line,
		    "ankers met & worden niet gebruikt. Haal de & en de naam erachter weg, en "
		    "schrijf op de plek met * de tekst helemaal uit");
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
		diags_add(
		    diags, file, 0,
		    "dit is geen tekstbestand. Een scènebestand is gewone tekst (.yaml); kies "
		    "het goede bestand");
		return NULL;
	}
	if (!bt_utf8_valid(data, len, &bad)) {
		diags_add(diags, file, line_of_offset(data, bad),
		          "hier staan tekens die geen gewone tekst zijn. Sla het bestand op als "
		          "UTF-8-tekst");
		return NULL;
	}
	switch (blank_kind(data, len)) {
	case 1:
		diags_add(
		    diags, file, 0,
		    "het bestand is leeg. Zet er een bijeenkomst in (zie scenes/README.md) of "
		    "haal het bestand weg");
		return NULL;
	case 2:
		diags_add(diags, file, 0,
		          "er staan alleen opmerkingen (regels met #) in het bestand. Zet er een "
		          "bijeenkomst in (zie scenes/README.md) of haal het bestand weg");
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
		          "hier begint een tweede deel (---). Zet één bijeenkomst per bestand");
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
		diags_add(diags, file, 0, "het bestand kon niet gelezen worden");
	yaml_parser_delete(&p.parser);
	return root;
}
