#include "app.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "export.h"
#include "layout.h"
#include "pairing.h"
#include "palette.h"
#include "util.h"
#include "i18n.h"

#define TOAST_MS          3000
#define HOUR_MS           (60u * 60u * 1000u)
#define BREAK_REMINDER_MS (30u * 60u * 1000u) /* an hour with a break in the middle */
#define CLOCK_STEP_MS     60000u              /* the clock line moves once a minute */
#define WAVE_MS           2500
#define EXPORT_KEEP_S     (24 * 3600) /* a report waits a day for its USB stick, no longer */
#define JOURNAL_RETRY_MS  1000u       /* a failed disk is tried again at most once a second */

static const char *const module_names[4] = {"", N_("Motivation"), N_("Substance use"),
                                            N_("Practising and doing")};

/* Journals are written unless there is no data folder or the setting says never. */
static bool journaling(const struct bt_app *app)
{
	return app->opt.data_dir && app->opt.journal != BT_JOURNAL_NEVER;
}

bool app_unfinished(const struct bt_app *app, const char *id)
{
	if (!journaling(app))
		return false;
	char *path = bt_xasprintf("%s/journal/%s.journal", app->opt.data_dir, id);
	struct bt_journal_info info;
	bool ok = journal_peek(path, &info) == 0 && strcmp(info.session_id, id) == 0;
	free(path);
	return ok;
}

char *app_export_dir(const struct bt_app *app)
{
	if (app->opt.export_dir)
		return bt_xstrdup(app->opt.export_dir);
	if (!app->opt.data_dir)
		return NULL;
	return bt_xasprintf("%s/export", app->opt.data_dir);
}

/* Deletes the regular files in dir changed before cutoff (every file when cutoff is
 * INT64_MAX). Returns how many went, or -errno when dir cannot be read. */
static int remove_files(const char *dir, int64_t cutoff)
{
	DIR *d = opendir(dir);
	if (!d)
		return errno == ENOENT ? 0 : -errno;
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		struct stat st;
		if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !S_ISREG(st.st_mode) || (int64_t)st.st_mtime >= cutoff)
			continue;
		if (unlinkat(dirfd(d), e->d_name, 0) == 0)
			n++;
	}
	closedir(d);
	return n;
}

/* Reports that no USB stick took away in a day are deleted: nothing waits for ever. */
static void prune_exports(const struct bt_app *app, int64_t now_wall)
{
	char *dir = app_export_dir(app);
	if (dir && now_wall > 0)
		remove_files(dir, now_wall - EXPORT_KEEP_S);
	free(dir);
}

int app_wipe(struct bt_app *app)
{
	if (!app->opt.data_dir)
		return 0;
	int n = journal_prune(app->opt.data_dir, 0, true, INT64_MAX / 2);
	if (n < 0 && n != -ENOENT)
		return n;
	n = n < 0 ? 0 : n;
	char *dir = app_export_dir(app);
	int r = dir ? remove_files(dir, INT64_MAX) : 0;
	free(dir);
	if (r < 0)
		return r;
	n += r;
	seatmap_init(&app->seatmap, app->seatmap.max_seats);
	const char *const files[] = {"seats", "state.json"};
	for (size_t i = 0; i < BT_ARRAY_LEN(files); i++) {
		char *p = bt_xasprintf("%s/%s", app->opt.data_dir, files[i]);
		if (unlink(p) == 0)
			n++;
		else if (errno != ENOENT)
			r = -errno;
		free(p);
	}
	free(app->last_session);
	app->last_session = NULL;
	return r < 0 ? r : n;
}

/* The report for the dossier of the open session, into the export folder. */
static void export_now(struct bt_app *app)
{
	char *dir = app_export_dir(app);
	if (!dir) {
		snprintf(app->notice, sizeof(app->notice), "%s",
		         _("There is no folder to save the report in."));
		return;
	}
	int64_t wall = app->opt.now_wall > 0 ? app->opt.now_wall + app->now / 1000 : time(NULL);
	char name[128];
	int n = export_write(app->session, dir, wall, name, sizeof(name));
	if (n < 0)
		snprintf(app->notice, sizeof(app->notice),
		         _("The report could not be saved (%s). Nothing was saved."), strerror(-n));
	else
		snprintf(app->notice, sizeof(app->notice),
		         _("Report ready: %d seat(s), no names.\nPut in a USB stick: the report "
		           "goes onto it and is deleted here.\nFolder: %s"),
		         n, dir);
	free(dir);
}

/* X and W ask first; Enter does it, any other key does nothing. Returns true when
 * the key was one of these. */
static bool privacy_keys(struct bt_app *app, const struct bt_event *ev)
{
	if (app->confirm_export || app->confirm_wipe) {
		bool exp = app->confirm_export;
		app->confirm_export = app->confirm_wipe = false;
		app->notice[0] = '\0';
		if (ev->key != BT_TK_ENTER) {
			snprintf(app->toast, sizeof(app->toast), "%s", _("Nothing was done."));
			app->toast_until = ev->time_ms + TOAST_MS;
		} else if (exp && app->session) {
			export_now(app);
		} else if (!exp) {
			int n = app_wipe(app);
			if (n < 0)
				snprintf(app->notice, sizeof(app->notice),
				         _("Erasing did not fully work (%s)."), strerror(-n));
			else
				snprintf(app->notice, sizeof(app->notice), "%s",
				         _("Everything is erased: saved sessions, board texts and "
				           "keypad seats."));
		}
		return true;
	}
	if (ev->key == BT_TK_EXPORT) {
		if (app->mode == BT_MODE_SESSION && app->session) {
			app->confirm_export = true;
			snprintf(
			    app->notice, sizeof(app->notice), "%s",
			    _("Make a report for the dossier? It has seat numbers and answers, "
			      "no names.\nEnter: yes · any other key: no"));
		} else {
			snprintf(app->notice, sizeof(app->notice), "%s",
			         _("Open a session first: a report is about one session."));
		}
		return true;
	}
	if (ev->key == BT_TK_WIPE) {
		if (app->mode == BT_MODE_MENU) {
			app->confirm_wipe = true;
			snprintf(
			    app->notice, sizeof(app->notice), "%s",
			    _("Erase everything? All saved sessions, board texts and keypad "
			      "seats are deleted for good.\nEnter: erase · any other key: no"));
		} else {
			snprintf(app->notice, sizeof(app->notice), "%s",
			         _("Erasing everything is done in the menu (Esc)."));
		}
		return true;
	}
	return false;
}

