#include "zb_region.h"

#include "zb_lang.h"
#include "zb_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void zb_regions_init(zb_regions *rs)
{
    memset(rs, 0, sizeof *rs);
    zb_idmap_init(&rs->by_code);
    zb_idmap_init(&rs->dropped);
}

void zb_regions_free(zb_regions *rs)
{
    free(rs->items);
    zb_idmap_free(&rs->by_code);
    zb_idmap_free(&rs->dropped);
    zb_regions_init(rs);
}

int zb_regions_drop(zb_regions *rs, uint32_t code_id, unsigned long line)
{
    if (code_id == 0)
        return 0;
    return zb_idmap_put(&rs->dropped, code_id, (uint32_t)(line > UINT32_MAX ? UINT32_MAX : line), NULL) < 0 ? -1 : 0;
}

unsigned long zb_regions_dropped(const zb_regions *rs, uint32_t code_id)
{
    uint32_t line;
    return code_id && zb_idmap_get(&rs->dropped, code_id, &line) ? line : 0;
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

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alnum_ascii(char c)
{
    return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* The character of s at byte i, as text for a message. */
static void char_at(const char *s, size_t i, char *out)
{
    unsigned char c = (unsigned char)s[i];
    size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    size_t k = 0;
    while (k < n && s[i + k])
        k++;
    memcpy(out, s + i, k);
    out[k] = '\0';
}

int zb_region_code_check(const char *code, zb_level level, const char *parent, char *msg,
                         size_t msglen, size_t *col)
{
    const char *expected = ZB_T("应为 6 位数字的行政区划代码（GB/T 2260，如 520502）；没有标准代码的功能区"
                                "（level 为 zone）写作“上级代码-简称”（如 520500-JHH）",
                                "expected a 6-digit administrative code (GB/T 2260, e.g. 520502); a zone "
                                "without a standard code is written PARENT-ABBR (e.g. 520500-JHH)");
    char ch[8];
    size_t len = strlen(code), i = 0;
    while (i < len && i < 6 && is_digit(code[i]))
        i++;
    if (i < 6) {
        *col = zb_utf8_chars(code, i) + 1;
        if (i == len) {
            snprintf(msg, msglen, ZB_T("地区代码“%s”无效（只有 %zu 位数字）：%s", "invalid region code '%s' (only %zu digits): %s"),
                     code, i, expected);
        } else {
            char_at(code, i, ch);
            /* Full-width digits (５２０５０２) are what a Chinese input method
             * types: said so, since they look like digits. */
            int wide = (unsigned char)ch[0] == 0xEF && (unsigned char)ch[1] == 0xBC &&
                       (unsigned char)ch[2] >= 0x90 && (unsigned char)ch[2] <= 0x99;
            snprintf(msg, msglen,
                     wide ? ZB_T("地区代码“%s”无效（“%s”是全角数字，代码用半角数字）：%s",
                                 "invalid region code '%s' ('%s' is a full-width digit; codes use ASCII digits): %s")
                          : ZB_T("地区代码“%s”无效（“%s”不是数字）：%s", "invalid region code '%s' ('%s' is not a digit): %s"),
                     code, ch, expected);
        }
        return -1;
    }
    if (len == 6)
        return 0;
    if (code[6] != '-') {
        *col = 7;
        if (is_digit(code[6]))
            snprintf(msg, msglen, ZB_T("地区代码“%s”无效（多于 6 位数字）：%s", "invalid region code '%s' (more than 6 digits): %s"),
                     code, expected);
        else {
            char_at(code, 6, ch);
            snprintf(msg, msglen, ZB_T("地区代码“%s”无效（6 位数字后是“%s”）：%s", "invalid region code '%s' ('%s' after the 6 digits): %s"),
                     code, ch, expected);
        }
        return -1;
    }
    /* PARENT-ABBR */
    size_t j = 7;
    while (j < len && is_alnum_ascii(code[j]))
        j++;
    if (j == 7 || j < len) {
        *col = zb_utf8_chars(code, j) + 1;
        if (j == len) {
            snprintf(msg, msglen, ZB_T("地区代码“%s”无效（连字符后没有简称）：%s", "invalid region code '%s' (nothing after the hyphen): %s"),
                     code, expected);
        } else {
            char_at(code, j, ch);
            snprintf(msg, msglen, ZB_T("地区代码“%s”无效（简称中有“%s”，简称只用字母和数字）：%s",
                                       "invalid region code '%s' (the abbreviation has '%s'; use letters and digits): %s"),
                     code, ch, expected);
        }
        return -1;
    }
    if (level != ZB_LEVEL_ZONE) {
        *col = 7;
        snprintf(msg, msglen, ZB_T("地区代码“%s”是功能区的写法，但级别是 %s：只有功能区（zone）的代码写作“上级代码-简称”，其他地区用 6 位行政区划代码（GB/T 2260）",
                                   "region code '%s' is written as a zone's, but the level is %s: only a zone's code is PARENT-ABBR; other regions use their 6-digit code (GB/T 2260)"),
                 code, zb_level_name(level));
        return -1;
    }
    if (strncmp(code, parent, 6) != 0 || strlen(parent) != 6) {
        *col = 1;
        if (!*parent)
            snprintf(msg, msglen, ZB_T("功能区代码“%s”以上级代码开头，但没有给出上级（parent 列为空）：应为 %.6s",
                                       "zone code '%s' starts with a parent's code, but no parent is given (parent is empty): expected %.6s"),
                     code, code);
        else
            snprintf(msg, msglen, ZB_T("功能区代码“%s”应以其上级的代码“%s”开头（写作 %s-简称）",
                                       "zone code '%s' must start with its parent's code '%s' (%s-ABBR)"),
                     code, parent, parent);
        return -1;
    }
    return 0;
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

/* Reports the cycle through region `start` (following parents) once, at
 * the row of its member that comes last in the file (the row that closed
 * it), and detaches every member from its parent so that no other check
 * reports the same problem again. */
static void report_cycle(zb_regions *rs, const zb_strtab *strs, const char *file,
                         zb_diags *diags, long start)
{
    char chain[512];
    size_t used = 0, shown = 0;
    long last = start, cur = start;
    chain[0] = '\0';
    do {
        if (rs->items[cur].line > rs->items[last].line)
            last = cur;
        if (shown < 6 && used < sizeof chain)
            used += (size_t)snprintf(chain + used, sizeof chain - used, "%s%s", shown ? " \xE2\x86\x92 " : "",
                                     zb_strtab_get(strs, rs->items[cur].code));
        else if (shown == 6 && used < sizeof chain)
            used += (size_t)snprintf(chain + used, sizeof chain - used, " \xE2\x86\x92 \xE2\x80\xA6");
        shown++;
        cur = rs->items[cur].parent;
    } while (cur != start);
    if (shown <= 6 && used < sizeof chain)
        snprintf(chain + used, sizeof chain - used, " \xE2\x86\x92 %s", zb_strtab_get(strs, rs->items[start].code));
    zb_diag_add(diags, ZB_ERROR, file, rs->items[last].line, rs->items[last].parent_col,
                ZB_T("上级关系形成了环（%zu 个地区）：%s：沿上级逐级向上应最终到达没有上级的最高一级地区",
                     "the parents form a cycle (%zu regions): %s; going up from parent to parent must end at a region without a parent"),
                shown, chain);
    cur = start;
    do {
        long up = rs->items[cur].parent;
        rs->items[cur].parent = -1;
        cur = up;
    } while (cur != start && cur >= 0);
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
        if (p < 0 && zb_regions_dropped(rs, r->parent_code))
            continue; /* its parent's row has its own error */
        if (p < 0) {
            zb_diag_add(diags, ZB_ERROR, file, r->line, r->parent_col,
                        ZB_T("上级地区“%s”不存在（%s 的上级）：应为 regions 文件中已有的地区代码",
                             "parent region '%s' of %s does not exist: expected a code listed in the regions file"),
                        zb_strtab_get(strs, r->parent_code), zb_strtab_get(strs, r->code));
            errors++;
            continue;
        }
        r->parent = (int32_t)p;
    }
    /* Cycles before levels: in a loop some link is always "wrong level", but
     * the problem to report is the loop.  Each region is walked once: a walk
     * goes up until it reaches the top, a region an earlier walk has seen
     * (no cycle there, or already reported), or a region of its own walk (a
     * cycle).  Linear in the number of regions, however deep the chains, and
     * without recursion. */
    uint32_t *walk = calloc(rs->count ? rs->count : 1, sizeof *walk);
    if (!walk) {
        zb_diag_add(diags, ZB_ERROR, file, 0, 0, "%s", ZB_T("内存不足", "out of memory"));
        return errors + 1;
    }
    for (size_t i = 0; i < rs->count; i++) {
        if (walk[i])
            continue;
        uint32_t id = (uint32_t)i + 1;
        long cur = (long)i;
        for (;;) {
            walk[cur] = id;
            long up = rs->items[cur].parent;
            if (up < 0 || (walk[up] && walk[up] != id))
                break;
            if (walk[up] == id) {
                report_cycle(rs, strs, file, diags, up);
                errors++;
                break;
            }
            cur = up;
        }
    }
    free(walk);
    for (size_t i = 0; i < rs->count; i++) {
        zb_region *r = &rs->items[i];
        if (r->parent < 0)
            continue;
        const zb_region *pr = &rs->items[r->parent];
        if (zb_level_rank(pr->level) >= zb_level_rank(r->level)) {
            zb_diag_add(diags, ZB_ERROR, file, r->line, r->parent_col,
                        ZB_T("层级不对：%s（%s）的上级 %s 是%s，上级必须高于下级（省 > 市 > 县）",
                             "wrong level: the parent %3$s of %1$s (%2$s) is a %4$s; a parent must sit above its child (province > city > county)"),
                        zb_strtab_get(strs, r->code), zb_level_label(r->level),
                        zb_strtab_get(strs, pr->code), zb_level_label(pr->level));
            errors++;
            r->parent = -1;
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
