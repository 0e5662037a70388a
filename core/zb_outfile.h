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
 * Ownership: zb_outfile_open allocates; zb_outfile_commit or
 * zb_outfile_abort frees, exactly once.
 */
#ifndef ZB_OUTFILE_H
#define ZB_OUTFILE_H

#include <stdio.h>

typedef struct zb_outfile zb_outfile;

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

#endif