struct bt_app *app_create(const struct bt_catalog *catalog, const struct bt_app_options *opt)
{
	struct bt_app *app = bt_xcalloc(1, sizeof(*app));
	app->catalog = catalog;
	app->opt = *opt;
	app->mode = BT_MODE_MENU;
	app->active_seat = 1;
	if (!app->opt.quit.key)
		app->opt.quit = chord_default_quit();
	seatmap_init(&app->seatmap, opt->max_seats ? opt->max_seats : BT_MAX_SEATS);
	if (opt->data_dir) {
		/* nothing stays longer than the retention setting allows */
		int keep = opt->journal == BT_JOURNAL_DAYS ? opt->journal_days : 0;
		if (keep == 0 || opt->now_wall > 0)
			journal_prune(opt->data_dir, keep, opt->journal == BT_JOURNAL_NEVER,
			              opt->now_wall);
		prune_exports(app, opt->now_wall);
		/* the data folder holds health data: the owner only */
		if (mkdir(opt->data_dir, 0700) < 0 && errno != EEXIST)
			snprintf(app->toast, sizeof(app->toast),
			         _("The folder %s cannot be created."), opt->data_dir);
		app->seatmap_path = bt_xasprintf("%s/seats", opt->data_dir);
		int skipped = 0;
		if (seatmap_load(&app->seatmap, app->seatmap_path, &skipped) == 0 && skipped > 0) {
			snprintf(app->toast, sizeof(app->toast),
			         _("%d line(s) in the seats file could not be read."), skipped);
			app->toast_until = TOAST_MS;
		}
	}
	/* offer the first unfinished session for resume */
	for (size_t i = 0; i < catalog->n; i++) {
		const struct bt_session_def *d = catalog->entries[i].def;
		if (d && app_unfinished(app, d->id)) {
			app->menu_sel = i;
			snprintf(app->notice, sizeof(app->notice),
			         _("Session %s was not finished. Press Enter to continue."), d->id);
			break;
		}
	}
	return app;
}

static void journal_retry(struct bt_app *app);
static void backlog_clear(struct bt_app *app);

static void close_session(struct bt_app *app, bool finished)
{
	if (!app->session)
		return;
	if (app->journal_failed) {
		/* one last try, so leaving a session on a full disk keeps what it can */
		app->journal_retry_at = app->now;
		journal_retry(app);
	}
	if (finished) {
		if (app->opt.journal == BT_JOURNAL_DAYS)
			journal_retire(app->journal, app->opt.data_dir);
		else
			journal_discard(app->journal);
		/* the retention setting also holds for a box that runs for weeks */
		if (app->opt.journal == BT_JOURNAL_DAYS && app->opt.now_wall > 0)
			journal_prune(app->opt.data_dir, app->opt.journal_days, false,
			              app->opt.now_wall + app->now / 1000);
		free(app->last_session);
		app->last_session = NULL;
	} else {
		journal_close(app->journal);
		free(app->last_session);
		app->last_session = bt_xstrdup(app->session->def->id);
	}
	app->journal = NULL;
	backlog_clear(app);
	session_destroy(app->session);
	app->session = NULL;
	app->blank = false;
}

void app_destroy(struct bt_app *app)
{
	if (!app)
		return;
	close_session(app, false);
	free(app->last_session);
	free(app->seatmap_path);
	free(app);
}

static void journal_failed(struct bt_app *app, int err)
{
	if (app->journal_failed)
		return;
	app->journal_failed = true;
	app->journal_retry_at = app->now + JOURNAL_RETRY_MS;
	snprintf(app->notice, sizeof(app->notice),
	         _("Saving does not work (%s). The session simply carries on, but is not saved."),
	         strerror(-err));
}

/* Keeps an event that could not be written, to write it when the disk works again.
 * Past the limit the session goes on unsaved: a resume would miss events. */
static void backlog_push(struct bt_app *app, const struct bt_event *ev)
{
	if (app->backlog_lost)
		return;
	if (app->n_backlog == BT_APP_BACKLOG_MAX) {
		app->backlog_lost = true;
		free(app->backlog);
		app->backlog = NULL;
		app->n_backlog = app->cap_backlog = 0;
		return;
	}
	if (app->n_backlog == app->cap_backlog) {
		app->cap_backlog = app->cap_backlog ? app->cap_backlog * 2 : 64;
		app->backlog = bt_xrealloc(app->backlog, app->cap_backlog * sizeof(*app->backlog));
	}
	app->backlog[app->n_backlog++] = *ev;
}

static void backlog_clear(struct bt_app *app)
{
	free(app->backlog);
	app->backlog = NULL;
	app->n_backlog = app->cap_backlog = 0;
	app->backlog_lost = false;
}

/* After a failed write: tries again (at most once per JOURNAL_RETRY_MS) to open the
 * journal and write what waited, in order. On success saving is back and the trainer
 * is told once. */
static void journal_retry(struct bt_app *app)
{
	if (!app->journal_failed || app->backlog_lost || !app->session ||
	    (int32_t)(app->now - app->journal_retry_at) < 0)
		return;
	app->journal_retry_at = app->now + JOURNAL_RETRY_MS;
	if (!app->journal) {
		/* the journal never opened: a new one gets every event of the session */
		int err;
		const struct bt_session_def *def = app->session->def;
		char *path = journal_path(app->opt.data_dir, def->id, &err);
		struct bt_event *old = NULL;
		size_t n_old = 0;
		char *warning = NULL;
		if (err == 0)
			err = journal_open(path, def->id, def->hash, &old, &n_old, &warning,
			                   &app->journal);
		if (err == 0 && n_old > 0) {
			/* someone else's leftovers cannot be merged: start the file again */
			journal_discard(app->journal);
			app->journal = NULL;
			free(old);
			old = NULL;
			free(warning);
			warning = NULL;
			err = journal_open(path, def->id, def->hash, &old, &n_old, &warning,
			                   &app->journal);
		}
		free(old);
		free(warning);
		free(path);
		if (err < 0)
			return;
	}
	size_t done = 0;
	while (done < app->n_backlog && journal_append(app->journal, &app->backlog[done]) == 0)
		done++;
	memmove(app->backlog, app->backlog + done, (app->n_backlog - done) * sizeof(*app->backlog));
	app->n_backlog -= done;
	if (app->n_backlog > 0)
		return;
	app->journal_failed = false;
	snprintf(app->notice, sizeof(app->notice), "%s", _("Saving works again."));
}

