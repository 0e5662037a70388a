/* zb_pattern: Lua pattern semantics, errors worded as Lua's, and the bound
 * on work.  Expected positions are 1-based like string.find's, counted by
 * hand on the subject. */
#include "zb_test.h"

#include "zb_pattern.h"

/* The first match of pat in s (unanchored unless pat starts with '^'), as
 * string.find would report it: start and end (1-based, 0 when none), and
 * the captures as text ("@N" for a position capture). */
typedef struct found {
    int start, end, ncap, status;
    char cap[4][32];
    char error[96];
} found;

static found find(const char *s, size_t ls, const char *pat, size_t lp)
{
    found r;
    memset(&r, 0, sizeof r);
    int anchor = lp > 0 && pat[0] == '^';
    zb_pattern m;
    zb_pattern_init(&m, s, ls, pat + anchor, lp - (size_t)anchor, NULL, NULL);
    const char *p = s;
    do {
        const char *e = zb_pattern_match(&m, p);
        if (m.status) {
            r.status = m.status;
            strcpy(r.error, m.error);
            return r;
        }
        if (e) {
            r.start = (int)(p - s) + 1;
            r.end = (int)(e - s);
            r.ncap = m.level;
            for (int i = 0; i < m.level && i < 4; i++) {
                if (m.cap[i].len == ZB_CAP_POSITION)
                    snprintf(r.cap[i], sizeof r.cap[i], "@%d", (int)(m.cap[i].init - s) + 1);
                else
                    snprintf(r.cap[i], sizeof r.cap[i], "%.*s", (int)m.cap[i].len, m.cap[i].init);
            }
            return r;
        }
    } while (p++ < s + ls && !anchor);
    return r;
}

static found f(const char *s, const char *pat)
{
    return find(s, strlen(s), pat, strlen(pat));
}

static void test_pattern_finds_classes_and_quantifiers(void **state)
{
    (void)state;
    found r = f("  abc1", "%a+");
    assert_int_equal(r.start, 3);
    assert_int_equal(r.end, 5);
    r = f("v4.03 亿元", "[%d.]+");
    assert_int_equal(r.start, 2);
    assert_int_equal(r.end, 5);
    r = f("aaab", "a-b"); /* lazy from the first a: the whole "aaab" */
    assert_int_equal(r.start, 1);
    assert_int_equal(r.end, 4);
    r = f("xaaa", "a*"); /* matches empty at 1 */
    assert_int_equal(r.start, 1);
    assert_int_equal(r.end, 0);
    r = f("colour color", "colou?r");
    assert_int_equal(r.start, 1);
    assert_int_equal(r.end, 6);
    r = f("x=10", "%D");
    assert_int_equal(r.start, 1);
    assert_int_equal(r.end, 1);
}

static void test_pattern_anchors_at_start_and_end(void **state)
{
    (void)state;
    assert_int_equal(f("xab", "^ab").start, 0);
    assert_int_equal(f("abx", "^ab").end, 2);
    assert_int_equal(f("abab", "ab$").start, 3);
    found r = f("a$b", "a$b"); /* '$' not at the end is a plain character */
    assert_int_equal(r.start, 1);
    assert_int_equal(r.end, 3);
}

static void test_pattern_captures_text_and_positions(void **state)
{
    (void)state;
    found r = f("规划 2021-2025 年", "(%d+)-(%d+)");
    assert_int_equal(r.ncap, 2);
    assert_string_equal(r.cap[0], "2021");
    assert_string_equal(r.cap[1], "2025");
    r = f("hello", "()ll()");
    assert_string_equal(r.cap[0], "@3");
    assert_string_equal(r.cap[1], "@5");
    r = f("say \"hi\" now", "([\"'])(.-)%1");
    assert_string_equal(r.cap[1], "hi");
    assert_int_equal(r.start, 5);
    assert_int_equal(r.end, 8);
}

static void test_pattern_sets_with_bracket_range_and_complement(void **state)
{
    (void)state;
    assert_int_equal(f("a]b", "[]]").start, 2); /* ']' first in a set is a member */
    assert_int_equal(f("abc-", "[a-]").start, 1);
    assert_int_equal(f("abc-", "[^a-c]").start, 4);
    assert_int_equal(f("x%y", "[%%]").start, 2);
    assert_int_equal(f("5x", "[%a_]").start, 2);
}

static void test_pattern_balanced_and_frontier(void **state)
{
    (void)state;
    found r = f("f(a(b)c)d", "%b()");
    assert_int_equal(r.start, 2);
    assert_int_equal(r.end, 8);
    r = f("THE (quick) fox", "%f[%a]%a+");
    assert_int_equal(r.start, 1);
    assert_int_equal(r.end, 3);
    r = f("THE (quick) fox", "%f[%l]%a+");
    assert_int_equal(r.start, 6);
    assert_int_equal(r.end, 10);
}

