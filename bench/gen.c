/* gen — a synthetic national indicator panel for the benchmark.
 *
 *   gen SCALE OUTDIR        SCALE: national | medium | small
 *
 * Writes two dataset directories that differ only in how the observations
 * are stored (a dataset may not hold both observations.csv and .csv.gz):
 *   OUTDIR/synthetic-SCALE/      regions.csv indicators.csv observations.csv
 *   OUTDIR/synthetic-SCALE-gz/   regions.csv indicators.csv observations.csv.gz
 *
 * national: 31 provinces, 310 cities, 2,800 counties, 200 indicators, 30
 * years (1995-2024), about 2 % of cells missing: about 16.5 million
 * observations of counties.  Indicators: 140 sums (levels), 30 ratios of two
 * sums (rates, ratio(num,den,100)), 30 weighted means by a sum (per-capita
 * values, wmean(weight)).  Rate cells are printed from the county's own
 * numerator and denominator; one in about 50,000 is deliberately above 100
 * so that a range check has something to find.
 *
 * Every figure is made up: a hash of (region, indicator, year) drives it, so
 * the same scale always gives byte-identical files.  Nothing here is real data.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

typedef struct scale {
    const char *name;
    int provinces, cities_per_province, counties; /* counties spread over cities */
    int indicators, years;
} scale;

static const scale scales[] = {
    {"national", 31, 10, 2800, 200, 30},
    {"medium", 4, 10, 360, 200, 30},
    {"small", 2, 3, 20, 20, 10},
};

enum { YEAR0 = 1995 };

