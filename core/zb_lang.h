/* zb_lang — the language of user-facing text.
 *
 * Chinese is the default; English is chosen with zb_lang_set(ZB_LANG_EN)
 * (the CLI maps --lang en and ZHIBIAO_LANG=en to it).  Messages are written
 * at the call site in both languages through ZB_T, so a message and its
 * translation never drift apart in separate catalogues.
 *
 * Ownership: nothing here allocates.
 */
#ifndef ZB_LANG_H
#define ZB_LANG_H

typedef enum { ZB_LANG_ZH = 0, ZB_LANG_EN = 1 } zb_lang;

void zb_lang_set(zb_lang lang);
zb_lang zb_lang_get(void);
/* Parses "zh", "zh_CN", "en", "en_US.UTF-8" …; returns -1 when unknown. */
int zb_lang_parse(const char *name);
/* Picks one of the two texts for the current language. */
const char *zb_tr(const char *zh, const char *en);

#define ZB_T(zh, en) zb_tr((zh), (en))

#endif
