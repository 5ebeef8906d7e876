#include "sound.h"

#include <SDL.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "util.h"
#include "i18n.h"
#include "log.h"

#define RATE          44100
#define CHIME_SECONDS 1.4

struct bt_sound {
	SDL_AudioDeviceID dev;
	short *samples;
	int n;
};

int sound_chime_samples(short *out, int max, int rate)
{
	int n = (int)(CHIME_SECONDS * rate);
	if (n > max)
		n = max;
	for (int i = 0; i < n; i++) {
		double t = (double)i / rate;
		/* two soft partials (E5 and B5), a 15 ms fade in and a slow decay: a bell,
		 * not an alarm */
		double env = (t < 0.015 ? t / 0.015 : 1.0) * exp(-t / 0.35);
		double v = 0.55 * sin(2 * M_PI * 659.25 * t) + 0.3 * sin(2 * M_PI * 987.77 * t) +
		           0.15 * sin(2 * M_PI * 1318.5 * t) * exp(-t / 0.1);
		out[i] = (short)(v * env * 0.3 * 32767);
	}
	return n;
}

struct bt_sound *sound_create(void)
{
	if (SDL_InitSubSystem(SDL_INIT_AUDIO) < 0) {
		log_msg(BT_LOG_WARNING, _("no sound (%s)"), SDL_GetError());
		return NULL;
	}
	SDL_AudioSpec want = {.freq = RATE, .format = AUDIO_S16SYS, .channels = 1, .samples = 2048};
	SDL_AudioSpec have;
	SDL_AudioDeviceID dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
	if (!dev) {
		log_msg(BT_LOG_WARNING, _("no sound (%s)"), SDL_GetError());
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
		return NULL;
	}
	struct bt_sound *s = bt_xcalloc(1, sizeof(*s));
	s->dev = dev;
	s->samples = bt_xmalloc(sizeof(short) * (size_t)(CHIME_SECONDS * RATE + 1));
	s->n = sound_chime_samples(s->samples, (int)(CHIME_SECONDS * RATE + 1), RATE);
	return s;
}

void sound_destroy(struct bt_sound *s)
{
	if (!s)
		return;
	SDL_CloseAudioDevice(s->dev);
	SDL_QuitSubSystem(SDL_INIT_AUDIO);
	free(s->samples);
	free(s);
}

void sound_chime(struct bt_sound *s)
{
	if (!s)
		return;
	SDL_ClearQueuedAudio(s->dev);
	SDL_QueueAudio(s->dev, s->samples, (Uint32)(sizeof(short) * (size_t)s->n));
	SDL_PauseAudioDevice(s->dev, 0);
}
