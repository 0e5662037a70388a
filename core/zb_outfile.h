/* zb_outfile — write a file so that it is never left half-written.
 *
 * Output goes to a temporary file beside the target (same directory, so the
 * rename is atomic) and is renamed over the target only when complete; an
 * error or an interruption leaves the previous file as it was.
 *
 * Interrupted by a signal: while a temporary file is open, SIGINT, SIGTERM
 * and SIGHUP (when the process has not set them itself: their action is
 * still the default, death) first remove every open temporary file, then
 * kill the process as the signal would have.  So Ctrl-C or `kill` during a
 * write leaves the previous file and no `NAME.tmp.XXXXXX` behind.  A program
 * that handles these signals itself (the REPL stops a running chunk on
 * Ctrl-C) keeps its handler; its interrupted writes end through
 * zb_outfile_abort as any failed write does.
 *
 * Test hook: with ZHIBIAO_TEST_PAUSE_WRITE=PATH in the environment,
 * zb_outfile_commit flushes what was written to the temporary file, creates
 * PATH, and waits for a signal before renaming (tests/cli/test_signals.sh).
 *
 * Ownership of the registry: zb_outfile_guard borrows the caller's name
 * until zb_outfile_forget.
 *
 * Ownership: zb_outfile_open allocates; zb_outfile_commit or
 * zb_outfile_abort frees, exactly once.
 */
#ifndef ZB_OUTFILE_H
#define ZB_OUTFILE_H

#include <stdio.h>

typedef struct zb_outfile zb_outfile;

/* Why a file could not be written (errno err), in the current language:
 * the common causes in words a bureau reads (EACCES/EPERM 没有写入权限,
 * ENOENT 目录不存在, ENOSPC 磁盘已满, EDQUOT 超出磁盘配额, EROFS 只读文件系统,
 * EISDIR 是目录, ENOTDIR 路径中有一段不是目录, ENAMETOOLONG 文件名太长);
 * others as the C library says them.  The one wording of every writer's
 * errors.  Returns a static string. */
const char *zb_write_strerror(int err);

/* Opens a temporary file for path; NULL with a message in err on failure. */
zb_outfile *zb_outfile_open(const char *path, char *err, size_t errlen);
FILE *zb_outfile_stream(zb_outfile *o);
/* Flushes, syncs, renames over path. Returns 0, or -1 with err (and the
 * temporary file removed). Frees o either way. */
int zb_outfile_commit(zb_outfile *o, char *err, size_t errlen);
/* Removes the temporary file and frees o. */
void zb_outfile_abort(zb_outfile *o);
/* The temporary file's name, for signal handlers that must unlink it. */
const char *zb_outfile_tmpname(const zb_outfile *o);

/* For a writer that must write by path (libxlsxwriter) and makes its own
 * temporary file beside the target: registered here, the file is removed
 * on a fatal signal like zb_outfile's own.  tmpname is borrowed and must
 * stay valid and unchanged until zb_outfile_forget(tmpname), which the
 * writer calls once the file is renamed or removed.  Returns 0, or -1 when
 * too many are registered at once (then a signal would leave it). */
int zb_outfile_guard(char *tmpname);
void zb_outfile_forget(const char *tmpname);

/* The test hook (see the top): when ZHIBIAO_TEST_PAUSE_WRITE is set, creates
 * the file it names and waits for a signal; otherwise returns at once.
 * zb_outfile_commit calls it before renaming; other writers call it at the
 * same point. */
void zb_outfile_test_pause(void);

#endif
