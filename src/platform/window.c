#include "window.h"

#include <SDL.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>

#include "input_thread.h"
#include "palette.h"
#include "render.h"
#include "service.h"
#include "trace.h"
#include "sceneset.h"
#include "watch.h"
#include "sound.h"
#include "util.h"
#include "i18n.h"
#include "log.h"

/* Trainer keys from the keyboard or a presenter clicker. */
static enum bt_trainer_key trainer_key(const SDL_KeyboardEvent *k, const struct bt_chord *quit)
{
	SDL_Keymod mod = (SDL_Keymod)k->keysym.mod;
	/* leaving takes a deliberate chord, never one key */
	SDL_Keycode sym = k->keysym.sym;
	if ((mod & (KMOD_CTRL | KMOD_ALT)) && sym >= SDLK_a && sym <= SDLK_z &&
	    chord_matches(quit, mod & KMOD_CTRL, mod & KMOD_ALT, mod & KMOD_SHIFT, (char)sym))
		return BT_TK_QUIT;
	switch (k->keysym.sym) {
	case SDLK_RIGHT:
	case SDLK_PAGEDOWN:
	case SDLK_SPACE:
		return BT_TK_NEXT;
	case SDLK_LEFT:
	case SDLK_PAGEUP:
		return BT_TK_PREV;
	case SDLK_UP:
		return BT_TK_UP;
	case SDLK_DOWN:
		return BT_TK_DOWN;
	case SDLK_RETURN:
		return BT_TK_ENTER;
	case SDLK_b:
	case SDLK_PERIOD:
		return BT_TK_BLANK;
	case SDLK_ESCAPE:
	case SDLK_F5:
		return BT_TK_MENU;
	case SDLK_F1:
	case SDLK_QUESTION:
		return BT_TK_HELP;
	case SDLK_SLASH:
		return (mod & KMOD_SHIFT) ? BT_TK_HELP : BT_TK_NONE;
	case SDLK_r:
		return BT_TK_RESET;
	case SDLK_DELETE:
		return BT_TK_DELETE;
	case SDLK_TAB:
		return (mod & KMOD_SHIFT) ? BT_TK_SEAT_PREV : BT_TK_SEAT_NEXT;
	case SDLK_F2:
		return BT_TK_PAIRING;
	case SDLK_h:
		return BT_TK_HAND_NEXT;
	case SDLK_s:
		return BT_TK_SWAP;
	case SDLK_k:
		return BT_TK_LETTER_K;
	case SDLK_n:
		return BT_TK_LETTER_N;
	case SDLK_e:
		return BT_TK_LETTER_E;
	case SDLK_g:
		return BT_TK_LETTER_G;
	case SDLK_p:
		return BT_TK_LETTER_P;
	case SDLK_m:
		return BT_TK_MUTE;
	case SDLK_c:
		return BT_TK_CLOCK;
	case SDLK_t:
		return BT_TK_PEEK;
	case SDLK_x:
		return BT_TK_EXPORT;
	case SDLK_w:
		return BT_TK_WIPE;
	default:
		return BT_TK_NONE;
	}
}

/* Simulated keypads: digits and undo go to the active seat. */
static bool seat_key(const SDL_KeyboardEvent *k, int *key, int *digit)
{
	SDL_Keycode s = k->keysym.sym;
	if (s >= SDLK_0 && s <= SDLK_9 && !(k->keysym.mod & KMOD_SHIFT)) {
		*key = BT_SK_DIGIT;
		*digit = (int)(s - SDLK_0);
		return true;
	}
	if (s >= SDLK_KP_1 && s <= SDLK_KP_9) {
		*key = BT_SK_DIGIT;
		*digit = (int)(s - SDLK_KP_1) + 1;
		return true;
	}
	if (s == SDLK_KP_0) {
		*key = BT_SK_DIGIT;
		*digit = 0;
		return true;
	}
	if (s == SDLK_BACKSPACE) {
		*key = BT_SK_UNDO;
		*digit = 0;
		return true;
	}
	if (s == SDLK_KP_PLUS || s == SDLK_PLUS) {
		*key = BT_SK_HAND;
		*digit = 0;
		return true;
	}
	return false;
}

