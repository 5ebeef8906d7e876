/* Seat bindings by USB port: claim order, replug, free, swap, save and load. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "seatmap.h"
#include "testutil.h"
#include "util.h"

static void test_claim_in_order_and_replug(void **state)
{
	(void)state;
	struct bt_seatmap m;
	bool is_new;
	seatmap_init(&m, 12);
	assert_int_equal(seatmap_claim(&m, "pci-0000:00:14.0-usb-0:1.1:1.0", &is_new), 1);
	assert_true(is_new);
	assert_int_equal(seatmap_claim(&m, "pci-0000:00:14.0-usb-0:1.2:1.0", &is_new), 2);
	/* the same port again (a replug) keeps its seat */
	assert_int_equal(seatmap_claim(&m, "pci-0000:00:14.0-usb-0:1.1:1.0", &is_new), 1);
	assert_false(is_new);
	assert_int_equal(seatmap_seat(&m, "pci-0000:00:14.0-usb-0:1.2:1.0"), 2);
	assert_int_equal(seatmap_seat(&m, "elsewhere"), 0);
}

static void test_full_and_free(void **state)
{
	(void)state;
	struct bt_seatmap m;
	bool is_new;
	char port[32];
	seatmap_init(&m, 3);
	for (int i = 1; i <= 3; i++) {
		snprintf(port, sizeof(port), "p%d", i);
		assert_int_equal(seatmap_claim(&m, port, &is_new), i);
	}
	assert_int_equal(seatmap_claim(&m, "p4", &is_new), 0); /* full */
	assert_true(seatmap_free(&m, 2));
	assert_false(seatmap_free(&m, 2));
	assert_int_equal(seatmap_claim(&m, "p4", &is_new), 2); /* the lowest free seat */
	assert_int_equal(seatmap_claim(&m, "", &is_new), 0);
}

static void test_swap(void **state)
{
	(void)state;
	struct bt_seatmap m;
	bool is_new;
	seatmap_init(&m, 6);
	seatmap_claim(&m, "a", &is_new);
	seatmap_claim(&m, "b", &is_new);
	assert_true(seatmap_swap(&m, 1, 2));
	assert_int_equal(seatmap_seat(&m, "a"), 2);
	assert_int_equal(seatmap_seat(&m, "b"), 1);
	assert_true(seatmap_swap(&m, 2, 5)); /* with a free seat: a moves to 5 */
	assert_int_equal(seatmap_seat(&m, "a"), 5);
	assert_string_equal(seatmap_port(&m, 2), "");
	assert_false(seatmap_swap(&m, 1, 1));
	assert_false(seatmap_swap(&m, 1, 7));
}

static void test_save_load(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char *path = bt_xasprintf("%s/seats", dir);
	struct bt_seatmap m, l;
	bool is_new;
	int skipped;
	seatmap_init(&m, 12);
	seatmap_claim(&m, "pci-0000:00:14.0-usb-0:1.1:1.0", &is_new);
	seatmap_claim(&m, "pci-0000:00:14.0-usb-0:1.4:1.0", &is_new);
	seatmap_free(&m, 1);
	assert_int_equal(seatmap_save(&m, path), 0);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	seatmap_init(&l, 12);
	assert_int_equal(seatmap_load(&l, path, &skipped), 0);
	assert_int_equal(skipped, 0);
	assert_int_equal(seatmap_seat(&l, "pci-0000:00:14.0-usb-0:1.4:1.0"), 2);
	assert_int_equal(seatmap_seat(&l, "pci-0000:00:14.0-usb-0:1.1:1.0"), 0);
	/* a damaged file: good lines are kept, bad ones counted */
	tu_write(path, "# comment\n3\tgood\nx\tbad\n13\ttoo-high\n4\tgood\n5\n\n");
	seatmap_init(&l, 12);
	assert_int_equal(seatmap_load(&l, path, &skipped), 0);
	assert_int_equal(skipped, 4);
	assert_int_equal(seatmap_seat(&l, "good"), 3);
	/* a missing file is an empty map */
	seatmap_init(&l, 12);
	char *none = bt_xasprintf("%s/none", dir);
	assert_int_equal(seatmap_load(&l, none, &skipped), 0);
	free(none);
	free(path);
	tu_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_claim_in_order_and_replug),
	    cmocka_unit_test(test_full_and_free),
	    cmocka_unit_test(test_swap),
	    cmocka_unit_test(test_save_load),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
