#include "session.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "palette.h"
#include "util.h"
#include "i18n.h"

struct bt_session *session_create(const struct bt_session_def *def)
{
	struct bt_session *s = bt_xcalloc(1, sizeof(*s));
	s->def = def;
	s->states = bt_xcalloc(def->n_scenes, sizeof(void *));
	for (size_t i = 0; i < def->n_scenes; i++)
		s->states[i] = def->scenes[i].type->state_create(def->scenes[i].cfg);
	return s;
}

void session_destroy(struct bt_session *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->def->n_scenes; i++)
		s->def->scenes[i].type->state_destroy(s->states[i]);
	free(s->states);
	free(s);
}

bool session_at_end(const struct bt_session *s)
{
	return s->current >= s->def->n_scenes;
}

/* The vote of the last check-in scene before index, for check-out's comparison. */
static const struct bt_vote *find_checkin(const struct bt_session *s, size_t index)
{
	const struct bt_vote *found = NULL;
	for (size_t i = 0; i < s->def->n_scenes && i < index; i++) {
		const struct bt_scene_def *d = &s->def->scenes[i];
		if (strcmp(d->type->name, "checkin") == 0 && d->type->vote)
			found = d->type->vote(s->states[i]);
	}
	return found;
}

static struct bt_scene_ctx make_ctx(const struct bt_session *s, size_t index,
                                    const struct bt_view_args *args)
{
	struct bt_scene_ctx ctx = {
	    .def = s->def,
	    .seats = &s->seats,
	    .checkin = find_checkin(s, index),
	    .now_ms = s->now_ms,
	    .catalog = s->catalog,
	};
	if (args) {
		ctx.active_seat = args->active_seat;
		ctx.now_ms = args->now_ms > s->now_ms ? args->now_ms : s->now_ms;
		ctx.trainer_peek = args->trainer_peek;
		ctx.draft = args->draft;
	}
	return ctx;
}

int session_next_wakeup(const struct bt_session *s, uint32_t now_ms)
{
	if (session_at_end(s))
		return -1;
	const struct bt_scene_def *d = &s->def->scenes[s->current];
	if (!d->type->next_wakeup)
		return -1;
	struct bt_view_args a = {.now_ms = now_ms};
	struct bt_scene_ctx ctx = make_ctx(s, s->current, &a);
	return d->type->next_wakeup(s->states[s->current], d->cfg, &ctx);
}

bool session_chime_due(const struct bt_session *s, uint32_t from_ms, uint32_t to_ms)
{
	if (session_at_end(s) || to_ms <= from_ms)
		return false;
	const struct bt_scene_def *d = &s->def->scenes[s->current];
	if (!d->type->chime_due)
		return false;
	struct bt_view_args a = {.now_ms = to_ms};
	struct bt_scene_ctx ctx = make_ctx(s, s->current, &a);
	return d->type->chime_due(s->states[s->current], d->cfg, &ctx, from_ms, to_ms);
}

bool session_text_begin(const struct bt_session *s, enum bt_trainer_key key,
                        struct bt_text_req *req)
{
	if (session_at_end(s))
		return false;
	const struct bt_scene_def *d = &s->def->scenes[s->current];
	memset(req, 0, sizeof(*req));
	return d->type->text_begin && d->type->text_begin(s->states[s->current], d->cfg, key, req);
}

static bool scene_handle(struct bt_session *s, const struct bt_event *ev)
{
	if (session_at_end(s))
		return false;
	const struct bt_scene_def *d = &s->def->scenes[s->current];
	struct bt_scene_ctx ctx = make_ctx(s, s->current, NULL);
	ctx.now_ms = ev->time_ms;
	return d->type->handle(s->states[s->current], d->cfg, &ctx, ev);
}

/* Adds seat to the queue of raised hands, once. */
static bool hand_raise(struct bt_session *s, int seat)
{
	for (int i = 0; i < s->n_hands; i++)
		if (s->hands[i] == seat)
			return false;
	if (s->n_hands >= BT_MAX_SEATS)
		return false;
	s->hands[s->n_hands++] = (uint8_t)seat;
	return true;
}

