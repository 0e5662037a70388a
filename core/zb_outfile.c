#include "zb_outfile.h"

#include "zb_lang.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct zb_outfile {
    FILE *f;
    char *path;
    char *tmp;
};

zb_outfile *zb_outfile_open(const char *path, char *err, size_t errlen)
{
    zb_outfile *o = calloc(1, sizeof *o);
    size_t n = strlen(path);
    if (o) {
        o->path = malloc(n + 1);
        o->tmp = malloc(n + 16);
    }
    if (!o || !o->path || !o->tmp) {
        if (o) {
            free(o->path);
            free(o->tmp);
            free(o);
        }
        snprintf(err, errlen, "%s", ZB_T("内存不足", "out of memory"));
        return NULL;
    }
    memcpy(o->path, path, n + 1);
    snprintf(o->tmp, n + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(o->tmp);
    if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
        snprintf(err, errlen, ZB_T("无法写入 %s：%s", "cannot write %s: %s"), path, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(o->tmp);
        }
        free(o->path);
        free(o->tmp);
        free(o);
        return NULL;
    }
    /* mkstemp creates 0600; a report should be as readable as any file. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    return o;
}

FILE *zb_outfile_stream(zb_outfile *o) { return o->f; }

const char *zb_outfile_tmpname(const zb_outfile *o) { return o->tmp; }

static void release(zb_outfile *o)
{
    free(o->path);
    free(o->tmp);
    free(o);
}

int zb_outfile_commit(zb_outfile *o, char *err, size_t errlen)
{
    int failed = ferror(o->f) || fflush(o->f) != 0 || fsync(fileno(o->f)) != 0;
    int saved = errno;
    if (fclose(o->f) != 0 && !failed) {
        failed = 1;
        saved = errno;
    }
    if (!failed && rename(o->tmp, o->path) != 0) {
        failed = 1;
        saved = errno;
    }
    if (failed) {
        snprintf(err, errlen, ZB_T("写入 %s 失败：%s", "writing %s failed: %s"), o->path, strerror(saved));
        unlink(o->tmp);
        release(o);
        return -1;
    }
    release(o);
    return 0;
}

void zb_outfile_abort(zb_outfile *o)
{
    if (!o)
        return;
    fclose(o->f);
    unlink(o->tmp);
    release(o);
}