static void test_pattern_works_on_bytes_with_embedded_zeros(void **state)
{
    (void)state;
    found r = find("a\0b\0c", 5, "\0c", 2);
    assert_int_equal(r.start, 4);
    assert_int_equal(r.end, 5);
    r = find("a\0b", 3, "%z", 2); /* %z, Lua 5.1's class of the zero byte */
    assert_int_equal(r.start, 2);
    r = find("a\0b", 3, "%Z+", 3);
    assert_int_equal(r.end, 1);
    zb_pattern m;
    const char *s = "七星关区";
    zb_pattern_init(&m, s, strlen(s), "", 0, NULL, NULL);
    assert_ptr_equal(zb_pattern_find_plain(&m, s, "关区", strlen("关区")), s + 6);
    assert_null(zb_pattern_find_plain(&m, s, "毕节", strlen("毕节")));
}

static void expect_error(const char *pat, const char *msg)
{
    found r = f("aaa", pat);
    if (r.status != ZB_PATTERN_BAD || strcmp(r.error, msg) != 0)
        fail_msg("pattern \"%s\": expected \"%s\", got status %d \"%s\"", pat, msg, r.status, r.error);
}

static void test_pattern_reports_malformed_patterns_as_lua_does(void **state)
{
    (void)state;
    expect_error("[a", "malformed pattern (missing ']')");
    expect_error("a%", "malformed pattern (ends with '%')");
    expect_error("a)", "invalid pattern capture");
    expect_error("(a)%2", "invalid capture index %2");
    expect_error("%0", "invalid capture index %0");
    expect_error("%fa", "missing '[' after '%f' in pattern");
    expect_error("%b(", "malformed pattern (missing arguments to '%b')");
    char many[80] = "";
    for (int i = 0; i < 33; i++)
        strcat(many, "()");
    expect_error(many, "too many captures");
}

static void test_pattern_deep_recursion_is_too_complex(void **state)
{
    (void)state;
    /* Each matched "a?" recurses once: 300 of them pass the depth of 200. */
    char s[301], p[601];
    memset(s, 'a', 300);
    s[300] = '\0';
    for (int i = 0; i < 300; i++)
        memcpy(p + 2 * i, "a?", 2);
    p[600] = '\0';
    found r = f(s, p);
    assert_int_equal(r.status, ZB_PATTERN_BAD);
    assert_string_equal(r.error, "pattern too complex");
}

typedef struct meter {
    unsigned long total, stop_after;
} meter;

static int charge(void *ud, unsigned long steps)
{
    meter *mt = ud;
    mt->total += steps;
    return mt->total > mt->stop_after;
}

static void test_pattern_charges_its_work_and_stops_a_backtracking_bomb(void **state)
{
    (void)state;
    /* ("a*"):rep(40) .. "b" against 40 a's backtracks through C(79, 39)
     * ways of splitting them: far more than 10^6 steps. */
    char s[41], p[82];
    memset(s, 'a', 40);
    s[40] = '\0';
    for (int i = 0; i < 40; i++)
        memcpy(p + 2 * i, "a*", 2);
    p[80] = 'b';
    p[81] = '\0';
    meter mt = {0, 1000000};
    zb_pattern m;
    zb_pattern_init(&m, s, 40, p, 81, charge, &mt);
    assert_null(zb_pattern_match(&m, s));
    assert_int_equal(m.status, ZB_PATTERN_STOPPED);
    assert_true(mt.total > 1000000);
    assert_true(mt.total <= 1000000 + ZB_PATTERN_CHARGE_EVERY);
}

static void test_pattern_charges_a_small_match_when_flushed(void **state)
{
    (void)state;
    meter mt = {0, 1000};
    zb_pattern m;
    zb_pattern_init(&m, "abc", 3, "%a+", 3, charge, &mt);
    assert_non_null(zb_pattern_match(&m, "abc"));
    assert_int_equal(mt.total, 0); /* fewer steps than one charge period */
    assert_int_equal(zb_pattern_flush(&m), 0);
    assert_true(mt.total > 0 && mt.total < 20);
    assert_int_equal(m.status, ZB_PATTERN_OK);
}

static void test_pattern_knows_plain_text(void **state)
{
    (void)state;
    assert_true(zb_pattern_is_plain("七星关区 gdp", strlen("七星关区 gdp")));
    assert_false(zb_pattern_is_plain("a.b", 3));
    assert_false(zb_pattern_is_plain("a%", 2));
    assert_false(zb_pattern_is_plain("\0(", 2));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pattern_finds_classes_and_quantifiers),
        cmocka_unit_test(test_pattern_anchors_at_start_and_end),
        cmocka_unit_test(test_pattern_captures_text_and_positions),
        cmocka_unit_test(test_pattern_sets_with_bracket_range_and_complement),
        cmocka_unit_test(test_pattern_balanced_and_frontier),
        cmocka_unit_test(test_pattern_works_on_bytes_with_embedded_zeros),
        cmocka_unit_test(test_pattern_reports_malformed_patterns_as_lua_does),
        cmocka_unit_test(test_pattern_deep_recursion_is_too_complex),
        cmocka_unit_test(test_pattern_charges_its_work_and_stops_a_backtracking_bomb),
        cmocka_unit_test(test_pattern_charges_a_small_match_when_flushed),
        cmocka_unit_test(test_pattern_knows_plain_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
