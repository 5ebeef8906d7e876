#include "headless.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app.h"
#include "palette.h"
#include "render.h"
#include "trace.h"
#include "session.h"
#include "util.h"
#include "i18n.h"
#include "log.h"

/* mkdir -p */
static int mkdir_p(const char *path)
{
	char *p = bt_xstrdup(path);
	int ret = 0;
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) < 0 && errno != EEXIST)
			ret = -1;
		*s = '/';
	}
	if (mkdir(p, 0755) < 0 && errno != EEXIST)
		ret = -1;
	free(p);
	return ret;
}

/* Feeds the script's events for session id into s (no journal). */
static void apply_script(struct bt_session *s, const struct bt_script *script)
{
	if (!script)
		return;
	for (size_t i = 0; i < script->n; i++)
		session_handle(s, &script->events[i]);
}

static int write_frame(struct bt_render *r, SDL_Surface *surf, struct bt_view *v, const char *base,
                       struct bt_trace *trace, uint64_t t0, const char *what)
{
	json_t *texts = json_array();
	render_view(r, v, texts);
	/* the frame is drawn here; the PNG and JSON are not part of its time */
	if (trace) {
		trace_frame(trace, t0, trace_now(), what);
		/* the same frame again with warm caches: what a vote or a clock tick costs */
		char *warm = bt_xasprintf("%s:warm", what);
		for (int i = 0; i < 5; i++) {
			uint64_t w0 = trace_now();
			render_view(r, v, NULL);
			trace_frame(trace, w0, trace_now(), warm);
		}
		free(warm);
	}
	int ret = 0;
	char *png = bt_xasprintf("%s.png", base);
	char *js = bt_xasprintf("%s.json", base);
	if (IMG_SavePNG(surf, png) < 0) {
		log_msg(BT_LOG_ERR, _("%s cannot be written: %s"), png, IMG_GetError());
		ret = 1;
	}
	json_t *root = json_pack("{s:[ii],s:o}", "size", v->w, v->h, "texts", texts);
	if (json_dump_file(root, js, JSON_INDENT(1)) < 0) {
		log_msg(BT_LOG_ERR, _("%s cannot be written"), js);
		ret = 1;
	}
	json_decref(root);
	free(png);
	free(js);
	return ret;
}

/* A room to draw the pairing screen with: six keypads in a USB hub (one of them
 * unplugged), one not yet pressed, the trainer's keyboard and clicker. */
static void example_room(struct bt_app *app)
{
	for (int i = 1; i <= 7; i++) {
		struct bt_devinfo d = {.cls = BT_DEV_KEYPAD, .present = i != 3};
		snprintf(d.port, sizeof(d.port), "pci-0000:00:14.0-usb-0:1.%d:1.0", i);
		snprintf(d.name, sizeof(d.name), "USB Keypad");
		snprintf(d.why, sizeof(d.why), "%s", _("number keys without letters"));
		bool is_new;
		if (i <= 6)
			seatmap_claim(&app->seatmap, d.port, &is_new);
		app_device(app, &d);
	}
	struct bt_devinfo kb = {.port = "pci-0000:00:14.0-usb-0:2:1.0",
	                        .name = "Logitech USB Keyboard",
	                        .cls = BT_DEV_KEYBOARD,
	                        .present = true};
	snprintf(kb.why, sizeof(kb.why), "%s", _("letters typed"));
	struct bt_devinfo pr = {.port = "pci-0000:00:14.0-usb-0:3:1.0",
	                        .name = "Logitech R400",
	                        .cls = BT_DEV_PRESENTER,
	                        .present = true};
	snprintf(pr.why, sizeof(pr.why), "%s", _("few keys with PageUp/PageDown"));
	app_device(app, &kb);
	app_device(app, &pr);
	app->pairing = true;
	app->pair_sel = 1;
	app->notice[0] = '\0';
}