/* Writes a state-changing event, or keeps it while writing fails. */
static void journal_write(struct bt_app *app, const struct bt_event *ev)
{
	if (!journaling(app))
		return;
	if (app->journal_failed) {
		backlog_push(app, ev);
		journal_retry(app);
		return;
	}
	int err = journal_append(app->journal, ev);
	if (err < 0) {
		journal_failed(app, err);
		backlog_push(app, ev);
	}
}

int app_open_session(struct bt_app *app, const char *id, uint32_t platform_ms)
{
	const struct bt_session_def *def = catalog_find(app->catalog, id);
	if (!def)
		return -ENOENT;
	close_session(app, false);
	app->session = session_create(def);
	app->session->catalog = app->catalog;
	app->journal_failed = false;
	backlog_clear(app);
	app->notice[0] = '\0';
	struct bt_event *events = NULL;
	size_t n = 0;
	char *warning = NULL;
	int ret = 0;
	if (journaling(app)) {
		int err;
		char *path = journal_path(app->opt.data_dir, id, &err);
		if (err == 0)
			err =
			    journal_open(path, id, def->hash, &events, &n, &warning, &app->journal);
		free(path);
		if (err < 0)
			journal_failed(app, err);
	}
	for (size_t i = 0; i < n; i++)
		session_handle(app->session, &events[i]);
	if (n > 0) {
		snprintf(app->notice, sizeof(app->notice),
		         /* TRANSLATORS: the second %s is a space or nothing, the third the
		          * journal's warning (or nothing) */
		         _("Back where we were: session %s.%s%s"), id, warning ? " " : "",
		         warning ? warning : "");
		if (app->journal && journal_hash(app->journal) != def->hash) {
			size_t l = strlen(app->notice);
			snprintf(app->notice + l, sizeof(app->notice) - l, " %s",
			         _("Note: the scene file has changed."));
		}
	} else if (app->opt.preseat > 0) {
		struct bt_event ev = {.type = BT_EV_SEATS, .digit = (uint8_t)app->opt.preseat};
		if (session_handle(app->session, &ev))
			journal_write(app, &ev);
	}
	free(events);
	free(warning);
	app->clock_offset = app->session->now_ms - platform_ms;
	app->chime_checked = app->session->now_ms;
	app->break_reminded = app->session->now_ms >= BREAK_REMINDER_MS;
	app->mode = BT_MODE_SESSION;
	app->help = false;
	free(app->last_session);
	app->last_session = NULL;
	return ret;
}

static bool menu_handle(struct bt_app *app, const struct bt_event *ev)
{
	const struct bt_catalog *c = app->catalog;
	if (ev->type != BT_EV_TRAINER)
		return false;
	if (app->confirm_restart) {
		app->confirm_restart = false;
		if (ev->key == BT_TK_ENTER && app->menu_sel < c->n &&
		    c->entries[app->menu_sel].def) {
			const char *id = c->entries[app->menu_sel].def->id;
			char *path = bt_xasprintf("%s/journal/%s.journal", app->opt.data_dir, id);
			unlink(path);
			free(path);
			snprintf(app->notice, sizeof(app->notice),
			         _("Session %s starts over when you press Enter."), id);
		}
		return true;
	}
	switch (ev->key) {
	case BT_TK_UP:
	case BT_TK_PREV:
		if (app->menu_sel > 0)
			app->menu_sel--;
		return true;
	case BT_TK_DOWN:
	case BT_TK_NEXT:
		if (app->menu_sel + 1 < c->n)
			app->menu_sel++;
		return true;
	case BT_TK_ENTER:
		if (app->menu_sel < c->n && c->entries[app->menu_sel].def) {
			app_open_session(app, c->entries[app->menu_sel].def->id, ev->time_ms);
			return true;
		}
		return false;
	case BT_TK_MENU:
		if (app->last_session) {
			char *id = bt_xstrdup(app->last_session);
			app_open_session(app, id, ev->time_ms);
			free(id);
			return true;
		}
		return false;
	case BT_TK_DELETE:
		if (app->menu_sel < c->n && c->entries[app->menu_sel].def &&
		    app_unfinished(app, c->entries[app->menu_sel].def->id)) {
			app->confirm_restart = true;
			return true;
		}
		return false;
	default:
		return false;
	}
}

static bool session_key(struct bt_app *app, const struct bt_event *in)
{
	struct bt_event ev = *in;
	ev.time_ms = in->time_ms + app->clock_offset;
	if (ev.type == BT_EV_TRAINER && ev.key == BT_TK_NEXT && session_at_end(app->session)) {
		char *id = bt_xstrdup(app->session->def->id);
		close_session(app, true);
		app->mode = BT_MODE_MENU;
		snprintf(app->notice, sizeof(app->notice),
		         _("Session %s is closed. See you next time!"), id);
		free(id);
		return true;
	}
	if (ev.type == BT_EV_TRAINER && ev.key == BT_TK_MENU) {
		close_session(app, false);
		app->mode = BT_MODE_MENU;
		return true;
	}
	if (!session_handle(app->session, &ev))
		return false;
	journal_write(app, &ev);
	return true;
}

