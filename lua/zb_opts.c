#include "zb_opts.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "zb_host.h"
#include "zb_lang.h"
#include "zb_load.h"
#include "zb_namematch.h"
#include "zb_outfile.h"
#include "zb_pace.h"
#include "zb_spec.h"

static int parse_int(const char *s, int lo, int hi, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v < lo || v > hi)
        return -1;
    *out = (int)v;
    return 0;
}

static int parse_double(const char *s, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (*s == '\0' || *end != '\0' || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

/* A list typed with a Chinese input method comes with full-width commas
 * (，) or enumeration commas (、) between the codes: both become ",", in
 * place (the text only shrinks). */
static void fold_list_commas(char *s)
{
    char *out = s;
    for (const char *p = s; *p;) {
        if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBC && (unsigned char)p[2] == 0x8C) {
            *out++ = ',';
            p += 3;
        } else if ((unsigned char)p[0] == 0xE3 && (unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0x81) {
            *out++ = ',';
            p += 3;
        } else
            *out++ = *p++;
    }
    *out = '\0';
}

int zb_opts_parse(int argc, char **argv, const char *usage, zb_opts *o)
{
    memset(o, 0, sizeof *o);
    o->command = argv[0];
    o->format = ZB_OUT_TEXT;
    o->bom = 1;
    o->to_year = 2035;
    o->tol = zb_tolerance_default();
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage, stdout);
            return 1;
        }
        int takes_value = strcmp(a, "--data") == 0 || strcmp(a, "--encoding") == 0 ||
                          strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0 ||
                          strcmp(a, "--plan") == 0 || strcmp(a, "--region") == 0 ||
                          strcmp(a, "--indicator") == 0 || strcmp(a, "--year") == 0 ||
                          strcmp(a, "--to") == 0 || strcmp(a, "--format") == 0 ||
                          strcmp(a, "--half-life") == 0 || strcmp(a, "--rates") == 0 ||
                          strcmp(a, "--tolerance") == 0 || strcmp(a, "--tolerance-level") == 0;
        if (takes_value && !v) {
            zb_host_error(o->command, ZB_T("%s 后面缺少值", "%s needs a value"), a);
            return -1;
        }
        int bad = 0;
        if (strcmp(a, "--data") == 0) o->data = v;
        else if (strcmp(a, "--encoding") == 0) o->encoding = v;
        else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) o->output = v;
        else if (strcmp(a, "--plan") == 0) o->plan = v;
        else if (strcmp(a, "--region") == 0) o->region = v;
        else if (strcmp(a, "--indicator") == 0) {
            fold_list_commas(argv[i + 1]);
            o->indicator = v;
        }
        else if (strcmp(a, "--year") == 0) bad = parse_int(v, 1900, 2200, &o->year);
        else if (strcmp(a, "--to") == 0) bad = parse_int(v, 1900, 2200, &o->to_year);
        else if (strcmp(a, "--half-life") == 0) bad = parse_double(v, &o->half_life) || o->half_life < 0;
        else if (strcmp(a, "--tolerance") == 0) bad = parse_double(v, &o->tol.about_pp) || o->tol.about_pp < 0;
        else if (strcmp(a, "--tolerance-level") == 0) {
            bad = parse_double(v, &o->tol.about_rel) || o->tol.about_rel < 0;
            o->tol.about_rel /= 100.0; /* given in % of the target */
        }
        else if (strcmp(a, "--format") == 0) {
            int f = zb_out_parse_format(v);
            bad = f < 0;
            o->format = (zb_out_format)(f < 0 ? 0 : f);
            o->format_given = 1;
        } else if (strcmp(a, "--rates") == 0) {
            char *copy = strdup(v), *save = NULL;
            o->nrates = 0;
            for (char *tok = copy ? strtok_r(copy, ",", &save) : NULL; tok && !bad; tok = strtok_r(NULL, ",", &save)) {
                if (o->nrates == 3 || parse_double(tok, &o->rates[o->nrates]) != 0)
                    bad = 1;
                else
                    o->nrates++;
            }
            free(copy);
            bad = bad || o->nrates == 0;
        } else if (strcmp(a, "--no-bom") == 0) {
            o->bom = 0;
            continue;
        } else if (a[0] == '-' && a[1]) {
            zb_host_error(o->command, ZB_T("未知选项“%s”", "unknown option '%s'"), a);
            fputs(usage, stderr);
            return -1;
        } else if (!o->data) {
            o->data = a; /* the dataset may be given without --data */
            continue;
        } else {
            zb_host_error(o->command, ZB_T("多余的参数“%s”", "unexpected argument '%s'"), a);
            fputs(usage, stderr);
            return -1;
        }
        if (bad) {
            zb_host_error(o->command, ZB_T("%s 的值“%s”无效", "invalid value '%s' for %s"),
                          zb_lang_get() == ZB_LANG_EN ? v : a, zb_lang_get() == ZB_LANG_EN ? a : v);
            fputs(usage, stderr);
            return -1;
        }
        i++;
    }
    if (!o->data) {
        fprintf(stderr, "%s", usage);
        return -1;
    }
    if (zb_host_check_encoding(o->command, o->encoding) != 0)
        return -1;
    /* -o x.csv writes CSV, as `zhibiao report` does; --format wins. */
    if (o->output && strcmp(o->output, "-") != 0 && !o->format_given) {
        int f = zb_out_format_of_name(o->output);
        if (f < 0) {
            zb_host_error(o->command, ZB_T("无法从文件名“%s”判断格式（.csv、.json、.txt），请加 --format text|csv|json",
                                           "cannot tell the format from '%s' (.csv, .json, .txt); add --format text|csv|json"),
                          o->output);
            return -1;
        }
        o->format = (zb_out_format)f;
    }
    return 0;
}

