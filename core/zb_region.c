#include "zb_region.h"

#include "zb_lang.h"

#include <stdlib.h>
#include <string.h>

void zb_regions_init(zb_regions *rs)
{
    memset(rs, 0, sizeof *rs);
    zb_idmap_init(&rs->by_code);
}

void zb_regions_free(zb_regions *rs)
{
    free(rs->items);
    zb_idmap_free(&rs->by_code);
    zb_regions_init(rs);
}

long zb_regions_add(zb_regions *rs, const zb_region *r, long *existing)
{
    uint32_t prior;
    int put = zb_idmap_put(&rs->by_code, r->code, (uint32_t)rs->count, &prior);
    if (put < 0)
        return -1;
    if (put == 0) {
        if (existing)
            *existing = (long)prior;
        return -2;
    }
    if (rs->count == rs->cap) {
        size_t cap = rs->cap ? rs->cap * 2 : 64;
        zb_region *items = realloc(rs->items, cap * sizeof *items);
        if (!items)
            return -1;
        rs->items = items;
        rs->cap = cap;
    }
    zb_region *dst = &rs->items[rs->count];
    *dst = *r;
    dst->parent = -1;
    dst->first_child = -1;
    dst->next_sibling = -1;
    dst->nchildren = 0;
    return (long)rs->count++;
}

long zb_regions_find(const zb_regions *rs, uint32_t code_id)
{
    uint32_t idx;
    if (code_id == 0 || !zb_idmap_get(&rs->by_code, code_id, &idx))
        return -1;
    return (long)idx;
}

int zb_level_rank(zb_level level)
{
    return level == ZB_LEVEL_ZONE ? ZB_LEVEL_COUNTY : (int)level;
}

static const char *const level_names[ZB_LEVEL_COUNT] = {
    "country", "province", "city", "county", "zone"};

int zb_level_parse(const char *s)
{
    for (int i = 0; i < ZB_LEVEL_COUNT; i++)
        if (strcmp(s, level_names[i]) == 0)
            return i;
    static const struct { const char *zh; zb_level level; } zh[] = {
        {"国家", ZB_LEVEL_COUNTRY}, {"全国", ZB_LEVEL_COUNTRY},
        {"省", ZB_LEVEL_PROVINCE}, {"省级", ZB_LEVEL_PROVINCE},
        {"市", ZB_LEVEL_CITY}, {"市级", ZB_LEVEL_CITY}, {"地级", ZB_LEVEL_CITY},
        {"县", ZB_LEVEL_COUNTY}, {"县级", ZB_LEVEL_COUNTY}, {"区县", ZB_LEVEL_COUNTY},
        {"功能区", ZB_LEVEL_ZONE}, {"新区", ZB_LEVEL_ZONE}, {"管理区", ZB_LEVEL_ZONE},
    };
    for (size_t i = 0; i < sizeof zh / sizeof zh[0]; i++)
        if (strcmp(s, zh[i].zh) == 0)
            return (int)zh[i].level;
    return -1;
}

const char *zb_level_name(zb_level level)
{
    return level < ZB_LEVEL_COUNT ? level_names[level] : "?";
}

const char *zb_level_label(zb_level level)
{
    switch (level) {
    case ZB_LEVEL_COUNTRY: return ZB_T("国家", "country");
    case ZB_LEVEL_PROVINCE: return ZB_T("省", "province");
    case ZB_LEVEL_CITY: return ZB_T("市（州）", "city");
    case ZB_LEVEL_COUNTY: return ZB_T("县（市、区）", "county");
    case ZB_LEVEL_ZONE: return ZB_T("功能区", "zone");
    default: return "?";
    }
}

size_t zb_regions_link(zb_regions *rs, const zb_strtab *strs, const char *file,
                       zb_diags *diags)
{
    size_t errors = 0;
    for (size_t i = 0; i < rs->count; i++) {
        zb_region *r = &rs->items[i];
        r->parent = -1;
        if (r->parent_code == 0)
            continue;
        long p = zb_regions_find(rs, r->parent_code);
        if (p < 0) {
            zb_diag_add(diags, ZB_ERROR, file, r->line, r->parent_col,
                        ZB_T("上级地区“%s”不存在（%s 的上级）：应为 regions 文件中已有的地区代码",
                             "parent region '%s' of %s does not exist: expected a code listed in the regions file"),
                        zb_strtab_get(strs, r->parent_code), zb_strtab_get(strs, r->code));
            errors++;
            continue;
        }
        const zb_region *pr = &rs->items[p];
        if (zb_level_rank(pr->level) >= zb_level_rank(r->level)) {
            zb_diag_add(diags, ZB_ERROR, file, r->line, r->parent_col,
                        ZB_T("层级不对：%s（%s）的上级 %s 是%s，上级必须高于下级（省 > 市 > 县）",
                             "wrong level: the parent %3$s of %1$s (%2$s) is a %4$s; a parent must sit above its child (province > city > county)"),
                        zb_strtab_get(strs, r->code), zb_level_label(r->level),
                        zb_strtab_get(strs, pr->code), zb_level_label(pr->level));
            errors++;
            continue;
        }
        r->parent = (int32_t)p;
    }
    /* With strict ranks a cycle cannot survive the check above, but a file of
     * regions all at one level could still loop through unchecked parents;
     * walking up with a step limit catches any cycle whatever the levels. */
    for (size_t i = 0; i < rs->count; i++) {
        long cur = rs->items[i].parent;
        size_t steps = 0;
        while (cur >= 0 && steps <= rs->count) {
            if ((size_t)cur == i) {
                zb_diag_add(diags, ZB_ERROR, file, rs->items[i].line, rs->items[i].parent_col,
                            ZB_T("地区 %s 的上级关系形成了环", "the parents of region %s form a cycle"),
                            zb_strtab_get(strs, rs->items[i].code));
                errors++;
                rs->items[i].parent = -1;
                break;
            }
            cur = rs->items[cur].parent;
            steps++;
        }
    }
    for (size_t i = 0; i < rs->count; i++)
        rs->items[i].first_child = -1, rs->items[i].nchildren = 0;
    /* Children in file order: link from the back. */
    for (size_t k = rs->count; k-- > 0;) {
        zb_region *r = &rs->items[k];
        if (r->parent < 0)
            continue;
        zb_region *p = &rs->items[r->parent];
        r->next_sibling = p->first_child;
        p->first_child = (int32_t)k;
        p->nchildren++;
    }
    return errors;
}
