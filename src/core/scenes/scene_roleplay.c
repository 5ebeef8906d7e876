/* roleplay: het rollenspel (3.3, 3.6, 3.7, 3.8). A scenario card and two roles
 * (Vriend and Weigeraar, Dealer and Weigeraar, Vrager and Helper); the trainer gives
 * the roles to present seats (pijl omhoog/omlaag picks, Enter gives the next open
 * role) or lets K draw them; everyone else watches. Enter starts the phases
 * (voorbereiden, spelen, rollen wisselen, spelen, nabespreken): each counts down and
 * ends by itself, with a soft chime; "rollen wisselen" swaps the players' roles on
 * screen. P pauses and continues, pijl omhoog adds 30 seconds, pijl omlaag goes to the
 * next phase. The steps stay on screen as numbered cue cards. In the feedback phase a
 * watcher's key press becomes applause and a star for the players.
 *
 * Everything comes from events: the start, pauses, extensions and skips are stored
 * with their event times, and the phase at any moment is computed from them, so a
 * replay gives the same phases; the random draw is seeded by the event's time and
 * the present seats. The view and the wake-ups only read ctx->now_ms. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "palette.h"
#include "scene_type.h"
#include "util.h"
#include "i18n.h"

#define RP_PHASES_MAX     8
#define RP_STEPS_MAX      6
#define RP_TITLE_CHARS    45
#define RP_SCENARIO_CHARS 80
#define RP_ROLE_CHARS     16
#define RP_PHASE_CHARS    20
#define RP_STEP_CHARS     40
#define RP_SEC_MIN        10
#define RP_SEC_MAX        1800
#define RP_EXTEND_MS      30000u
#define RP_PHASE_MAX_MS   (60u * 60u * 1000u) /* +30 s stops at one hour a phase */
#define RP_CLAP_MS        1500                /* one press: a gentle swell and a star */
#define RP_CLAPS_KEPT     24                  /* the newest presses that still animate */
#define RP_FRAME_MS       33
#define RP_PI             3.14159265358979f

enum rp_kind { RP_PREP, RP_PLAY, RP_SWAP, RP_TALK, RP_KINDS };

static const char *const kind_names[RP_KINDS] = {"voorbereiden", "spelen", "wisselen",
                                                 "nabespreken"};
static const char *const kind_icons[RP_KINDS] = {"denken", "rollenspel", "wisselen", "duim"};

struct rp_phase {
	char *name;
	uint32_t ms;
	int kind; /* enum rp_kind */
};

struct rp_text {
	char *text;
	char *icon; /* NULL: none */
};

struct rp_cfg {
	char *title;
	char *scenario;
	char *icon;
	struct rp_text roles[2];
	struct rp_phase ph[RP_PHASES_MAX];
	int n_ph;
	struct rp_text steps[RP_STEPS_MAX];
	int n_steps;
};

struct rp_clap {
	uint32_t ms; /* the press's event time */
	int k;       /* its number, for where its star goes */
};

struct rp_state {
	uint8_t role[2]; /* seat per role as given (before any swap); 0 = open */
	int pick;        /* the trainer's highlighted seat, 0 none */
	bool started;
	/* The anchor: phase `phase` began at phase_ms (pauses shift it) and lasts its
	 * time plus extra_ms; later phases follow by themselves. phase == n: finished. */
	int phase;
	uint32_t phase_ms, extra_ms;
	bool paused;
	uint32_t pause_ms;
	uint32_t ends[RP_PHASES_MAX]; /* phase ends that passed by themselves (chimes) */
	int n_ends;
	int thumbs;
	struct rp_clap claps[RP_CLAPS_KEPT]; /* ring of the newest presses */
	int n_claps;
};

static const char *const rp_fields[] = {"titel", "scenario", "plaatje", "rollen",
                                        "fasen", "stappen",  NULL};
static const char *const role_fields[] = {"naam", "plaatje", NULL};
static const char *const phase_fields[] = {"naam", "seconden", "soort", NULL};
static const char *const step_fields[] = {"tekst", "plaatje", NULL};

static const struct rp_phase default_phases[] = {
    {N_("Prepare"), 90000, RP_PREP},       {N_("Play"), 120000, RP_PLAY},
    {N_("Swap roles"), 30000, RP_SWAP},    {N_("Play"), 120000, RP_PLAY},
    {N_("Talk it over"), 180000, RP_TALK},
};

/* --- config --- */

static void text_free(struct rp_text *t)
{
	free(t->text);
	free(t->icon);
}

static void rp_config_free(void *p)
{
	struct rp_cfg *c = p;
	if (!c)
		return;
	free(c->title);
	free(c->scenario);
	free(c->icon);
	text_free(&c->roles[0]);
	text_free(&c->roles[1]);
	for (int i = 0; i < c->n_ph; i++)
		free(c->ph[i].name);
	for (int i = 0; i < c->n_steps; i++)
		text_free(&c->steps[i]);
	free(c);
}

static char *dup_or_null(const char *s)
{
	return s ? bt_xstrdup(s) : NULL;
}

static int key_line(const struct bt_node *map, const char *key)
{
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->keys[i], key) == 0)
			return map->key_lines[i];
	return map->line;
}

/* The seconds of a phase: a whole number from RP_SEC_MIN to RP_SEC_MAX. */
static uint32_t field_seconds(struct bt_parse_ctx *pc, const struct bt_node *map, int nr)
{
	const char *s = field_text(pc, map, "seconden", 20, true);
	if (!s)
		return 0;
	int v = 0;
	bool ok = *s != '\0';
	for (const char *p = s; *p && ok; p++) {
		ok = *p >= '0' && *p <= '9';
		v = v * 10 + (*p - '0');
		if (v > 100000)
			ok = false;
	}
	if (!ok || v < RP_SEC_MIN || v > RP_SEC_MAX) {
		diags_add(
		    pc->diags, pc->file, node_get(map, "seconden")->line,
		    _("'seconden' of phase %d must be a whole number from %d to %d, but it says "
		      "'%s'. Write for example  seconden: 120  (2 minutes)"),
		    nr, RP_SEC_MIN, RP_SEC_MAX, s);
		pc->failed = true;
		return 0;
	}
	return (uint32_t)v * 1000u;
}

static bool contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (const char *p = hay; *p; p++) {
		size_t i = 0;
		while (i < n && p[i] && (p[i] | 0x20) == needle[i])
			i++;
		if (i == n)
			return true;
	}
	return false;
}

/* A phase without 'soort' is known by its name: "Rollen wisselen" swaps the roles,
 * "Nabespreken" is the feedback, "Voorbereiden" the preparation; the rest is play. */