int zb_opts_make_parent_dirs(const char *path, char *err, size_t errlen)
{
    char buf[PATH_MAX];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) {
        snprintf(err, errlen, ZB_T("路径太长：%s", "path too long: %s"), path);
        return -1;
    }
    char *slash = strrchr(buf, '/');
    if (!slash || slash == buf)
        return 0;
    *slash = '\0';
    for (char *p = buf + 1; ; p++) {
        if (*p == '/' || *p == '\0') {
            char c = *p;
            *p = '\0';
            struct stat st;
            if (mkdir(buf, 0777) != 0 && errno != EEXIST) {
                snprintf(err, errlen, ZB_T("无法建立目录 %s：%s", "cannot create the folder %s: %s"), buf, zb_write_strerror(errno));
                return -1;
            }
            if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode)) {
                snprintf(err, errlen, ZB_T("%s 已存在但不是目录", "%s exists and is not a folder"), buf);
                return -1;
            }
            if (!c)
                break;
            *p = c;
        }
    }
    return 0;
}

zb_dataset *zb_opts_load_dataset(const zb_opts *o)
{
    return zb_host_load_dataset(o->command, o->data, o->encoding, NULL);
}

int zb_opts_stream(zb_opts *o, zb_out *t)
{
    if (o->format == ZB_OUT_TEXT || o->streaming)
        return 0;
    if (!o->output || strcmp(o->output, "-") == 0) {
        o->streaming = zb_out_stream(t, stdout, o->format, 0) == 0;
        return 0;
    }
    char err[PATH_MAX + 128];
    if (zb_opts_make_parent_dirs(o->output, err, sizeof err) != 0) {
        zb_host_error(o->command, "%s", err);
        return -1;
    }
    zb_outfile *f = zb_outfile_open(o->output, err, sizeof err);
    if (!f) {
        zb_host_error(o->command, "%s", err);
        return -1;
    }
    if (zb_out_stream(t, zb_outfile_stream(f), o->format, o->bom) != 0) {
        zb_outfile_abort(f);
        return 0;
    }
    o->stream_file = f;
    o->streaming = 1;
    return 0;
}

