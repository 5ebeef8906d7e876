#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

const char *const TU_SESSION = "sessie: \"1.2\"\n"
                               "module: 1\n"
                               "titel: Kennismaken\n"
                               "doelen:\n"
                               "  - Je leert de groep kennen.\n"
                               "scenes:\n"
                               "  - type: checkin\n"
                               "  - type: slide\n"
                               "    titel: Welkom\n"
                               "    plaatje: groep\n"
                               "    regels:\n"
                               "      - Fijn dat je er bent.\n"
                               "  - type: poll\n"
                               "    vraag: Herken je dit?\n"
                               "    plaatje: vraag\n"
                               "    opties:\n"
                               "      - tekst: Ja\n"
                               "        plaatje: ja\n"
                               "      - tekst: Een beetje\n"
                               "        plaatje: misschien\n"
                               "      - tekst: Nee\n"
                               "        plaatje: nee\n"
                               "  - type: checkout\n";

char *tu_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *tmpl = bt_xasprintf("%s/bergtop-test-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(tmpl))
		fail_msg("mkdtemp failed");
	return tmpl;
}

void tu_rmtree(const char *path)
{
	char *cmd = bt_xasprintf("rm -rf '%s'", path);
	if (system(cmd) != 0)
		fail_msg("rm -rf %s failed", path);
	free(cmd);
}

void tu_write(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

struct bt_session_def *tu_def(const char *yaml)
{
	struct bt_diags d = {0};
	struct bt_session_def *def = sessiondef_parse(yaml, strlen(yaml), "test.yaml", NULL, &d);
	for (size_t i = 0; i < d.n; i++) {
		char *m = diags_format(&d, i);
		print_error("%s\n", m);
		free(m);
	}
	assert_int_equal(d.n, 0);
	assert_non_null(def);
	diags_clear(&d);
	return def;
}

/* Every test program speaks Dutch, as bergtop does by default; the catalogue
 * comes from the build tree. */
__attribute__((constructor)) static void tu_dutch(void)
{
	if (!i18n_init(BT_TEST_LOCALEDIR, BT_LANG_NL)) {
		fprintf(stderr, "no Dutch catalogue under %s\n", BT_TEST_LOCALEDIR);
		exit(1);
	}
}
