/* floor — the least work a loader of observations.csv(.gz) must do.
 *
 *   floor FILE               inflate (when gzip), split lines and fields,
 *                            parse region, year and value
 *   floor --inflate FILE     inflate only
 *
 * One thread, zlib's inflate into a large buffer, memchr for line ends, the
 * same correctly rounded decimal parser as the loader (zb_num_plain), and no
 * store, no checks, no positions, no diagnostics: the limit that a loader
 * can approach.  Prints the rows and a checksum, so that nothing is
 * optimised away, and its own time.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "zb_num.h"

enum { IN_SIZE = 1 << 20, OUT_SIZE = 1 << 20 };

typedef struct sums {
    unsigned long long rows, bad;
    double value;
    unsigned long long region, year, indicator;
} sums;

/* Parses the complete lines of buf[0..n); returns the bytes used. */
static size_t parse_lines(const char *buf, size_t n, sums *s, int *header)
{
    const char *p = buf, *end = buf + n;
    for (;;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            break;
        if (*header) {
            *header = 0;
            p = nl + 1;
            continue;
        }
        /* region,indicator,year,value */
        const char *f[4];
        size_t len[4];
        const char *q = p;
        int k = 0;
        for (; k < 4; k++) {
            const char *stop = k < 3 ? memchr(q, ',', (size_t)(nl - q)) : nl;
            if (!stop)
                break;
            f[k] = q;
            len[k] = (size_t)(stop - q);
            q = stop + 1;
        }
        if (k < 4) {
            s->bad++;
        } else {
            unsigned long long region = 0, year = 0;
            for (size_t i = 0; i < len[0]; i++)
                region = region * 10 + (unsigned)(f[0][i] - '0');
            for (size_t i = 0; i < len[2]; i++)
                year = year * 10 + (unsigned)(f[2][i] - '0');
            double v;
            size_t vl = len[3] && f[3][len[3] - 1] == '\r' ? len[3] - 1 : len[3];
            if (zb_num_plain(f[3], vl, &v))
                s->value += v;
            else
                s->bad++;
            s->region += region;
            s->year += year;
            s->indicator += (unsigned char)f[1][len[1] - 1];
            s->rows++;
        }
        p = nl + 1;
    }
    return (size_t)(p - buf);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    int inflate_only = argc == 3 && strcmp(argv[1], "--inflate") == 0;
    if (argc != 2 && !inflate_only) {
        fprintf(stderr, "usage: floor [--inflate] FILE\n");
        return 2;
    }
    const char *path = argv[argc - 1];
    double t0 = now();
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 2;
    }
    unsigned char *in = malloc(IN_SIZE);
    char *out = malloc(OUT_SIZE + 1);
    if (!in || !out)
        return 2;
    z_stream z;
    memset(&z, 0, sizeof z);
    size_t got = fread(in, 1, IN_SIZE, f);
    int gz = got >= 2 && in[0] == 0x1f && in[1] == 0x8b;
    if (gz && inflateInit2(&z, 15 + 32) != Z_OK)
        return 2;
    z.next_in = in;
    z.avail_in = (uInt)got;
    sums s;
    memset(&s, 0, sizeof s);
    int header = 1, eof = 0;
    size_t keep = 0; /* bytes of a partial line at the start of out */
    unsigned long long total = 0;
    while (!eof) {
        size_t n;
        if (gz) {
            if (z.avail_in == 0) {
                got = fread(in, 1, IN_SIZE, f);
                z.next_in = in;
                z.avail_in = (uInt)got;
            }
            z.next_out = (unsigned char *)out + keep;
            z.avail_out = (uInt)(OUT_SIZE - keep);
            int rc = inflate(&z, Z_NO_FLUSH);
            if (rc == Z_STREAM_END) {
                if (z.avail_in == 0 && feof(f))
                    eof = 1;
                else if (inflateReset(&z) != Z_OK)
                    return 2;
            } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
                fprintf(stderr, "floor: inflate: %s\n", z.msg ? z.msg : "?");
                return 1;
            } else if (rc == Z_BUF_ERROR && z.avail_in == 0 && feof(f)) {
                fprintf(stderr, "floor: truncated gzip\n");
                return 1;
            }
            n = (size_t)(OUT_SIZE - keep) - z.avail_out;
        } else {
            if (got) { /* the first block read above */
                size_t take = got < OUT_SIZE - keep ? got : OUT_SIZE - keep;
                memcpy(out + keep, in, take);
                n = take;
                got = 0;
            } else {
                n = fread(out + keep, 1, OUT_SIZE - keep, f);
                if (n == 0)
                    eof = 1;
            }
        }
        total += n;
        if (inflate_only) {
            keep = 0;
            continue;
        }
        size_t used = parse_lines(out, keep + n, &s, &header);
        keep = keep + n - used;
        memmove(out, out + used, keep);
    }
    if (gz)
        inflateEnd(&z);
    fclose(f);
    double t = now() - t0;
    printf("floor: %llu bytes, %llu rows, %llu bad, checksum %.6e %llu %llu %llu, %.3f s\n", total,
           s.rows, s.bad, s.value, s.region, s.year, s.indicator, t);
    free(in);
    free(out);
    return 0;
}