int zb_opts_write(const zb_opts *o, const zb_out *t)
{
    if (o->streaming) {
        char err[512];
        zb_out_write(t, o->stream_file ? zb_outfile_stream(o->stream_file) : stdout, o->format, o->bom);
        if (!o->stream_file)
            return 0;
        if (zb_outfile_commit(o->stream_file, err, sizeof err) != 0) {
            zb_host_error(o->command, "%s", err);
            return -1;
        }
        fprintf(stderr, ZB_T("已写入 %s（%d 行）\n", "wrote %s (%d rows)\n"), o->output, zb_out_rows(t));
        return 0;
    }
    if (!o->output || strcmp(o->output, "-") == 0) {
        zb_out_write(t, stdout, o->format, 0);
        return 0;
    }
    char err[PATH_MAX + 128];
    if (zb_opts_make_parent_dirs(o->output, err, sizeof err) != 0) {
        zb_host_error(o->command, "%s", err);
        return -1;
    }
    zb_outfile *f = zb_outfile_open(o->output, err, sizeof err);
    if (!f) {
        zb_host_error(o->command, "%s", err);
        return -1;
    }
    zb_out_write(t, zb_outfile_stream(f), o->format, o->bom);
    if (zb_outfile_commit(f, err, sizeof err) != 0) {
        zb_host_error(o->command, "%s", err);
        return -1;
    }
    fprintf(stderr, ZB_T("已写入 %s（%d 行）\n", "wrote %s (%d rows)\n"), o->output, zb_out_rows(t));
    return 0;
}

int zb_opts_listed(const char *list, const char *code)
{
    size_t n = strlen(code);
    for (const char *p = list; p; p = strchr(p, ',')) {
        if (*p == ',')
            p++;
        if (strncmp(p, code, n) == 0 && (p[n] == ',' || p[n] == '\0'))
            return 1;
    }
    return 0;
}

int zb_opts_match_target(const zb_opts *o, const zb_dataset *ds, size_t k)
{
    const zb_target *t = &ds->targets.items[k];
    if (o->plan && strcmp(zb_ds_str(ds, t->plan), o->plan) != 0)
        return 0;
    if (o->region && strcmp(zb_ds_str(ds, ds->regions.items[t->region].code), o->region) != 0)
        return 0;
    if (o->indicator && !zb_opts_listed(o->indicator, zb_ds_str(ds, ds->indicators.items[t->indicator].code)))
        return 0;
    return 1;
}

/* A number printed as zero keeps no minus sign: "-0.00" (a float's -1e-13)
 * becomes "0.00", or "+0.00" where the sign is always shown. */
static void drop_negative_zero(char *buf, int plus)
{
    if (buf[0] != '-')
        return;
    const char *p = buf + 1;
    while (*p == '0' || *p == '.')
        p++;
    if (*p >= '1' && *p <= '9')
        return;
    if (plus)
        buf[0] = '+';
    else
        memmove(buf, buf + 1, strlen(buf));
}

void zb_fmt_value(char *buf, size_t len, double v, int decimals)
{
    if (isnan(v)) {
        if (len)
            buf[0] = '\0';
    } else if (isinf(v))
        snprintf(buf, len, "%s", v > 0 ? "∞" : "-∞");
    else {
        snprintf(buf, len, "%.*f", decimals, v);
        drop_negative_zero(buf, 0);
    }
}

void zb_fmt_rate(char *buf, size_t len, double r, int compound, const char *unit)
{
    zb_pace_format(buf, len, r, compound, unit, ZB_PACE_CELL);
}

void zb_fmt_stated(char *buf, size_t len, const char *text, int compound, const char *unit)
{
    zb_spec s;
    if (zb_spec_parse(text, &s, NULL, 0, NULL) != 0)
        snprintf(buf, len, "%s", text);
    else
        zb_spec_format_pace(&s, compound, unit, buf, len);
}

/* Does a name, as its matching key (brackets, case and width folded), equal
 * what was typed?  地区生产总值 finds 地区生产总值(GDP). */
static int same_name(const char *name, const char *typed_key)
{
    char *k = name && typed_key ? zb_name_key(name, 1, NULL) : NULL;
    int same = k && *k && strcmp(k, typed_key) == 0;
    free(k);
    return same;
}

