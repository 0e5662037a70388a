/* zb_codes — the shared indicator codes of datasets/CODES.md as indicators.
 *
 * CODES.md is the project's list of indicator codes, a Markdown table:
 *   | code | 指标 | unit | kind | aggregation |
 *   | gdp | 地区生产总值 | 亿元 | level | sum |
 *   | unemployment_rate_urban | 城镇登记失业率 | % | rate | none (direction down) |
 * Import maps the names of a bureau's table to these codes when no dataset
 * is given to take them from.  The table does not say how many decimals an
 * indicator shows: they are left at -1 for the import to take from the data.
 *
 * Ownership: the indicators are added to the caller's dataset, which owns
 * them.
 */
#ifndef ZB_CODES_H
#define ZB_CODES_H

#include <stddef.h>

#include "zb_dataset.h"
#include "zb_diag.h"

/* Adds every row of the table in path to ds->indicators (unlinked: call
 * zb_dataset_finish afterwards).  Problems go to diags with line:column;
 * returns the number of errors (a file that cannot be read is one). */
size_t zb_codes_load(zb_dataset *ds, const char *path, zb_diags *diags);

#endif