/* splitmix64: a fixed function of the cell, so output is reproducible. */
static uint64_t mix(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

static double unit(uint64_t h) { return (double)(h >> 11) * (1.0 / 9007199254740992.0); }

static uint64_t cell(int region, int ind, int year, int salt)
{
    return mix(((uint64_t)(unsigned)region << 32) ^ ((uint64_t)(unsigned)ind << 12) ^
               (uint64_t)(unsigned)year ^ ((uint64_t)(unsigned)salt << 56));
}

/* Indicator layout for n indicators: sums first (70 %), then ratios (15 %),
 * then weighted means (15 %).  Sums 0..nr-1 are ratio denominators, sums
 * nr..2nr-1 their numerators (a share of the denominator). */
typedef struct layout {
    int n, nsum, nratio, nwmean;
} layout;

static layout make_layout(int n)
{
    layout l;
    l.n = n;
    l.nratio = n * 15 / 100;
    l.nwmean = n * 15 / 100;
    l.nsum = n - l.nratio - l.nwmean;
    return l;
}

static void ind_code(const layout *l, int i, char *buf, size_t len)
{
    if (i < l->nsum)
        snprintf(buf, len, "s%03d", i + 1);
    else if (i < l->nsum + l->nratio)
        snprintf(buf, len, "r%03d", i - l->nsum + 1);
    else
        snprintf(buf, len, "w%03d", i - l->nsum - l->nratio + 1);
}

/* A sum indicator's level in hundredths: a county size, an indicator scale
 * and steady growth with noise. */
static long long sum_cents(int county, int ind, int year)
{
    double size = 0.3 + 1.7 * unit(cell(county, 0, 0, 1));
    double mag = pow(10.0, 1.0 + 4.0 * unit(cell(0, ind, 0, 2)));
    double growth = 0.02 + 0.08 * unit(cell(county, ind, 0, 3));
    double noise = 0.97 + 0.06 * unit(cell(county, ind, year, 4));
    return llround(size * mag * pow(1.0 + growth, year) * noise * 100.0);
}

static long long level_cents(const layout *l, int county, int ind, int year)
{
    if (ind >= l->nratio && ind < 2 * l->nratio) {
        int den = ind - l->nratio;
        double share = 0.15 + 0.8 * unit(cell(county, ind, year, 5));
        return llround((double)sum_cents(county, den, year) * share);
    }
    return sum_cents(county, ind, year);
}

static int missing(int county, int ind, int year)
{
    return unit(cell(county, ind, year, 6)) < 0.02;
}

typedef struct out {
    FILE *plain;
    gzFile gz;
} out;

static int out_printf(out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#include <stdarg.h>
static int out_printf(out *o, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof buf)
        return -1;
    if (fwrite(buf, 1, (size_t)n, o->plain) != (size_t)n)
        return -1;
    if (o->gz && gzwrite(o->gz, buf, (unsigned)n) != n)
        return -1;
    return 0;
}

static int mkdir_p(const char *dir)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s", dir);
    for (char *p = tmp + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
                return -1;
            *p = '/';
        }
    return mkdir(tmp, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

static FILE *open_in(const char *dir, const char *name)
{
    char path[4200];
    snprintf(path, sizeof path, "%.4000s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        fprintf(stderr, "gen: cannot write %s: %s\n", path, strerror(errno));
    return f;
}

/* Writes the same small file into both directories. */
static int write_both(const char *d1, const char *d2, const char *name,
                      int (*fill)(FILE *, const scale *), const scale *s)
{
    const char *dirs[2] = {d1, d2};
    for (int i = 0; i < 2; i++) {
        FILE *f = open_in(dirs[i], name);
        if (!f)
            return -1;
        int rc = fill(f, s);
        if (fclose(f) != 0 || rc != 0)
            return -1;
    }
    return 0;
}

static int counties_in_city(const scale *s, int city)
{
    int ncities = s->provinces * s->cities_per_province;
    return s->counties / ncities + (city < s->counties % ncities ? 1 : 0);
}

static int fill_regions(FILE *f, const scale *s)
{
    fprintf(f, "code,name,level,parent,name_en,source\n");
    int city = 0;
    for (int p = 0; p < s->provinces; p++) {
        int pc = 11 + p;
        fprintf(f, "%02d0000,合成省%02d,province,,Synthetic province %02d,synthetic\n", pc, p + 1, p + 1);
        for (int c = 0; c < s->cities_per_province; c++, city++) {
            fprintf(f, "%02d%02d00,合成市%02d%02d,city,%02d0000,Synthetic city %02d%02d,synthetic\n",
                    pc, c + 1, p + 1, c + 1, pc, p + 1, c + 1);
            for (int k = 0; k < counties_in_city(s, city); k++)
                fprintf(f, "%02d%02d%02d,合成县%02d%02d%02d,county,%02d%02d00,Synthetic county %02d%02d%02d,synthetic\n",
                        pc, c + 1, k + 1, p + 1, c + 1, k + 1, pc, c + 1, p + 1, c + 1, k + 1);
        }
    }
    return ferror(f) ? -1 : 0;
}

static int fill_indicators(FILE *f, const scale *s)
{
    layout l = make_layout(s->indicators);
    fprintf(f, "code,name,name_en,unit,category,attribute,kind,aggregation,direction,decimals,source\n");
    for (int i = 0; i < l.n; i++) {
        char code[16], a[16], b[16];
        ind_code(&l, i, code, sizeof code);
        if (i < l.nsum) {
            fprintf(f, "%s,合成总量指标%s,Synthetic level %s,万元,合成,anticipatory,level,sum,up,2,synthetic\n",
                    code, code, code);
        } else if (i < l.nsum + l.nratio) {
            int j = i - l.nsum;
            ind_code(&l, l.nratio + j, a, sizeof a);
            ind_code(&l, j, b, sizeof b);
            fprintf(f, "%s,合成比率指标%s,Synthetic rate %s,%%,合成,anticipatory,rate,\"ratio(%s,%s,100)\",up,2,synthetic\n",
                    code, code, code, a, b);
        } else {
            int j = i - l.nsum - l.nratio;
            ind_code(&l, j % l.nsum, b, sizeof b);
            fprintf(f, "%s,合成人均指标%s,Synthetic per-capita %s,元,合成,anticipatory,percap,wmean(%s),up,1,synthetic\n",
                    code, code, code, b);
        }
    }
    return ferror(f) ? -1 : 0;
}

static int write_observations(const scale *s, const char *plain_dir, const char *gz_dir,
                              unsigned long long *count)
{
    layout l = make_layout(s->indicators);
    char path[4200];
    out o = {0};
    o.plain = open_in(plain_dir, "observations.csv");
    snprintf(path, sizeof path, "%.4000s/observations.csv.gz", gz_dir);
    o.gz = gzopen(path, "wb6");
    if (!o.plain || !o.gz) {
        fprintf(stderr, "gen: cannot write the observations\n");
        return -1;
    }
    gzbuffer(o.gz, 1 << 20);
    setvbuf(o.plain, NULL, _IOFBF, 1 << 20);
    out_printf(&o, "region,indicator,year,value\n");
    char codes[256][16];
    for (int i = 0; i < l.n && i < 256; i++)
        ind_code(&l, i, codes[i], sizeof codes[i]);
    int city = 0, rc = 0;
    *count = 0;
    for (int p = 0; p < s->provinces; p++)
        for (int c = 0; c < s->cities_per_province; c++, city++)
            for (int k = 0; k < counties_in_city(s, city); k++) {
                int region = (11 + p) * 10000 + (c + 1) * 100 + k + 1;
                for (int i = 0; i < l.n; i++)
                    for (int y = 0; y < s->years; y++) {
                        if (missing(region, i, y))
                            continue;
                        int year = YEAR0 + y;
                        if (i < l.nsum) {
                            long long v = level_cents(&l, region, i, y);
                            rc |= out_printf(&o, "%d,%s,%d,%lld.%02lld\n", region, codes[i], year,
                                             v / 100, v % 100);
                        } else if (i < l.nsum + l.nratio) {
                            int j = i - l.nsum;
                            double num = (double)level_cents(&l, region, l.nratio + j, y);
                            double den = (double)level_cents(&l, region, j, y);
                            long long rate = llround(10000.0 * num / den);
                            if (unit(cell(region, i, y, 7)) < 2e-5)
                                rate += 10000 + llround(unit(cell(region, i, y, 8)) * 5000);
                            rc |= out_printf(&o, "%d,%s,%d,%lld.%02lld\n", region, codes[i], year,
                                             rate / 100, rate % 100);
                        } else {
                            double base = 8000.0 + 40000.0 * unit(cell(region, i, 0, 9));
                            double g = 0.04 + 0.06 * unit(cell(region, i, 0, 10));
                            double noise = 0.98 + 0.04 * unit(cell(region, i, y, 11));
                            long long v = llround(base * pow(1.0 + g, y) * noise * 10.0);
                            rc |= out_printf(&o, "%d,%s,%d,%lld.%lld\n", region, codes[i], year,
                                             v / 10, v % 10);
                        }
                        ++*count;
                    }
            }
    if (fclose(o.plain) != 0)
        rc = -1;
    if (gzclose(o.gz) != Z_OK)
        rc = -1;
    return rc;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gen national|medium|small OUTDIR\n");
        return 2;
    }
    const scale *s = NULL;
    for (size_t i = 0; i < sizeof scales / sizeof *scales; i++)
        if (strcmp(argv[1], scales[i].name) == 0)
            s = &scales[i];
    if (!s) {
        fprintf(stderr, "gen: unknown scale '%s'\n", argv[1]);
        return 2;
    }
    char plain[4096], gz[4096];
    snprintf(plain, sizeof plain, "%.4000s/synthetic-%s", argv[2], s->name);
    snprintf(gz, sizeof gz, "%.4000s/synthetic-%s-gz", argv[2], s->name);
    if (mkdir_p(plain) != 0 || mkdir_p(gz) != 0) {
        fprintf(stderr, "gen: cannot create %s: %s\n", plain, strerror(errno));
        return 1;
    }
    unsigned long long n = 0;
    if (write_both(plain, gz, "regions.csv", fill_regions, s) != 0 ||
        write_both(plain, gz, "indicators.csv", fill_indicators, s) != 0 ||
        write_observations(s, plain, gz, &n) != 0) {
        fprintf(stderr, "gen: writing failed\n");
        return 1;
    }
    printf("%s: %llu observations in %s and %s\n", s->name, n, plain, gz);
    return 0;
}
