/* zb_budget: the byte budget of the allocator and the instruction budget.
 * Sizes are small round numbers so that every expected figure can be
 * checked by adding them up. */
#include "zb_test.h"

#include "zb_budget.h"

static void *grab(zb_budget *b, size_t n)
{
    return zb_budget_alloc(b, NULL, 0, n);
}

static void drop(zb_budget *b, void *p, size_t n)
{
    zb_budget_alloc(b, p, n, 0);
}

static void test_budget_counts_every_block_and_the_peak(void **state)
{
    (void)state;
    zb_budget *b = zb_budget_new();
    void *p = grab(b, 100), *q = grab(b, 50);
    assert_int_equal(zb_budget_used(b), 150);
    p = zb_budget_alloc(b, p, 100, 300); /* grown: 300 + 50 */
    assert_non_null(p);
    assert_int_equal(zb_budget_used(b), 350);
    p = zb_budget_alloc(b, p, 300, 10); /* shrunk: 10 + 50 */
    assert_int_equal(zb_budget_used(b), 60);
    assert_int_equal(zb_budget_peak(b), 350);
    drop(b, p, 10);
    drop(b, q, 50);
    assert_int_equal(zb_budget_used(b), 0);
    assert_int_equal(zb_budget_room(b), SIZE_MAX);
    zb_budget_free(b);
}

static void test_budget_refuses_a_block_past_the_frame_limit(void **state)
{
    (void)state;
    zb_budget *b = zb_budget_new();
    void *base = grab(b, 1000); /* what the host holds before the call */
    zb_budget_frame f;
    zb_budget_enter(b, &f, 500, 0); /* limit: 1000 + 500 */
    void *p = grab(b, 400);
    assert_non_null(p);
    assert_int_equal(zb_budget_room(b), 100);
    void *q = grab(b, 100); /* exactly up to the limit is fine */
    assert_non_null(q);
    assert_int_equal(zb_budget_tripped(b), 0);
    assert_null(grab(b, 1));
    assert_int_equal(zb_budget_used(b), 1500); /* a refusal changes nothing */
    drop(b, q, 100);
    drop(b, p, 400);
    zb_budget_leave(b, &f);
    drop(b, base, 1000);
    zb_budget_free(b);
}

static void test_budget_trips_only_when_lua_retries_the_same_request(void **state)
{
    (void)state;
    zb_budget *b = zb_budget_new();
    zb_budget_frame f;
    zb_budget_enter(b, &f, 1000, 0);
    void *p = grab(b, 900);
    /* First refusal: Lua collects garbage and asks again. */
    assert_null(grab(b, 200));
    assert_int_equal(zb_budget_tripped(b), 0);
    /* The collection freed enough: the retry succeeds, no trip. */
    drop(b, p, 900);
    void *q = grab(b, 200);
    assert_non_null(q);
    assert_int_equal(zb_budget_tripped(b), 0);
    /* Now a request that no collection can satisfy, asked twice. */
    assert_null(grab(b, 5000));
    assert_null(grab(b, 5000));
    assert_int_equal(zb_budget_tripped(b), ZB_BUDGET_MEMORY);
    /* The grace: limit 1000 + 1 MiB over what is used (200). */
    assert_int_equal(zb_budget_room(b), 1000 - 200 + ZB_BUDGET_GRACE);
    drop(b, q, 200);
    zb_budget_leave(b, &f);
    assert_int_equal(zb_budget_tripped(b), 0);
    zb_budget_free(b);
}

/* lauxlib's buffers call the allocator directly and raise at the first
 * refusal: a refusal followed by some other growing request, or still open
 * when the call ends, was the limit being hit. */
static void test_budget_trips_when_a_refusal_is_not_retried(void **state)
{
    (void)state;
    zb_budget *b = zb_budget_new();
    zb_budget_frame f;
    zb_budget_enter(b, &f, 1000, 0);
    void *p = grab(b, 900);
    assert_null(grab(b, 5000));
    assert_int_equal(zb_budget_tripped(b), 0);
    drop(b, p, 900); /* frees in between (a collection) do not decide */
    assert_int_equal(zb_budget_tripped(b), 0);
    void *q = grab(b, 10); /* a different request: the refusal was final */
    assert_non_null(q);
    assert_int_equal(zb_budget_tripped(b), ZB_BUDGET_MEMORY);
    drop(b, q, 10);
    zb_budget_leave(b, &f);

    zb_budget_enter(b, &f, 1000, 0);
    assert_null(grab(b, 5000));
    zb_budget_settle(b); /* the call ended with the refusal still open */
    assert_int_equal(zb_budget_tripped(b), ZB_BUDGET_MEMORY);
    zb_budget_leave(b, &f);

    zb_budget_enter(b, &f, 1000, 0);
    zb_budget_settle(b); /* nothing refused: nothing to settle */
    assert_int_equal(zb_budget_tripped(b), 0);
    zb_budget_leave(b, &f);
    zb_budget_free(b);
}

static void test_budget_always_allows_shrinking_and_freeing(void **state)
{
    (void)state;
    zb_budget *b = zb_budget_new();
    void *p = grab(b, 800);
    zb_budget_frame f;
    zb_budget_enter(b, &f, 10, 0); /* limit 810 */
    p = zb_budget_alloc(b, p, 800, 700);
    assert_non_null(p);
    assert_int_equal(zb_budget_used(b), 700);
    assert_int_equal(zb_budget_room(b), 110);
    zb_budget_leave(b, &f);
    drop(b, p, 700);
    zb_budget_free(b);
}

