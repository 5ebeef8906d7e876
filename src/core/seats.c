#include "seats.h"

bool seats_join(struct bt_seats *s, int seat)
{
	if (seat < 1 || seat > BT_MAX_SEATS || s->present[seat])
		return false;
	s->present[seat] = true;
	return true;
}

bool seats_present(const struct bt_seats *s, int seat)
{
	return seat >= 1 && seat <= BT_MAX_SEATS && s->present[seat];
}

int seats_count(const struct bt_seats *s)
{
	int n = 0;
	for (int i = 1; i <= BT_MAX_SEATS; i++)
		n += s->present[i];
	return n;
}
