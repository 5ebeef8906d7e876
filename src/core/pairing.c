#include "pairing.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "palette.h"
#include "util.h"
#include "i18n.h"

#define ROWS_MAX (BT_MAX_SEATS + BT_APP_DEVICES)

static const struct bt_devinfo *device_of(const struct bt_app *app, const char *port)
{
	for (int i = 0; i < app->n_devices; i++)
		if (strcmp(app->devices[i].port, port) == 0)
			return &app->devices[i];
	return NULL;
}

int app_pairing_rows(const struct bt_app *app, int *seat, const struct bt_devinfo **dev, int max)
{
	int n = 0;
	for (int s = 1; s <= app->seatmap.max_seats && n < max; s++, n++) {
		seat[n] = s;
		const char *port = seatmap_port(&app->seatmap, s);
		dev[n] = port[0] ? device_of(app, port) : NULL;
	}
	for (int i = 0; i < app->n_devices && n < max; i++) {
		const struct bt_devinfo *d = &app->devices[i];
		if (!d->present || d->cls == BT_DEV_IGNORED || seatmap_seat(&app->seatmap, d->port))
			continue;
		seat[n] = 0;
		dev[n] = d;
		n++;
	}
	return n;
}

static void save(struct bt_app *app)
{
	if (app->seatmap_path && seatmap_save(&app->seatmap, app->seatmap_path) < 0) {
		snprintf(app->toast, sizeof(app->toast), "%s", _("The seats could not be saved."));
		app->toast_until = app->now + 3000;
	}
}

static void reclassify(struct bt_app *app, const struct bt_devinfo *d)
{
	for (int i = 0; i < app->n_devices; i++) {
		struct bt_devinfo *x = &app->devices[i];
		if (x != d)
			continue;
		x->cls = x->cls == BT_DEV_KEYPAD ? BT_DEV_KEYBOARD : BT_DEV_KEYPAD;
		snprintf(x->why, sizeof(x->why), "%s", _("chosen by the trainer"));
		if (x->cls != BT_DEV_KEYPAD) {
			int s = seatmap_seat(&app->seatmap, x->port);
			if (s) {
				seatmap_free(&app->seatmap, s);
				save(app);
			}
		}
		if (app->out.n_reclass < BT_APP_OUTBOX) {
			snprintf(app->out.reclass[app->out.n_reclass], BT_PORT_MAX, "%s", x->port);
			app->out.reclass_to[app->out.n_reclass++] = x->cls;
		}
	}
}

bool pairing_handle(struct bt_app *app, const struct bt_event *ev)
{
	int seat[ROWS_MAX];
	const struct bt_devinfo *dev[ROWS_MAX];
	int n = app_pairing_rows(app, seat, dev, ROWS_MAX);
	if (app->pair_sel >= n)
		app->pair_sel = n > 0 ? n - 1 : 0;
	int sel = app->pair_sel;
	switch (ev->key) {
	case BT_TK_UP:
	case BT_TK_PREV:
		if (app->pair_sel > 0)
			app->pair_sel--;
		return true;
	case BT_TK_DOWN:
	case BT_TK_NEXT:
		if (app->pair_sel + 1 < n)
			app->pair_sel++;
		return true;
	case BT_TK_DELETE:
		if (n && seat[sel] && seatmap_free(&app->seatmap, seat[sel]))
			save(app);
		return true;
	case BT_TK_SWAP:
	case BT_TK_ENTER:
		if (!n || !seat[sel])
			return false;
		if (!app->swap_from) {
			if (ev->key == BT_TK_SWAP)
				app->swap_from = seat[sel];
			return true;
		}
		if (seatmap_swap(&app->seatmap, app->swap_from, seat[sel]))
			save(app);
		app->swap_from = 0;
		return true;
	case BT_TK_LETTER_K:
		if (n && dev[sel])
			reclassify(app, dev[sel]);
		return true;
	case BT_TK_MENU:
		if (app->swap_from)
			app->swap_from = 0;
		else
			app->pairing = false;
		return true;
	default:
		return false;
	}
}

/* "pci-0000:00:14.0-usb-0:1.3:1.0" -> "USB 1.3": what a trainer can find on the box. */
static void short_port(const char *port, char *out, size_t n)
{
	const char *u = strstr(port, "-usb-");
	if (u) {
		const char *p = strchr(u + 5, ':');
		if (p) {
			size_t len = strcspn(p + 1, ":");
			snprintf(out, n, "USB %.*s", (int)len, p + 1);
			return;
		}
	}
	snprintf(out, n, "%s", port);
}

