/* zb_strtab — an arena of interned strings.
 *
 * Every code, name and source string of a dataset lives here once.  Interning
 * gives each distinct string a small integer id, so the observation columns
 * store 4-byte ids instead of pointers and equal codes compare as integers.
 * Id 0 is reserved for "no string" and maps to "".
 *
 * Ownership: the table owns all strings.  Pointers returned by zb_strtab_get
 * are borrowed and stay valid until zb_strtab_free (the arena never moves a
 * string once stored).
 */
#ifndef ZB_STRTAB_H
#define ZB_STRTAB_H

#include <stddef.h>
#include <stdint.h>

typedef struct zb_strtab zb_strtab;

/* Allocates an empty table; caller frees with zb_strtab_free.  NULL on OOM. */
zb_strtab *zb_strtab_new(void);
void zb_strtab_free(zb_strtab *t);

/* Returns the id of s[0..len), storing a copy if new; 0 for an empty string;
 * UINT32_MAX when out of memory. */
uint32_t zb_strtab_intern(zb_strtab *t, const char *s, size_t len);
/* Returns the id of s if already interned, else 0. */
uint32_t zb_strtab_find(const zb_strtab *t, const char *s, size_t len);
/* The string for an id ("" for 0 or an unknown id). */
const char *zb_strtab_get(const zb_strtab *t, uint32_t id);
size_t zb_strtab_count(const zb_strtab *t);
size_t zb_strtab_bytes(const zb_strtab *t);

#endif