static bool handle(struct bt_session *s, const struct bt_event *ev)
{
	if (ev->time_ms > s->now_ms)
		s->now_ms = ev->time_ms;
	switch (ev->type) {
	case BT_EV_TRAINER:
		switch (ev->key) {
		case BT_TK_NEXT:
			if (session_at_end(s))
				return false;
			s->current++;
			return true;
		case BT_TK_PREV:
			if (s->current == 0)
				return false;
			s->current--;
			return true;
		case BT_TK_ENTER:
		case BT_TK_RESET:
		case BT_TK_UP:
		case BT_TK_DOWN:
		case BT_TK_DELETE:
		case BT_TK_LETTER_K:
		case BT_TK_LETTER_P:
			return scene_handle(s, ev);
		case BT_TK_HAND_NEXT:
			if (s->n_hands == 0)
				return false;
			memmove(s->hands, s->hands + 1, (size_t)(s->n_hands - 1));
			s->n_hands--;
			return true;
		default:
			return false;
		}
	case BT_EV_SEAT: {
		bool joined = seats_join(&s->seats, ev->seat);
		if (ev->key == BT_SK_HAND)
			return hand_raise(s, ev->seat) || joined;
		return scene_handle(s, ev) || joined;
	}
	case BT_EV_SEATS: {
		bool changed = false;
		for (int i = 1; i <= ev->digit && i <= BT_MAX_SEATS; i++)
			changed |= seats_join(&s->seats, i);
		return changed;
	}
	case BT_EV_TICK:
	case BT_EV_TEXT:
		return scene_handle(s, ev);
	default:
		return false;
	}
}

bool session_handle(struct bt_session *s, const struct bt_event *ev)
{
	if (!event_valid(ev))
		return false;
	bool changed = handle(s, ev);
	if (changed)
		s->events++;
	return changed;
}

static const char *vote_hint(const struct bt_vote *v, const struct bt_seats *seats)
{
	switch (v->phase) {
	case BT_VOTE_WAITING:
		return _("Enter: open the question");
	case BT_VOTE_OPEN:
		return vote_revealed(v, seats) ? _("Enter: close the question")
		                               : _("Enter: close, show the result");
	case BT_VOTE_CLOSED:
		return _("Closed · R: again");
	}
	return "";
}

/* The trainer strip: the scene's note on the left (up to three lines), the key
 * to press and where we are on the right. */
static void footer(const struct bt_session *s, size_t index, const struct bt_view_args *args,
                   struct bt_view *v, const struct bt_layout *L)
{
	float u = L->u;
	view_rect(v, L->footer, BT_C_TRAINER_BAR, 0);
	float px = BT_PX_TRAINER * u;
	char where[64];
	const char *hint = _("Right arrow: continue");
	const char *note = NULL;
	struct bt_scene_ctx ctx = make_ctx(s, index < s->def->n_scenes ? index : 0, args);
	if (index < s->def->n_scenes) {
		const struct bt_scene_def *d = &s->def->scenes[index];
		const struct bt_vote *vt = d->type->vote ? d->type->vote(s->states[index]) : NULL;
		if (vt)
			hint = vote_hint(vt, &s->seats);
		if (d->type->hint) {
			/* the hint is a static or state-owned string, never ctx's */
			const char *h = d->type->hint(s->states[index], d->cfg, &ctx);
			if (h && h[0])
				hint = h;
		}
		note = d->note;
		/* TRANSLATORS: session id, scene number, number of scenes */
		snprintf(where, sizeof(where), _("%s · %zu/%zu · F1 help"), s->def->id, index + 1,
		         s->def->n_scenes);
	} else {
		hint = _("Right arrow: finish");
		snprintf(where, sizeof(where), _("%s · end · F1 help"), s->def->id);
	}
	/* wide enough for a scene's own hint of up to 36 characters */
	float rw = fminf(fmaxf(500 * u, (float)bt_utf8_chars(hint) * 19 * u), L->W * 0.48f);
	struct bt_box fb = box_inset(L->footer, 6 * u);
	struct bt_box right = box_make(fb.x + fb.w - rw - 24 * u, fb.y, rw, fb.h);
	struct bt_item *h =
	    view_text(v, box_make(right.x, right.y + 8 * u, right.w, fb.h / 2 - 8 * u), hint, px,
	              BT_C_TEXT, BT_C_TRAINER_BAR, BT_ALIGN_RIGHT, BT_ROLE_TRAINER);
	h->bold = true;
	h->valign_center = true;
	view_text(v, box_make(right.x, right.y + fb.h / 2, right.w, fb.h / 2 - 8 * u), where, px,
	          BT_C_TEXT, BT_C_TRAINER_BAR, BT_ALIGN_RIGHT, BT_ROLE_TRAINER)
	    ->valign_center = true;
	if (note)
		view_text(v, box_make(fb.x + 40 * u, fb.y, right.x - fb.x - 70 * u, fb.h), note, px,
		          BT_C_TEXT, BT_C_TRAINER_BAR, BT_ALIGN_LEFT, BT_ROLE_TRAINER)
		    ->valign_center = true;
}