bool app_handle(struct bt_app *app, const struct bt_event *ev)
{
	app->now = ev->time_ms;
	if (ev->type == BT_EV_TRAINER && ev->key == BT_TK_PAIRING && !app->help) {
		app->pairing = !app->pairing;
		app->swap_from = 0;
		app->blank = false;
		return true;
	}
	if (ev->type == BT_EV_TRAINER && app->pairing && ev->key != BT_TK_QUIT &&
	    ev->key != BT_TK_HELP && !app->help)
		return pairing_handle(app, ev);
	if (ev->type == BT_EV_TRAINER && (ev->key == BT_TK_PEEK || ev->key == BT_TK_PEEK_END)) {
		bool was = app->peek;
		app->peek = ev->key == BT_TK_PEEK;
		return was != app->peek;
	}
	if (ev->type == BT_EV_TRAINER && app->typing && ev->key != BT_TK_QUIT)
		return false; /* while typing, letters are text (app_text_input) */
	if (ev->type == BT_EV_TRAINER && ev->key == BT_TK_MUTE) {
		app->muted = !app->muted;
		snprintf(app->toast, sizeof(app->toast), "%s",
		         app->muted ? _("Sound off") : _("Sound on"));
		app->toast_until = ev->time_ms + TOAST_MS;
		return true;
	}
	if (ev->type == BT_EV_TRAINER && ev->key == BT_TK_CLOCK) {
		app->clock_hidden = !app->clock_hidden;
		return true;
	}
	if (ev->type == BT_EV_TRAINER && app->mode == BT_MODE_SESSION && app->session &&
	    !app->help && !app->blank &&
	    (ev->key == BT_TK_LETTER_N || ev->key == BT_TK_LETTER_E || ev->key == BT_TK_LETTER_G)) {
		if (!session_text_begin(app->session, (enum bt_trainer_key)ev->key, &app->text_req))
			return false;
		app->typing = true;
		snprintf(app->draft, sizeof(app->draft), "%s", app->text_req.prefill);
		return true;
	}
	if (ev->type == BT_EV_TRAINER) {
		bool had_notice = app->notice[0] != '\0';
		if (ev->key == BT_TK_QUIT) {
			app->quit = true;
			return false;
		}
		if (ev->key == BT_TK_HELP) {
			app->help = !app->help;
			return true;
		}
		if (app->help) {
			app->help = false; /* any trainer key closes help without acting */
			return true;
		}
		if (ev->key == BT_TK_SEAT_NEXT || ev->key == BT_TK_SEAT_PREV) {
			int d = ev->key == BT_TK_SEAT_NEXT ? 1 : BT_MAX_SEATS - 1;
			app->active_seat = (app->active_seat - 1 + d) % BT_MAX_SEATS + 1;
			return true;
		}
		if (app->mode == BT_MODE_SESSION && ev->key == BT_TK_BLANK) {
			app->blank = !app->blank;
			return true;
		}
		if (app->blank) {
			app->blank = false; /* any key brings the picture back first */
			return true;
		}
		if (privacy_keys(app, ev))
			return true;
		if (!app->journal_failed || app->mode == BT_MODE_MENU)
			app->notice[0] = '\0';
		bool r = app->mode == BT_MODE_MENU ? menu_handle(app, ev) : session_key(app, ev);
		return r || had_notice;
	}
	if (app->mode != BT_MODE_SESSION)
		return false;
	return session_key(app, ev);
}

/* --- drawing --- */

/* Short notices that go away by themselves, the waving avatar, and input trouble. */
static void overlay_view(const struct bt_app *app, struct bt_view *v, const struct bt_layout *L)
{
	float u = L->u;
	if (app->wave_seat && app->now < app->wave_until) {
		struct bt_box b =
		    box_make((L->W - 760 * u) / 2, L->H / 2 - 190 * u, 760 * u, 380 * u);
		view_rect(v, b, BT_C_WARN, 30 * u);
		/* the avatar bobs up and down while it waves */
		uint32_t t = app->now % 600;
		float bob = (float)(t < 300 ? t : 600 - t) / 300.0f * 30 * u;
		float as = 220 * u;
		view_avatar(v, box_make(b.x + 60 * u, b.y + 60 * u + bob - 15 * u, as, as),
		            app->wave_seat, BT_AVATAR_WAVE);
		view_icon(v, box_make(b.x + 40 * u + as, b.y + 30 * u, 100 * u, 100 * u), "hand");
		char line[40];
		snprintf(line, sizeof(line), _("This is seat %d"), app->wave_seat);
		struct bt_item *t1 = view_text(
		    v, box_make(b.x + 380 * u, b.y + 40 * u, b.w - 410 * u, b.h - 80 * u), line,
		    BT_PX_TITLE * u, BT_C_TEXT, BT_C_WARN, BT_ALIGN_LEFT, BT_ROLE_PARTICIPANT);
		t1->bold = true;
		t1->valign_center = true;
	}
	if (app->toast[0] && app->now < app->toast_until) {
		struct bt_box b =
		    box_make(L->W - L->m - 820 * u, L->header.h + 16 * u, 820 * u, 130 * u);
		view_rect(v, b, BT_C_ACCENT, 24 * u);
		view_text(v, box_make(b.x + 30 * u, b.y, b.w - 60 * u, b.h), app->toast,
		          BT_PX_BODY * u, BT_C_ONACCENT, BT_C_ACCENT, BT_ALIGN_CENTER,
		          BT_ROLE_PARTICIPANT)
		    ->valign_center = true;
	}
	if (app->typing && app->mode == BT_MODE_SESSION) {
		/* the field the trainer types in: big, so the group reads along */
		struct bt_box b = box_make(L->m, L->footer.y - 250 * u, L->W - 2 * L->m, 240 * u);
		view_rect(v, b, BT_C_ACCENT, 24 * u);
		view_text(v, box_make(b.x + 30 * u, b.y + 10 * u, b.w - 60 * u, 60 * u),
		          app->text_req.prompt[0] ? app->text_req.prompt
		                                  : _("Type the text. Enter: done · Esc: stop"),
		          BT_PX_TRAINER * u, BT_C_ONACCENT, BT_C_ACCENT, BT_ALIGN_LEFT,
		          BT_ROLE_TRAINER)
		    ->valign_center = true;
		struct bt_box f = box_make(b.x + 20 * u, b.y + 80 * u, b.w - 40 * u, 140 * u);
		view_rect(v, f, BT_C_WHITE, 16 * u);
		char shown[BT_EVENT_TEXT_MAX + 4];
		snprintf(shown, sizeof(shown), "%s|", app->draft);
		view_text(v, box_inset(f, 16 * u), shown, BT_PX_BODY * u, BT_C_TEXT, BT_C_WHITE,
		          BT_ALIGN_LEFT, BT_ROLE_PARTICIPANT)
		    ->valign_center = true;
	}
	if (app->input_problem[0] && !app->pairing &&
	    (app->mode == BT_MODE_MENU || app->now < app->problem_until)) {
		struct bt_box b = box_make(L->m, L->footer.y - 120 * u, L->W - 2 * L->m, 110 * u);
		view_rect(v, b, BT_C_WARN, 20 * u);
		view_icon(v, box_make(b.x + 20 * u, b.y + 15 * u, 80 * u, 80 * u), "toetsen");
		view_text(v, box_make(b.x + 120 * u, b.y, b.w - 140 * u, b.h), app->input_problem,
		          BT_PX_TRAINER * u, BT_C_TEXT, BT_C_WARN, BT_ALIGN_LEFT, BT_ROLE_TRAINER)
		    ->valign_center = true;
	}
}

