#ifndef BT_JOURNAL_H
#define BT_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event.h"

/* A session's journal: every event that changed state, appended and flushed to
 * disk before its effect is shown, so a crash or power cut resumes exactly.
 *
 * File layout (little-endian): "BTJ1", u32 header length, header (session id
 * NUL-terminated, u32 scene file hash, i64 creation time), u32 CRC-32 of the
 * header; then records: u32 payload length, u32 CRC-32 of the payload, payload
 * (u8 type, u8 key, u8 seat, u8 digit, u32 time_ms, u8 text length, text). */

/* A journal never grows past this (about an hour of twelve seats pressing 50 keys a
 * second each); appends past it fail with -EFBIG, so a resume always reads it whole. */
#define BT_JOURNAL_MAX_BYTES (32 * 1024 * 1024)

struct bt_journal_info {
	char session_id[16];
	uint32_t hash;
	int64_t created; /* seconds since the epoch */
};

struct bt_journal;

/* Parses journal bytes. Returns 0 with the header and every intact event; a torn
 * or corrupt record ends the list, *valid_len tells how many bytes were good and
 * *warning (caller frees, may be NULL) says what was skipped. Returns -EINVAL when
 * the header itself is unusable. Never reads past len. */
int journal_parse(const uint8_t *buf, size_t len, struct bt_journal_info *info,
                  struct bt_event **events, size_t *n_events, size_t *valid_len, char **warning);

/* Opens (creating if needed) the journal at path for session_id. Existing intact
 * events are returned (caller frees *events); a torn tail is cut off. The file
 * and its folder are made readable by the owner only. Returns 0 or -errno;
 * -EEXIST when the file belongs to another session id. */
int journal_open(const char *path, const char *session_id, uint32_t hash, struct bt_event **events,
                 size_t *n_events, char **warning, struct bt_journal **out);
/* Appends one event and flushes it to disk (fdatasync). On failure the file is
 * left ending at the last whole record. Returns 0 or -errno; -EFBIG when the record
 * would take the file past BT_JOURNAL_MAX_BYTES. */
int journal_append(struct bt_journal *j, const struct bt_event *ev);
/* Hash recorded when the journal was started (to warn when the scene file changed). */
uint32_t journal_hash(const struct bt_journal *j);
void journal_close(struct bt_journal *j);
/* Closes and deletes the journal: the session was closed normally. */
int journal_discard(struct bt_journal *j);

/* Moves the journal of a finished session to data_dir/journal/closed/ instead of
 * deleting it, for a retention of some days. Frees j. Returns 0 or -errno (the
 * journal is then deleted, so nothing stays in the place that offers a resume). */
int journal_retire(struct bt_journal *j, const char *data_dir);
/* Deletes what the retention setting no longer allows: closed journals last written
 * keep_days or more days before now_wall (every closed journal when keep_days is 0),
 * and with also_open the journals of unfinished sessions too. Returns how many files
 * were deleted, or -errno when the folder cannot be read. */
int journal_prune(const char *data_dir, int keep_days, bool also_open, int64_t now_wall);
/* Reads only the header of the journal at path. Returns 0 or -errno. */
int journal_peek(const char *path, struct bt_journal_info *info);
/* "<data_dir>/journal/<id>.journal" (caller frees); creates the folder (0700). */
char *journal_path(const char *data_dir, const char *session_id, int *err);

#endif