static void end_view(const struct bt_session *s, struct bt_view *v, const struct bt_layout *L)
{
	float u = L->u;
	(void)s;
	layout_header(v, L, "feest", _("Done for today"));
	float ib = 300 * u;
	view_icon(v, box_make((L->W - ib) / 2, L->content.y + 40 * u, ib, ib), "applaus");
	struct bt_item *t =
	    view_text(v, box_make(L->m, L->content.y + ib + 80 * u, L->W - 2 * L->m, 200 * u),
	              _("Well done, everyone! See you next time."), BT_PX_TITLE * u, BT_C_TEXT,
	              BT_C_BG, BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT);
	t->bold = true;
	t->valign_center = true;
}

/* The hand-raise queue at the right of the title band: who asked for the floor,
 * first asked first. */
/* How many raised hands fit in the title band and still leave the title room. */
static int hands_shown(const struct bt_session *s, const struct bt_layout *L)
{
	int max = L->W / L->H < 1.5f ? 1 : 3;
	return s->n_hands > max ? max : s->n_hands;
}

static float hands_width(const struct bt_session *s, const struct bt_layout *L)
{
	int shown = hands_shown(s, L);
	float more = s->n_hands > shown ? 90 : 0;
	return (90 + 10 + 34 + more) * L->u + (float)shown * (BT_AVATAR_MIN + 10) * L->u;
}

static void hands_view(const struct bt_session *s, struct bt_view *v, const struct bt_layout *L)
{
	float u = L->u;
	int shown = hands_shown(s, L);
	float size = BT_AVATAR_MIN * u, gap = 10 * u, ib = 90 * u;
	float x = L->W - L->m - v->header_reserve + 20 * u;
	float y = (L->header.h - size) / 2;
	view_rect(v, box_make(x - 14 * u, y - 8 * u, v->header_reserve - 6 * u, size + 16 * u),
	          BT_C_WHITE, 20 * u);
	view_icon(v, box_make(x, y + (size - ib) / 2, ib, ib), "hand");
	x += ib + gap;
	for (int i = 0; i < shown; i++) {
		view_avatar(v, box_make(x, y, size, size), s->hands[i], 0);
		x += size + gap;
	}
	if (s->n_hands > shown) {
		char more[16];
		snprintf(more, sizeof(more), "+%d", s->n_hands - shown);
		struct bt_item *t =
		    view_text(v, box_make(x, y, 84 * u, size), more, BT_PX_BODY * u, BT_C_TEXT,
		              BT_C_WHITE, BT_ALIGN_LEFT, BT_ROLE_PARTICIPANT);
		t->bold = true;
		t->valign_center = true;
	}
}

void session_view(const struct bt_session *s, size_t index, const struct bt_view_args *args,
                  struct bt_view *v)
{
	struct bt_layout L = layout_make(v);
	if (s->n_hands > 0)
		v->header_reserve = hands_width(s, &L);
	if (index >= s->def->n_scenes) {
		end_view(s, v, &L);
	} else {
		const struct bt_scene_def *d = &s->def->scenes[index];
		struct bt_scene_ctx ctx = make_ctx(s, index, args);
		d->type->view(s->states[index], d->cfg, &ctx, v);
	}
	if (s->n_hands > 0)
		hands_view(s, v, &L);
	footer(s, index, args, v, &L);
}

json_t *session_dump(const struct bt_session *s)
{
	json_t *root = json_object();
	json_object_set_new(root, "session", json_string(s->def->id));
	json_object_set_new(root, "scene", json_integer((json_int_t)s->current));
	json_object_set_new(root, "at_end", json_boolean(session_at_end(s)));
	json_t *seats = json_array();
	for (int i = 1; i <= BT_MAX_SEATS; i++)
		if (seats_present(&s->seats, i))
			json_array_append_new(seats, json_integer(i));
	json_object_set_new(root, "seats", seats);
	json_t *hands = json_array();
	for (int i = 0; i < s->n_hands; i++)
		json_array_append_new(hands, json_integer(s->hands[i]));
	json_object_set_new(root, "hands", hands);
	json_t *scenes = json_array();
	for (size_t i = 0; i < s->def->n_scenes; i++) {
		const struct bt_scene_def *d = &s->def->scenes[i];
		json_t *o = json_object();
		json_object_set_new(o, "type", json_string(d->type->name));
		struct bt_scene_ctx ctx = make_ctx(s, i, NULL);
		const struct bt_vote *vt = d->type->vote ? d->type->vote(s->states[i]) : NULL;
		if (vt) {
			static const char *const phases[] = {"waiting", "open", "closed"};
			json_object_set_new(o, "phase", json_string(phases[vt->phase]));
			json_object_set_new(o, "revealed",
			                    json_boolean(vote_revealed(vt, &s->seats)));
		}
		d->type->dump(s->states[i], d->cfg, &ctx, o);
		json_array_append_new(scenes, o);
	}
	json_object_set_new(root, "scenes", scenes);
	return root;
}
