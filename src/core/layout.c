#include "layout.h"

#include <math.h>
#include <stdio.h>

#include "palette.h"
#include "i18n.h"

struct bt_layout layout_make(const struct bt_view *v)
{
	struct bt_layout L;
	L.u = view_u(v);
	L.W = (float)v->w;
	L.H = (float)v->h;
	L.m = 48 * L.u;
	L.header = box_make(0, 0, L.W, 170 * L.u);
	L.footer = box_make(0, L.H - 142 * L.u, L.W, 142 * L.u); /* three lines of notes */
	L.status = box_make(L.m, L.footer.y - 186 * L.u, L.W - 2 * L.m, 176 * L.u);
	float top = L.header.h + 20 * L.u;
	L.content = box_make(L.m, top, L.W - 2 * L.m, L.status.y - 16 * L.u - top);
	return L;
}

void layout_header(struct bt_view *v, const struct bt_layout *L, const char *icon,
                   const char *title)
{
	float u = L->u;
	view_rect(v, L->header, BT_C_ACCENT, 0);
	float ib = 136 * u;
	struct bt_box ibox = box_make(L->m, (L->header.h - ib) / 2, ib, ib);
	if (icon) {
		view_rect(v, ibox, BT_C_WHITE, 28 * u);
		view_icon(v, box_inset(ibox, 14 * u), icon);
	}
	float tx = icon ? ibox.x + ib + 36 * u : L->m;
	struct bt_item *t = view_text(
	    v, box_make(tx, 10 * u, L->W - tx - L->m - v->header_reserve, L->header.h - 20 * u),
	    title, BT_PX_TITLE * u, BT_C_ONACCENT, BT_C_ACCENT, BT_ALIGN_LEFT, BT_ROLE_PARTICIPANT);
	t->bold = true;
	t->valign_center = true;
}

float layout_grid(struct bt_box area, int n, float gap, float max_size, struct bt_box *cells)
{
	if (n <= 0)
		return 0;
	float best = 0;
	int best_cols = 1;
	for (int cols = 1; cols <= n; cols++) {
		int rows = (n + cols - 1) / cols;
		float sw = (area.w - gap * (float)(cols - 1)) / (float)cols;
		float sh = (area.h - gap * (float)(rows - 1)) / (float)rows;
		float s = fminf(fminf(sw, sh), max_size);
		if (s > best + 0.5f) {
			best = s;
			best_cols = cols;
		}
	}
	int cols = best_cols, rows = (n + cols - 1) / cols;
	float total_h = best * (float)rows + gap * (float)(rows - 1);
	float y0 = area.y + (area.h - total_h) / 2;
	for (int i = 0; i < n; i++) {
		int r = i / cols, c = i % cols;
		int in_row = (r == rows - 1) ? n - r * cols : cols;
		float row_w = best * (float)in_row + gap * (float)(in_row - 1);
		float x0 = area.x + (area.w - row_w) / 2;
		cells[i] = box_make(x0 + (float)c * (best + gap), y0 + (float)r * (best + gap),
		                    best, best);
	}
	return best;
}

void layout_key_badge(struct bt_view *v, struct bt_box b, int digit, struct bt_color bg)
{
	char s[4];
	snprintf(s, sizeof(s), "%d", digit);
	view_ellipse(v, b, BT_C_ACCENT);
	struct bt_item *t = view_text(v, b, s, b.h * 0.62f, BT_C_ONACCENT, BT_C_ACCENT,
	                              BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT);
	t->bold = true;
	t->valign_center = true;
	(void)bg;
}

void layout_status_row(struct bt_view *v, const struct bt_layout *L, const struct bt_seats *s,
                       const struct bt_vote *vote, int active_seat)
{
	float u = L->u;
	int present = seats_count(s);
	int missing = vote_missing(vote, s);
	struct bt_box row = L->status;
	char label[64];
	if (present == 0) {
		view_text(v, row, _("Press a key on your keypad to join in"), BT_PX_BODY * u,
		          BT_C_TEXT, BT_C_BG, BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT)
		    ->valign_center = true;
		return;
	}
	if (missing == 0)
		snprintf(label, sizeof(label), "%s", _("Everyone has chosen"));
	else
		snprintf(label, sizeof(label), _("%d still to choose"), missing);
	float lw = 420 * u;
	struct bt_box lbox = box_make(row.x, row.y, lw, row.h);
	view_icon(v, box_make(row.x, row.y + (row.h - 90 * u) / 2, 90 * u, 90 * u),
	          missing == 0 ? "ja" : "klok");
	view_text(v, box_make(lbox.x + 104 * u, lbox.y, lw - 110 * u, lbox.h), label,
	          BT_PX_BODY * u, BT_C_TEXT, BT_C_BG, BT_ALIGN_LEFT, BT_ROLE_PARTICIPANT)
	    ->valign_center = true;

	float size = BT_AVATAR_MIN * u + 10 * u;
	float gap = 14 * u;
	float avail = row.w - lw - 20 * u;
	int fit = (int)((avail + gap) / (size + gap));
	bool only_missing = present > fit;
	int seats[BT_MAX_SEATS] = {0}, n = 0;
	for (int i = 1; i <= BT_MAX_SEATS; i++)
		if (seats_present(s, i) && (!only_missing || !vote_has_voted(vote, i)))
			seats[n++] = i;
	if (n > fit)
		n = fit;
	float x = row.x + lw + 20 * u;
	float y = row.y + (row.h - size) / 2;
	for (int i = 0; i < n; i++) {
		unsigned flags = 0;
		if (vote_has_voted(vote, seats[i]))
			flags |= BT_AVATAR_CHECK;
		else if (vote->phase != BT_VOTE_OPEN)
			flags |= BT_AVATAR_DIM;
		if (seats[i] == active_seat)
			flags |= BT_AVATAR_ACTIVE;
		view_avatar(v, box_make(x, y, size, size), seats[i], flags);
		x += size + gap;
	}
}
