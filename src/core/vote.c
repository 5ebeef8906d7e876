#include "vote.h"

#include <string.h>

void vote_init(struct bt_vote *v, int n_options)
{
	memset(v, 0, sizeof(*v));
	v->n_options = n_options;
}

bool vote_enter(struct bt_vote *v)
{
	switch (v->phase) {
	case BT_VOTE_WAITING:
		v->phase = BT_VOTE_OPEN;
		return true;
	case BT_VOTE_OPEN:
		v->phase = BT_VOTE_CLOSED;
		return true;
	case BT_VOTE_CLOSED:
		return false;
	}
	return false;
}

bool vote_reset(struct bt_vote *v)
{
	bool had = v->phase != BT_VOTE_OPEN;
	for (int i = 1; i <= BT_MAX_SEATS; i++) {
		had |= v->choice[i] != 0;
		v->choice[i] = 0;
	}
	v->phase = BT_VOTE_OPEN;
	return had;
}

bool vote_choose(struct bt_vote *v, int seat, int choice)
{
	if (v->phase != BT_VOTE_OPEN || seat < 1 || seat > BT_MAX_SEATS || choice < 0 ||
	    choice > v->n_options || v->choice[seat] == choice)
		return false;
	v->choice[seat] = choice;
	return true;
}

bool vote_handle_seat(struct bt_vote *v, const struct bt_event *ev)
{
	if (ev->type != BT_EV_SEAT)
		return false;
	if (ev->key == BT_SK_DIGIT && ev->digit >= 1)
		return vote_choose(v, ev->seat, ev->digit);
	if (ev->key == BT_SK_UNDO)
		return vote_choose(v, ev->seat, 0);
	return false;
}

bool vote_has_voted(const struct bt_vote *v, int seat)
{
	return seat >= 1 && seat <= BT_MAX_SEATS && v->choice[seat] != 0;
}

int vote_missing(const struct bt_vote *v, const struct bt_seats *s)
{
	int n = 0;
	for (int i = 1; i <= BT_MAX_SEATS; i++)
		n += seats_present(s, i) && v->choice[i] == 0;
	return n;
}

bool vote_revealed(const struct bt_vote *v, const struct bt_seats *s)
{
	if (v->phase == BT_VOTE_CLOSED)
		return true;
	return v->phase == BT_VOTE_OPEN && seats_count(s) > 0 && vote_missing(v, s) == 0;
}

void vote_tally(const struct bt_vote *v, const struct bt_seats *s, int counts[BT_MAX_SEATS + 1])
{
	memset(counts, 0, sizeof(int) * (BT_MAX_SEATS + 1));
	for (int i = 1; i <= BT_MAX_SEATS; i++)
		if (seats_present(s, i) && v->choice[i] >= 1 && v->choice[i] <= v->n_options)
			counts[v->choice[i]]++;
}
