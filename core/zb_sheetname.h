/* zb_sheetname — names Excel accepts for a worksheet.
 *
 * Excel refuses a workbook whose sheet name is empty, longer than 31
 * characters (UTF-16 units), contains one of : \ / ? * [ ], starts or ends
 * with an apostrophe, is the reserved "History", or repeats another sheet's
 * name (compared without regard to case).  Report tables are named in
 * Chinese by people ("规划指标：2020/2025"), so the forbidden ASCII
 * characters are replaced by their full-width forms (："／"), which Excel
 * allows and a reader still understands, rather than dropped.
 *
 * Ownership: nothing here allocates; results go into the caller's buffer.
 */
#ifndef ZB_SHEETNAME_H
#define ZB_SHEETNAME_H

#include <stddef.h>

enum { ZB_SHEET_NAME_MAX = 31, ZB_SHEET_NAME_BYTES = 31 * 4 + 1 };

/* Writes a valid sheet name made from `name` into out (at least
 * ZB_SHEET_NAME_BYTES bytes): forbidden characters replaced, control
 * characters and invalid UTF-8 bytes as "_", apostrophes at either end
 * removed, cut to 31 UTF-16 units on a character boundary; "Sheet" when
 * nothing is left, "History_" for the reserved name.  `taken` lists the
 * names already in the workbook: a clash gets " (2)", " (3)" … with the base
 * cut so that the whole still fits.  Returns 0, or -1 when out is too small. */
int zb_sheet_name(const char *name, const char *const *taken, size_t ntaken,
                  char *out, size_t outlen);

#endif
