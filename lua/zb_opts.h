/* zb_opts — the options the data commands share (progress, project,
 * consistency): which dataset, which targets, which output.
 *
 * Ownership: strings point into argv; zb_opts_load_dataset allocates the
 * dataset (free with zb_dataset_free).
 */
#ifndef ZB_OPTS_H
#define ZB_OPTS_H

#include "zb_dataset.h"
#include "zb_growth.h"
#include "zb_out.h"

typedef struct zb_opts {
    const char *data, *encoding, *output;
    const char *plan, *region, *indicator;
    int year, to_year;
    double half_life;
    double rates[3];
    int nrates;
    zb_out_format format;
    int bom;
    zb_tolerance tol;
} zb_opts;

/* Parses argv[1..] of a subcommand.  Unknown options and bad values print a
 * message (with the usage line given) and return -1. */
int zb_opts_parse(int argc, char **argv, const char *usage, zb_opts *o);
/* Loads o->data; prints problems and returns NULL when it has errors. */
zb_dataset *zb_opts_load_dataset(const zb_opts *o);
/* Writes the table to o->output (atomically) or stdout.  Returns 0 or -1. */
int zb_opts_write(const zb_opts *o, const zb_out *t);
/* Does target k pass the plan/region/indicator filters? */
int zb_opts_match_target(const zb_opts *o, const zb_dataset *ds, size_t k);
/* Formats v with the indicator's decimals ("" for NaN). */
void zb_fmt_value(char *buf, size_t len, double v, int decimals);

#endif
