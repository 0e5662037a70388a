/* measure — runs a command and reports its wall time and peak memory.
 *
 *   measure [-i INPUT] [-o OUTPUT] -- COMMAND [ARGS...]
 *
 * Prints one line to stderr: "measure: wall_s=1.234567 maxrss_kb=12345
 * status=0".  The peak resident set comes from wait4()'s rusage of the
 * child (ru_maxrss, kilobytes on Linux): the same number /usr/bin/time -v
 * calls "Maximum resident set size".  -i/-o redirect the child's standard
 * input and output (e.g. -i /dev/null for a REPL that should start and end).
 * The exit status is the command's.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int redirect(const char *path, int fd, int flags)
{
    int f = open(path, flags, 0644);
    if (f < 0 || dup2(f, fd) < 0)
        return -1;
    close(f);
    return 0;
}

int main(int argc, char **argv)
{
    const char *in = NULL, *out = NULL;
    int i = 1;
    for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (strcmp(argv[i], "-i") == 0 && i + 1 < argc)
            in = argv[++i];
        else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
            out = argv[++i];
        else {
            fprintf(stderr, "usage: measure [-i IN] [-o OUT] -- COMMAND [ARGS...]\n");
            return 2;
        }
    }
    if (i + 1 >= argc) {
        fprintf(stderr, "usage: measure [-i IN] [-o OUT] -- COMMAND [ARGS...]\n");
        return 2;
    }
    double t0 = now();
    pid_t pid = fork();
    if (pid < 0) {
        perror("measure: fork");
        return 2;
    }
    if (pid == 0) {
        if ((in && redirect(in, 0, O_RDONLY) != 0) ||
            (out && redirect(out, 1, O_WRONLY | O_CREAT | O_TRUNC) != 0)) {
            perror("measure: redirect");
            _exit(127);
        }
        execvp(argv[i + 1], argv + i + 1);
        perror("measure: exec");
        _exit(127);
    }
    int status;
    struct rusage ru;
    while (wait4(pid, &status, 0, &ru) < 0)
        if (errno != EINTR) {
            perror("measure: wait4");
            return 2;
        }
    double wall = now() - t0;
    int rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    fprintf(stderr, "measure: wall_s=%.6f maxrss_kb=%ld user_s=%.3f sys_s=%.3f status=%d\n", wall,
            ru.ru_maxrss, (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6,
            (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6, rc);
    return rc;
}
