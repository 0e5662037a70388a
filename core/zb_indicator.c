#include "zb_indicator.h"

#include "zb_lang.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void zb_indicators_init(zb_indicators *is)
{
    memset(is, 0, sizeof *is);
    zb_idmap_init(&is->by_code);
    zb_idmap_init(&is->dropped);
}

void zb_indicators_free(zb_indicators *is)
{
    free(is->items);
    zb_idmap_free(&is->by_code);
    zb_idmap_free(&is->dropped);
    zb_indicators_init(is);
}

int zb_indicators_drop(zb_indicators *is, uint32_t code_id, unsigned long line)
{
    if (code_id == 0)
        return 0;
    return zb_idmap_put(&is->dropped, code_id, (uint32_t)(line > UINT32_MAX ? UINT32_MAX : line), NULL) < 0 ? -1 : 0;
}

unsigned long zb_indicators_dropped(const zb_indicators *is, uint32_t code_id)
{
    uint32_t line;
    return code_id && zb_idmap_get(&is->dropped, code_id, &line) ? line : 0;
}

long zb_indicators_add(zb_indicators *is, const zb_indicator *ind, long *existing)
{
    uint32_t prior;
    int put = zb_idmap_put(&is->by_code, ind->code, (uint32_t)is->count, &prior);
    if (put < 0)
        return -1;
    if (put == 0) {
        if (existing)
            *existing = (long)prior;
        return -2;
    }
    if (is->count == is->cap) {
        size_t cap = is->cap ? is->cap * 2 : 64;
        zb_indicator *items = realloc(is->items, cap * sizeof *items);
        if (!items)
            return -1;
        is->items = items;
        is->cap = cap;
    }
    is->items[is->count] = *ind;
    return (long)is->count++;
}

long zb_indicators_find(const zb_indicators *is, uint32_t code_id)
{
    uint32_t idx;
    if (code_id == 0 || !zb_idmap_get(&is->by_code, code_id, &idx))
        return -1;
    return (long)idx;
}

static const char *const kind_names[ZB_KIND_COUNT] = {
    "level", "rate", "percap", "structure", "reduction", "growth", "other"};

int zb_kind_parse(const char *s)
{
    for (int i = 0; i < ZB_KIND_COUNT; i++)
        if (strcmp(s, kind_names[i]) == 0)
            return i;
    return -1;
}

const char *zb_kind_name(zb_kind k) { return k < ZB_KIND_COUNT ? kind_names[k] : "?"; }

const char *zb_kind_label(zb_kind k)
{
    switch (k) {
    case ZB_KIND_LEVEL: return ZB_T("总量", "level");
    case ZB_KIND_RATE: return ZB_T("比率", "rate");
    case ZB_KIND_PERCAP: return ZB_T("人均", "per capita");
    case ZB_KIND_STRUCTURE: return ZB_T("结构", "structure");
    case ZB_KIND_REDUCTION: return ZB_T("累计下降", "reduction");
    case ZB_KIND_GROWTH: return ZB_T("增速", "growth");
    case ZB_KIND_OTHER: return ZB_T("其他", "other");
    default: return "?";
    }
}

int zb_attribute_parse(const char *s)
{
    if (!*s)
        return ZB_ATTR_NONE;
    if (strcmp(s, "anticipatory") == 0 || strcmp(s, "预期性") == 0)
        return ZB_ATTR_ANTICIPATORY;
    if (strcmp(s, "binding") == 0 || strcmp(s, "约束性") == 0)
        return ZB_ATTR_BINDING;
    return -1;
}

const char *zb_attribute_name(zb_attribute a)
{
    return a == ZB_ATTR_BINDING ? "binding" : a == ZB_ATTR_ANTICIPATORY ? "anticipatory" : "";
}

const char *zb_attribute_label(zb_attribute a)
{
    if (a == ZB_ATTR_BINDING)
        return ZB_T("约束性", "binding");
    if (a == ZB_ATTR_ANTICIPATORY)
        return ZB_T("预期性", "anticipatory");
    return "";
}