static void test_budget_inner_frame_is_never_looser_than_the_outer(void **state)
{
    (void)state;
    zb_budget *b = zb_budget_new();
    zb_budget_frame outer, inner;
    zb_budget_enter(b, &outer, 1000, 0);
    void *p = grab(b, 600);
    zb_budget_enter(b, &inner, 5000, 0); /* wants 600 + 5000, gets the outer 1000 */
    assert_int_equal(zb_budget_room(b), 400);
    assert_int_equal(zb_budget_depth(b), 2);
    zb_budget_leave(b, &inner);
    zb_budget_enter(b, &inner, 100, 0); /* tighter: 600 + 100 */
    assert_int_equal(zb_budget_room(b), 100);
    zb_budget_leave(b, &inner);
    assert_int_equal(zb_budget_room(b), 400);
    zb_budget_leave(b, &outer);
    assert_int_equal(zb_budget_depth(b), 0);
    assert_int_equal(zb_budget_room(b), SIZE_MAX);
    drop(b, p, 600);
    zb_budget_free(b);
}

static void test_budget_counts_instructions_up_to_the_limit(void **state)
{
    (void)state;
    zb_budget *b = zb_budget_new();
    zb_budget_frame f;
    zb_budget_enter(b, &f, 0, 100);
    assert_int_equal(zb_budget_charge(b, 60), 0);
    assert_int_equal(zb_budget_charge(b, 40), 0); /* 100: at the limit, not past it */
    assert_int_equal(zb_budget_tripped(b), 0);
    assert_int_equal(zb_budget_charge(b, 1), 1);
    assert_int_equal(zb_budget_tripped(b), ZB_BUDGET_INSTRUCTIONS);
    assert_int_equal(zb_budget_instructions(b), 101);
    zb_budget_leave(b, &f);
    zb_budget_free(b);
}

static void test_budget_charges_the_outer_frame_for_the_inner_one(void **state)
{
    (void)state;
    zb_budget *b = zb_budget_new();
    zb_budget_frame outer, inner;
    zb_budget_enter(b, &outer, 0, 100);
    zb_budget_charge(b, 30);
    zb_budget_enter(b, &inner, 0, 1000); /* only 70 are left outside */
    assert_int_equal(zb_budget_charge(b, 70), 0);
    assert_int_equal(zb_budget_charge(b, 1), 1);
    zb_budget_leave(b, &inner);
    /* 30 + 71 = 101 > 100: the outer call is over its limit too. */
    assert_int_equal(zb_budget_instructions(b), 101);
    assert_int_equal(zb_budget_tripped(b), ZB_BUDGET_INSTRUCTIONS);
    zb_budget_leave(b, &outer);
    zb_budget_free(b);
}

static void test_budget_zero_means_no_limit(void **state)
{
    (void)state;
    zb_budget *b = zb_budget_new();
    zb_budget_frame f;
    zb_budget_enter(b, &f, 0, 0);
    assert_int_equal(zb_budget_charge(b, 1ULL << 62), 0);
    assert_int_equal(zb_budget_charge(b, 1ULL << 62), 0);
    void *p = grab(b, 1 << 20);
    assert_non_null(p);
    assert_int_equal(zb_budget_tripped(b), 0);
    drop(b, p, 1 << 20);
    zb_budget_leave(b, &f);
    zb_budget_free(b);
}

static void test_budget_trip_memory_grants_the_grace_once(void **state)
{
    (void)state;
    zb_budget *b = zb_budget_new();
    zb_budget_frame f;
    zb_budget_enter(b, &f, 1000, 0);
    zb_budget_trip_memory(b); /* e.g. string.rep of 2^40 bytes, refused before it allocates */
    assert_int_equal(zb_budget_tripped(b), ZB_BUDGET_MEMORY);
    assert_int_equal(zb_budget_room(b), 1000 + ZB_BUDGET_GRACE);
    zb_budget_trip_memory(b);
    assert_int_equal(zb_budget_room(b), 1000 + ZB_BUDGET_GRACE);
    zb_budget_leave(b, &f);
    zb_budget_free(b);
}

static void test_budget_frees_itself_with_the_last_block(void **state)
{
    (void)state;
    /* Under ASan and valgrind a budget left behind shows as a leak. */
    zb_budget *b = zb_budget_new();
    void *p = grab(b, 64), *q = grab(b, 32);
    zb_budget_free_with_state(b);
    drop(b, q, 32);
    drop(b, p, 64); /* the last block: b is gone after this */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_budget_counts_every_block_and_the_peak),
        cmocka_unit_test(test_budget_refuses_a_block_past_the_frame_limit),
        cmocka_unit_test(test_budget_trips_only_when_lua_retries_the_same_request),
        cmocka_unit_test(test_budget_trips_when_a_refusal_is_not_retried),
        cmocka_unit_test(test_budget_always_allows_shrinking_and_freeing),
        cmocka_unit_test(test_budget_inner_frame_is_never_looser_than_the_outer),
        cmocka_unit_test(test_budget_counts_instructions_up_to_the_limit),
        cmocka_unit_test(test_budget_charges_the_outer_frame_for_the_inner_one),
        cmocka_unit_test(test_budget_zero_means_no_limit),
        cmocka_unit_test(test_budget_trip_memory_grants_the_grace_once),
        cmocka_unit_test(test_budget_frees_itself_with_the_last_block),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
