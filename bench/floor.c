/* floor — the least work a loader of observations.csv(.gz) must do.
 *
 *   floor FILE               inflate (when gzip), split lines and fields,
 *                            parse region, year and value: one thread
 *   floor --two FILE         the same with inflating in one thread and
 *                            splitting and parsing in another
 *   floor --inflate FILE     inflate only
 *
 * zlib's inflate into a large buffer, memchr for line ends and commas, the
 * same correctly rounded decimal parser as the loader (zb_num_plain), and no
 * store, no checks, no positions, no diagnostics, no rollup, no output: the
 * limit that a loader can approach.  The probe is the one-thread
 * run (one pass, one inflater); --two is the same work on two cores, the
 * floor of a loader that inflates in a thread of its own as zhibiao does.
 * Prints the rows and a checksum, so that nothing is optimised away, and
 * its own time.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
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

/* The source: the file, inflated when it is gzip. */
typedef struct source {
    FILE *f;
    unsigned char *in;
    size_t got;      /* bytes of the first read still in `in` (plain files) */
    int gz, eof;
    z_stream z;
} source;

static int source_open(source *src, const char *path)
{
    memset(src, 0, sizeof *src);
    src->f = fopen(path, "rb");
    if (!src->f) {
        perror(path);
        return -1;
    }
    src->in = malloc(IN_SIZE);
    if (!src->in)
        return -1;
    src->got = fread(src->in, 1, IN_SIZE, src->f);
    src->gz = src->got >= 2 && src->in[0] == 0x1f && src->in[1] == 0x8b;
    if (src->gz && inflateInit2(&src->z, 15 + 32) != Z_OK)
        return -1;
    src->z.next_in = src->in;
    src->z.avail_in = (uInt)src->got;
    return 0;
}

/* Up to cap bytes into out; 0 at the end, -1 on damage. */
static long source_read(source *src, char *out, size_t cap)
{
    if (src->eof)
        return 0;
    if (!src->gz) {
        if (src->got) { /* the first block read by source_open */
            size_t take = src->got < cap ? src->got : cap;
            memcpy(out, src->in, take);
            memmove(src->in, src->in + take, src->got - take);
            src->got -= take;
            return (long)take;
        }
        size_t n = fread(out, 1, cap, src->f);
        if (n == 0)
            src->eof = 1;
        return (long)n;
    }
    for (;;) {
        if (src->z.avail_in == 0) {
            src->got = fread(src->in, 1, IN_SIZE, src->f);
            src->z.next_in = src->in;
            src->z.avail_in = (uInt)src->got;
        }
        src->z.next_out = (unsigned char *)out;
        src->z.avail_out = (uInt)cap;
        int rc = inflate(&src->z, Z_NO_FLUSH);
        long n = (long)(cap - src->z.avail_out);
        if (rc == Z_STREAM_END) {
            if (src->z.avail_in == 0 && feof(src->f))
                src->eof = 1;
            else if (inflateReset(&src->z) != Z_OK)
                return -1;
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            fprintf(stderr, "floor: inflate: %s\n", src->z.msg ? src->z.msg : "?");
            return -1;
        } else if (rc == Z_BUF_ERROR && src->z.avail_in == 0 && feof(src->f)) {
            fprintf(stderr, "floor: truncated gzip\n");
            return -1;
        }
        if (n > 0 || src->eof)
            return n;
    }
}

static void source_close(source *src)
{
    if (src->gz)
        inflateEnd(&src->z);
    fclose(src->f);
    free(src->in);
}

/* --two: the reading thread fills buffers of a ring; the parser takes them
 * in order. */
enum { RING = 4 };

typedef struct ring {
    source *src;
    char *buf[RING];
    long len[RING];
    int full[RING];
    pthread_mutex_t mu;
    pthread_cond_t cv;
} ring;

static void *reader(void *arg)
{
    ring *g = arg;
    for (int k = 0;; k = (k + 1) % RING) {
        pthread_mutex_lock(&g->mu);
        while (g->full[k])
            pthread_cond_wait(&g->cv, &g->mu);
        pthread_mutex_unlock(&g->mu);
        long n = source_read(g->src, g->buf[k], OUT_SIZE);
        pthread_mutex_lock(&g->mu);
        g->len[k] = n;
        g->full[k] = 1;
        pthread_cond_broadcast(&g->cv);
        pthread_mutex_unlock(&g->mu);
        if (n <= 0)
            return NULL;
    }
}

int main(int argc, char **argv)
{
    int inflate_only = argc == 3 && strcmp(argv[1], "--inflate") == 0;
    int two = argc == 3 && strcmp(argv[1], "--two") == 0;
    if (argc != 2 && !inflate_only && !two) {
        fprintf(stderr, "usage: floor [--inflate | --two] FILE\n");
        return 2;
    }
    const char *path = argv[argc - 1];
    double t0 = now();
    source src;
    if (source_open(&src, path) != 0)
        return 2;
    char *out = malloc(2 * OUT_SIZE + 1); /* a partial line, then a block */
    if (!out)
        return 2;
    sums s;
    memset(&s, 0, sizeof s);
    int header = 1;
    size_t keep = 0; /* bytes of a partial line at the start of out */
    unsigned long long total = 0;
    ring g;
    pthread_t th;
    if (two) {
        memset(&g, 0, sizeof g);
        g.src = &src;
        pthread_mutex_init(&g.mu, NULL);
        pthread_cond_init(&g.cv, NULL);
        for (int k = 0; k < RING; k++)
            if (!(g.buf[k] = malloc(OUT_SIZE)))
                return 2;
        if (pthread_create(&th, NULL, reader, &g) != 0)
            return 2;
    }
    for (int k = 0;; k = (k + 1) % RING) {
        long n;
        if (two) {
            pthread_mutex_lock(&g.mu);
            while (!g.full[k])
                pthread_cond_wait(&g.cv, &g.mu);
            pthread_mutex_unlock(&g.mu);
            n = g.len[k];
            if (n > 0)
                memcpy(out + keep, g.buf[k], (size_t)n);
            pthread_mutex_lock(&g.mu);
            g.full[k] = 0;
            pthread_cond_broadcast(&g.cv);
            pthread_mutex_unlock(&g.mu);
        } else {
            n = source_read(&src, out + keep, OUT_SIZE);
        }
        if (n < 0)
            return 1;
        if (n == 0)
            break;
        total += (unsigned long long)n;
        if (inflate_only)
            continue;
        size_t used = parse_lines(out, keep + (size_t)n, &s, &header);
        keep = keep + (size_t)n - used;
        memmove(out, out + used, keep);
    }
    if (two) {
        pthread_join(th, NULL);
        for (int k = 0; k < RING; k++)
            free(g.buf[k]);
    }
    source_close(&src);
    double t = now() - t0;
    printf("floor: %llu bytes, %llu rows, %llu bad, checksum %.6e %llu %llu %llu, %.3f s\n", total,
           s.rows, s.bad, s.value, s.region, s.year, s.indicator, t);
    free(out);
    return 0;
}