static int guess_kind(const char *name)
{
	if (contains_ci(name, "wissel"))
		return RP_SWAP;
	if (contains_ci(name, "bespre") || contains_ci(name, "feedback"))
		return RP_TALK;
	if (contains_ci(name, "voorbere"))
		return RP_PREP;
	return RP_PLAY;
}

static void parse_phases(struct bt_parse_ctx *pc, const struct bt_node *scene, struct rp_cfg *c)
{
	if (!node_get(scene, "fasen")) {
		for (size_t i = 0; i < BT_ARRAY_LEN(default_phases); i++) {
			c->ph[i] = default_phases[i];
			c->ph[i].name = bt_xstrdup(_(default_phases[i].name));
		}
		c->n_ph = (int)BT_ARRAY_LEN(default_phases);
		return;
	}
	const struct bt_node *list = field_list(pc, scene, "fasen", 2, RP_PHASES_MAX);
	for (size_t i = 0; list && i < list->n; i++) {
		const struct bt_node *n = list->items[i];
		int nr = (int)i + 1;
		if (n->kind != BT_NODE_MAP) {
			diags_add(pc->diags, pc->file, n->line,
			          _("phase %d under 'fasen' must have two lines:  - naam: Spelen  "
			            "and below it  seconden: 120"),
			          nr);
			pc->failed = true;
			continue;
		}
		field_check_known(pc, n, phase_fields, NULL);
		const char *name = field_text(pc, n, "naam", RP_PHASE_CHARS, true);
		uint32_t ms = field_seconds(pc, n, nr);
		const char *kind = field_text(pc, n, "soort", 20, false);
		int k = name ? guess_kind(name) : RP_PLAY;
		if (kind) {
			k = -1;
			for (int j = 0; j < RP_KINDS; j++)
				if (strcmp(kind, kind_names[j]) == 0)
					k = j;
			if (k < 0) {
				diags_add(
				    pc->diags, pc->file, node_get(n, "soort")->line,
				    _("'soort' is voorbereiden, spelen, wisselen or "
				      "nabespreken, but it says '%s'. Pick one of those four"),
				    kind);
				pc->failed = true;
				k = RP_PLAY;
			}
		}
		if (!name || !ms)
			continue;
		c->ph[c->n_ph++] = (struct rp_phase){bt_xstrdup(name), ms, k};
	}
}

/* A list item that is a text, or a block with a text field and an optional picture. */
static bool parse_text_item(struct bt_parse_ctx *pc, const struct bt_node *n, const char *key,
                            const char *const *fields, size_t max, const char *what,
                            struct rp_text *out)
{
	const char *text = NULL, *icon = NULL;
	if (n->kind == BT_NODE_MAP) {
		field_check_known(pc, n, fields, NULL);
		text = field_text(pc, n, key, max, true);
		icon = field_icon(pc, n, "plaatje", false);
	} else {
		text = field_text_node(pc, n, max, what);
	}
	if (!text)
		return false;
	out->text = bt_xstrdup(text);
	out->icon = dup_or_null(icon);
	return true;
}

static void parse_roles(struct bt_parse_ctx *pc, const struct bt_node *scene, struct rp_cfg *c)
{
	const struct bt_node *rn = node_get(scene, "rollen");
	if (rn && rn->kind == BT_NODE_SEQ && rn->n != 2) {
		diags_add(pc->diags, pc->file, key_line(scene, "rollen"),
		          rn->n == 1
		              ? _("under 'rollen' there is %zu role; a role-play has exactly 2 "
		                  "roles, like  rollen: [Vriend, Weigeraar]")
		              : _("under 'rollen' there are %zu roles; a role-play has exactly "
		                  "2 roles, like  rollen: [Vriend, Weigeraar]"),
		          rn->n);
		pc->failed = true;
		return;
	}
	const struct bt_node *list = field_list(pc, scene, "rollen", 2, 2);
	int got = 0;
	for (size_t i = 0; list && i < 2; i++) {
		char what[48];
		snprintf(what, sizeof(what), _("role %zu under 'rollen'"), i + 1);
		got += parse_text_item(pc, list->items[i], "naam", role_fields, RP_ROLE_CHARS, what,
		                       &c->roles[i]);
	}
	if (got == 2 && strcmp(c->roles[0].text, c->roles[1].text) == 0) {
		diags_add(pc->diags, pc->file, list->items[1]->line,
		          _("both roles are called '%s'. Give each role a name of its own, like  "
		            "rollen: [Dealer, Weigeraar]"),
		          c->roles[0].text);
		pc->failed = true;
	}
	/* a pictogram for each role: the file's, or one that fits most role-plays */
	static const char *const role_icons[2] = {"praten", "kracht"};
	for (int i = 0; i < 2; i++)
		if (c->roles[i].text && !c->roles[i].icon)
			c->roles[i].icon = bt_xstrdup(role_icons[i]);
}

static void *rp_parse(struct bt_parse_ctx *pc, const struct bt_node *scene)
{
	bool before = pc->failed;
	pc->failed = false;
	struct rp_cfg *c = bt_xcalloc(1, sizeof(*c));
	const char *t = field_text(pc, scene, "titel", RP_TITLE_CHARS, false);
	c->title = bt_xstrdup(t ? t : _("Role-play"));
	c->scenario = dup_or_null(field_text(pc, scene, "scenario", RP_SCENARIO_CHARS, true));
	c->icon = dup_or_null(field_icon(pc, scene, "plaatje", true));
	parse_roles(pc, scene, c);
	parse_phases(pc, scene, c);
	const struct bt_node *steps = field_list(pc, scene, "stappen", 2, RP_STEPS_MAX);
	for (size_t i = 0; steps && i < steps->n; i++) {
		char what[48];
		snprintf(what, sizeof(what), _("step %zu under 'stappen'"), i + 1);
		if (parse_text_item(pc, steps->items[i], "tekst", step_fields, RP_STEP_CHARS, what,
		                    &c->steps[c->n_steps]))
			c->n_steps++;
	}
	bool failed = pc->failed;
	pc->failed = before || failed;
	if (failed) {
		rp_config_free(c);
		return NULL;
	}
	return c;
}

/* --- state and rules --- */

static void rp_clear(struct rp_state *s)
{
	*s = (struct rp_state){0};
}

static void *rp_state_create(const void *cfg)
{
	(void)cfg;
	return bt_xcalloc(1, sizeof(struct rp_state));
}

static void rp_state_destroy(void *st)
{
	free(st);
}

/* Where the phases stand at time t: which phase, when it began and when it ends.
 * phase is -1 before the start and n_ph when all phases are over. */
struct rp_pos {
	int phase;
	uint64_t start, end;
};

