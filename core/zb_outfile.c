#include "zb_outfile.h"

#include "zb_lang.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct zb_outfile {
    FILE *f;
    char *path;
    char *tmp;
};

/* ---- removal of temporary files on a fatal signal ----
 *
 * The handler may only do async-signal-safe work: it reads this table of
 * names (set before a temporary file exists, cleared after it is gone or
 * renamed), calls unlink on each, and re-raises the signal with its default
 * action.  A name is never freed while it is in the table. */
enum { MAX_LIVE = 64 };
static char *volatile live[MAX_LIVE];
static const int fatal_signals[] = {SIGINT, SIGTERM, SIGHUP};

static void on_fatal_signal(int sig)
{
    int saved = errno;
    for (int i = 0; i < MAX_LIVE; i++) {
        char *name = live[i];
        if (name)
            unlink(name);
    }
    errno = saved;
    /* SA_RESETHAND has put back the default action; SA_NODEFER lets the
     * signal through at once, so the process ends as the signal says. */
    raise(sig);
}

/* Checked at every open, not once: the program may have changed an action
 * since the last output. */
static void install_handlers(void)
{
    for (size_t i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++) {
        struct sigaction old, act;
        if (sigaction(fatal_signals[i], NULL, &old) != 0 || old.sa_handler != SIG_DFL)
            continue; /* ignored, or handled by the program: leave it */
        memset(&act, 0, sizeof act);
        act.sa_handler = on_fatal_signal;
        sigemptyset(&act.sa_mask);
        act.sa_flags = SA_RESETHAND | SA_NODEFER;
        sigaction(fatal_signals[i], &act, NULL);
    }
}

static int live_add(char *name)
{
    for (int i = 0; i < MAX_LIVE; i++)
        if (!live[i]) {
            live[i] = name;
            return 0;
        }
    /* More than MAX_LIVE open at once: this one is not removed on a
     * signal, but is still never renamed half-written. */
    return -1;
}

static void live_remove(const char *name)
{
    for (int i = 0; i < MAX_LIVE; i++)
        if (live[i] == name)
            live[i] = NULL;
}

int zb_outfile_guard(char *tmpname)
{
    install_handlers();
    return live_add(tmpname);
}

void zb_outfile_forget(const char *tmpname) { live_remove(tmpname); }

void zb_outfile_test_pause(void)
{
    const char *flag = getenv("ZHIBIAO_TEST_PAUSE_WRITE");
    if (!flag || !*flag)
        return;
    int fd = open(flag, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0)
        close(fd);
    for (;;)
        pause();
}

const char *zb_write_strerror(int err)
{
    switch (err) {
    case EACCES:
    case EPERM: return ZB_T("没有写入权限", "permission denied");
    case ENOENT: return ZB_T("目录不存在", "the folder does not exist");
    case ENOSPC: return ZB_T("磁盘已满", "the disk is full");
#ifdef EDQUOT
    case EDQUOT: return ZB_T("超出磁盘配额", "disk quota exceeded");
#endif
    case EROFS: return ZB_T("只读文件系统", "read-only file system");
    case EISDIR: return ZB_T("是目录", "it is a folder");
    case ENOTDIR: return ZB_T("路径中有一段不是目录", "a part of the path is not a folder");
    case ENAMETOOLONG: return ZB_T("文件名太长", "file name too long");
    default: return strerror(err);
    }
}

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
    install_handlers();
    /* Listed before it exists: a signal between mkstemp and the listing
     * would otherwise leave it. */
    live_add(o->tmp);
    int fd = mkstemp(o->tmp);
    if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
        snprintf(err, errlen, ZB_T("无法写入 %s：%s", "cannot write %s: %s"), path, zb_write_strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(o->tmp);
        }
        live_remove(o->tmp);
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
    live_remove(o->tmp);
    free(o->path);
    free(o->tmp);
    free(o);
}

int zb_outfile_commit(zb_outfile *o, char *err, size_t errlen)
{
    if (getenv("ZHIBIAO_TEST_PAUSE_WRITE")) {
        fflush(o->f); /* so that the paused temporary file shows its text */
        zb_outfile_test_pause();
    }
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
        snprintf(err, errlen, ZB_T("写入 %s 失败：%s", "writing %s failed: %s"), o->path, zb_write_strerror(saved));
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
