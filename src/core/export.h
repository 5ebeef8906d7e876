#ifndef BT_EXPORT_H
#define BT_EXPORT_H

#include <stddef.h>
#include <stdint.h>

#include "session.h"

/* A session's answers per seat number, for the ward's dossier (the handbook asks the
 * trainer for feedback per participant after each module).
 *
 * Exported, from session_dump(): check-in and check-out moods (1-5), scale scores
 * (the scale's own range), thermometer emotions with their level (0-10, only once a
 * seat chose both) and the urge ratings of a wave with "meten: ja" (0-9, one per
 * measurement). Nothing else: no poll, value line or board answers, never the text
 * the trainer typed (board items may hold names), no notes, no names. The only texts
 * are the session's id and title and each scene's question as the scene file says.
 * A seat appears only when it gave at least one of these answers; a seat is its
 * number ("Plek 3"), nothing more. Labels are in the language of the messages (_()).
 * Both functions work on a running session as well as on a finished one. */

/* The answers as CSV (caller frees): UTF-8 with a byte order mark, ';' between fields
 * and CRLF after each row, as Dutch Excel opens it; a field is quoted ("...") when
 * it holds ';', '"', a line break or starts or ends with a space. First a header row,
 * then one row per answer (a wave: per measurement), ordered by seat, scene and
 * measurement: session id; date (YYYY-MM-DD, local time of now_wall); scene number
 * (1 = the first scene); scene type ("checkin", "checkout", "scale", "thermometer",
 * "wave"); question or title; seat number; value; what the value means (the mood's
 * word, the scale's range, the emotion, the measurement). A text that starts with
 * '=', '+', '-' or '@' gets a "'" in front, so a spreadsheet never runs it as a
 * formula. now_wall: seconds since the epoch. */
char *export_csv(const struct bt_session *s, int64_t now_wall);

/* The same answers as one self-contained HTML page (caller frees): no scripts, no
 * links, no files or fonts from elsewhere (a Content-Security-Policy says so too),
 * inline CSS and SVG charts. A header with session id, title and date, then one
 * section per seat with its moods, scale scores, thermometer levels and urge
 * ratings, each as a small chart and as numbers in the text. Every text from the
 * scene file is HTML-escaped. */
char *export_html(const struct bt_session *s, int64_t now_wall);

/* Writes both into dir as bergtop-<id>-<YYYYMMDD-HHMM>.csv and .html (local time of
 * now_wall). dir is created (0700) when missing, but not its parents; an existing dir
 * keeps its mode. Each file is written to a hidden temporary file in dir, flushed to
 * disk (fsync), made 0600 and renamed over the name, and the folder is synced: a
 * reader sees a whole file or none. A file of the same name (an export in the same
 * minute) is replaced. On any failure neither file nor a temporary file is left
 * (the .csv is removed again when the .html fails). When name is not NULL it gets
 * the base name without extension, e.g. "bergtop-1.5-20240514-1030"; a name_size
 * too small for it fails with -ENAMETOOLONG before anything is written. Returns the
 * number of seats with answers (0 or more) or a negative errno. */
int export_write(const struct bt_session *s, const char *dir, int64_t now_wall, char *name,
                 size_t name_size);

/* The folder on a USB stick that reports go into. */
#define BT_EXPORT_STICK_DIR "bergtop-verslag"

/* Moves every finished report (regular, not hidden) from from_dir onto a stick
 * mounted at stick_dir, into stick_dir/BT_EXPORT_STICK_DIR (created): each file is
 * copied and flushed to the stick first, and only then deleted from from_dir, so a
 * stick pulled midway loses nothing. Returns how many files were moved (0 when there
 * were none or from_dir does not exist), or -errno at the first failure; the files
 * not yet moved stay in from_dir. */
int export_move(const char *from_dir, const char *stick_dir);

#endif