int headless_render(const struct bt_catalog *catalog, const struct bt_headless_options *opt)
{
	int ret = 1;
	SDL_Surface *surf = NULL;
	SDL_Renderer *ren = NULL;
	struct bt_render *r = NULL;
	struct bt_view view = {0};
	char *err = NULL;
	struct bt_trace *trace = trace_open(); /* NULL unless $BERGTOP_TRACE asks */

	if (mkdir_p(opt->out_dir) < 0) {
		log_msg(BT_LOG_ERR, _("folder %s cannot be created: %s"), opt->out_dir,
		        strerror(errno));
		goto out;
	}
	surf = SDL_CreateRGBSurfaceWithFormat(0, opt->w, opt->h, 32, SDL_PIXELFORMAT_ARGB8888);
	ren = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
	if (!ren) {
		log_msg(BT_LOG_ERR, _("drawing without a screen fails: %s"), SDL_GetError());
		goto out;
	}
	r = render_create(ren, opt->assets_dir, &err);
	if (!r) {
		log_msg(BT_LOG_ERR, "%s", err);
		goto out;
	}
	ret = 0;
	size_t done = 0;
	for (size_t i = 0; i < catalog->n; i++) {
		const struct bt_session_def *def = catalog->entries[i].def;
		if (!def || (opt->session && strcmp(opt->session, def->id) != 0))
			continue;
		struct bt_session *s = session_create(def);
		s->catalog = catalog;
		if (opt->script &&
		    (!opt->script->session || strcmp(opt->script->session, def->id) == 0))
			apply_script(s, opt->script);
		for (size_t k = 0; k <= def->n_scenes; k++) {
			uint64_t t0 = trace ? trace_now() : 0;
			view_reset(&view, opt->w, opt->h, BT_C_BG);
			session_view(s, k, NULL, &view);
			char *base = k < def->n_scenes
			                 ? bt_xasprintf("%s/%s-%02zu-%s", opt->out_dir, def->id,
			                                k + 1, def->scenes[k].type->name)
			                 : bt_xasprintf("%s/%s-end", opt->out_dir, def->id);
			ret |= write_frame(r, surf, &view, base, trace, t0,
			                   k < def->n_scenes ? def->scenes[k].type->name : "end");
			free(base);
		}
		session_destroy(s);
		done++;
	}
	if (!opt->session) {
		/* the screens around the sessions, so they can be looked at too */
		struct bt_app_options ao = {0};
		struct bt_app *app = app_create(catalog, &ao);
		static const char *const names[] = {"menu", "menu-notice", "help", "pairing"};
		for (int k = 0; k < 4; k++) {
			app->help = k == 2;
			if (k == 3)
				example_room(app);
			/* the notice a trainer sees after a power cut, to check its layout too */
			if (k == 1 && catalog->n > 0)
				snprintf(app->notice, sizeof(app->notice),
				         _("Session %s was not finished. Press Enter to continue."),
				         catalog->entries[0].label);
			uint64_t t0 = trace ? trace_now() : 0;
			view_reset(&view, opt->w, opt->h, BT_C_BG);
			app_view(app, &view);
			char *base = bt_xasprintf("%s/%s", opt->out_dir, names[k]);
			ret |= write_frame(r, surf, &view, base, trace, t0, names[k]);
			free(base);
		}
		app_destroy(app);
	} else if (done == 0) {
		log_msg(BT_LOG_ERR, _("session %s does not exist or has an error"), opt->session);
		ret = 1;
	}
out:
	trace_close(trace);
	view_free(&view);
	render_destroy(r);
	SDL_DestroyRenderer(ren);
	SDL_FreeSurface(surf);
	free(err);
	return ret;
}

/* Number of leading script events that a fresh session needs to make `changed`
 * state changes: where a resumed run picks the script up again. */
static size_t script_resume_point(const struct bt_session_def *def, const struct bt_script *script,
                                  uint32_t changed)
{
	if (changed == 0)
		return 0;
	struct bt_session *s = session_create(def);
	uint32_t target = changed;
	size_t i = 0;
	while (i < script->n && s->events < target)
		session_handle(s, &script->events[i++]);
	session_destroy(s);
	return i;
}

int headless_script(const struct bt_catalog *catalog, const struct bt_headless_options *opt)
{
	const char *id = opt->session ? opt->session : opt->script->session;
	if (!id) {
		log_msg(BT_LOG_ERR,
		        _("which session? Put 'session 1.2' in the script or use --session"));
		return 2;
	}
	if (!catalog_find(catalog, id)) {
		log_msg(BT_LOG_ERR, _("session %s does not exist or has an error"), id);
		return 1;
	}
	struct bt_app_options ao = {.data_dir = opt->data_dir,
	                            .journal = opt->journal,
	                            .journal_days = opt->journal_days,
	                            .now_wall = opt->now_wall};
	struct bt_app *app = app_create(catalog, &ao);
	app_open_session(app, id, 0);
	app->clock_offset = 0; /* script times are session times */
	/* what the trainer would see on screen: resumed, a torn record, a failed disk */
	if (app->notice[0])
		log_msg(BT_LOG_ERR, "%s", app->notice);
	size_t start = script_resume_point(app->session->def, opt->script, app->session->events);
	if (start > 0)
		log_msg(BT_LOG_INFO, _("resumed after %zu of %zu script lines"), start,
		        opt->script->n);
	for (size_t i = start; i < opt->script->n; i++) {
		app_handle(app, &opt->script->events[i]);
		if (opt->crash_after >= 0 && (long)(i + 1) >= opt->crash_after)
			raise(SIGKILL);
		if (app->mode != BT_MODE_SESSION)
			break;
	}
	int ret = 0;
	if (opt->dump_state) {
		json_t *st = app->session ? session_dump(app->session)
		                          : json_pack("{s:s,s:b}", "session", id, "closed", 1);
		char *s = json_dumps(st, JSON_INDENT(1) | JSON_SORT_KEYS);
		if (s)
			printf("%s\n", s);
		free(s);
		json_decref(st);
	}
	app_destroy(app);
	return ret;
}