/* A notice of several lines (the stick's report) gets a taller box. */
static float notice_height(const struct bt_app *app, float u)
{
	if (!app->notice[0])
		return 0;
	return strchr(app->notice, '\n') ? 300 * u : 110 * u;
}

static void notice_view(const struct bt_app *app, struct bt_view *v, const struct bt_layout *L)
{
	if (!app->notice[0])
		return;
	float u = L->u;
	struct bt_box b =
	    box_make(L->m, L->header.h + 12 * u, L->W - 2 * L->m, notice_height(app, u));
	view_rect(v, b, BT_C_WARN, 20 * u);
	view_icon(v, box_make(b.x + 20 * u, b.y + 15 * u, 80 * u, 80 * u), "vlag");
	view_text(v, box_make(b.x + 120 * u, b.y, b.w - 140 * u, b.h), app->notice, 38 * u,
	          BT_C_TEXT, BT_C_WARN, BT_ALIGN_LEFT, BT_ROLE_TRAINER)
	    ->valign_center = true;
}

static void menu_view(const struct bt_app *app, struct bt_view *v, const struct bt_layout *L)
{
	float u = L->u;
	const struct bt_catalog *c = app->catalog;
	layout_header(v, L, "kalender", _("Choose a session"));
	char chord[32], footer[200];
	snprintf(footer, sizeof(footer),
	         /* TRANSLATORS: %s is the quit chord, such as Ctrl+Alt+Q */
	         _("Up and down arrows: choose · Enter: start · F1: help · %s: quit bergtop"),
	         chord_format(&app->opt.quit, chord, sizeof(chord)));
	view_rect(v, L->footer, BT_C_TRAINER_BAR, 0);
	view_text(v, box_inset(L->footer, 12 * u), footer, BT_PX_TRAINER * u, BT_C_TEXT,
	          BT_C_TRAINER_BAR, BT_ALIGN_CENTER, BT_ROLE_TRAINER)
	    ->valign_center = true;
	float top = L->header.h + 24 * u + (app->notice[0] ? notice_height(app, u) + 20 * u : 0);
	float bottom = L->footer.y - 16 * u - (app->input_problem[0] ? 130 * u : 0);
	float list_w = (L->W - 2 * L->m) * 0.56f;
	float row_h = 66 * u;
	float px = 40 * u;
	if (c->n == 0) {
		view_text(v, box_make(L->m, top, L->W - 2 * L->m, 200 * u),
		          c->dir_error ? c->dir_error
		                       : _("No sessions were found. Put scene files (.yaml) in the "
		                           "scenes folder."),
		          px, BT_C_TEXT, BT_C_BG, BT_ALIGN_LEFT, BT_ROLE_TRAINER);
		return;
	}
	/* rows: a module heading whenever the module changes */
	int visible = (int)((bottom - top) / row_h);
	if (visible < 3)
		visible = 3;
	/* count rows up to the selection to scroll it into view */
	int sel_row = 0, rows = 0, last_mod = -1;
	for (size_t i = 0; i < c->n; i++) {
		int mod = c->entries[i].def ? c->entries[i].def->module : 0;
		if (mod != last_mod) {
			rows++;
			last_mod = mod;
		}
		if (i == app->menu_sel)
			sel_row = rows;
		rows++;
	}
	int first = sel_row - visible / 2;
	if (first > rows - visible)
		first = rows - visible;
	if (first < 0)
		first = 0;
	int row = 0;
	last_mod = -1;
	for (size_t i = 0; i < c->n; i++) {
		const struct bt_catalog_entry *e = &c->entries[i];
		int mod = e->def ? e->def->module : 0;
		for (int pass = 0; pass < 2; pass++) {
			if (pass == 0 && mod == last_mod)
				continue;
			int r = row++ - first;
			if (r < 0 || r >= visible)
				continue;
			struct bt_box b =
			    box_make(L->m, top + (float)r * row_h, list_w, row_h - 6 * u);
			if (pass == 0) {
				char head[64];
				if (mod >= 1 && mod <= 3)
					snprintf(head, sizeof(head), _("Module %d · %s"), mod,
					         _(module_names[mod]));
				else
					snprintf(head, sizeof(head), "%s", _("Cannot be used"));
				struct bt_item *t = view_text(v, b, head, px, BT_C_TEXT, BT_C_BG,
				                              BT_ALIGN_LEFT, BT_ROLE_TRAINER);
				t->bold = true;
				t->valign_center = true;
				continue;
			}
			bool sel = i == app->menu_sel;
			struct bt_color bg = sel ? BT_C_ACCENT : BT_C_PANEL;
			struct bt_color fg = sel ? BT_C_ONACCENT : BT_C_TEXT;
			view_rect(v, b, bg, 14 * u);
			char line[128];
			if (e->def && app_unfinished(app, e->def->id))
				snprintf(line, sizeof(line), "%s  %s  %s", e->def->id,
				         e->def->title, _("(interrupted)"));
			else if (e->def)
				snprintf(line, sizeof(line), "%s  %s", e->def->id, e->def->title);
			else
				snprintf(line, sizeof(line), _("%s — error in the file"), e->label);
			float ib = row_h - 20 * u;
			view_icon(v, box_make(b.x + 12 * u, b.y + (b.h - ib) / 2, ib, ib),
			          e->def ? (app_unfinished(app, e->def->id) ? "vooruit" : "boek")
			                 : "gevaar");
			view_text(v, box_make(b.x + ib + 28 * u, b.y, b.w - ib - 40 * u, b.h), line,
			          px, fg, bg, BT_ALIGN_LEFT, BT_ROLE_TRAINER)
			    ->valign_center = true;
		}
		last_mod = mod;
	}
	/* details of the selection */
	if (app->menu_sel >= c->n)
		return;
	const struct bt_catalog_entry *e = &c->entries[app->menu_sel];
	float dx = L->m + list_w + 30 * u;
	struct bt_box d = box_make(dx, top, L->W - L->m - dx, bottom - top);
	view_rect(v, d, BT_C_PANEL, 20 * u);
	struct bt_box in = box_inset(d, 24 * u);
	float y = in.y;
	if (e->def) {
		struct bt_item *t =
		    view_text(v, box_make(in.x, y, in.w, 110 * u), e->def->title, 44 * u, BT_C_TEXT,
		              BT_C_PANEL, BT_ALIGN_LEFT, BT_ROLE_TRAINER);
		t->bold = true;
		y += 120 * u;
		/* goals stop above the line with the scene count and the key */
		for (size_t g = 0; g < e->def->n_goals && y + 104 * u <= in.y + in.h - 110 * u;
		     g++) {
			view_icon(v, box_make(in.x, y + 8 * u, 40 * u, 40 * u), "ster");
			view_text(v, box_make(in.x + 56 * u, y, in.w - 56 * u, 100 * u),
			          e->def->goals[g], px * 0.9f, BT_C_TEXT, BT_C_PANEL, BT_ALIGN_LEFT,
			          BT_ROLE_TRAINER);
			y += 104 * u;
		}
		char info[96];
		/* TRANSLATORS: %s is one of the three actions below */
		snprintf(info, sizeof(info), _("%zu scenes · Enter: %s"), e->def->n_scenes,
		         app->confirm_restart              ? _("yes, start over · Esc: no")
		         : app_unfinished(app, e->def->id) ? _("continue · Delete: start over")
		                                           : _("start the session"));
		view_text(v, box_make(in.x, in.y + in.h - 100 * u, in.w, 100 * u), info, px * 0.9f,
		          BT_C_TEXT, BT_C_PANEL, BT_ALIGN_LEFT, BT_ROLE_TRAINER)
		    ->valign_center = true;
	} else {
		view_text(v, box_make(in.x, y, in.w, 60 * u), _("This file has an error:"), px,
		          BT_C_TEXT, BT_C_PANEL, BT_ALIGN_LEFT, BT_ROLE_TRAINER)
		    ->bold = true;
		y += 70 * u;
		for (size_t k = 0; k < e->diags.n && k < 3 && y < in.y + in.h - 60 * u; k++) {
			char *m = diags_format(&e->diags, k);
			const char *shown = strrchr(m, '/') ? strrchr(m, '/') + 1 : m;
			float h = fminf(220 * u, in.y + in.h - y);
			view_text(v, box_make(in.x, y, in.w, h), shown, 34 * u, BT_C_TEXT,
			          BT_C_PANEL, BT_ALIGN_LEFT, BT_ROLE_TRAINER);
			free(m);
			y += h + 10 * u;
		}
	}
}