/* A suggestion for a code not found: the item whose Chinese or English name
 * is what was typed (a clerk types 地区生产总值 or 七星关区 for the code), or
 * for an indicator the code one or two edits away (gpd for gdp; region codes
 * are digits, where the nearest is a guess).  Writes "" when none. */
void zb_opts_suggest(char *buf, size_t len, const zb_dataset *ds, const char *typed, int regions)
{
    size_t count = regions ? ds->regions.count : ds->indicators.count;
    char *typed_key = zb_name_key(typed, 1, NULL);
    long best = -1;
    size_t best_d = 3;
    for (size_t i = 0; i < count && best_d > 0; i++) {
        uint32_t code = regions ? ds->regions.items[i].code : ds->indicators.items[i].code;
        uint32_t name = regions ? ds->regions.items[i].name : ds->indicators.items[i].name;
        uint32_t name_en = regions ? ds->regions.items[i].name_en : ds->indicators.items[i].name_en;
        if (same_name(zb_ds_str(ds, name), typed_key) || (name_en && same_name(zb_ds_str(ds, name_en), typed_key))) {
            best = (long)i, best_d = 0;
            break;
        }
        size_t d = regions ? best_d : zb_name_distance(zb_ds_str(ds, code), typed);
        if (d < best_d && d < strlen(typed)) /* "ab" is not a misspelling of "xy" */
            best = (long)i, best_d = d;
    }
    free(typed_key);
    if (best < 0) {
        if (len)
            buf[0] = '\0';
        return;
    }
    uint32_t code = regions ? ds->regions.items[best].code : ds->indicators.items[best].code;
    uint32_t name = regions ? ds->regions.items[best].name : ds->indicators.items[best].name;
    uint32_t name_en = regions ? ds->regions.items[best].name_en : ds->indicators.items[best].name_en;
    if (zb_lang_get() == ZB_LANG_EN && name_en)
        name = name_en;
    snprintf(buf, len, ZB_T("；是不是 %s（%s）？", "; did you mean %s (%s)?"), zb_ds_str(ds, code), zb_ds_str(ds, name));
}

int zb_opts_check_codes(const zb_opts *o, const zb_dataset *ds, const char *command)
{
    char hint[512];
    if (o->region && zb_ds_region(ds, o->region) < 0) {
        zb_opts_suggest(hint, sizeof hint, ds, o->region, 1);
        zb_host_error(command, ZB_T("未知的地区代码“%s”（见 regions.csv%s）", "unknown region code '%s' (see regions.csv%s)"),
                      o->region, hint);
        return -1;
    }
    /* Each code of a list is checked on its own, so the message names the
     * one misspelt and not the whole list. */
    size_t ncodes = 0;
    for (const char *p = o->indicator; p && *p; p += *p == ',') {
        size_t n = strcspn(p, ",");
        char code[256];
        if (n == 0)
            continue;
        ncodes++;
        if (n >= sizeof code || (memcpy(code, p, n), code[n] = '\0', zb_ds_indicator(ds, code) < 0)) {
            if (n < sizeof code)
                zb_opts_suggest(hint, sizeof hint, ds, code, 0);
            else
                hint[0] = '\0';
            zb_host_error(command, ZB_T("未知的指标代码“%.*s”（见 indicators.csv%s）",
                                        "unknown indicator code '%.*s' (see indicators.csv%s)"), (int)n, p, hint);
            return -1;
        }
        p += n;
    }
    if (o->indicator && ncodes == 0) {
        zb_host_error(command, "%s", ZB_T("--indicator 后面应是指标代码（多个用逗号分隔）",
                                    "--indicator expects indicator codes (several separated by commas)"));
        return -1;
    }
    int plan_known = !o->plan;
    for (size_t k = 0; !plan_known && k < ds->targets.count; k++)
        plan_known = strcmp(zb_ds_str(ds, ds->targets.items[k].plan), o->plan) == 0;
    if (!plan_known) {
        zb_host_error(command, ZB_T("未知的规划代码“%s”", "unknown plan code '%s'"), o->plan);
        return -1;
    }
    return 0;
}