/* Quiet time after a new scene before its successor is made ready: long enough that
 * a burst of keys is over, short next to a trainer reading the screen. */
#define AHEAD_MS 100

/* The accelerated renderer first: SDL's software renderer shows black on KMSDRM. */
static SDL_Renderer *make_renderer(SDL_Window *w)
{
	SDL_Renderer *r =
	    SDL_CreateRenderer(w, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
	if (!r)
		r = SDL_CreateRenderer(w, -1, SDL_RENDERER_ACCELERATED);
	if (!r) {
		log_msg(BT_LOG_WARNING, _("no accelerated rendering (%s); using software"),
		        SDL_GetError());
		r = SDL_CreateRenderer(w, -1, SDL_RENDERER_SOFTWARE);
	}
	return r;
}

/* Hands what the input thread read to the app. */
static bool take_input(struct bt_app *app, struct bt_input_thread *t, struct bt_ratelimit *rl,
                       struct bt_trace *trace)
{
	struct bt_input_msg m[64];
	bool dirty = false;
	int n = input_thread_take(t, m, 64);
	for (int i = 0; i < n; i++) {
		uint32_t now = SDL_GetTicks();
		if (trace && (m[i].kind == BT_IN_PAD || m[i].kind == BT_IN_TRAINER))
			trace_input(trace, m[i].time_us * 1000u, trace_now(),
			            m[i].kind == BT_IN_PAD ? "pad" : "trainer");
		switch (m[i].kind) {
		case BT_IN_PAD:
			dirty |= app_keypad(app, m[i].port, m[i].action, m[i].digit, now);
			break;
		case BT_IN_TRAINER: {
			if (app->typing && m[i].tkey == BT_TK_ENTER) {
				dirty |= app_text_key(app, BT_TEXTKEY_ENTER, now);
				break;
			}
			if (app->typing && m[i].tkey == BT_TK_MENU) {
				dirty |= app_text_key(app, BT_TEXTKEY_CANCEL, now);
				break;
			}
			struct bt_event ev = event_trainer(m[i].tkey, now);
			dirty |= app_handle(app, &ev);
			break;
		}
		case BT_IN_TEXT:
			if (!app->typing)
				break;
			if (strcmp(m[i].text, "\b") == 0)
				dirty |= app_text_key(app, BT_TEXTKEY_BACKSPACE, now);
			else
				dirty |= app_text_input(app, m[i].text);
			break;
		case BT_IN_DEVICE:
			dirty |= app_device(app, &m[i].dev);
			break;
		case BT_IN_PROBLEM: {
			uint32_t held;
			if (m[i].problem[0] && ratelimit_allow(rl, now, &held))
				log_msg(BT_LOG_ERR, "%s", m[i].problem);
			dirty |= app_input_problem(app, m[i].problem);
			break;
		}
		}
	}
	return dirty;
}

/* Passes the app's requests (LED blinks, re-classified devices) to the thread. */
static void flush_outbox(struct bt_app *app, struct bt_input_thread *t)
{
	for (int i = 0; t && i < app->out.n_blink; i++)
		input_thread_blink(t, app->out.blink[i]);
	for (int i = 0; t && i < app->out.n_reclass; i++)
		input_thread_reclassify(t, app->out.reclass[i], app->out.reclass_to[i]);
	app->out.n_blink = 0;
	app->out.n_reclass = 0;
}

/* What is on the screen, for the trace: the scene type, or menu, help, ... */
static const char *on_screen(const struct bt_app *app)
{
	if (app->help)
		return "help";
	if (app->blank)
		return "blank";
	if (app->pairing)
		return "pairing";
	if (app->mode != BT_MODE_SESSION || !app->session)
		return "menu";
	const struct bt_session *s = app->session;
	return s->current < s->def->n_scenes ? s->def->scenes[s->current].type->name : "end";
}

/* What open_screen made; everything NULL when it failed. */
struct screen {
	SDL_Window *win;
	SDL_Renderer *ren;
	struct bt_render *r;
	const char *driver;
};

static void close_screen(struct screen *sc)
{
	render_destroy(sc->r);
	if (sc->ren)
		SDL_DestroyRenderer(sc->ren);
	if (sc->win)
		SDL_DestroyWindow(sc->win);
	SDL_Quit();
	*sc = (struct screen){0};
}

/* SIGUSR1: the app's state as JSON in <data_dir>/state.json (owner only), written
 * whole and then renamed so a reader never sees half of it. */
static void dump_state(const struct bt_app *app, const char *data_dir)
{
	char *tmp = bt_xasprintf("%s/state.json.tmp", data_dir);
	char *path = bt_xasprintf("%s/state.json", data_dir);
	json_t *st = app_dump(app);
	FILE *f = NULL;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd >= 0)
		f = fdopen(fd, "w");
	if (!f || json_dumpf(st, f, JSON_COMPACT | JSON_SORT_KEYS) < 0 || fputc('\n', f) == EOF ||
	    fclose(f) != 0 || rename(tmp, path) < 0) {
		log_msg(BT_LOG_WARNING, _("the state cannot be written to %s"), path);
		if (!f && fd >= 0)
			close(fd);
		unlink(tmp);
	} else {
		log_msg(BT_LOG_INFO, _("state written to %s"), path);
	}
	json_decref(st);
	free(tmp);
	free(path);
}

