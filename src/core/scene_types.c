/* The registry of scene types: one line per type. */
#include <stdio.h>
#include <string.h>

#include "scene_type.h"

extern const struct bt_scene_type bt_scene_type_slide;
extern const struct bt_scene_type bt_scene_type_goals;
extern const struct bt_scene_type bt_scene_type_checkin;
extern const struct bt_scene_type bt_scene_type_checkout;
extern const struct bt_scene_type bt_scene_type_poll;

static const struct bt_scene_type *const types[] = {
    &bt_scene_type_slide,    &bt_scene_type_goals, &bt_scene_type_checkin,
    &bt_scene_type_checkout, &bt_scene_type_poll,
};

const struct bt_scene_type *scene_type_find(const char *name)
{
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(types[i]->name, name) == 0)
			return types[i];
	return NULL;
}

void scene_type_names(char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		int n = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", types[i]->name);
		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
	}
}
