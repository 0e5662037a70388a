/* zb_load — a dataset directory into the store.
 *
 * Reads regions, indicators, observations, targets and settings (each `.csv` or
 * `.csv.gz`), streaming every file through zb_reader and zb_csv.  Every
 * problem goes to the diagnostics list with file:line:column; loading goes
 * on past bad rows so that all problems of a file are listed together.
 * After the files, the hierarchy and the aggregation rules are checked.
 *
 * Ownership: zb_dataset_load allocates the dataset (free it with
 * zb_dataset_free), also when errors were found, so that callers can show
 * what did load; it returns NULL only when out of memory.
 */
#ifndef ZB_LOAD_H
#define ZB_LOAD_H

#include "zb_csv.h"
#include "zb_dataset.h"
#include "zb_diag.h"

typedef enum {
    ZB_FILE_REGIONS = 0, ZB_FILE_INDICATORS, ZB_FILE_OBSERVATIONS, ZB_FILE_TARGETS,
    ZB_FILE_SETTINGS, ZB_FILE_COUNT
} zb_file_kind;

typedef struct zb_load_options {
    const char *encoding;        /* NULL: UTF-8 (GBK is detected and refused) */
    zb_csv_limits limits;        /* zeros: defaults */
    int no_plain;                /* every row through the general path (tests
                                    compare the two) */
} zb_load_options;

zb_dataset *zb_dataset_load(const char *dir, const zb_load_options *opt,
                            zb_diags *diags);

/* Loads one file of the given kind into ds (regions and indicators must be
 * there before observations and targets).  Returns the number of errors it
 * added.  Used by zb_dataset_load, by import, and by the tests. */
size_t zb_load_file(zb_dataset *ds, zb_file_kind kind, const char *path,
                    const zb_load_options *opt, zb_diags *diags);
/* Links regions and indicators and builds the observation indexes; call once
 * after loading files by hand.  Returns the number of errors. */
size_t zb_dataset_finish(zb_dataset *ds, const char *regions_file,
                         const char *indicators_file, zb_diags *diags);

/* "regions" … */
const char *zb_file_kind_name(zb_file_kind kind);

#endif
