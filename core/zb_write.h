/* zb_write — a dataset written back as its CSV files.
 *
 * The inverse of zb_load: regions.csv, indicators.csv, observations.csv and
 * targets.csv with the columns of docs/dataset-format.md, UTF-8 without a
 * BOM (they are data files, read by the loader; a BOM would do no harm),
 * every file written to a temporary name and renamed (zb_outfile).  Numbers
 * are written in the shortest form that reads back to the same double;
 * texts as stored.  observations.csv and targets.csv are written only when
 * there are rows.
 *
 * Ownership: nothing allocated is left to the caller.
 */
#ifndef ZB_WRITE_H
#define ZB_WRITE_H

#include <stddef.h>

#include "zb_dataset.h"

/* Writes ds into dir (which must exist).  Returns 0, or -1 with a message
 * in err. */
int zb_dataset_write(const zb_dataset *ds, const char *dir, char *err, size_t errlen);

/* The shortest decimal text of v that reads back as v ("500.06", "4.03");
 * "" for NaN. */
void zb_write_number(char *buf, size_t len, double v);

#endif