static void help_view(const struct bt_app *app, struct bt_view *v, const struct bt_layout *L)
{
	float u = L->u;
	struct bt_box b = box_inset(box_make(0, 0, L->W, L->H), 40 * u);
	view_rect(v, b, BT_C_PANEL, 24 * u);
	view_icon(v, box_make(b.x + 30 * u, b.y + 24 * u, 90 * u, 90 * u), "vraag");
	struct bt_item *t =
	    view_text(v, box_make(b.x + 140 * u, b.y + 24 * u, b.w - 170 * u, 90 * u),
	              _("Help: which key does what?"), 56 * u, BT_C_TEXT, BT_C_PANEL, BT_ALIGN_LEFT,
	              BT_ROLE_TRAINER);
	t->bold = true;
	t->valign_center = true;
	/* key names that read the same in every language are left unmarked; _() passes
	 * them through unchanged */
	static const char *const left[][2] = {
	    {N_("Right arrow, PageDown, Space"), N_("next scene")},
	    {N_("Left arrow, PageUp"), N_("previous scene")},
	    {"Enter", N_("open question, close, result")},
	    {"R", N_("ask the question again")},
	    {N_("B  or  ."), N_("black screen and back")},
	    {"Esc", N_("menu of sessions")},
	    {N_("F1  or  ?"), N_("this help")},
	    {N_("X  or  W"), N_("X: dossier report, W: erase all")},
	    {"", N_("quit bergtop")}, /* the quit chord, filled in below */
	};
	static const char *const right[][2] = {
	    {"F2", N_("keypads and seats")},
	    {"H", N_("the first raised hand gets the floor")},
	    {N_("T (hold), M, C"), N_("trainer view, sound, clock")},
	    {N_("Practising without keypads:"), ""},
	    {"Tab, Shift+Tab", N_("choose a seat")},
	    {"0 … 9, Backspace", N_("choose, remove the choice")},
	    {N_("On a keypad:"), ""},
	    {N_("digit, . or Backspace"), N_("choose, remove the choice")},
	    {N_("0  and  +"), N_("wave, raise a hand")},
	};
	char chord[32];
	float col_w = (b.w - 90 * u) / 2;
	float px = 34 * u, row = 88 * u;
	for (int col = 0; col < 2; col++) {
		size_t n = col ? BT_ARRAY_LEN(right) : BT_ARRAY_LEN(left);
		float x = b.x + 30 * u + (float)col * (col_w + 30 * u);
		for (size_t i = 0; i < n; i++) {
			const char *k = col ? right[i][0] : left[i][0];
			k = k[0] ? _(k) : chord_format(&app->opt.quit, chord, sizeof(chord));
			const char *d = col ? right[i][1] : left[i][1];
			if (d[0])
				d = _(d); /* never _(""): that is the catalogue's header */
			float y = b.y + 140 * u + (float)i * row;
			if (!d[0]) {
				view_text(v, box_make(x, y, col_w, row), k, px, BT_C_TEXT,
				          BT_C_PANEL, BT_ALIGN_LEFT, BT_ROLE_TRAINER)
				    ->bold = true;
				continue;
			}
			struct bt_item *kt =
			    view_text(v, box_make(x, y, col_w * 0.48f, row), k, px, BT_C_ACCENT,
			              BT_C_PANEL, BT_ALIGN_LEFT, BT_ROLE_TRAINER);
			kt->bold = true;
			view_text(v, box_make(x + col_w * 0.5f, y, col_w * 0.5f, row), d, px,
			          BT_C_TEXT, BT_C_PANEL, BT_ALIGN_LEFT, BT_ROLE_TRAINER);
		}
	}
	view_text(v, box_make(b.x + 30 * u, b.y + b.h - 80 * u, b.w - 60 * u, 60 * u),
	          _("Press any key to close this help."), px, BT_C_TEXT, BT_C_PANEL, BT_ALIGN_LEFT,
	          BT_ROLE_TRAINER);
}