static struct rp_pos rp_at(const struct rp_state *s, const struct rp_cfg *c, uint32_t t)
{
	struct rp_pos p = {.phase = -1};
	if (!s->started)
		return p;
	uint64_t now = s->paused ? s->pause_ms : t;
	uint64_t start = s->phase_ms;
	if (now < start)
		now = start;
	int i = s->phase;
	uint64_t len = i < c->n_ph ? (uint64_t)c->ph[i].ms + s->extra_ms : 0;
	while (i < c->n_ph && now >= start + len) {
		start += len;
		i++;
		len = i < c->n_ph ? c->ph[i].ms : 0;
	}
	p.phase = i;
	p.start = start;
	p.end = start + len;
	return p;
}

static bool running_at(const struct rp_pos *p, const struct rp_cfg *c)
{
	return p->phase >= 0 && p->phase < c->n_ph;
}

/* Folds the phases that ended by themselves before t into the anchor, keeping their
 * end times for the chime. Changes nothing that can be seen: rp_at gives the same. */
static void settle(struct rp_state *s, const struct rp_cfg *c, uint32_t t)
{
	if (!s->started || s->paused)
		return;
	while (s->phase < c->n_ph) {
		uint64_t end = (uint64_t)s->phase_ms + c->ph[s->phase].ms + s->extra_ms;
		if ((uint64_t)t < end)
			break;
		if (s->n_ends < RP_PHASES_MAX)
			s->ends[s->n_ends++] = (uint32_t)end;
		s->phase++;
		s->phase_ms = (uint32_t)end;
		s->extra_ms = 0;
	}
}

/* True when the roles are swapped at phase `phase`: an odd number of "wisselen"
 * phases has begun. */
static bool swapped_at(const struct rp_cfg *c, int phase)
{
	bool sw = false;
	for (int i = 0; i <= phase && i < c->n_ph; i++)
		sw ^= c->ph[i].kind == RP_SWAP;
	return sw;
}

/* The seat that plays role r at phase `phase` (0: open). */
static int player(const struct rp_state *s, const struct rp_cfg *c, int phase, int r)
{
	return s->role[swapped_at(c, phase) ? 1 - r : r];
}

static int role_of(const struct rp_state *s, int seat)
{
	if (seat <= 0)
		return -1;
	return s->role[0] == seat ? 0 : s->role[1] == seat ? 1 : -1;
}

static bool roles_full(const struct rp_state *s)
{
	return s->role[0] && s->role[1];
}

/* Moves the trainer's highlight to the next (dir 1) or previous (dir -1) present
 * seat, round the room. */
static bool move_pick(struct rp_state *s, const struct bt_seats *seats, int dir)
{
	const int m = BT_MAX_SEATS + 1;
	int start = seats_present(seats, s->pick) ? s->pick : (dir > 0 ? 0 : m);
	for (int k = 1; k <= m; k++) {
		int seat = ((start + dir * k) % m + m) % m;
		if (seat >= 1 && seats_present(seats, seat)) {
			if (seat == s->pick)
				return false;
			s->pick = seat;
			return true;
		}
	}
	return false;
}

static uint32_t lcg(uint32_t *x)
{
	*x = *x * 1664525u + 1013904223u;
	return *x >> 8;
}

/* K: "kies voor mij". Fills the open role from the present seats; with both roles
 * open or both given it draws both again. Seeded by the event's time and who is
 * present, so a replay draws the same. */
static bool draw_roles(struct rp_state *s, const struct bt_seats *seats, uint32_t t)
{
	int cand[BT_MAX_SEATS], n = 0;
	uint32_t mask = 0;
	for (int i = 1; i <= BT_MAX_SEATS; i++)
		if (seats_present(seats, i)) {
			cand[n++] = i;
			mask |= 1u << i;
		}
	if (n < 2)
		return false;
	uint32_t x = t * 2654435761u ^ mask * 2246822519u ^ 0x9E3779B9u;
	lcg(&x);
	uint8_t old[2] = {s->role[0], s->role[1]};
	bool one_open = (s->role[0] != 0) != (s->role[1] != 0);
	for (int tries = 0; tries < 8; tries++) {
		if (one_open) {
			int keep = s->role[0] ? 0 : 1;
			int pool[BT_MAX_SEATS] = {0}, m = 0;
			for (int i = 0; i < n; i++)
				if (cand[i] != s->role[keep])
					pool[m++] = cand[i];
			s->role[1 - keep] = (uint8_t)pool[lcg(&x) % (uint32_t)m];
			break;
		}
		int a = (int)(lcg(&x) % (uint32_t)n);
		int b = (int)(lcg(&x) % (uint32_t)(n - 1));
		if (b >= a)
			b++;
		s->role[0] = (uint8_t)cand[a];
		s->role[1] = (uint8_t)cand[b];
		/* a new draw: try for another pair than the one that stood */
		if (s->role[0] != old[0] || s->role[1] != old[1])
			break;
	}
	s->pick = 0;
	return true;
}

/* Enter before the start: give the highlighted seat the next open role, take a
 * role back from it, or start when both roles are given. */
static bool enter_setup(struct rp_state *s, const struct bt_scene_ctx *ctx)
{
	bool picked = s->pick && seats_present(ctx->seats, s->pick);
	int r = role_of(s, s->pick);
	if (picked && r >= 0) {
		s->role[r] = 0;
		return true;
	}
	if (picked && !roles_full(s)) {
		s->role[s->role[0] ? 1 : 0] = (uint8_t)s->pick;
		s->pick = 0;
		return true;
	}
	if (roles_full(s)) {
		s->started = true;
		s->phase = 0;
		s->phase_ms = ctx->now_ms;
		s->extra_ms = 0;
		s->paused = false;
		s->n_ends = 0;
		s->pick = 0;
		return true;
	}
	/* no highlight yet: first show who would get the role */
	for (int i = 1; i <= BT_MAX_SEATS; i++)
		if (seats_present(ctx->seats, i) && role_of(s, i) < 0) {
			s->pick = i;
			return true;
		}
	return false;
}

static bool toggle_pause(struct rp_state *s, const struct rp_cfg *c, uint32_t t)
{
	if (s->paused) {
		uint32_t held = t > s->pause_ms ? t - s->pause_ms : 0;
		s->phase_ms += held;
		s->paused = false;
		return true;
	}
	settle(s, c, t);
	if (s->phase >= c->n_ph)
		return false;
	s->paused = true;
	s->pause_ms = t;
	return true;
}

static bool extend(struct rp_state *s, const struct rp_cfg *c, uint32_t t)
{
	settle(s, c, t);
	if (s->phase >= c->n_ph ||
	    c->ph[s->phase].ms + s->extra_ms + RP_EXTEND_MS > RP_PHASE_MAX_MS)
		return false;
	s->extra_ms += RP_EXTEND_MS;
	return true;
}

