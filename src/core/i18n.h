#ifndef BT_I18N_H
#define BT_I18N_H

/* bergtop's own messages go through GNU gettext. The message ids in the source
 * are English; po/nl.po holds the Dutch that participants and trainers see. */

#include <libintl.h>
#include <stdbool.h>

#define _(s)  gettext(s)
#define N_(s) (s) /* marks a string for xgettext; translate it where it is used */

/* The languages bergtop speaks; Dutch is the default. */
enum bt_lang { BT_LANG_NL, BT_LANG_EN };

/* Reads a language setting such as "nl", "en", "en_GB.UTF-8" or a LANGUAGE list
 * "en:nl" (first entry counts). Returns false when it names no language we have. */
bool i18n_parse_lang(const char *s, enum bt_lang *out);
/* The code of a language: "nl" or "en". */
const char *i18n_lang_code(enum bt_lang lang);
/* Makes gettext use the catalogues under localedir in this language, whatever the
 * locale of the process says. Only LC_MESSAGES changes, so numbers are never
 * printed with a decimal comma. Returns false when the Dutch catalogue could not
 * be found (messages then show in English). Call once, before any gettext. */
bool i18n_init(const char *localedir, enum bt_lang lang);

#endif
