/* zbt_near.h — double-precision comparisons for the growth tests.
 *
 * cmocka's assert_float_equal works in float (7 digits), too coarse for a
 * growth rate checked to 1e-9; ZBT_NEAR compares doubles and says both
 * numbers when it fails.  Include after zb_test.h.
 */
#ifndef ZBT_NEAR_H
#define ZBT_NEAR_H

#include <math.h>

static inline void zbt_near(double got, double want, double eps, const char *expr, const char *file, int line)
{
    int ok = (isnan(want) && isnan(got)) || (isinf(want) && got == want) || fabs(got - want) <= eps;
    if (!ok) {
        print_error("%s = %.12g, expected %.12g (within %g)\n", expr, got, want, eps);
        _fail(file, line);
    }
}

#define ZBT_NEAR(got, want, eps) zbt_near((got), (want), (eps), #got, __FILE__, __LINE__)

#endif
