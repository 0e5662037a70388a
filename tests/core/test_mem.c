/* zb_mem: huge-page advice leaves memory as it was, and is taken where the
 * system offers transparent huge pages on request. */
#define _DEFAULT_SOURCE
#include "zb_test.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "zb_mem.h"

static void test_mem_advice_keeps_what_was_written(void **state)
{
    (void)state;
    size_t n = (size_t)8 << 20;
    unsigned char *p = malloc(n);
    assert_non_null(p);
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(i * 31u);
    zb_mem_advise_huge(p, n);
    for (size_t i = 0; i < n; i += 4093)
        assert_int_equal(p[i], (unsigned char)(i * 31u));
    /* A block that does not start on a page: the advice covers only whole
     * pages inside it, and the bytes around stay. */
    zb_mem_advise_huge(p + 123, n - 1000);
    assert_int_equal(p[122], (unsigned char)(122 * 31u));
    assert_int_equal(p[n - 1], (unsigned char)((n - 1) * 31u));
    free(p);
}

static void test_mem_advice_ignores_null_and_small_blocks(void **state)
{
    (void)state;
    zb_mem_advise_huge(NULL, (size_t)64 << 20);
    char small[64] = "unchanged";
    zb_mem_advise_huge(small, sizeof small);
    assert_string_equal(small, "unchanged");
}

/* The kHugePages of the mapping holding p, from /proc/self/smaps; -1 when
 * it cannot be read. */
static long anon_huge_kb(const void *p)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    if (!f)
        return -1;
    char line[512];
    int inside = 0;
    long kb = -1;
    uintptr_t a = (uintptr_t)p;
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && strchr(line, '-') < strchr(line, ' '))
            inside = a >= lo && a < hi;
        else if (inside && sscanf(line, "AnonHugePages: %ld kB", &kb) == 1)
            break;
    }
    fclose(f);
    return kb;
}

static void test_mem_advised_block_gets_huge_pages_where_offered(void **state)
{
    (void)state;
    char mode[128] = "";
    FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
    if (f) {
        if (!fgets(mode, sizeof mode, f))
            mode[0] = '\0';
        fclose(f);
    }
    if (!strstr(mode, "[madvise]") && !strstr(mode, "[always]"))
        skip(); /* no transparent huge pages on request here */
    size_t n = (size_t)32 << 20;
    /* mmap, not malloc: a sanitizer's allocator may lay blocks out its own
     * way; the advice is about pages either way. */
    unsigned char *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(p != MAP_FAILED);
    zb_mem_advise_huge(p, n);
    memset(p, 1, n);
    long kb = anon_huge_kb(p);
    munmap(p, n);
    if (kb < 0)
        skip(); /* no smaps to look at */
    /* At least one whole 2 MiB page inside 32 MiB written after advice.
     * (The kernel may be short of free huge pages; one is a low bar.) */
    assert_true(kb >= 2048);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mem_advice_keeps_what_was_written),
        cmocka_unit_test(test_mem_advice_ignores_null_and_small_blocks),
        cmocka_unit_test(test_mem_advised_block_gets_huge_pages_where_offered),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
