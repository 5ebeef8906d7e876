#ifndef BT_SCENE_TYPE_H
#define BT_SCENE_TYPE_H

#include <jansson.h>
#include <stdbool.h>

#include "diag.h"
#include "event.h"
#include "node.h"
#include "seats.h"
#include "view.h"
#include "vote.h"

/* One scene type = one module behind this interface. Adding an exercise means
 * adding a file and one line in scene_types.c; nothing else switches on types. */

/* How parsers learn which pictograms exist (assets/icons). */
struct bt_icon_check {
	bool (*exists)(void *user, const char *name);
	const char *(*near)(void *user, const char *name); /* optional "did you mean" */
	void *user;
};

/* What a type's parser gets: where it reads, where it reports, how to check icons. */
struct bt_parse_ctx {
	const char *file;
	struct bt_diags *diags;
	bool (*icon_exists)(void *user, const char *name);
	const char *(*icon_near)(void *user, const char *name); /* optional hint */
	void *icon_user;
	bool failed; /* set by every field helper that reports a mistake */
	/* the last map field_check_known looked at, and its allowed keys: a missing
	 * field is only left unreported when an *unknown* key looks like it */
	const struct bt_node *known_map;
	const char *const *known_a, *const *known_b;
};

struct bt_session_def;
struct bt_catalog;

/* What a scene sees of the session while it runs or is drawn. */
struct bt_scene_ctx {
	const struct bt_session_def *def;
	const struct bt_seats *seats;
	const struct bt_vote *checkin; /* the session's last check-in vote, or NULL */
	int active_seat;               /* simulation: seat the trainer's digits go to, 0 none */
	uint32_t now_ms;               /* session time: handle() gets the event's, view() now */
	bool trainer_peek;             /* the trainer holds T: show trainer-only marks */
	const char *draft;             /* text being typed for this scene, or NULL */
	/* Optional: an earlier session's results of a scale with the same name (2.9
	 * compares with module 1). counts[v] = seats that chose value v (0..10). Returns
	 * false when that session's data is not kept (the default: journals go when a
	 * session closes). May be NULL. */
	bool (*earlier_scale)(void *user, const char *session_id, const char *name, int counts[11]);
	void *earlier_user;
	const struct bt_catalog *catalog; /* every session (the keuzemodule), or NULL */
};

/* What a scene asks to be typed when the trainer presses a typing key. */
struct bt_text_req {
	enum bt_text_op op; /* becomes the BT_EV_TEXT event's key */
	int target;         /* becomes its digit (e.g. which item) */
	char prefill[BT_EVENT_TEXT_MAX];
	char prompt[80]; /* Dutch, shown above the typing field */
	int max_chars;   /* what fits where the text goes; 0 = the field's maximum */
};

struct bt_scene_type {
	const char *name;
	/* Fields the type accepts besides "type" and "notitie"; NULL-terminated. */
	const char *const *fields;
	/* Reads the type's fields from the scene's map; returns its config, or NULL
	 * after reporting (pc->failed set). */
	void *(*parse)(struct bt_parse_ctx *pc, const struct bt_node *scene);
	void (*config_free)(void *cfg);
	void *(*state_create)(const void *cfg);
	void (*state_destroy)(void *st);
	/* Applies an event; returns true when the state changed. Must be deterministic. */
	bool (*handle)(void *st, const void *cfg, const struct bt_scene_ctx *ctx,
	               const struct bt_event *ev);
	/* Adds the scene's content to v (the session adds the frame and hints). */
	void (*view)(const void *st, const void *cfg, const struct bt_scene_ctx *ctx,
	             struct bt_view *v);
	/* Adds the scene's state to a JSON object, for --dump-state. */
	void (*dump)(const void *st, const void *cfg, const struct bt_scene_ctx *ctx, json_t *obj);
	/* Optional: the scene's vote, so the session can show hints and find check-ins;
	 * may return NULL when the scene has no question right now. */
	const struct bt_vote *(*vote)(const void *st);
	/* Optional: milliseconds (session time from ctx->now_ms) until the picture changes
	 * by itself, for animations; -1 when it does not. The main loop sleeps otherwise. */
	int (*next_wakeup)(const void *st, const void *cfg, const struct bt_scene_ctx *ctx);
	/* Optional: the trainer pressed a typing key (N, E or G). Return true and fill req
	 * when the scene wants text now; the app then collects it and sends it back as a
	 * BT_EV_TEXT event (journaled like every other event). */
	bool (*text_begin)(const void *st, const void *cfg, enum bt_trainer_key key,
	                   struct bt_text_req *req);
	/* Optional: true when a soft chime belongs to a moment in (from_ms, to_ms] of
	 * session time (e.g. a role-play phase ended). The platform plays it, unless the
	 * sound is off; the core never plays anything itself. */
	bool (*chime_due)(const void *st, const void *cfg, const struct bt_scene_ctx *ctx,
	                  uint32_t from_ms, uint32_t to_ms);
	/* Optional: the keys to press now, for the trainer strip: short Dutch, at most
	 * 36 characters so it fits on 4:3 (e.g. "Enter: gooi · K: andere kaart"). Replaces
	 * the standard hint; a static or state-owned string. */
	const char *(*hint)(const void *st, const void *cfg, const struct bt_scene_ctx *ctx);
	/* Optional: the scene's own heading or question, to list it (keuzemodule). */
	const char *(*label)(const void *cfg);
};

/* The registered type with that name, or NULL. */
const struct bt_scene_type *scene_type_find(const char *name);
/* Writes a comma-separated list of every type name into buf, for messages. */
void scene_type_names(char *buf, size_t size);

/* Field helpers for parsers. Each reports a Dutch message with line when the field
 * is wrong and sets pc->failed. */
/* A text field of at most max_chars characters; NULL when absent (reported if required). */
const char *field_text(struct bt_parse_ctx *pc, const struct bt_node *map, const char *key,
                       size_t max_chars, bool required);
/* An icon name that exists in assets/icons. */
const char *field_icon(struct bt_parse_ctx *pc, const struct bt_node *map, const char *key,
                       bool required);
/* A list with between min and max items; NULL when absent (reported if min > 0). */
const struct bt_node *field_list(struct bt_parse_ctx *pc, const struct bt_node *map,
                                 const char *key, size_t min, size_t max);
/* A text scalar within a list, checked for length. */
const char *field_text_node(struct bt_parse_ctx *pc, const struct bt_node *n, size_t max_chars,
                            const char *what);
/* A whole number from lo to hi; def when absent (a mistake is reported, def returned). */
int field_number(struct bt_parse_ctx *pc, const struct bt_node *map, const char *key, int def,
                 int lo, int hi);
/* ja or nee; def when absent. */
bool field_yes_no(struct bt_parse_ctx *pc, const struct bt_node *map, const char *key, bool def);
/* Reports keys of map not in allowed (NULL-terminated), with a "did you mean" hint. */
void field_check_known(struct bt_parse_ctx *pc, const struct bt_node *map,
                       const char *const *allowed, const char *const *allowed2);

#endif
