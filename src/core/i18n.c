#include "i18n.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#define BT_TEXTDOMAIN "bergtop"

bool i18n_parse_lang(const char *s, enum bt_lang *out)
{
	if (!s)
		return false;
	/* "nl", "nl_NL.UTF-8", "nl_BE@euro"; the first of a LANGUAGE list counts */
	size_t n = strcspn(s, "_.@:");
	if (n == 2 && strncmp(s, "nl", 2) == 0) {
		*out = BT_LANG_NL;
		return true;
	}
	if (n == 2 && strncmp(s, "en", 2) == 0) {
		*out = BT_LANG_EN;
		return true;
	}
	return false;
}

const char *i18n_lang_code(enum bt_lang lang)
{
	return lang == BT_LANG_EN ? "en" : "nl";
}

bool i18n_init(const char *localedir, enum bt_lang lang)
{
	/* glibc ignores LANGUAGE in the plain "C" locale; C.UTF-8 is built in */
	const char *loc = setlocale(LC_MESSAGES, "");
	if (!loc || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	setenv("LANGUAGE", i18n_lang_code(lang), 1);
	bindtextdomain(BT_TEXTDOMAIN, localedir);
	bind_textdomain_codeset(BT_TEXTDOMAIN, "UTF-8");
	textdomain(BT_TEXTDOMAIN);
	if (lang != BT_LANG_NL)
		return true;
	/* the header entry (msgid "") of a loaded catalogue is never empty */
	static const char header_id[] = "";
	const char *header = gettext(header_id);
	return header && header[0] != '\0';
}
