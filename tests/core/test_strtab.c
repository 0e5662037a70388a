/* zb_strtab: interned strings with small integer ids. */
#include "zb_test.h"

#include "zb_strtab.h"

static int setup(void **state)
{
    zb_strtab *t = zb_strtab_new();
    *state = t;
    return t ? 0 : -1;
}

static int teardown(void **state)
{
    zb_strtab_free(*state);
    return 0;
}

static void test_strtab_gives_equal_strings_the_same_id(void **state)
{
    zb_strtab *t = *state;
    uint32_t a = zb_strtab_intern(t, "520502", 6);
    uint32_t b = zb_strtab_intern(t, "gdp", 3);
    assert_int_not_equal(a, 0);
    assert_int_not_equal(a, b);
    assert_int_equal(zb_strtab_intern(t, "520502", 6), a);
    assert_int_equal(zb_strtab_count(t), 2);
}

static void test_strtab_interns_only_len_bytes(void **state)
{
    zb_strtab *t = *state;
    uint32_t a = zb_strtab_intern(t, "gdp_growth", 3);
    assert_string_equal(zb_strtab_get(t, a), "gdp");
    assert_int_equal(zb_strtab_intern(t, "gdp", 3), a);
}

static void test_strtab_maps_the_empty_string_to_id_zero(void **state)
{
    zb_strtab *t = *state;
    assert_int_equal(zb_strtab_intern(t, "", 0), 0);
    assert_int_equal(zb_strtab_intern(t, "abc", 0), 0);
    assert_string_equal(zb_strtab_get(t, 0), "");
    assert_int_equal(zb_strtab_count(t), 0);
}

static void test_strtab_returns_empty_text_for_an_unknown_id(void **state)
{
    zb_strtab *t = *state;
    zb_strtab_intern(t, "x", 1);
    assert_string_equal(zb_strtab_get(t, 9999), "");
}

static void test_strtab_finds_only_interned_strings(void **state)
{
    zb_strtab *t = *state;
    uint32_t a = zb_strtab_intern(t, "七星关区", strlen("七星关区"));
    assert_int_equal(zb_strtab_find(t, "七星关区", strlen("七星关区")), a);
    assert_int_equal(zb_strtab_find(t, "七星", strlen("七星")), 0);
    assert_int_equal(zb_strtab_find(t, "", 0), 0);
    /* find does not add */
    assert_int_equal(zb_strtab_count(t), 1);
}

static void test_strtab_keeps_strings_at_their_address_as_it_grows(void **state)
{
    zb_strtab *t = *state;
    uint32_t first = zb_strtab_intern(t, "first", 5);
    const char *p = zb_strtab_get(t, first);
    char buf[32];
    for (int i = 0; i < 100000; i++) {
        int n = snprintf(buf, sizeof buf, "code-%d", i);
        uint32_t id = zb_strtab_intern(t, buf, (size_t)n);
        assert_int_equal(id, (uint32_t)i + 2);
    }
    assert_ptr_equal(zb_strtab_get(t, first), p);
    assert_string_equal(p, "first");
    assert_int_equal(zb_strtab_count(t), 100001);
    /* Every string is still found under its id after the table grew. */
    for (int i = 0; i < 100000; i += 997) {
        int n = snprintf(buf, sizeof buf, "code-%d", i);
        assert_int_equal(zb_strtab_find(t, buf, (size_t)n), (uint32_t)i + 2);
        assert_string_equal(zb_strtab_get(t, (uint32_t)i + 2), buf);
    }
}

static void test_strtab_stores_a_string_larger_than_a_block(void **state)
{
    zb_strtab *t = *state;
    uint32_t small = zb_strtab_intern(t, "small", 5);
    const char *sp = zb_strtab_get(t, small);
    size_t n = 200000;
    char *big = malloc(n);
    assert_non_null(big);
    memset(big, 'z', n);
    uint32_t id = zb_strtab_intern(t, big, n);
    assert_int_equal(strlen(zb_strtab_get(t, id)), n);
    assert_memory_equal(zb_strtab_get(t, id), big, n);
    /* The current block stays in use for the next small string. */
    uint32_t after = zb_strtab_intern(t, "after", 5);
    assert_string_equal(zb_strtab_get(t, after), "after");
    assert_ptr_equal(zb_strtab_get(t, small), sp);
    free(big);
}

static void test_strtab_counts_stored_bytes_once_per_string(void **state)
{
    zb_strtab *t = *state;
    zb_strtab_intern(t, "abc", 3);
    zb_strtab_intern(t, "abc", 3);
    zb_strtab_intern(t, "de", 2);
    assert_int_equal(zb_strtab_bytes(t), 4 + 3);
}

static void test_strtab_keeps_embedded_bytes_distinct(void **state)
{
    zb_strtab *t = *state;
    uint32_t a = zb_strtab_intern(t, "a\0b", 3);
    uint32_t b = zb_strtab_intern(t, "a\0c", 3);
    assert_int_not_equal(a, b);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_strtab_gives_equal_strings_the_same_id),
        T(test_strtab_interns_only_len_bytes),
        T(test_strtab_maps_the_empty_string_to_id_zero),
        T(test_strtab_returns_empty_text_for_an_unknown_id),
        T(test_strtab_finds_only_interned_strings),
        T(test_strtab_keeps_strings_at_their_address_as_it_grows),
        T(test_strtab_stores_a_string_larger_than_a_block),
        T(test_strtab_counts_stored_bytes_once_per_string),
        T(test_strtab_keeps_embedded_bytes_distinct),
    };
#undef T
    return cmocka_run_group_tests_name("zb_strtab", tests, NULL, NULL);
}
