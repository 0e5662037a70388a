/* zb_idmap: 64-bit keys to 32-bit values. */
#include "zb_test.h"

#include "zb_idmap.h"

static int setup(void **state)
{
    zb_idmap *m = malloc(sizeof *m);
    if (!m)
        return -1;
    zb_idmap_init(m);
    *state = m;
    return 0;
}

static int teardown(void **state)
{
    zb_idmap_free(*state);
    free(*state);
    return 0;
}

static void test_idmap_finds_nothing_in_an_empty_map(void **state)
{
    zb_idmap *m = *state;
    uint32_t v = 77;
    assert_int_equal(zb_idmap_get(m, 1, &v), 0);
    assert_int_equal(v, 77);
}

static void test_idmap_returns_what_was_put(void **state)
{
    zb_idmap *m = *state;
    assert_int_equal(zb_idmap_put(m, 42, 7, NULL), 1);
    assert_int_equal(zb_idmap_put(m, 43, 8, NULL), 1);
    uint32_t v;
    assert_int_equal(zb_idmap_get(m, 42, &v), 1);
    assert_int_equal(v, 7);
    assert_int_equal(zb_idmap_get(m, 43, &v), 1);
    assert_int_equal(v, 8);
    assert_int_equal(zb_idmap_get(m, 44, &v), 0);
    assert_int_equal(m->count, 2);
}

static void test_idmap_keeps_the_first_value_of_a_repeated_key(void **state)
{
    zb_idmap *m = *state;
    assert_int_equal(zb_idmap_put(m, 5, 100, NULL), 1);
    uint32_t existing = 0;
    assert_int_equal(zb_idmap_put(m, 5, 200, &existing), 0);
    assert_int_equal(existing, 100);
    uint32_t v;
    assert_int_equal(zb_idmap_get(m, 5, &v), 1);
    assert_int_equal(v, 100);
    assert_int_equal(m->count, 1);
}

static void test_idmap_stores_key_zero_and_the_largest_key(void **state)
{
    zb_idmap *m = *state;
    assert_int_equal(zb_idmap_put(m, 0, 1, NULL), 1);
    assert_int_equal(zb_idmap_put(m, UINT64_MAX - 1, 2, NULL), 1);
    uint32_t v;
    assert_int_equal(zb_idmap_get(m, 0, &v), 1);
    assert_int_equal(v, 1);
    assert_int_equal(zb_idmap_get(m, UINT64_MAX - 1, &v), 1);
    assert_int_equal(v, 2);
}

static void test_idmap_keeps_every_entry_through_growth(void **state)
{
    zb_idmap *m = *state;
    /* Keys shaped like observation cells: the low bits vary little. */
    for (uint32_t i = 0; i < 50000; i++)
        assert_int_equal(zb_idmap_put(m, ((uint64_t)i << 16) | 2020u, i, NULL), 1);
    assert_int_equal(m->count, 50000);
    assert_true(m->count * 4 <= m->cap * 3);
    for (uint32_t i = 0; i < 50000; i++) {
        uint32_t v;
        assert_int_equal(zb_idmap_get(m, ((uint64_t)i << 16) | 2020u, &v), 1);
        assert_int_equal(v, i);
    }
    uint32_t v;
    assert_int_equal(zb_idmap_get(m, ((uint64_t)50000 << 16) | 2020u, &v), 0);
}

static void test_idmap_reserve_makes_room_without_losing_entries(void **state)
{
    zb_idmap *m = *state;
    assert_int_equal(zb_idmap_put(m, 9, 90, NULL), 1);
    assert_int_equal(zb_idmap_reserve(m, 1000), 0);
    assert_true(m->cap / 4 * 3 >= 1000);
    size_t cap = m->cap;
    for (uint64_t k = 100; k < 1099; k++)
        assert_int_equal(zb_idmap_put(m, k, (uint32_t)k, NULL), 1);
    assert_int_equal(m->cap, cap); /* no rehash was needed */
    uint32_t v;
    assert_int_equal(zb_idmap_get(m, 9, &v), 1);
    assert_int_equal(v, 90);
}

/* Keys that differ only in their high bits (observation keys of many
 * regions for one indicator and year: region << 40) and only in their low
 * bits (one region's years) must spread over the table.  With linear
 * probing at a load of at most 3/4, a lookup visits (1 + 1/(1 - 3/4)) / 2
 * = 2.5 slots on average; before the fix every high-bit key shared one home
 * slot and the average was n / 2 (50,000 here). */
static void test_idmap_spreads_keys_that_differ_only_in_high_or_low_bits(void **state)
{
    zb_idmap *m = *state;
    size_t n = 100000;
    for (uint64_t r = 0; r < n; r++)
        assert_int_equal(zb_idmap_put(m, (r << 40) | (5u << 16) | 2020u, (uint32_t)r, NULL), 1);
    assert_true(zb_idmap_probe_total(m) < 3 * n);
    uint32_t v;
    assert_int_equal(zb_idmap_get(m, (77777ull << 40) | (5u << 16) | 2020u, &v), 1);
    assert_int_equal(v, 77777);
    zb_idmap_free(m);
    zb_idmap_init(m);
    for (uint64_t y = 0; y < n; y++)
        assert_int_equal(zb_idmap_put(m, y, (uint32_t)y, NULL), 1);
    assert_true(zb_idmap_probe_total(m) < 3 * n);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_idmap_finds_nothing_in_an_empty_map),
        T(test_idmap_returns_what_was_put),
        T(test_idmap_keeps_the_first_value_of_a_repeated_key),
        T(test_idmap_stores_key_zero_and_the_largest_key),
        T(test_idmap_keeps_every_entry_through_growth),
        T(test_idmap_reserve_makes_room_without_losing_entries),
        T(test_idmap_spreads_keys_that_differ_only_in_high_or_low_bits),
    };
#undef T
    return cmocka_run_group_tests_name("zb_idmap", tests, NULL, NULL);
}
