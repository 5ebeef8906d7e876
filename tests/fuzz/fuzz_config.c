/* libFuzzer target: bergtop.conf, read with inih through config_load. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* config_load reads a path: the input goes into a memory file */
	int fd = memfd_create("bergtop.conf", MFD_CLOEXEC);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	char path[64];
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	struct bt_config c;
	struct bt_diags d = {0};
	config_init(&c);
	config_load(&c, path, &d);
	/* whatever the file says, the settings stay in their ranges */
	if (c.seats < 1 || c.seats > 12 || c.display < 0 || c.display > 15 || !c.quit.key ||
	    !(c.quit.ctrl || c.quit.alt) ||
	    (c.journal == BT_JOURNAL_DAYS && (c.journal_days < 1 || c.journal_days > 3650)))
		__builtin_trap();
	for (size_t i = 0; i < d.n; i++)
		if (d.v[i].line < 0 || strcmp(d.v[i].file, path) != 0)
			__builtin_trap();
	char *text = config_format(&c);
	free(text);
	diags_clear(&d);
	config_clear(&c);
	close(fd);
	return 0;
}
