/* libFuzzer target: the journal reader, then replay of what it accepted. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "journal.h"
#include "session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char yaml[] =
    "sessie: \"1.2\"\nmodule: 1\ntitel: T\ndoelen: [D]\nscenes:\n"
    "  - type: checkin\n  - type: poll\n    vraag: V\n    plaatje: ja\n"
    "    opties:\n      - {tekst: A, plaatje: ja}\n      - {tekst: B, plaatje: nee}\n"
    "  - type: checkout\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bt_journal_info info;
	struct bt_event *evs = NULL;
	size_t n = 0, valid = 0;
	char *warning = NULL;
	if (journal_parse(data, size, &info, &evs, &n, &valid, &warning) == 0) {
		if (valid > size)
			__builtin_trap();
		struct bt_diags d = {0};
		struct bt_session_def *def = sessiondef_parse(yaml, strlen(yaml), "f", NULL, &d);
		struct bt_session *s = session_create(def);
		for (size_t i = 0; i < n; i++)
			session_handle(s, &evs[i]);
		json_decref(session_dump(s));
		session_destroy(s);
		sessiondef_destroy(def);
		diags_clear(&d);
	}
	free(evs);
	free(warning);
	return 0;
}