/* Scene index of the open session with the trainer's strip and the hour line. */
static void session_frame(const struct bt_app *app, size_t index, struct bt_view *v,
                          const struct bt_layout *L)
{
	struct bt_view_args args = {
	    .active_seat = app->opt.simulate ? app->active_seat : 0,
	    .now_ms = app->now + app->clock_offset,
	    .trainer_peek = app->peek,
	    .draft = app->typing ? app->draft : NULL,
	    .prompt = app->typing ? app->text_req.prompt : NULL,
	};
	session_view(app->session, index, &args, v);
	if (!app->clock_hidden) {
		/* the hour as a thin line on top of the trainer strip */
		float u = L->u;
		uint32_t st = args.now_ms;
		float f = st >= HOUR_MS ? 1.0f : (float)(st - st % CLOCK_STEP_MS) / (float)HOUR_MS;
		view_rect(v, box_make(0, L->footer.y, L->W, 8 * u), BT_C_TRAINER_BAR, 0);
		view_rect(v, box_make(0, L->footer.y, L->W * f, 8 * u),
		          st >= HOUR_MS ? BT_C_WARN : BT_C_ACCENT, 0);
	}
}

void app_view(const struct bt_app *app, struct bt_view *v)
{
	struct bt_layout L = layout_make(v);
	if (app->blank && !app->help) {
		view_reset(v, v->w, v->h, BT_C_BLACK);
		return;
	}
	if (app->help) {
		/* the help covers everything: nothing under it is drawn */
		help_view(app, v, &L);
		return;
	}
	if (app->pairing)
		pairing_view(app, v, &L);
	else if (app->mode == BT_MODE_SESSION && app->session)
		session_frame(app, app->session->current, v, &L);
	else
		menu_view(app, v, &L);
	if (!app->pairing)
		notice_view(app, v, &L);
	overlay_view(app, v, &L);
}

bool app_view_ahead(const struct bt_app *app, struct bt_view *v)
{
	if (app->mode != BT_MODE_SESSION || !app->session || app->pairing || app->help ||
	    app->blank || app->session->current >= app->session->def->n_scenes)
		return false;
	struct bt_layout L = layout_make(v);
	session_frame(app, app->session->current + 1, v, &L);
	return true;
}

/* --- keypads --- */

static void toast(struct bt_app *app, uint32_t ms, const char *text)
{
	snprintf(app->toast, sizeof(app->toast), "%s", text);
	app->toast_until = ms + TOAST_MS;
}

static void outbox_blink(struct bt_app *app, const char *port)
{
	if (app->out.n_blink < BT_APP_OUTBOX)
		snprintf(app->out.blink[app->out.n_blink++], BT_PORT_MAX, "%s", port);
}

bool app_keypad(struct bt_app *app, const char *port, enum bt_pad_action action, int digit,
                uint32_t ms)
{
	app->now = ms;
	if (action == BT_PAD_NONE)
		return false;
	bool is_new = false;
	int seat = seatmap_claim(&app->seatmap, port, &is_new);
	bool dirty = false;
	if (!seat) {
		toast(app, ms, _("All seats are taken. Free a seat with F2."));
		return true;
	}
	if (is_new) {
		char t[64];
		snprintf(t, sizeof(t), _("New: seat %d"), seat);
		toast(app, ms, t);
		if (app->seatmap_path && seatmap_save(&app->seatmap, app->seatmap_path) < 0)
			toast(app, ms, _("New keypad, but the seats could not be saved."));
		dirty = true;
	}
	struct bt_event ev = {.type = BT_EV_SEAT, .seat = (uint8_t)seat, .time_ms = ms};
	switch (action) {
	case BT_PAD_DIGIT:
		ev.key = BT_SK_DIGIT;
		ev.digit = (uint8_t)digit;
		break;
	case BT_PAD_ENTER:
		ev.key = BT_SK_ENTER;
		break;
	case BT_PAD_UNDO:
		ev.key = BT_SK_UNDO;
		break;
	case BT_PAD_HAND:
		ev.key = BT_SK_HAND;
		break;
	default:
		return dirty;
	}
	bool counted = false, question_open = false;
	if (!app->pairing && app->mode == BT_MODE_SESSION && app->session) {
		/* a vote counted when the scene's vote changed, not only the seat joined */
		int before = -1;
		const struct bt_scene_def *d =
		    session_at_end(app->session)
		        ? NULL
		        : &app->session->def->scenes[app->session->current];
		const struct bt_vote *vt =
		    d && d->type->vote ? d->type->vote(app->session->states[app->session->current])
		                       : NULL;
		if (vt)
			before = vt->choice[seat];
		question_open = vt && vt->phase == BT_VOTE_OPEN;
		dirty |= app_handle(app, &ev);
		counted = vt && app->session && ev.key == BT_SK_DIGIT && vt->choice[seat] != before;
	}
	if (counted) {
		outbox_blink(app, port);
	} else if (ev.key == BT_SK_DIGIT && digit == 0 && !question_open) {
		/* "which keypad is mine?" — never while a question is open, where 0 may be
		 * an answer the room must not see */
		app->wave_seat = seat;
		app->wave_until = ms + WAVE_MS;
		outbox_blink(app, port);
		dirty = true;
	}
	if (app->pairing)
		dirty = true;
	return dirty;
}

bool app_device(struct bt_app *app, const struct bt_devinfo *info)
{
	for (int i = 0; i < app->n_devices; i++) {
		if (strcmp(app->devices[i].port, info->port) == 0) {
			app->devices[i] = *info;
			return true;
		}
	}
	if (!info->present || app->n_devices >= BT_APP_DEVICES)
		return false;
	app->devices[app->n_devices++] = *info;
	return true;
}

bool app_input_problem(struct bt_app *app, const char *message)
{
	snprintf(app->input_problem, sizeof(app->input_problem), "%s", message ? message : "");
	app->problem_until = app->now + 10000;
	return true;
}

bool app_tick(struct bt_app *app, uint32_t ms)
{
	bool problem_on = app->input_problem[0] && app->now < app->problem_until;
	bool dirty_clock = false;
	if (app->mode == BT_MODE_SESSION && app->session) {
		uint32_t st = ms + app->clock_offset;
		if (st > app->chime_checked) {
			if (app->opt.sound && !app->muted &&
			    session_chime_due(app->session, app->chime_checked, st))
				app->out.chime = true;
			/* the clock line moved into a new minute */
			dirty_clock = !app->clock_hidden &&
			              st / CLOCK_STEP_MS != app->chime_checked / CLOCK_STEP_MS;
			app->chime_checked = st;
		}
		if (!app->break_reminded && st >= BREAK_REMINDER_MS) {
			app->break_reminded = true;
			snprintf(app->toast, sizeof(app->toast), "%s",
			         _("Half an hour has passed: time for a break?"));
			app->toast_until = ms + 3 * TOAST_MS;
			dirty_clock = true;
		}
	}
	/* a scene animation moves on its own: every due wake-up is a new frame */
	bool anim = app->mode == BT_MODE_SESSION && app->session && !app->blank &&
	            session_next_wakeup(app->session, app->now + app->clock_offset) >= 0;
	bool toast_on = app->toast[0] && app->now < app->toast_until;
	bool wave_on = app->wave_seat && app->now < app->wave_until;
	app->now = ms;
	if (toast_on && ms >= app->toast_until)
		app->toast[0] = '\0';
	if (app->wave_seat && ms >= app->wave_until)
		app->wave_seat = 0;
	return anim || dirty_clock || wave_on || (toast_on && !app->toast[0]) ||
	       (problem_on && ms >= app->problem_until);
}

