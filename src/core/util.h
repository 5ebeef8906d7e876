#ifndef BT_UTIL_H
#define BT_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BT_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation wrappers: they never return NULL; out of memory aborts the process,
 * because half-handled allocation failures are worse than a clean restart. */
void *bt_xmalloc(size_t n);
void *bt_xcalloc(size_t n, size_t size);
void *bt_xrealloc(void *p, size_t n);
char *bt_xstrdup(const char *s);
/* printf into a fresh allocation. */
char *bt_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grow *v (of *cap elements of size sz) so it holds at least need elements. */
void bt_grow(void **v, size_t *cap, size_t need, size_t sz);

/* Returns true when s[0..len) is valid UTF-8 without NUL bytes; on failure *bad_offset
 * (if given) is the offset of the first bad byte. */
bool bt_utf8_valid(const char *s, size_t len, size_t *bad_offset);
/* Number of code points in a valid UTF-8 string. */
size_t bt_utf8_chars(const char *s);

/* Reads a whole file into a NUL-terminated buffer. Returns 0 or a negative errno. */
int bt_file_read(const char *path, char **data, size_t *len, size_t max_len);
/* The same from an open descriptor (left open): -EFBIG past max_len bytes. */
int bt_fd_read(int fd, char **data, size_t *len, size_t max_len);

/* CRC-32 (zlib's polynomial) of a buffer. */
uint32_t bt_crc32(const void *data, size_t len);

/* Edit distance, capped at 9, for "did you mean" hints. */
int bt_edit_distance(const char *a, const char *b);

#endif
