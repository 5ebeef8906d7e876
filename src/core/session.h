#ifndef BT_SESSION_H
#define BT_SESSION_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "event.h"
#include "seats.h"
#include "sessiondef.h"
#include "view.h"

/* A running session: which scene shows, who is present, every scene's state.
 * Driven only by events, so replaying the same events gives the same state. */
struct bt_session {
	const struct bt_session_def *def;
	void **states;  /* one per scene */
	size_t current; /* 0..n_scenes-1, or n_scenes for the closing screen */
	struct bt_seats seats;
	uint32_t now_ms;
	uint32_t events;                  /* events applied that changed state */
	const struct bt_catalog *catalog; /* set by the owner; the keuzemodule lists from it */
	uint8_t hands[BT_MAX_SEATS];      /* seats asking for the floor, first asked first */
	int n_hands;
};

struct bt_session *session_create(const struct bt_session_def *def);
void session_destroy(struct bt_session *s);
/* Applies an event. Returns true when the state changed (and so must be journaled
 * and redrawn). Trainer keys that are not the session's (menu, help...) return false. */
bool session_handle(struct bt_session *s, const struct bt_event *ev);
/* True on the closing screen after the last scene. */
bool session_at_end(const struct bt_session *s);
/* How a frame is drawn besides the state: the time now and the trainer's view. */
struct bt_view_args {
	int active_seat;   /* simulation's seat, 0 none */
	uint32_t now_ms;   /* session time now, for animations */
	bool trainer_peek; /* T held: trainer-only marks */
	const char *draft; /* text being typed, or NULL */
	const char *prompt;
};

/* Builds the frame for scene index (usually s->current) into v. */
void session_view(const struct bt_session *s, size_t index, const struct bt_view_args *args,
                  struct bt_view *v);
/* Milliseconds until the current scene's picture changes by itself, or -1. */
int session_next_wakeup(const struct bt_session *s, uint32_t now_ms);
/* True when the current scene wants a chime for a moment in (from_ms, to_ms]. */
bool session_chime_due(const struct bt_session *s, uint32_t from_ms, uint32_t to_ms);
/* Asks the current scene whether it wants typed text for key; see bt_scene_type. */
bool session_text_begin(const struct bt_session *s, enum bt_trainer_key key,
                        struct bt_text_req *req);
/* Scene, seats and votes as JSON (for --dump-state). */
json_t *session_dump(const struct bt_session *s);

#endif
