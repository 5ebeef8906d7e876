#ifndef BT_VOTE_H
#define BT_VOTE_H

#include <stdbool.h>

#include "seats.h"

/* The voting rules every voting scene shares:
 * - the trainer opens the question (Enter); keys before that are ignored;
 * - a seat may change or undo its choice while the question is open;
 * - results are visible once every present seat has chosen, or after the trainer
 *   closes the question (Enter again), which also reveals;
 * - reset (R) clears every choice and opens the question again. */

enum bt_vote_phase { BT_VOTE_WAITING, BT_VOTE_OPEN, BT_VOTE_CLOSED };

struct bt_vote {
	enum bt_vote_phase phase;
	int n_options;                /* choices are 1..n_options */
	int choice[BT_MAX_SEATS + 1]; /* 0 = none */
};

void vote_init(struct bt_vote *v, int n_options);
/* Trainer Enter: waiting -> open; open -> closed (and so revealed). Returns changed. */
bool vote_enter(struct bt_vote *v);
bool vote_reset(struct bt_vote *v);
/* A seat chose (1..n_options) or undid (choice 0). Returns changed. */
bool vote_choose(struct bt_vote *v, int seat, int choice);
/* Digit and undo keys from a seat; out-of-range digits are ignored. */
bool vote_handle_seat(struct bt_vote *v, const struct bt_event *ev);

bool vote_has_voted(const struct bt_vote *v, int seat);
/* Number of present seats that have not chosen. */
int vote_missing(const struct bt_vote *v, const struct bt_seats *s);
/* True once everyone present chose, or the trainer closed the question. */
bool vote_revealed(const struct bt_vote *v, const struct bt_seats *s);
/* counts[1..n_options] of choices by present seats. */
void vote_tally(const struct bt_vote *v, const struct bt_seats *s, int counts[BT_MAX_SEATS + 1]);

#endif
