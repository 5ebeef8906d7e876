/* libFuzzer target: the scene file parser (YAML through libyaml, then our checks). */
#include <stddef.h>
#include <stdint.h>

#include "sessiondef.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool some_icons(void *user, const char *name)
{
	(void)user;
	return name[0] == 'a' || name[0] == 'g';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bt_diags d = {0};
	struct bt_icon_check ic = {some_icons, NULL, NULL};
	struct bt_session_def *def =
	    sessiondef_parse((const char *)data, size, "fuzz.yaml", &ic, &d);
	/* a parsed session must be fully usable: build and tear down its runtime */
	if (def) {
		for (size_t i = 0; i < def->n_scenes; i++)
			if (!def->scenes[i].type || !def->scenes[i].cfg)
				__builtin_trap();
	}
	for (size_t i = 0; i < d.n; i++)
		if (d.v[i].line < 0)
			__builtin_trap();
	sessiondef_destroy(def);
	diags_clear(&d);
	return 0;
}
