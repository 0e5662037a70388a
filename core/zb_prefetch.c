#include "zb_prefetch.h"

#include <pthread.h>
#include <stdlib.h>

/* Four blocks: one being parsed, one being filled, two of slack so that
 * neither side waits on a short stall of the other. */
enum { NBLOCKS = 4 };

typedef struct block {
    char *data;
    long len;   /* > 0 bytes, 0 end, -1 error */
    int full;
} block;

struct zb_prefetch {
    zb_reader *r;
    size_t size;
    block b[NBLOCKS];
    size_t fill, take;    /* next block the worker fills / the caller takes */
    int held;             /* the caller holds block take - 1 */
    int stop;
    pthread_mutex_t mu;
    pthread_cond_t filled, emptied;
    pthread_t worker;
};

/* Fills one block from the reader.  zb_reader_read may return less than
 * asked (a gzip piece, a converted run), so it is called until the block is
 * full; bytes read before an error are delivered first and the error in
 * the next block, so that the parser reaches the damage where it is. */
static long fill_block(zb_prefetch *p, char *data, int *failed)
{
    size_t n = 0;
    while (n < p->size) {
        long got = zb_reader_read(p->r, data + n, p->size - n);
        if (got < 0) {
            *failed = 1;
            break;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    return n > 0 ? (long)n : *failed ? -1 : 0;
}

static void *work(void *arg)
{
    zb_prefetch *p = arg;
    int failed = 0, done = 0;
    while (!done) {
        pthread_mutex_lock(&p->mu);
        while (p->b[p->fill].full && !p->stop)
            pthread_cond_wait(&p->emptied, &p->mu);
        int stop = p->stop;
        block *b = &p->b[p->fill];
        pthread_mutex_unlock(&p->mu);
        if (stop)
            break;
        long len = fill_block(p, b->data, &failed);
        done = len <= 0;
        pthread_mutex_lock(&p->mu);
        b->len = len;
        b->full = 1;
        p->fill = (p->fill + 1) % NBLOCKS;
        pthread_cond_signal(&p->filled);
        pthread_mutex_unlock(&p->mu);
        if (len > 0 && failed) {
            /* Deliver the error after the good bytes. */
            pthread_mutex_lock(&p->mu);
            while (p->b[p->fill].full && !p->stop)
                pthread_cond_wait(&p->emptied, &p->mu);
            if (!p->stop) {
                p->b[p->fill].len = -1;
                p->b[p->fill].full = 1;
                p->fill = (p->fill + 1) % NBLOCKS;
                pthread_cond_signal(&p->filled);
            }
            pthread_mutex_unlock(&p->mu);
            done = 1;
        }
    }
    return NULL;
}

zb_prefetch *zb_prefetch_start(zb_reader *r, size_t size)
{
    zb_prefetch *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->r = r;
    p->size = size ? size : 1;
    for (int i = 0; i < NBLOCKS; i++)
        if (!(p->b[i].data = malloc(p->size + 1))) /* + 1: room for a sentinel */
            goto fail;
    if (pthread_mutex_init(&p->mu, NULL) != 0)
        goto fail;
    if (pthread_cond_init(&p->filled, NULL) != 0) {
        pthread_mutex_destroy(&p->mu);
        goto fail;
    }
    if (pthread_cond_init(&p->emptied, NULL) != 0) {
        pthread_cond_destroy(&p->filled);
        pthread_mutex_destroy(&p->mu);
        goto fail;
    }
    if (pthread_create(&p->worker, NULL, work, p) != 0) {
        pthread_cond_destroy(&p->emptied);
        pthread_cond_destroy(&p->filled);
        pthread_mutex_destroy(&p->mu);
        goto fail;
    }
    return p;
fail:
    for (int i = 0; i < NBLOCKS; i++)
        free(p->b[i].data);
    free(p);
    return NULL;
}

long zb_prefetch_next(zb_prefetch *p, char **data)
{
    pthread_mutex_lock(&p->mu);
    if (p->held) {
        /* The caller is done with the block it had. */
        p->b[(p->take + NBLOCKS - 1) % NBLOCKS].full = 0;
        p->held = 0;
        pthread_cond_signal(&p->emptied);
    }
    block *b = &p->b[p->take];
    while (!b->full)
        pthread_cond_wait(&p->filled, &p->mu);
    long len = b->len;
    if (len > 0) {
        p->take = (p->take + 1) % NBLOCKS;
        p->held = 1;
        *data = b->data;
    }
    /* The end and an error stay in place: asking again gives them again. */
    pthread_mutex_unlock(&p->mu);
    return len;
}

void zb_prefetch_stop(zb_prefetch *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    p->stop = 1;
    pthread_cond_signal(&p->emptied);
    pthread_mutex_unlock(&p->mu);
    pthread_join(p->worker, NULL);
    pthread_cond_destroy(&p->emptied);
    pthread_cond_destroy(&p->filled);
    pthread_mutex_destroy(&p->mu);
    for (int i = 0; i < NBLOCKS; i++)
        free(p->b[i].data);
    free(p);
}
