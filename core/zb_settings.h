/* zb_settings — a dataset's own choices, from its optional settings.csv.
 *
 * A few things cannot be read off the data and differ between bureaus: for
 * now, whether the figures of functional zones (新区, 管理区) count towards
 * their parent's total or are already inside the counties' figures.  They
 * live in a key,value file beside the data so that every command and script
 * treats the dataset the same way.  Keys are checked: an unknown key or value
 * is an error with its place, never silently ignored.
 *
 * Ownership: a zb_settings is a plain value inside its dataset; nothing here
 * allocates.
 */
#ifndef ZB_SETTINGS_H
#define ZB_SETTINGS_H

#include <stddef.h>

/* Do the zones' own figures add to their parent?  include: the counties'
 * figures leave the zones out, so the parent is counties + zones.  exclude:
 * the counties' figures already cover the zones' territory, so adding the
 * zones would count them twice. */
typedef enum { ZB_ZONES_INCLUDE = 0, ZB_ZONES_EXCLUDE = 1 } zb_zones;

typedef struct zb_settings {
    zb_zones rollup_zones;          /* default: include */
    unsigned long rollup_zones_line; /* row that set it; 0 when defaulted */
    /* Does regions.csv list every child of every parent?  A county's own
     * dataset lists its city and province for context only; summing its
     * one county and calling that the province, "1/1", would mislead, so
     * a rollup of such a dataset is refused.  Default: yes. */
    int regions_complete;
    unsigned long regions_complete_line;
} zb_settings;

void zb_settings_init(zb_settings *s);

/* Sets key to value.  Returns 0; -1 for an unknown key, -2 for a value the
 * key does not take; either way msg says what was expected. */
int zb_settings_set(zb_settings *s, const char *key, const char *value,
                    unsigned long line, char *msg, size_t msglen);
/* The line that already set key (0 when none): for duplicate rows. */
unsigned long zb_settings_line(const zb_settings *s, const char *key);

/* "include" / "exclude", and back (Chinese 计入 / 不计入 accepted); -1 when
 * unknown. */
int zb_zones_parse(const char *s);
const char *zb_zones_name(zb_zones z);
const char *zb_zones_label(zb_zones z);   /* 功能区计入 / zones included */

#endif