int zb_direction_parse(const char *s)
{
    if (!*s || strcmp(s, "up") == 0)
        return ZB_DIR_UP;
    if (strcmp(s, "down") == 0)
        return ZB_DIR_DOWN;
    if (strcmp(s, "none") == 0)
        return ZB_DIR_NONE;
    return -1;
}

const char *zb_direction_name(zb_direction d)
{
    return d == ZB_DIR_DOWN ? "down" : d == ZB_DIR_NONE ? "none" : "up";
}

static const char *const rule_names[ZB_AGG_COUNT] = {
    "none", "sum", "ratio", "wmean", "structure", "growth", "min", "max"};

const char *zb_agg_rule_name(zb_agg_rule r) { return r < ZB_AGG_COUNT ? rule_names[r] : "?"; }

zb_agg_rule zb_default_aggregation(zb_kind kind)
{
    return kind == ZB_KIND_LEVEL ? ZB_AGG_SUM : ZB_AGG_NONE;
}

static int is_code_char(int c) { return isalnum(c) || c == '_'; }

int zb_aggregation_parse(const char *text, zb_strtab *strs, zb_aggregation *agg,
                         char *msg, size_t msglen, size_t *errcol)
{
    memset(agg, 0, sizeof *agg);
    agg->scale = 1.0;
    for (int i = 0; i < ZB_AGG_MAX_OPERANDS; i++)
        agg->operand[i] = -1;
    const char *p = text;
    while (isalpha((unsigned char)*p))
        p++;
    size_t nlen = (size_t)(p - text);
    int rule = -1;
    for (int i = 0; i < ZB_AGG_COUNT; i++)
        if (strlen(rule_names[i]) == nlen && strncmp(text, rule_names[i], nlen) == 0)
            rule = i;
    const char *expected = ZB_T("应为 sum、ratio(分子,分母,倍数)、wmean(权重)、structure(甲,乙,丙)、growth(总量)、min、max 或 none",
                                "expected sum, ratio(NUM,DEN,SCALE), wmean(WEIGHT), structure(A,B,C), growth(LEVEL), min, max or none");
    if (rule < 0) {
        snprintf(msg, msglen, ZB_T("未知的汇总规则“%s”：%s", "unknown aggregation rule '%s': %s"),
                 text, expected);
        *errcol = 1;
        return -1;
    }
    agg->rule = (zb_agg_rule)rule;
    int wants_args = rule == ZB_AGG_RATIO || rule == ZB_AGG_WMEAN ||
                     rule == ZB_AGG_STRUCTURE || rule == ZB_AGG_GROWTH;
    if (!wants_args) {
        if (*p != '\0') {
            snprintf(msg, msglen, ZB_T("规则 %s 不带参数：“%s”之后应到此为止",
                                       "rule %s takes no operands: nothing expected after '%s'"),
                     rule_names[rule], rule_names[rule]);
            *errcol = nlen + 1;
            return -1;
        }
        return 0;
    }
    if (*p != '(') {
        snprintf(msg, msglen, ZB_T("规则 %s 需要括号中的指标代码，如 %s(resident_pop)",
                                   "rule %s needs indicator codes in parentheses, e.g. %s(resident_pop)"),
                 rule_names[rule], rule_names[rule]);
        *errcol = nlen + 1;
        return -1;
    }
    p++;
    for (;;) {
        while (*p == ' ')
            p++;
        const char *start = p;
        while (is_code_char((unsigned char)*p) || *p == '.')
            p++;
        if (p == start) {
            snprintf(msg, msglen, "%s", ZB_T("此处应为指标代码", "expected an indicator code here"));
            *errcol = (size_t)(start - text) + 1;
            return -1;
        }
        if (agg->noperands == ZB_AGG_MAX_OPERANDS) {
            snprintf(msg, msglen, ZB_T("参数过多（最多 %d 个）", "too many operands (at most %d)"),
                     ZB_AGG_MAX_OPERANDS);
            *errcol = (size_t)(start - text) + 1;
            return -1;
        }
        int is_number = isdigit((unsigned char)*start);
        if (rule == ZB_AGG_RATIO && agg->noperands == 2) {
            char *end;
            agg->scale = strtod(start, &end);
            if (end != p || !is_number || agg->scale <= 0) {
                snprintf(msg, msglen, "%s", ZB_T("ratio 的第三个参数应为正数倍数（如 100）",
                                                 "the third operand of ratio must be a positive scale (e.g. 100)"));
                *errcol = (size_t)(start - text) + 1;
                return -1;
            }
            agg->noperands = 3; /* the scale, counted so arity checks see it */
        } else {
            if (is_number) {
                snprintf(msg, msglen, "%s", ZB_T("此处应为指标代码，不是数字", "expected an indicator code, not a number"));
                *errcol = (size_t)(start - text) + 1;
                return -1;
            }
            uint32_t id = zb_strtab_intern(strs, start, (size_t)(p - start));
            if (id == UINT32_MAX) {
                snprintf(msg, msglen, "%s", ZB_T("内存不足", "out of memory"));
                *errcol = 1;
                return -1;
            }
            agg->operand_code[agg->noperands++] = id;
        }
        while (*p == ' ')
            p++;
        if (*p == ',') {
            p++;
            continue;
        }
        if (*p == ')' && p[1] == '\0')
            break;
        snprintf(msg, msglen, "%s", ZB_T("此处应为逗号或右括号", "expected ',' or ')' here"));
        *errcol = (size_t)(p - text) + 1;
        return -1;
    }
    uint32_t n = agg->noperands;
    int ok = (rule == ZB_AGG_RATIO && (n == 2 || n == 3)) ||
             ((rule == ZB_AGG_WMEAN || rule == ZB_AGG_GROWTH) && n == 1) ||
             (rule == ZB_AGG_STRUCTURE && n >= 2);
    if (!ok) {
        snprintf(msg, msglen,
                 ZB_T("规则 %s 的参数个数不对（%u 个）：ratio 需 2–3 个，wmean 与 growth 需 1 个，structure 至少 2 个",
                      "wrong number of operands for %s (%u): ratio takes 2-3, wmean and growth 1, structure at least 2"),
                 rule_names[rule], n);
        *errcol = nlen + 1;
        return -1;
    }
    if (rule == ZB_AGG_RATIO)
        agg->noperands = 2; /* operands proper; scale kept apart */
    return 0;
}