/* The trainer ends the phase now; no chime, the trainer did it on purpose. */
static bool skip(struct rp_state *s, const struct rp_cfg *c, uint32_t t)
{
	settle(s, c, t);
	if (s->phase >= c->n_ph)
		return false;
	s->phase++;
	s->phase_ms = s->paused ? s->pause_ms : t;
	s->extra_ms = 0;
	if (s->phase >= c->n_ph)
		s->paused = false;
	return true;
}

static bool thumb(struct rp_state *s, const struct rp_cfg *c, const struct bt_scene_ctx *ctx,
                  int seat)
{
	settle(s, c, ctx->now_ms);
	struct rp_pos p = rp_at(s, c, ctx->now_ms);
	if (!running_at(&p, c) || c->ph[p.phase].kind != RP_TALK)
		return false;
	if (!seats_present(ctx->seats, seat) || role_of(s, seat) >= 0)
		return false; /* only watchers give a thumb; players get them */
	s->thumbs++;
	int slot = s->n_claps < RP_CLAPS_KEPT ? s->n_claps++ : (s->thumbs - 1) % RP_CLAPS_KEPT;
	s->claps[slot] = (struct rp_clap){ctx->now_ms, s->thumbs - 1};
	return true;
}

static bool rp_handle(void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                      const struct bt_event *ev)
{
	struct rp_state *s = st;
	const struct rp_cfg *c = cfgp;
	uint32_t t = ctx->now_ms;
	if (ev->type == BT_EV_SEAT) {
		if ((ev->key != BT_SK_DIGIT && ev->key != BT_SK_ENTER) || !s->started)
			return false;
		return thumb(s, c, ctx, ev->seat);
	}
	if (ev->type != BT_EV_TRAINER)
		return false;
	if (ev->key == BT_TK_RESET) {
		bool changed = s->started || s->role[0] || s->role[1] || s->pick || s->thumbs;
		rp_clear(s);
		return changed;
	}
	if (!s->started) {
		switch (ev->key) {
		case BT_TK_UP:
			return move_pick(s, ctx->seats, -1);
		case BT_TK_DOWN:
			return move_pick(s, ctx->seats, 1);
		case BT_TK_ENTER:
			return enter_setup(s, ctx);
		case BT_TK_LETTER_K:
			return draw_roles(s, ctx->seats, t);
		default:
			return false;
		}
	}
	settle(s, c, t);
	bool done = rp_at(s, c, t).phase >= c->n_ph;
	switch (ev->key) {
	case BT_TK_ENTER:
		if (!done)
			return false;
		rp_clear(s); /* all phases over: a new pair */
		return true;
	case BT_TK_LETTER_P:
		return !done && toggle_pause(s, c, t);
	case BT_TK_UP:
		return !done && extend(s, c, t);
	case BT_TK_DOWN:
		return !done && skip(s, c, t);
	default:
		return false;
	}
}

/* --- time: chime, wake-ups --- */

static bool rp_chime_due(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                         uint32_t from_ms, uint32_t to_ms)
{
	(void)ctx;
	const struct rp_state *s = st;
	const struct rp_cfg *c = cfgp;
	for (int i = 0; i < s->n_ends; i++)
		if (s->ends[i] > from_ms && s->ends[i] <= to_ms)
			return true;
	if (!s->started || s->paused)
		return false;
	uint64_t end = s->phase_ms;
	for (int i = s->phase; i < c->n_ph && end <= to_ms; i++) {
		end += c->ph[i].ms + (i == s->phase ? s->extra_ms : 0);
		if (end > from_ms && end <= to_ms)
			return true;
	}
	return false;
}

/* Milliseconds since press i, or -1 when its animation is over. */
static int clap_age(const struct rp_state *s, int i, uint32_t now)
{
	int64_t a = (int64_t)now - (int64_t)s->claps[i].ms;
	return a >= 0 && a < RP_CLAP_MS ? (int)a : -1;
}

static bool clapping(const struct rp_state *s, uint32_t now)
{
	for (int i = 0; i < s->n_claps; i++)
		if (clap_age(s, i, now) >= 0)
			return true;
	return false;
}

static int rp_next_wakeup(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx)
{
	const struct rp_state *s = st;
	const struct rp_cfg *c = cfgp;
	int next = clapping(s, ctx->now_ms) ? RP_FRAME_MS : -1;
	struct rp_pos p = rp_at(s, c, ctx->now_ms);
	if (running_at(&p, c) && !s->paused) {
		/* the countdown shows whole seconds: wake when the next one starts */
		uint64_t left = p.end - ctx->now_ms;
		int w = (int)(left % 1000 ? left % 1000 : 1000);
		if (next < 0 || w < next)
			next = w;
	}
	return next;
}

/* Whole seconds left in the phase (rounded up, as the countdown shows them). */
static int seconds_left(const struct rp_state *s, const struct rp_pos *p, uint32_t now)
{
	uint64_t at = s->paused ? s->pause_ms : now;
	if (at < p->start)
		at = p->start;
	return (int)((p->end - at + 999) / 1000);
}

static const char *rp_hint(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx)
{
	const struct rp_state *s = st;
	const struct rp_cfg *c = cfgp;
	if (!s->started) {
		if (seats_count(ctx->seats) < 2)
			return _("Needs 2 people first");
		int r = role_of(s, s->pick);
		if (s->pick && r >= 0)
			return _("Enter: take the role back · K: choose for me");
		if (roles_full(s))
			return _("Enter: start · K: choose for me");
		if (s->pick)
			return _("Enter: give a role · K: choose for me");
		return _("Arrow: choose a seat · K: choose for me");
	}
	if (rp_at(s, c, ctx->now_ms).phase >= c->n_ph)
		return _("Done · Enter: new pair");
	return s->paused ? _("P: carry on · Up +30 s · Down: next")
	                 : _("P: pause · Up +30 s · Down: next");
}

/* --- view --- */

static const struct bt_color RP_GLOW = {0xFF, 0xC8, 0x3D, 255}; /* warm light, alpha varies */
static const struct bt_color RP_SLOT = {0xEE, 0xE8, 0xD5, 255}; /* an open role's place */

static struct bt_box centred(float x, float y, float size)
{
	return box_make(x - size / 2, y - size / 2, size, size);
}

/* Lines a text needs in a box of that width: a word wrap with an average letter
 * width a little above Atkinson Hyperlegible's (regular 0.46, bold 0.50 of px). */
static int est_lines(const char *t, float width, float px, bool bold)
{
	float cw = px * (bold ? 0.52f : 0.48f), sp = px * 0.3f;
	int lines = 1;
	float x = 0;
	const char *p = t;
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		int chars = 0;
		while (*p && *p != ' ') {
			if (((unsigned char)*p & 0xC0) != 0x80)
				chars++;
			p++;
		}
		float w = (float)chars * cw;
		if (x > 0 && x + sp + w > width) {
			lines++;
			x = w;
		} else {
			x += (x > 0 ? sp : 0) + w;
		}
	}
	return lines;
}