int app_next_wakeup(const struct bt_app *app)
{
	int next = -1;
	if (app->wave_seat && app->now < app->wave_until)
		next = 33; /* the wave moves: about 30 frames a second */
	if (app->toast[0] && app->now < app->toast_until) {
		int t = (int)(app->toast_until - app->now);
		if (next < 0 || t < next)
			next = t;
	}
	if (app->input_problem[0] && app->now < app->problem_until) {
		int t = (int)(app->problem_until - app->now);
		if (next < 0 || t < next)
			next = t;
	}
	if (app->mode == BT_MODE_SESSION && app->session && !app->blank && !app->help &&
	    !app->pairing) {
		uint32_t st = app->now + app->clock_offset;
		int t = session_next_wakeup(app->session, st);
		if (t >= 0 && (next < 0 || t < next))
			next = t;
		/* the clock line moves once a minute; the break reminder comes once */
		if (!app->clock_hidden && st < HOUR_MS) {
			t = (int)(CLOCK_STEP_MS - st % CLOCK_STEP_MS);
			if (next < 0 || t < next)
				next = t;
		}
		if (!app->break_reminded) {
			t = (int)(BREAK_REMINDER_MS -
			          (st < BREAK_REMINDER_MS ? st : BREAK_REMINDER_MS));
			if (next < 0 || t < next)
				next = t;
		}
	}
	return next;
}

/* --- typing --- */

#define DRAFT_CHARS_MAX 40 /* what fits on a block at 56 px */

bool app_text_input(struct bt_app *app, const char *utf8)
{
	if (!app->typing || !utf8 || !utf8[0])
		return false;
	size_t have = strlen(app->draft), add = strlen(utf8);
	size_t max = app->text_req.max_chars > 0 && app->text_req.max_chars < DRAFT_CHARS_MAX
	                 ? (size_t)app->text_req.max_chars
	                 : DRAFT_CHARS_MAX;
	if (!bt_utf8_valid(utf8, add, NULL) || have + add >= sizeof(app->draft) ||
	    bt_utf8_chars(app->draft) + bt_utf8_chars(utf8) > max)
		return false;
	/* no control characters in the journal or on screen */
	for (const char *p = utf8; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return false;
	memcpy(app->draft + have, utf8, add + 1);
	return true;
}

bool app_text_key(struct bt_app *app, enum bt_text_key key, uint32_t ms)
{
	if (!app->typing)
		return false;
	switch (key) {
	case BT_TEXTKEY_BACKSPACE: {
		size_t n = strlen(app->draft);
		while (n > 0 && ((unsigned char)app->draft[n - 1] & 0xC0) == 0x80)
			n--; /* a whole UTF-8 character */
		if (n > 0)
			n--;
		app->draft[n] = '\0';
		return true;
	}
	case BT_TEXTKEY_CANCEL:
		app->typing = false;
		return true;
	case BT_TEXTKEY_ENTER: {
		app->typing = false;
		/* trim spaces; an empty text changes nothing */
		char *t = app->draft;
		while (*t == ' ')
			t++;
		size_t n = strlen(t);
		while (n > 0 && t[n - 1] == ' ')
			t[--n] = '\0';
		if (!*t || !app->session)
			return true;
		struct bt_event ev = {.type = BT_EV_TEXT,
		                      .key = (uint8_t)app->text_req.op,
		                      .digit = (uint8_t)app->text_req.target,
		                      .time_ms = ms};
		snprintf(ev.text, sizeof(ev.text), "%s", t);
		app_handle(app, &ev);
		return true;
	}
	}
	return false;
}

bool app_stick_result(struct bt_app *app, char *const *lines)
{
	size_t used = 0;
	app->notice[0] = '\0';
	for (size_t i = 0; lines && lines[i]; i++) {
		int n = snprintf(app->notice + used, sizeof(app->notice) - used, "%s%s",
		                 i ? "\n" : "", lines[i]);
		if (n < 0 || (size_t)n >= sizeof(app->notice) - used)
			break; /* the rest is in the log */
		used += (size_t)n;
	}
	return true;
}

bool app_set_catalog(struct bt_app *app, const struct bt_catalog *catalog)
{
	if (app->mode != BT_MODE_MENU || app->session)
		return false;
	app->catalog = catalog;
	app->menu_sel = 0;
	app->confirm_restart = false;
	return true;
}

json_t *app_dump(const struct bt_app *app)
{
	json_t *root = json_object();
	json_object_set_new(root, "mode",
	                    json_string(app->mode == BT_MODE_MENU ? "menu" : "session"));
	json_t *seats = json_object();
	for (int i = 1; i <= BT_MAX_SEATS; i++) {
		if (!app->seatmap.port[i][0])
			continue;
		char key[8];
		snprintf(key, sizeof(key), "%d", i);
		json_object_set_new(seats, key, json_string(app->seatmap.port[i]));
	}
	json_object_set_new(root, "seats", seats);
	json_object_set_new(root, "session",
	                    app->session ? session_dump(app->session) : json_null());
	json_t *ok = json_array(), *broken = json_array();
	for (size_t i = 0; i < app->catalog->n; i++) {
		const struct bt_catalog_entry *e = &app->catalog->entries[i];
		if (e->def)
			json_array_append_new(
			    ok, json_pack("{s:s, s:s?}", "id", e->def->id, "title", e->def->title));
		else
			json_array_append_new(broken, json_string(e->file));
	}
	json_object_set_new(root, "sessions", ok);
	json_object_set_new(root, "broken", broken);
	json_object_set_new(root, "notice", json_string(app->notice));
	return root;
}