void zb_aggregation_format(const zb_aggregation *agg, const zb_strtab *strs,
                           char *buf, size_t len)
{
    size_t used = (size_t)snprintf(buf, len, "%s", zb_agg_rule_name(agg->rule));
    if (agg->noperands == 0 || used >= len)
        return;
    for (uint32_t i = 0; i < agg->noperands && used < len; i++)
        used += (size_t)snprintf(buf + used, len - used, "%s%s", i ? "," : "(",
                                 zb_strtab_get(strs, agg->operand_code[i]));
    if (agg->rule == ZB_AGG_RATIO && agg->scale != 1.0 && used < len)
        used += (size_t)snprintf(buf + used, len - used, ",%g", agg->scale);
    if (used < len)
        snprintf(buf + used, len - used, ")");
}

/* Which rules make sense for which kind.  Levels add up and nothing else
 * does; a growth rate needs the previous year's levels as weights, which only
 * growth() gives; a structure is made from its component levels; a
 * reduction over a plan period is a cumulative rate that no rule rebuilds. */
static int rule_fits_kind(zb_agg_rule rule, zb_kind kind)
{
    if (rule == ZB_AGG_NONE || rule == ZB_AGG_MIN || rule == ZB_AGG_MAX)
        return kind != ZB_KIND_STRUCTURE || rule == ZB_AGG_NONE;
    switch (kind) {
    case ZB_KIND_LEVEL: return rule == ZB_AGG_SUM;
    case ZB_KIND_RATE:
    case ZB_KIND_PERCAP:
    case ZB_KIND_OTHER: return rule == ZB_AGG_RATIO || rule == ZB_AGG_WMEAN;
    case ZB_KIND_STRUCTURE: return rule == ZB_AGG_STRUCTURE;
    case ZB_KIND_GROWTH: return rule == ZB_AGG_GROWTH;
    default: return 0; /* reduction */
    }
}

