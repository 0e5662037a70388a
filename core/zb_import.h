/* zb_import — a bureau's wide plan table (zb_wide) turned into a dataset.
 *
 * Each row's indicator name is matched (zb_namematch) against the
 * indicators of a reference dataset — one given by the user, or the shared
 * codes of CODES.md — by name, English name and the alternative names its
 * note records (专栏1作“…”).  A row becomes one plan target (base year and
 * text, target year and text, growth, attribute, source FILE:LINE) and an
 * observation for each figure in a year column other than the target's.
 * The new dataset holds the region and its ancestors, the indicators the
 * rows name and those their aggregation rules refer to, copied from the
 * reference.  Nothing is guessed: a name that matches nothing is an error
 * at its cell with the nearest names as suggestions; a malformed number or
 * target text an error at the offending character; a unit that differs
 * from the indicator's a warning (kept in the target's note).
 *
 * Ownership: zb_import_wide allocates the dataset (free with
 * zb_dataset_free), also when errors were found; NULL only on OOM.
 */
#ifndef ZB_IMPORT_H
#define ZB_IMPORT_H

#include <stddef.h>

#include "zb_dataset.h"
#include "zb_diag.h"
#include "zb_wide.h"

typedef struct zb_import_options {
    const char *plan;       /* plan code, ASCII (required) */
    const char *plan_name;  /* NULL: the table's title */
    const char *region;     /* region code in the reference (required) */
    const char *source;     /* the file name written into source columns */
} zb_import_options;

typedef struct zb_import_stats {
    size_t rows;            /* indicator rows in the table */
    size_t targets;         /* targets made */
    size_t observations;    /* observations made */
    size_t indicators;      /* indicators the rows name */
    size_t operands;        /* indicators added for aggregation rules */
} zb_import_stats;

zb_dataset *zb_import_wide(const zb_wide_table *t, const zb_dataset *ref, const zb_import_options *opt,
                           zb_import_stats *stats, zb_diags *diags);

#endif