static struct bt_item *text(struct bt_view *v, struct bt_box b, const char *t, float px,
                            struct bt_color bg, enum bt_align align, bool bold)
{
	struct bt_item *it = view_text(v, b, t, px, BT_C_TEXT, bg, align, BT_ROLE_PARTICIPANT);
	it->bold = bold;
	it->valign_center = true;
	return it;
}

/* A seat's avatar, or an open place with a question mark. */
static void seat_or_slot(struct bt_view *v, struct bt_box b, int seat, unsigned flags)
{
	if (seat) {
		view_avatar(v, b, seat, flags);
		return;
	}
	view_ellipse(v, b, RP_SLOT);
	text(v, box_inset(b, b.w * 0.15f), "?", b.h * 0.5f, RP_SLOT, BT_ALIGN_CENTER, true);
}

static void pick_mark(struct bt_view *v, struct bt_box avatar, float u)
{
	view_rect(v, box_inset(avatar, -10 * u), BT_C_ACCENT, 26 * u);
}

static unsigned seat_flags(const struct bt_scene_ctx *ctx, int seat)
{
	return seat && seat == ctx->active_seat ? BT_AVATAR_ACTIVE : 0;
}

/* The smooth bump of one press: 0 at the press, 1 halfway, 0 after RP_CLAP_MS. */
static float bump(int age)
{
	return sinf(RP_PI * (float)age / RP_CLAP_MS);
}

/* Applause around a player's avatar: a warm glow that swells with the presses (the
 * sum of smooth bumps, so fast presses never flash) and a star per press that rises
 * beside the avatar and fades away by shrinking. right: room for stars on the right. */
static void applause(struct bt_view *v, const struct rp_state *s, int which, struct bt_box av,
                     uint32_t now, float u, bool glow_only, float right)
{
	float glow = 0;
	for (int i = 0; i < s->n_claps; i++) {
		int a = clap_age(s, i, now);
		if (a >= 0)
			glow += bump(a);
	}
	if (glow <= 0)
		return;
	if (glow_only) {
		glow = fminf(glow, 1.5f) / 1.5f;
		struct bt_color g = RP_GLOW;
		g.a = (uint8_t)(70 + 110 * glow);
		view_ellipse(v, box_inset(av, -(4 * u + 12 * u * glow)), g);
		return;
	}
	for (int i = 0; i < s->n_claps; i++) {
		int a = clap_age(s, i, now);
		if (a < 0 || s->claps[i].k % 2 != which)
			continue;
		int k = s->claps[i].k / 2;
		float f = (float)a / RP_CLAP_MS;
		/* left or right of the avatar, rising, with a slight sway */
		bool left = (k % 2) == 0 || right < 36 * u;
		float room = left ? 40 * u : right;
		float size = fminf(64 * u, room + 24 * u) * bump(a);
		float side = av.w * 0.5f + room * 0.5f + 4 * u * (float)((k * 7) % 3);
		float cx = av.x + av.w / 2 + (left ? -side : side) + 6 * u * sinf(2 * RP_PI * f);
		float cy = av.y + av.h * (0.85f - 0.7f * f);
		if (size > 2 * u)
			view_icon(v, centred(cx, cy, size), "ster");
	}
}

/* Where the role card puts its parts. */
struct role_geo {
	struct bt_box card, avatar, name, icon;
	float right; /* free room right of the avatar (stars) */
};

/* Width of the longest word of a bold text: what its box must hold at least. */
static float word_need(const char *t, float px)
{
	int best = 0, cur = 0;
	for (const char *p = t;; p++) {
		if (!*p || *p == ' ') {
			best = cur > best ? cur : best;
			cur = 0;
			if (!*p)
				break;
		} else if (((unsigned char)*p & 0xC0) != 0x80) {
			cur++;
		}
	}
	return (float)best * px * 0.52f;
}

/* A role: its pictogram and name, and the avatar of who plays it. While choosing
 * the avatar sits at the right; while playing at the left, with room for stars. */
static struct role_geo role_geo(struct bt_box card, float u, float avatar, bool playing,
                                const char *name)
{
	struct role_geo g = {.card = card};
	float pad = 20 * u, px = BT_PX_BODY * u;
	float lroom = playing ? 40 * u : 0;
	float ay = card.y + (card.h - avatar) / 2;
	float ax = playing ? card.x + pad + lroom : card.x + card.w - pad - avatar;
	g.avatar = box_make(ax, ay, avatar, avatar);
	float x0 = playing ? ax + avatar + pad : card.x + pad;
	float x1 = playing ? card.x + card.w - pad : ax - 2 * pad;
	float need = fmaxf(word_need(name, px), 0);
	if (playing) {
		/* room for stars right of the avatar, as far as the name allows */
		g.right = fminf(fmaxf(x1 - x0 - need, 0) / 2, 40 * u);
		x0 += g.right;
	}
	float ib = fminf(90 * u, card.h - 2 * pad);
	float whole = (float)bt_utf8_chars(name) * px * 0.52f;
	if (x1 - x0 - ib - pad >= whole) { /* the pictogram only when the name fits on a line */
		g.icon = box_make(x0, card.y + (card.h - ib) / 2, ib, ib);
		x0 += ib + pad;
	}
	g.name = box_make(x0, card.y + pad, fmaxf(x1 - x0, 10 * u), card.h - 2 * pad);
	return g;
}

static void role_card(struct bt_view *v, const struct role_geo *g, const struct rp_text *role,
                      int seat, unsigned flags, bool picked, float u)
{
	view_rect(v, g->card, BT_C_PANEL, 26 * u);
	if (g->icon.w > 0)
		view_icon(v, g->icon, role->icon);
	text(v, g->name, role->text, BT_PX_BODY * u, BT_C_PANEL, BT_ALIGN_LEFT, true);
	if (picked)
		pick_mark(v, g->avatar, u);
	seat_or_slot(v, g->avatar, seat, flags);
}

static float scenario_height(const struct rp_cfg *c, float w, float u, bool *bold)
{
	float tw = w - 2 * 24 * u - 110 * u - 24 * u;
	int lines = est_lines(c->scenario, tw, BT_PX_BODY * u, *bold);
	float h = (float)lines * 75 * u + 48 * u;
	return fmaxf(h, 130 * u);
}

