#ifndef BT_TESTUTIL_H
#define BT_TESTUTIL_H

/* Small helpers shared by the unit tests (temporary folders, files, sessions). */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "sessiondef.h"

/* A fresh folder under $TMPDIR; caller frees and removes with tu_rmtree. */
char *tu_tmpdir(void);
void tu_rmtree(const char *path);
void tu_write(const char *path, const char *text);
/* Parses YAML text that must be valid (fails the test otherwise). */
struct bt_session_def *tu_def(const char *yaml);
/* A short valid session used by many tests: checkin, slide, poll (3 options), checkout. */
extern const char *const TU_SESSION;

#endif
