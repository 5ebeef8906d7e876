/* libFuzzer target: the script parser. */
#include <stddef.h>
#include <stdint.h>

#include "script.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bt_diags d = {0};
	struct bt_script *s = script_parse((const char *)data, size, "fuzz.script", &d);
	if (s)
		for (size_t i = 0; i < s->n; i++)
			if (!event_valid(&s->events[i]))
				__builtin_trap(); /* the parser must only make valid events */
	script_destroy(s);
	diags_clear(&d);
	return 0;
}