static const char *rule_hint(zb_kind kind)
{
    switch (kind) {
    case ZB_KIND_LEVEL: return ZB_T("总量指标用 sum（或 min、max、none）", "a level uses sum (or min, max, none)");
    case ZB_KIND_RATE:
    case ZB_KIND_PERCAP:
    case ZB_KIND_OTHER:
        return ZB_T("用 ratio(分子,分母,倍数) 或 wmean(权重)（或 min、max、none）",
                    "use ratio(NUM,DEN,SCALE) or wmean(WEIGHT) (or min, max, none)");
    case ZB_KIND_STRUCTURE: return ZB_T("结构指标用 structure(甲,乙,丙) 或 none", "a structure uses structure(A,B,C) or none");
    case ZB_KIND_GROWTH:
        return ZB_T("增速须按上年总量加权，用 growth(总量)（或 min、max、none）",
                    "a growth rate is weighted by the previous year's levels: use growth(LEVEL) (or min, max, none)");
    default:
        return ZB_T("规划期累计下降率不能由下级汇总，用 none（或 min、max）",
                    "a reduction over the plan period cannot be rebuilt from the children: use none (or min, max)");
    }
}

size_t zb_indicators_link(zb_indicators *is, const zb_strtab *strs,
                          const char *file, zb_diags *diags)
{
    size_t errors = 0;
    for (size_t i = 0; i < is->count; i++) {
        zb_indicator *ind = &is->items[i];
        const char *code = zb_strtab_get(strs, ind->code);
        if (ind->agg.rule == ZB_AGG_SUM && ind->kind != ZB_KIND_LEVEL) {
            zb_diag_add(diags, ZB_ERROR, file, ind->line, ind->agg_col,
                        ZB_T("指标 %s 是%s，不能用 sum 汇总：比率用 ratio(分子,分母,倍数)，人均值用 wmean(人口)，增速用 growth(总量)",
                             "indicator %s is of kind \"%s\" and cannot be summed: use ratio(NUM,DEN,SCALE) for a rate, wmean(POP) for a per-capita value, growth(LEVEL) for a growth rate"),
                        code, zb_kind_label(ind->kind));
            errors++;
        } else if (!rule_fits_kind(ind->agg.rule, ind->kind)) {
            zb_diag_add(diags, ZB_ERROR, file, ind->line, ind->agg_col,
                        ZB_T("指标 %s 是%s，不能用 %s 汇总：%s",
                             "indicator %s is of kind \"%s\" and cannot be aggregated with %s: %s"),
                        code, zb_kind_label(ind->kind), zb_agg_rule_name(ind->agg.rule),
                        rule_hint(ind->kind));
            errors++;
        }
        for (uint32_t k = 0; k < ind->agg.noperands; k++) {
            long op = zb_indicators_find(is, ind->agg.operand_code[k]);
            ind->agg.operand[k] = (int32_t)op;
            if (op < 0 && zb_indicators_dropped(is, ind->agg.operand_code[k]))
                continue; /* the operand's row has its own error */
            if (op < 0) {
                zb_diag_add(diags, ZB_ERROR, file, ind->line, ind->agg_col,
                            ZB_T("汇总规则引用的指标“%s”不存在（指标 %s）",
                                 "aggregation rule refers to indicator '%s', which does not exist (indicator %s)"),
                            zb_strtab_get(strs, ind->agg.operand_code[k]), code);
                errors++;
                continue;
            }
            if ((size_t)op == i) {
                zb_diag_add(diags, ZB_ERROR, file, ind->line, ind->agg_col,
                            ZB_T("指标 %s 的汇总规则引用了它自己", "the aggregation rule of %s refers to itself"),
                            code);
                errors++;
                continue;
            }
            zb_kind opkind = is->items[op].kind;
            if (opkind != ZB_KIND_LEVEL) {
                zb_diag_add(diags, ZB_ERROR, file, ind->line, ind->agg_col,
                            ZB_T("指标 %s 的汇总规则 %s 需要总量指标，而“%s”是%s",
                                 "the %2$s rule of %1$s needs level indicators, but '%3$s' is a %4$s"),
                            code, zb_agg_rule_name(ind->agg.rule),
                            zb_strtab_get(strs, ind->agg.operand_code[k]), zb_kind_label(opkind));
                errors++;
            }
        }
    }
    return errors;
}