/* A stick update finished: show what happened, and take the new scenes now if the
 * menu is showing, else once the session is left. Returns true when redrawn. */
static bool take_stick_result(struct bt_app *app, const struct bt_window_options *opt,
                              bool *reload_due)
{
	struct bt_import_report rep = {0};
	if (sceneset_report_read(opt->data_dir, &rep) < 0)
		return false;
	char **lines = sceneset_report_lines(&rep, 4);
	for (size_t i = 0; lines && lines[i]; i++)
		log_msg(BT_LOG_NOTICE, "%s", lines[i]);
	app_stick_result(app, lines);
	sceneset_lines_free(lines);
	*reload_due = rep.changed || rep.stepped_back;
	sceneset_report_clear(&rep);
	return true;
}

/* Opens the window or the whole screen. A failure is logged (when log is true) and
 * leaves nothing open. */
static bool open_screen(const struct bt_window_options *opt, struct screen *sc, bool log)
{
	char *err = NULL;
	*sc = (struct screen){0};
	/* Asked for software drawing, SDL would still show the picture through an OpenGL
	 * texture on X11: 400 ms and 60 MB of Mesa for nothing. A user's own hint wins. */
	const char *want = SDL_getenv("SDL_RENDER_DRIVER");
	if (want && SDL_strcasecmp(want, "software") == 0)
		SDL_SetHintWithPriority(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0", SDL_HINT_DEFAULT);
	if (SDL_Init(SDL_INIT_VIDEO) < 0) {
		if (log)
			log_msg(BT_LOG_ERR, _("no screen found: %s"), SDL_GetError());
		goto fail;
	}
	const char *driver = SDL_GetCurrentVideoDriver();
	/* SDL falls back to an invisible screen when there is none: say so instead of
	 * running where nobody can see it (unless someone asked for it on purpose) */
	if (driver && (strcmp(driver, "offscreen") == 0 || strcmp(driver, "dummy") == 0) &&
	    !SDL_getenv("SDL_VIDEODRIVER")) {
		if (log)
			log_msg(BT_LOG_ERR,
			        _("no screen found (no desktop and no display via KMS). Start "
			          "bergtop on a desktop or on the console of the mini PC; "
			          "--render and --script do work without a screen."));
		goto fail;
	}
	if (SDL_GetNumVideoDisplays() < 1) {
		if (log)
			log_msg(BT_LOG_ERR, _("no screen found: %s"), SDL_GetError());
		goto fail;
	}
	sc->driver = driver;
	log_msg(BT_LOG_INFO, _("screen via %s"), driver ? driver : "?");
	bool fullscreen = opt->fullscreen;
	if (opt->fullscreen_auto)
		fullscreen = driver && SDL_strcasecmp(driver, "kmsdrm") == 0;
	Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
	if (fullscreen)
		flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
	int display = opt->display < SDL_GetNumVideoDisplays() ? opt->display : 0;
	if (display != opt->display)
		log_msg(BT_LOG_WARNING, _("screen %d does not exist; using the first screen"),
		        opt->display);
	sc->win = SDL_CreateWindow("bergtop", SDL_WINDOWPOS_CENTERED_DISPLAY(display),
	                           SDL_WINDOWPOS_CENTERED_DISPLAY(display),
	                           opt->w > 0 ? opt->w : 1280, opt->h > 0 ? opt->h : 720, flags);
	if (!sc->win) {
		log_msg(BT_LOG_ERR, _("opening a window fails: %s"), SDL_GetError());
		goto fail;
	}
	if (fullscreen)
		SDL_ShowCursor(SDL_DISABLE);
	sc->ren = make_renderer(sc->win);
	if (!sc->ren) {
		log_msg(BT_LOG_ERR, _("drawing fails: %s"), SDL_GetError());
		goto fail;
	}
	sc->r = render_create(sc->ren, opt->assets_dir, &err);
	if (!sc->r) {
		log_msg(BT_LOG_ERR, "%s", err);
		goto fail;
	}
	return true;
fail:
	free(err);
	close_screen(sc);
	return false;
}

/* Under systemd (the kiosk) a missing screen, such as a TV that is off or on another
 * input at boot, is waited for: bergtop appears once the TV is there. Elsewhere it
 * is an error. */
static bool wait_for_screen(const struct bt_window_options *opt, struct screen *sc,
                            struct bt_service *svc)
{
	if (open_screen(opt, sc, true))
		return true;
	if (!svc->notify)
		return false;
	log_msg(BT_LOG_NOTICE, _("waiting for a screen; bergtop tries again every few seconds"));
	for (;;) {
		service_waiting(svc, SDL_GetTicks(), "waiting for a screen");
		struct timespec ts = {.tv_sec = 3};
		nanosleep(&ts, NULL);
		if (open_screen(opt, sc, false))
			return true;
	}
}

int window_run(struct bt_app *app, const struct bt_window_options *opt)
{
	struct bt_input_thread *input = NULL;
	struct bt_sound *sound = NULL;
	int ret = 1;
	struct screen sc = {0};
	struct bt_view view = {0};
	struct bt_view ahead = {0}; /* the next scene, made ready while idle */
	struct bt_chord quit = opt->quit.key ? opt->quit : chord_default_quit();
	/* the same input problem told again and again fills the log: 3 a minute */
	struct bt_ratelimit problem_rl;
	ratelimit_init(&problem_rl, 60000, 3);
	struct bt_service svc;
	service_init(&svc);
	struct bt_watch *watch = NULL;
	bool reload_due = false;
	struct bt_trace *trace = trace_open(); /* NULL unless $BERGTOP_TRACE asks */
	/* before SDL or Mesa start threads, so that only the watch thread gets SIGUSR1 */
	if (opt->data_dir)
		watch_block_signals();

	if (!wait_for_screen(opt, &sc, &svc))
		goto out;
	const char *driver = sc.driver;
	SDL_Renderer *ren = sc.ren;
	struct bt_render *r = sc.r;
	SDL_StopTextInput();
	/* on a bare console (KMSDRM) there is no window system: the trainer's keyboard
	 * and clicker come through the input layer too, and SDL's own key events are
	 * ignored so no key counts twice */
	bool kiosk = driver && SDL_strcasecmp(driver, "kmsdrm") == 0;
	Uint32 wake = SDL_RegisterEvents(1);
	if (opt->input_dir && wake != (Uint32)-1) {
		struct bt_input_options io = {
		    .dev_dir = opt->input_dir, .read_trainer = kiosk, .grab = true, .quit = quit};
		input = input_thread_start(&io, wake);
		if (!input)
			log_msg(BT_LOG_ERR, _("reading the keypads fails"));
	}
	if (app->opt.sound)
		sound = sound_create();
	if (opt->data_dir && wake != (Uint32)-1)
		watch = watch_start(opt->data_dir, wake);
	bool dirty = true;
	/* the scene whose successor was made ready ahead (render_prepare) */
	const struct bt_session_def *ahead_def = NULL;
	size_t ahead_k = SIZE_MAX;
	ret = 0;
	while (!app->quit) {
		if (dirty) {
			uint64_t t0 = trace ? trace_now() : 0;
			int w, h;
			SDL_GetRendererOutputSize(ren, &w, &h);
			view_reset(&view, w, h, BT_C_BG);
			app_view(app, &view);
			render_view(r, &view, NULL);
			SDL_RenderPresent(ren);
			if (trace)
				trace_frame(trace, t0, trace_now(), on_screen(app));
			dirty = false;
			service_ready(&svc, SDL_GetTicks());
		}
		/* text events only while the trainer types, so letters stay keys otherwise */
		if (app->typing && !SDL_IsTextInputActive())
			SDL_StartTextInput();
		else if (!app->typing && SDL_IsTextInputActive())
			SDL_StopTextInput();
		SDL_Event e;
		/* sleep until something happens, or until a notice or animation is due:
		 * no polling loop */
		int timeout = app_next_wakeup(app);
		int wd = service_max_sleep_ms(&svc); /* the watchdog wants a sign of life */
		if (wd >= 0 && (timeout < 0 || wd < timeout))
			timeout = wd;
		/* a new scene on screen: once nothing has happened for AHEAD_MS, make the
		 * next one's pictures and text, so the trainer's next step shows at once */
		bool ahead_due =
		    app->mode == BT_MODE_SESSION && app->session &&
		    (app->session->def != ahead_def || app->session->current != ahead_k);
		if (ahead_due && (timeout < 0 || timeout > AHEAD_MS))
			timeout = AHEAD_MS;
		int got = timeout >= 0 ? SDL_WaitEventTimeout(&e, timeout) : SDL_WaitEvent(&e);
		service_ping(&svc, SDL_GetTicks());
		dirty |= app_tick(app, SDL_GetTicks());
		if (!got && ahead_due && !dirty) {
			uint64_t t0 = trace ? trace_now() : 0;
			int w, h;
			SDL_GetRendererOutputSize(ren, &w, &h);
			view_reset(&ahead, w, h, BT_C_BG);
			if (app_view_ahead(app, &ahead))
				render_prepare(r, &ahead);
			trace_prepare(trace, t0, trace ? trace_now() : 0);
			ahead_def = app->session->def;
			ahead_k = app->session->current;
		}
		if (!got)
			continue;
		do {
			if (e.type == wake && e.user.code == BT_WATCH_STICK) {
				dirty |= take_stick_result(app, opt, &reload_due);
				continue;
			}
			if (e.type == wake && e.user.code == BT_WATCH_DUMP) {
				dump_state(app, opt->data_dir);
				continue;
			}
			if (input && e.type == wake) {
				dirty |= take_input(app, input, &problem_rl, trace);
				continue;
			}
			struct bt_event ev = {0};
			switch (e.type) {
			case SDL_QUIT:
				app->quit = true;
				break;
			case SDL_WINDOWEVENT:
				if (e.window.event == SDL_WINDOWEVENT_EXPOSED ||
				    e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
				    e.window.event == SDL_WINDOWEVENT_RESTORED)
					dirty = true;
				break;
			case SDL_RENDER_TARGETS_RESET:
			case SDL_RENDER_DEVICE_RESET:
				dirty = true;
				break;
			case SDL_TEXTINPUT:
				if (app->typing && !kiosk)
					dirty |= app_text_input(app, e.text.text);
				break;
			case SDL_KEYUP:
				if (!kiosk && e.key.keysym.sym == SDLK_t) {
					struct bt_event up =
					    event_trainer(BT_TK_PEEK_END, SDL_GetTicks());
					dirty |= app_handle(app, &up);
				}
				break;
			case SDL_KEYDOWN: {
				if (e.key.repeat || kiosk)
					break;
				trace_input(trace, 0, trace ? trace_now() : 0, "trainer");
				if (app->typing) {
					/* while typing, keys are text (SDL_TEXTINPUT) except these
					 */
					SDL_Keycode k = e.key.keysym.sym;
					if (k == SDLK_RETURN || k == SDLK_KP_ENTER)
						dirty |= app_text_key(app, BT_TEXTKEY_ENTER,
						                      SDL_GetTicks());
					else if (k == SDLK_ESCAPE)
						dirty |= app_text_key(app, BT_TEXTKEY_CANCEL,
						                      SDL_GetTicks());
					else if (k == SDLK_BACKSPACE)
						dirty |= app_text_key(app, BT_TEXTKEY_BACKSPACE,
						                      SDL_GetTicks());
					break;
				}
				enum bt_trainer_key tk = trainer_key(&e.key, &quit);
				int key, digit;
				if (tk != BT_TK_NONE) {
					ev = event_trainer(tk, SDL_GetTicks());
				} else if (seat_key(&e.key, &key, &digit)) {
					ev = event_seat(app->active_seat, (enum bt_seat_key)key,
					                digit, SDL_GetTicks());
				} else {
					break;
				}
				dirty |= app_handle(app, &ev);
				break;
			}
			default:
				break;
			}
		} while (SDL_PollEvent(&e));
		/* new scenes from a stick: only in the menu, a session points into the old */
		if (reload_due && opt->reload && app->mode == BT_MODE_MENU && !app->session) {
			app_set_catalog(app, opt->reload(opt->reload_user));
			reload_due = false;
			dirty = true;
		}
		flush_outbox(app, input);
		if (app->out.chime) {
			sound_chime(sound);
			app->out.chime = false;
		}
	}
	service_stopping(&svc);
out:
	trace_close(trace);
	watch_stop(watch);
	sound_destroy(sound);
	input_thread_stop(input);
	view_free(&view);
	view_free(&ahead);
	close_screen(&sc);
	return ret;
}

int window_safe_screen(const struct bt_window_options *opt)
{
	struct screen sc = {0};
	struct bt_view view = {0};
	struct bt_service svc;
	service_init(&svc);
	struct bt_chord quit = opt->quit.key ? opt->quit : chord_default_quit();
	if (!wait_for_screen(opt, &sc, &svc))
		return 1;
	bool dirty = true, done = false;
	while (!done) {
		if (dirty) {
			int w, h;
			SDL_GetRendererOutputSize(sc.ren, &w, &h);
			view_reset(&view, w, h, BT_C_BG);
			float u = (float)h / 1080.0f;
			view_icon(&view,
			          box_make((float)w / 2 - 110 * u, 150 * u, 220 * u, 220 * u),
			          "ehbo");
			view_text(&view, box_make(120 * u, 420 * u, (float)w - 240 * u, 120 * u),
			          _("bergtop does not start."), 72 * u, BT_C_TEXT, BT_C_BG,
			          BT_ALIGN_CENTER, BT_ROLE_PARTICIPANT)
			    ->bold = true;
			view_text(&view, box_make(160 * u, 580 * u, (float)w - 320 * u, 300 * u),
			          _("Switch the computer off and on again. Does this keep "
			            "happening? Call the person who looks after this computer."),
			          48 * u, BT_C_TEXT, BT_C_BG, BT_ALIGN_CENTER, BT_ROLE_TRAINER);
			render_view(sc.r, &view, NULL);
			SDL_RenderPresent(sc.ren);
			dirty = false;
			service_ready(&svc, SDL_GetTicks());
		}
		SDL_Event e;
		int wd = service_max_sleep_ms(&svc);
		int got = wd >= 0 ? SDL_WaitEventTimeout(&e, wd) : SDL_WaitEvent(&e);
		service_ping(&svc, SDL_GetTicks());
		if (!got)
			continue;
		if (e.type == SDL_QUIT)
			done = true;
		else if (e.type == SDL_WINDOWEVENT || e.type == SDL_RENDER_TARGETS_RESET ||
		         e.type == SDL_RENDER_DEVICE_RESET)
			dirty = true;
		else if (e.type == SDL_KEYDOWN && trainer_key(&e.key, &quit) == BT_TK_QUIT)
			done = true;
	}
	service_stopping(&svc);
	view_free(&view);
	close_screen(&sc);
	return 0;
}