static void seat_card(const struct bt_app *app, struct bt_view *v, struct bt_box c, int s,
                      const struct bt_devinfo *d, bool selected, float u)
{
	const char *port = seatmap_port(&app->seatmap, s);
	struct bt_color bg = selected ? BT_C_ACCENT : BT_C_PANEL;
	struct bt_color fg = selected ? BT_C_ONACCENT : BT_C_TEXT;
	view_rect(v, c, bg, 22 * u);
	float av = BT_AVATAR_MIN * u;
	unsigned flags = port[0] ? 0 : BT_AVATAR_DIM;
	if (app->wave_seat == s && app->now < app->wave_until)
		flags |= BT_AVATAR_WAVE;
	view_avatar(v, box_make(c.x + 14 * u, c.y + (c.h - av) / 2, av, av), s, flags);
	char line1[64], line2[BT_PORT_MAX + 16];
	if (!port[0]) {
		snprintf(line1, sizeof(line1), _("Seat %d: free"), s);
		snprintf(line2, sizeof(line2), "%s", _("press a key"));
	} else {
		if (app->swap_from == s)
			snprintf(line1, sizeof(line1), _("Seat %d (swapping)"), s);
		else
			snprintf(line1, sizeof(line1), _("Seat %d"), s);
		char sp[BT_PORT_MAX];
		short_port(port, sp, sizeof(sp));
		snprintf(line2, sizeof(line2), "%s · %s", sp,
		         d && d->present ? _("connected") : _("not connected"));
	}
	float tx = c.x + av + 30 * u;
	/* the first line bold; the second may wrap to two lines on narrow screens */
	float l1 = 52 * u;
	struct bt_item *t =
	    view_text(v, box_make(tx, c.y + 6 * u, c.x + c.w - tx - 10 * u, l1), line1,
	              BT_PX_TRAINER * u, fg, bg, BT_ALIGN_LEFT, BT_ROLE_TRAINER);
	t->bold = true;
	t->valign_center = true;
	view_text(v, box_make(tx, c.y + 6 * u + l1, c.x + c.w - tx - 10 * u, c.h - l1 - 12 * u),
	          line2, BT_PX_TRAINER * u, fg, bg, BT_ALIGN_LEFT, BT_ROLE_TRAINER)
	    ->valign_center = true;
}

void pairing_view(const struct bt_app *app, struct bt_view *v, const struct bt_layout *L)
{
	float u = L->u;
	layout_header(v, L, "toetsen", _("Keypads and seats"));
	int seat[ROWS_MAX];
	const struct bt_devinfo *dev[ROWS_MAX];
	int n = app_pairing_rows(app, seat, dev, ROWS_MAX);
	int seats = app->seatmap.max_seats;
	int sel = app->pair_sel < n ? app->pair_sel : n - 1;

	/* seat cards in a grid */
	float top = L->header.h + 20 * u;
	bool narrow = L->W / L->H < 1.5f;
	float strip_h = (narrow ? 100 : 170) * u;
	struct bt_box grid =
	    box_make(L->m, top, L->W - 2 * L->m, L->footer.y - 20 * u - strip_h - top);
	int cols = narrow ? 3 : 4;
	int rows = (seats + cols - 1) / cols;
	float gap = 14 * u;
	float cw = (grid.w - gap * (float)(cols - 1)) / (float)cols;
	float ch = fminf((grid.h - gap * (float)(rows - 1)) / (float)rows, 190 * u);
	for (int i = 0; i < seats; i++) {
		struct bt_box c = box_make(grid.x + (float)(i % cols) * (cw + gap),
		                           grid.y + (float)(i / cols) * (ch + gap), cw, ch);
		seat_card(app, v, c, seat[i], dev[i], i == sel, u);
	}
	/* the other devices: the trainer's, and keypads that have not pressed yet */
	struct bt_box strip =
	    box_make(L->m, L->footer.y - 10 * u - strip_h, L->W - 2 * L->m, strip_h);
	int others = n - seats;
	if (others <= 0) {
		view_text(v, strip,
		          app->input_problem[0]
		              ? app->input_problem
		              : _("No other devices found. A new keypad gets a seat at its "
		                  "first key press."),
		          BT_PX_TRAINER * u, BT_C_TEXT, BT_C_BG, BT_ALIGN_LEFT, BT_ROLE_TRAINER)
		    ->valign_center = true;
	} else {
		int show = others > (narrow ? 2 : 3) ? (narrow ? 2 : 3) : others;
		int first = sel >= seats ? sel - seats - show + 1 : 0;
		if (first < 0)
			first = 0;
		float dw = (strip.w - gap * (float)(show - 1)) / (float)show;
		for (int k = 0; k < show && first + k < others; k++) {
			int r = seats + first + k;
			const struct bt_devinfo *d = dev[r];
			bool selected = r == sel;
			struct bt_color bg = selected ? BT_C_ACCENT : BT_C_PANEL;
			struct bt_color fg = selected ? BT_C_ONACCENT : BT_C_TEXT;
			struct bt_box b =
			    box_make(strip.x + (float)k * (dw + gap), strip.y, dw, strip.h);
			view_rect(v, b, bg, 20 * u);
			char line[200];
			/* the reason only where there is room for it */
			if (narrow)
				snprintf(line, sizeof(line), "%s: %s", keypad_class_name(d->cls),
				         d->name);
			else
				snprintf(line, sizeof(line), "%s: %s (%s)",
				         keypad_class_name(d->cls), d->name, d->why);
			view_text(v, box_inset(b, 14 * u), line, BT_PX_TRAINER * u, fg, bg,
			          BT_ALIGN_LEFT, BT_ROLE_TRAINER)
			    ->valign_center = true;
		}
	}
	view_rect(v, L->footer, BT_C_TRAINER_BAR, 0);
	view_text(v, box_inset(L->footer, 10 * u),
	          app->swap_from
	              ? _("Choose the seat to swap with and press Enter · Esc: don't swap")
	              : _("Arrows: choose · Delete: free the seat · S: swap · K: keypad or "
	                  "trainer · 0 on a keypad: wave · F2: back"),
	          BT_PX_TRAINER * u, BT_C_TEXT, BT_C_TRAINER_BAR, BT_ALIGN_CENTER, BT_ROLE_TRAINER)
	    ->valign_center = true;
}
