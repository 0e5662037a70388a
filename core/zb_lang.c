#include "zb_lang.h"

#include <string.h>

static zb_lang current_lang = ZB_LANG_ZH;

void zb_lang_set(zb_lang lang) { current_lang = lang; }

zb_lang zb_lang_get(void) { return current_lang; }

int zb_lang_parse(const char *name)
{
    if (name == NULL)
        return -1;
    if (strncmp(name, "zh", 2) == 0)
        return ZB_LANG_ZH;
    if (strncmp(name, "en", 2) == 0)
        return ZB_LANG_EN;
    return -1;
}

const char *zb_tr(const char *zh, const char *en)
{
    return current_lang == ZB_LANG_EN ? en : zh;
}
