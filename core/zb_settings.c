#include "zb_settings.h"

#include "zb_lang.h"

#include <stdio.h>
#include <string.h>

void zb_settings_init(zb_settings *s)
{
    memset(s, 0, sizeof *s);
    s->rollup_zones = ZB_ZONES_INCLUDE;
    s->regions_complete = 1;
}

int zb_zones_parse(const char *s)
{
    if (strcmp(s, "include") == 0 || strcmp(s, "计入") == 0)
        return ZB_ZONES_INCLUDE;
    if (strcmp(s, "exclude") == 0 || strcmp(s, "不计入") == 0)
        return ZB_ZONES_EXCLUDE;
    return -1;
}

const char *zb_zones_name(zb_zones z) { return z == ZB_ZONES_EXCLUDE ? "exclude" : "include"; }

const char *zb_zones_label(zb_zones z)
{
    return z == ZB_ZONES_EXCLUDE ? ZB_T("功能区不计入", "zones excluded")
                                 : ZB_T("功能区计入", "zones included");
}

int zb_settings_set(zb_settings *s, const char *key, const char *value,
                    unsigned long line, char *msg, size_t msglen)
{
    if (strcmp(key, "rollup_zones") == 0) {
        int z = zb_zones_parse(value);
        if (z < 0) {
            snprintf(msg, msglen, ZB_T("rollup_zones 的值“%s”无效：应为 include（功能区数据计入上级）或 exclude（县的数据已含功能区，不再计入）",
                                       "invalid value '%s' for rollup_zones: expected include (zones add to their parent) or exclude (the counties' figures already cover the zones)"),
                     value);
            return -2;
        }
        s->rollup_zones = (zb_zones)z;
        s->rollup_zones_line = line;
        return 0;
    }
    if (strcmp(key, "regions_complete") == 0) {
        int yes = strcmp(value, "yes") == 0 || strcmp(value, "是") == 0;
        int no = strcmp(value, "no") == 0 || strcmp(value, "否") == 0;
        if (!yes && !no) {
            snprintf(msg, msglen, ZB_T("regions_complete 的值“%s”无效：应为 yes（地区表列全了各上级的全部下级）或 no（上级地区只作背景，下级未列全）",
                                       "invalid value '%s' for regions_complete: expected yes (regions.csv lists every child of every parent) or no (parents are there for context, their children are not all listed)"),
                     value);
            return -2;
        }
        s->regions_complete = yes;
        s->regions_complete_line = line;
        return 0;
    }
    snprintf(msg, msglen, ZB_T("未知的设置项“%s”：应为 rollup_zones 或 regions_complete",
                               "unknown setting '%s': expected rollup_zones or regions_complete"),
             key);
    return -1;
}

unsigned long zb_settings_line(const zb_settings *s, const char *key)
{
    return strcmp(key, "rollup_zones") == 0       ? s->rollup_zones_line
           : strcmp(key, "regions_complete") == 0 ? s->regions_complete_line
                                                  : 0;
}
