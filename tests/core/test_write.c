/* zb_write: a dataset written back as CSV reads back the same. */
#include "zb_test.h"

#include <math.h>

#include "zb_write.h"

static void number_is(double v, const char *want)
{
    char buf[64];
    zb_write_number(buf, sizeof buf, v);
    assert_string_equal(buf, want);
}

static void test_write_numbers_in_their_shortest_exact_form(void **state)
{
    (void)state;
    number_is(500.06, "500.06");
    number_is(4.03, "4.03");
    number_is(42892, "42892");
    number_is(0.1 + 0.2, "0.30000000000000004"); /* not 0.3: that is another double */
    number_is(1e6, "1000000");                   /* no exponent */
    number_is(-0.5, "-0.5");
    number_is(NAN, "");
}

static void test_write_round_trips_a_real_dataset(void **state)
{
    (void)state;
    zb_lang_set(ZB_LANG_EN);
    zb_diags *d = zb_diags_new();
    zb_dataset *a = zb_dataset_load("datasets/qixingguan", NULL, d);
    assert_int_equal(zb_diags_errors(d), 0);
    char dir[32], err[256];
    assert_non_null(zbt_tmpdir(dir));
    assert_int_equal(zb_dataset_write(a, dir, err, sizeof err), 0);
    zb_diags_clear(d);
    zb_dataset *b = zb_dataset_load(dir, NULL, d);
    assert_int_equal(zb_diags_errors(d), 0);
    assert_int_equal(b->regions.count, a->regions.count);
    assert_int_equal(b->indicators.count, a->indicators.count);
    assert_int_equal(b->obs.count, a->obs.count);
    assert_int_equal(b->targets.count, a->targets.count);
    for (size_t i = 0; i < a->obs.count; i++) {
        /* Same cell, same value (NaN stays NaN), same printed text and source. */
        assert_true(a->obs.value[i] == b->obs.value[i] || (isnan(a->obs.value[i]) && isnan(b->obs.value[i])));
        assert_string_equal(zb_ds_str(a, a->obs.raw[i]), zb_ds_str(b, b->obs.raw[i]));
        assert_string_equal(zb_ds_str(a, a->obs.source[i]), zb_ds_str(b, b->obs.source[i]));
    }
    for (size_t k = 0; k < a->targets.count; k++) {
        const zb_target *x = &a->targets.items[k], *y = &b->targets.items[k];
        assert_string_equal(zb_ds_str(a, x->base_text), zb_ds_str(b, y->base_text));
        assert_string_equal(zb_ds_str(a, x->target_text), zb_ds_str(b, y->target_text));
        assert_string_equal(zb_ds_str(a, x->note), zb_ds_str(b, y->note));
        assert_int_equal(x->base_corrected, y->base_corrected);
        assert_int_equal(x->attribute, y->attribute);
    }
    /* The corrected 4..03 keeps its corrected value. */
    long u = zb_ds_indicator(b, "unemployment_rate_urban");
    int found = 0;
    for (size_t k = 0; k < b->targets.count; k++)
        if (b->targets.items[k].indicator == u && b->targets.items[k].base_corrected) {
            assert_true(b->targets.items[k].base_value == 4.03);
            found = 1;
        }
    assert_true(found);
    zb_dataset_free(a);
    zb_dataset_free(b);
    zb_diags_free(d);
    zbt_rmdir(dir);
    zb_lang_set(ZB_LANG_ZH);
}

static void test_write_reports_a_directory_it_cannot_write(void **state)
{
    (void)state;
    zb_dataset *ds = zb_dataset_new();
    char err[256] = "";
    assert_int_equal(zb_dataset_write(ds, "/nonexistent-dir/x", err, sizeof err), -1);
    assert_non_null(strstr(err, "/nonexistent-dir/x/regions.csv"));
    zb_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_write_numbers_in_their_shortest_exact_form),
        cmocka_unit_test(test_write_round_trips_a_real_dataset),
        cmocka_unit_test(test_write_reports_a_directory_it_cannot_write),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