static void scenario_card(struct bt_view *v, struct bt_box b, const struct rp_cfg *c, bool bold,
                          float u)
{
	view_rect(v, b, BT_C_PANEL, 26 * u);
	float ib = fminf(110 * u, b.h - 32 * u);
	view_icon(v, box_make(b.x + 24 * u, b.y + (b.h - ib) / 2, ib, ib), c->icon);
	float x = b.x + 24 * u + 110 * u + 24 * u;
	text(v, box_make(x, b.y + 16 * u, b.x + b.w - 24 * u - x, b.h - 32 * u), c->scenario,
	     BT_PX_BODY * u, BT_C_PANEL, BT_ALIGN_LEFT, bold);
}

/* Before the start: the scenario, the two roles with who plays them, and the
 * watchers. */
static void setup_view(struct bt_view *v, const struct rp_state *s, const struct rp_cfg *c,
                       const struct bt_scene_ctx *ctx, const struct bt_layout *L)
{
	float u = L->u, gap = 24 * u;
	layout_header(v, L, "rollenspel", c->title);
	struct bt_box area =
	    box_make(L->m, L->content.y, L->W - 2 * L->m, L->footer.y - 16 * u - L->content.y);
	/* the watchers' column: four avatars wide on a wide screen, three on 4:3 */
	int cols = area.w >= 1600 * u ? 4 : 3;
	float cell = 150 * u, cg = 14 * u;
	float ww = (float)cols * cell + (float)(cols - 1) * cg + 48 * u;
	struct bt_box left = box_make(area.x, area.y, area.w - ww - gap, area.h);
	struct bt_box right = box_make(left.x + left.w + gap, area.y, ww, area.h);

	/* scenario in bold when it leaves the roles their room, else regular */
	float role_min = 180 * u, rg = 16 * u;
	bool bold = true;
	float sh = scenario_height(c, left.w, u, &bold);
	if (left.h - sh - 2 * rg < 2 * role_min) {
		bold = false;
		sh = scenario_height(c, left.w, u, &bold);
	}
	float rh = fminf((left.h - sh - 2 * rg) / 2, 240 * u);
	if (rh < role_min) {
		rh = role_min;
		sh = left.h - 2 * rh - 2 * rg;
	}
	float top = left.y + (left.h - (sh + 2 * rh + 2 * rg)) / 2;
	scenario_card(v, box_make(left.x, top, left.w, sh), c, bold, u);
	float av = fminf(rh - 40 * u, 170 * u);
	for (int r = 0; r < 2; r++) {
		struct bt_box card =
		    box_make(left.x, top + sh + rg + (float)r * (rh + rg), left.w, rh);
		struct role_geo g = role_geo(card, u, av, false, c->roles[r].text);
		int seat = s->role[r];
		role_card(v, &g, &c->roles[r], seat, seat_flags(ctx, seat), seat && seat == s->pick,
		          u);
	}

	/* the watchers: everyone present without a role */
	view_rect(v, right, BT_C_PANEL, 26 * u);
	float hb = 80 * u, pad = 24 * u;
	view_icon(v, box_make(right.x + pad, right.y + pad, hb, hb), "kijken");
	text(v,
	     box_make(right.x + pad + hb + 16 * u, right.y + pad, right.w - 2 * pad - hb - 16 * u,
	              hb),
	     _("Watchers"), BT_PX_BODY * u, BT_C_PANEL, BT_ALIGN_LEFT, true);
	int w[BT_MAX_SEATS], n = 0;
	for (int i = 1; i <= BT_MAX_SEATS; i++)
		if (seats_present(ctx->seats, i) && role_of(s, i) < 0)
			w[n++] = i;
	struct bt_box grid = box_make(right.x + pad, right.y + pad + hb + 16 * u, right.w - 2 * pad,
	                              right.h - 2 * pad - hb - 16 * u);
	if (n == 0) {
		const char *msg =
		    seats_count(ctx->seats) == 0 ? _("Press a key to join") : _("Nobody yet");
		text(v, grid, msg, BT_PX_BODY * u, BT_C_PANEL, BT_ALIGN_CENTER, false);
		return;
	}
	struct bt_box cells[BT_MAX_SEATS];
	float size = layout_grid(grid, n, cg, 170 * u, cells);
	if (size < BT_AVATAR_MIN * u - 0.5f) {
		/* more watchers than fit: keep them readable, as many as there is room for */
		int per_row = (int)((grid.w + cg) / (BT_AVATAR_MIN * u + cg));
		int rows = (int)((grid.h + cg) / (BT_AVATAR_MIN * u + cg));
		n = n < per_row * rows ? n : per_row * rows;
		size = layout_grid(grid, n, cg, BT_AVATAR_MIN * u, cells);
	}
	for (int i = 0; i < n; i++) {
		if (w[i] == s->pick)
			pick_mark(v, cells[i], u);
		view_avatar(v, cells[i], w[i], seat_flags(ctx, w[i]));
	}
}

/* The title band while the phases run: phase pictogram and name, a dot per phase,
 * and the countdown big at the right. */
static void phase_header(struct bt_view *v, const struct bt_layout *L, const struct rp_cfg *c,
                         const struct rp_state *s, const struct rp_pos *p, uint32_t now)
{
	float u = L->u;
	view_rect(v, L->header, BT_C_ACCENT, 0);
	const struct rp_phase *ph = &c->ph[p->phase];
	float ib = 136 * u;
	struct bt_box ibox = box_make(L->m, (L->header.h - ib) / 2, ib, ib);
	view_rect(v, ibox, BT_C_WHITE, 28 * u);
	view_icon(v, box_inset(ibox, 14 * u), kind_icons[ph->kind]);

	/* the name, and the countdown (mm:ss) as big as the name leaves room for */
	float tx = ibox.x + ib + 36 * u;
	float right = L->W - L->m - v->header_reserve;
	float pw = s->paused ? ib + 24 * u : 0;
	char name[64];
	if (s->paused)
		snprintf(name, sizeof(name), _("%s: paused"), ph->name);
	else
		snprintf(name, sizeof(name), "%s", ph->name);
	float need = (float)bt_utf8_chars(name) * BT_PX_TITLE * u * 0.52f;
	if (s->paused && right - tx - 24 * u - pw - 250 * u < need) {
		snprintf(name, sizeof(name), "%s", _("Paused"));
		need = (float)bt_utf8_chars(name) * BT_PX_TITLE * u * 0.52f;
	}
	float cw = fminf(fmaxf(right - tx - 24 * u - pw - need, 250 * u), 380 * u);
	int left = seconds_left(s, p, now);
	char clock[16];
	snprintf(clock, sizeof(clock), "%02d:%02d", left / 60, left % 60);
	struct bt_box cb = box_make(right - cw, 0, cw, L->header.h);
	struct bt_item *t = view_text(v, cb, clock, 130 * u * cw / (380 * u), BT_C_ONACCENT,
	                              BT_C_ACCENT, BT_ALIGN_RIGHT, BT_ROLE_PARTICIPANT);
	t->bold = true;
	t->valign_center = true;
	float name_end = cb.x - 24 * u;
	if (s->paused) {
		/* paused: a cup beside the clock (the clock stands still) */
		struct bt_box pb = box_make(cb.x - 24 * u - ib, ibox.y, ib, ib);
		view_rect(v, pb, BT_C_WHITE, 28 * u);
		view_icon(v, box_inset(pb, 14 * u), "pauze");
		name_end = pb.x - 24 * u;
	}
	t = view_text(v, box_make(tx, 12 * u, fmaxf(name_end - tx, 40 * u), 96 * u), name,
	              BT_PX_TITLE * u, BT_C_ONACCENT, BT_C_ACCENT, BT_ALIGN_LEFT,
	              BT_ROLE_PARTICIPANT);
	t->bold = true;
	t->valign_center = true;

	/* a dot per phase: done ones full, this one big, the ones to come as rings */
	float d = 26 * u, dg = 18 * u, y = 124 * u;
	float x = tx;
	for (int i = 0; i < c->n_ph; i++) {
		float sz = i == p->phase ? d * 1.4f : d;
		struct bt_box b = box_make(x, y + (d - sz) / 2, sz, sz);
		view_ellipse(v, b, BT_C_WHITE);
		if (i > p->phase)
			view_ellipse(v, box_inset(b, 5 * u), BT_C_ACCENT);
		x += sz + dg;
	}
	(void)now;
}

