/* zb_json — the little JSON the command line writes (validate --format json).
 * Ownership: nothing allocated. */
#ifndef ZB_JSON_H
#define ZB_JSON_H

#include <stdio.h>

/* Writes s as a JSON string literal, escaping quotes, backslashes and control
 * characters; invalid UTF-8 bytes become U+FFFD. */
void zb_json_string(FILE *out, const char *s);

#endif
