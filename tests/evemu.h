#ifndef BT_EVEMU_H
#define BT_EVEMU_H

#include <stddef.h>

#include "keypad.h"

/* Reads an evemu-describe file (the "N:", "I:" and "B:" lines) into capabilities.
 * Returns 0, or -1 when the file cannot be read or a line is malformed. name gets
 * the device name. */
int evemu_caps_load(const char *path, struct bt_caps *caps, char *name, size_t name_size);

#endif