/* Step cue cards: number, pictogram, text, one row each. Returns the height used. */
static float steps_need(const struct rp_cfg *c, float w, float u, float *rows)
{
	float tw = w - 24 * u - 80 * u - 20 * u - 80 * u - 20 * u - 24 * u;
	float total = 0;
	for (int i = 0; i < c->n_steps; i++) {
		int lines = est_lines(c->steps[i].text, tw, BT_PX_BODY * u, false);
		rows[i] = fmaxf((float)lines * 75 * u + 12 * u, 88 * u);
		total += rows[i];
	}
	return total + (float)(c->n_steps - 1) * 8 * u;
}

static void steps_view(struct bt_view *v, struct bt_box area, const struct rp_cfg *c, float u)
{
	float rows[RP_STEPS_MAX], rg = 8 * u;
	float need = steps_need(c, area.w, u, rows);
	/* more room than needed: taller rows, up to a comfortable size, centred */
	float extra = (area.h - need) / (float)c->n_steps;
	if (extra < 0) {
		/* too little room: equal rows; the text gets a little smaller */
		for (int i = 0; i < c->n_steps; i++)
			rows[i] = (area.h - rg * (float)(c->n_steps - 1)) / (float)c->n_steps;
		extra = 0;
	}
	float total = 0;
	for (int i = 0; i < c->n_steps; i++) {
		rows[i] = fminf(rows[i] + extra, fmaxf(rows[i], 120 * u));
		total += rows[i];
	}
	total += rg * (float)(c->n_steps - 1);
	float y = area.y + fmaxf((area.h - total) / 2, 0);
	for (int i = 0; i < c->n_steps; i++) {
		struct bt_box row = box_make(area.x, y, area.w, rows[i]);
		view_rect(v, row, BT_C_PANEL, 20 * u);
		/* the number in a round badge, as big as the text */
		float bd = fminf(80 * u, row.h - 8 * u);
		struct bt_box bb = box_make(row.x + 24 * u, row.y + (row.h - bd) / 2, bd, bd);
		view_ellipse(v, bb, BT_C_ACCENT);
		char nr[12];
		snprintf(nr, sizeof(nr), "%d", i + 1);
		struct bt_item *it =
		    view_text(v, box_inset(bb, -4 * u), nr, BT_PX_BODY * u, BT_C_ONACCENT,
		              BT_C_ACCENT, BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT);
		it->bold = true;
		it->valign_center = true;
		float x = row.x + 24 * u + 80 * u + 20 * u;
		float ib = fminf(80 * u, row.h - 12 * u);
		if (c->steps[i].icon)
			view_icon(v, box_make(x, row.y + (row.h - ib) / 2, ib, ib),
			          c->steps[i].icon);
		x += 80 * u + 20 * u;
		text(v, box_make(x, row.y + 4 * u, row.x + row.w - 24 * u - x, row.h - 8 * u),
		     c->steps[i].text, BT_PX_BODY * u, BT_C_PANEL, BT_ALIGN_LEFT, false);
		y += rows[i] + rg;
	}
}

/* The count of thumbs beside the thumb, which swells gently while someone claps.
 * Never who. */
static void thumbs_box(struct bt_view *v, struct bt_box b, const struct rp_state *s, uint32_t now,
                       float u)
{
	view_rect(v, b, BT_C_PANEL, 26 * u);
	float swell = 0;
	for (int i = 0; i < s->n_claps; i++) {
		int a = clap_age(s, i, now);
		if (a >= 0)
			swell = fmaxf(swell, bump(a));
	}
	float pad = 16 * u, ib = 84 * u;
	float sz = ib * (0.9f + 0.2f * swell);
	view_icon(v, centred(b.x + pad + ib / 2, b.y + b.h / 2, sz), "duim");
	char n[16];
	snprintf(n, sizeof(n), "%d", s->thumbs > 999 ? 999 : s->thumbs);
	float tx = b.x + pad + ib + 8 * u;
	text(v, box_make(tx, b.y + pad, b.x + b.w - pad - tx, b.h - 2 * pad), n, BT_PX_TITLE * u,
	     BT_C_PANEL, BT_ALIGN_CENTER, true);
}

#define RP_THUMBS_W 240.0f

/* The players side by side (the "wisselen" pictogram between them while they swap),
 * with applause and the thumbs when the feedback is on or over. */
static void players_row(struct bt_view *v, struct bt_box row, const struct rp_state *s,
                        const struct rp_cfg *c, const struct bt_scene_ctx *ctx, int phase,
                        bool feedback, float u)
{
	float gap = 16 * u;
	float tb = feedback ? RP_THUMBS_W * u : 0;
	bool swap = phase < c->n_ph && c->ph[phase].kind == RP_SWAP;
	float mid = swap ? 120 * u : gap;
	float cw = (row.w - tb - (tb > 0 ? gap : 0) - mid) / 2;
	float av = fminf(row.h - 40 * u, 170 * u);
	for (int r = 0; r < 2; r++) {
		struct bt_box card = box_make(row.x + (float)r * (cw + mid), row.y, cw, row.h);
		struct role_geo g = role_geo(card, u, av, true, c->roles[r].text);
		int seat = player(s, c, phase, r);
		view_rect(v, g.card, BT_C_PANEL, 26 * u);
		if (feedback)
			applause(v, s, r, g.avatar, ctx->now_ms, u, true, g.right);
		if (g.icon.w > 0)
			view_icon(v, g.icon, c->roles[r].icon);
		text(v, g.name, c->roles[r].text, BT_PX_BODY * u, BT_C_PANEL, BT_ALIGN_LEFT, true);
		view_avatar(v, g.avatar, seat, seat_flags(ctx, seat));
		if (feedback)
			applause(v, s, r, g.avatar, ctx->now_ms, u, false, g.right);
	}
	if (swap) {
		float ib = fminf(100 * u, row.h);
		view_icon(v, centred(row.x + cw + mid / 2, row.y + row.h / 2, ib), "wisselen");
	}
	if (tb > 0)
		thumbs_box(v, box_make(row.x + row.w - tb, row.y, tb, row.h), s, ctx->now_ms, u);
}

