#ifndef BT_SOUND_H
#define BT_SOUND_H

/* The soft chime at the end of a role-play phase or a break: generated here (no
 * sound files), played through SDL audio. Without an audio device bergtop stays
 * silent and says so once. */
struct bt_sound;

struct bt_sound *sound_create(void);
void sound_destroy(struct bt_sound *s);
/* Starts the chime (a chime still ringing starts again). NULL-safe. */
void sound_chime(struct bt_sound *s);
/* Fills out with the chime's samples (signed 16-bit mono at rate); returns how many. */
int sound_chime_samples(short *out, int max, int rate);

#endif
