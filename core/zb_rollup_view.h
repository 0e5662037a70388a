/* zb_rollup_view — a rollup result as a dataset of its own.
 *
 * Scripts and checks read datasets; giving them the rollup as one means every
 * dataset function works on it unchanged (values, series, checks, reports).
 * The view is a new zb_dataset with the same regions, indicators, targets and
 * settings, in the same order and with the same string ids, so that region
 * and indicator indexes, and the rollup result's cells, mean the same in
 * both.  Its observations are those of the rolled-up indicators in the
 * result's years, where every parent cell of the result holds the figure the
 * parent passes up (zb_rollup_upward): the computed value when complete,
 * else the parent's own figure, else the partial value (policy partial), else
 * a missing value (policy missing).  Computed rows cite "rollup RULE n/N" as
 * their source and say in their note what the parent reported.
 *
 * Why a copy and not an overlay: every reader of a dataset indexes its
 * columns directly, and a copy keeps them all correct without a second code
 * path.  Regions, indicators and targets are small; the observations copied
 * are only the selected indicators and years, so a view of one indicator of a
 * national panel costs that indicator, not the panel.
 *
 * Ownership: zb_rollup_view allocates the view; free it with
 * zb_dataset_free.  It does not refer to ds or r afterwards.
 */
#ifndef ZB_ROLLUP_VIEW_H
#define ZB_ROLLUP_VIEW_H

#include <stddef.h>

#include "zb_dataset.h"
#include "zb_rollup.h"

/* The view of r, computed from ds.  NULL with a message in err when out of
 * memory. */
zb_dataset *zb_rollup_view(const zb_dataset *ds, const zb_rollup *r, char *err, size_t errlen);

#endif