static void run_view(struct bt_view *v, const struct rp_state *s, const struct rp_cfg *c,
                     const struct bt_scene_ctx *ctx, const struct bt_layout *L,
                     const struct rp_pos *p)
{
	float u = L->u, gap = 16 * u;
	phase_header(v, L, c, s, p, ctx->now_ms);
	struct bt_box area =
	    box_make(L->m, L->content.y, L->W - 2 * L->m, L->footer.y - 16 * u - L->content.y);
	bool talk = c->ph[p->phase].kind == RP_TALK;
	float th = 190 * u;
	players_row(v, box_make(area.x, area.y, area.w, th), s, c, ctx, p->phase, talk, u);
	struct bt_box rest = box_make(area.x, area.y + th + gap, area.w, area.h - th - gap);

	float rows[RP_STEPS_MAX];
	float need = steps_need(c, rest.w, u, rows);
	/* what else fits beside the steps: in the feedback the call to the watchers,
	 * otherwise the scenario as a reminder */
	if (talk && rest.h - need >= 92 * u) {
		struct bt_box line = box_make(rest.x, rest.y, rest.w, 84 * u);
		float ib = 76 * u;
		view_icon(v, box_make(line.x + 24 * u, line.y + (line.h - ib) / 2, ib, ib),
		          "toetsen");
		text(v,
		     box_make(line.x + 24 * u + ib + 20 * u, line.y, line.w - ib - 68 * u, line.h),
		     _("Watchers: press a key to give a thumb"), BT_PX_BODY * u, BT_C_BG,
		     BT_ALIGN_LEFT, false);
		rest.y += 92 * u;
		rest.h -= 92 * u;
	} else if (!talk) {
		bool bold = false;
		float sh = scenario_height(c, rest.w, u, &bold);
		if (rest.h - need >= sh + gap) {
			scenario_card(v, box_make(rest.x, rest.y, rest.w, sh), c, bold, u);
			rest.y += sh + gap;
			rest.h -= sh + gap;
		}
	}
	steps_view(v, rest, c, u);
}

/* All phases over: the players, their thumbs and a word of praise. */
static void done_view(struct bt_view *v, const struct rp_state *s, const struct rp_cfg *c,
                      const struct bt_scene_ctx *ctx, const struct bt_layout *L)
{
	float u = L->u, gap = 24 * u;
	layout_header(v, L, "applaus", _("Well done!"));
	struct bt_box area =
	    box_make(L->m, L->content.y, L->W - 2 * L->m, L->footer.y - 16 * u - L->content.y);
	float th = 190 * u;
	players_row(v, box_make(area.x, area.y, area.w, th), s, c, ctx, c->n_ph, true, u);
	float ib = 220 * u, th2 = 100 * u;
	float block = ib + gap + th2;
	float y = area.y + th + (area.h - th - block) / 2;
	view_icon(v, box_make(area.x + (area.w - ib) / 2, y, ib, ib), "feest");
	text(v, box_make(area.x, y + ib + gap, area.w, th2), _("You all practised well."),
	     BT_PX_TITLE * u, BT_C_BG, BT_ALIGN_CENTER, true);
}

static void rp_view(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx,
                    struct bt_view *v)
{
	const struct rp_state *s = st;
	const struct rp_cfg *c = cfgp;
	struct bt_layout L = layout_make(v);
	struct rp_pos p = rp_at(s, c, ctx->now_ms);
	if (p.phase < 0)
		setup_view(v, s, c, ctx, &L);
	else if (p.phase < c->n_ph)
		run_view(v, s, c, ctx, &L, &p);
	else
		done_view(v, s, c, ctx, &L);
}

static void rp_dump(const void *st, const void *cfgp, const struct bt_scene_ctx *ctx, json_t *obj)
{
	const struct rp_state *s = st;
	const struct rp_cfg *c = cfgp;
	struct rp_pos p = rp_at(s, c, ctx->now_ms);
	int phase = p.phase < 0 ? 0 : p.phase;
	json_t *roles = json_array();
	for (int r = 0; r < 2; r++)
		json_array_append_new(roles, json_integer(player(s, c, phase, r)));
	json_t *watchers = json_array();
	for (int i = 1; i <= BT_MAX_SEATS; i++)
		if (seats_present(ctx->seats, i) && role_of(s, i) < 0)
			json_array_append_new(watchers, json_integer(i));
	json_object_set_new(obj, "role_names",
	                    json_pack("[ss]", c->roles[0].text, c->roles[1].text));
	json_object_set_new(obj, "roles", roles);
	json_object_set_new(obj, "watchers", watchers);
	json_object_set_new(obj, "pick", json_integer(s->pick));
	json_object_set_new(obj, "started", json_boolean(s->started));
	json_object_set_new(obj, "phase", json_integer(p.phase));
	json_object_set_new(obj, "phase_name",
	                    json_string(running_at(&p, c) ? c->ph[p.phase].name : ""));
	json_object_set_new(obj, "finished", json_boolean(p.phase >= c->n_ph));
	json_object_set_new(obj, "swapped", json_boolean(p.phase >= 0 && swapped_at(c, p.phase)));
	json_object_set_new(obj, "remaining",
	                    json_integer(running_at(&p, c) ? seconds_left(s, &p, ctx->now_ms) : 0));
	json_object_set_new(obj, "paused", json_boolean(s->paused));
	json_object_set_new(obj, "thumbs", json_integer(s->thumbs));
}

static const char *roleplay_label(const void *cfg)
{
	return ((const struct rp_cfg *)cfg)->title;
}

const struct bt_scene_type bt_scene_type_roleplay = {
    .name = "roleplay",
    .label = roleplay_label,
    .fields = rp_fields,
    .parse = rp_parse,
    .config_free = rp_config_free,
    .state_create = rp_state_create,
    .state_destroy = rp_state_destroy,
    .handle = rp_handle,
    .view = rp_view,
    .dump = rp_dump,
    .next_wakeup = rp_next_wakeup,
    .chime_due = rp_chime_due,
    .hint = rp_hint,
};
