/* zb_outfile: atomic replacement, and no temporary file left by a signal.
 *
 * The signal tests fork: the child opens an output, writes, and raises the
 * signal itself (no timing involved); the parent checks how the child died
 * and what is left in the directory. */
#include "zb_test.h"

#include <errno.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "zb_outfile.h"

typedef struct outfile_state {
    char tmp[32];
    char path[512];
} outfile_state;

static int setup(void **state)
{
    zb_lang_set(ZB_LANG_EN);
    outfile_state *s = calloc(1, sizeof *s);
    if (!s || !zbt_tmpdir(s->tmp))
        return -1;
    zbt_path(s->path, s->tmp, "report.csv");
    *state = s;
    return 0;
}

static int teardown(void **state)
{
    outfile_state *s = *state;
    zbt_rmdir(s->tmp);
    free(s);
    zb_lang_set(ZB_LANG_ZH);
    return 0;
}

/* Files in the directory other than report.csv. */
static int others_in(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 && strcmp(e->d_name, "report.csv") != 0)
            n++;
    closedir(d);
    return n;
}

static void expect_content(const char *path, const char *want)
{
    char *got = zbt_read_file(path, NULL);
    assert_string_equal(got, want);
    free(got);
}

static void test_outfile_replaces_the_file_only_at_commit(void **state)
{
    outfile_state *s = *state;
    zbt_write_str(s->path, "old\n");
    char err[256];
    zb_outfile *o = zb_outfile_open(s->path, err, sizeof err);
    assert_non_null(o);
    fputs("new\n", zb_outfile_stream(o));
    fflush(zb_outfile_stream(o));
    /* Written but not committed: the old file is what a reader sees, and
     * the new text sits in report.csv.tmp.XXXXXX beside it. */
    expect_content(s->path, "old\n");
    assert_int_equal(others_in(s->tmp), 1);
    assert_non_null(strstr(zb_outfile_tmpname(o), "report.csv.tmp."));
    assert_int_equal(zb_outfile_commit(o, err, sizeof err), 0);
    expect_content(s->path, "new\n");
    assert_int_equal(others_in(s->tmp), 0);
}

static void test_outfile_abort_keeps_the_old_file_and_removes_the_temporary(void **state)
{
    outfile_state *s = *state;
    zbt_write_str(s->path, "old\n");
    char err[256];
    zb_outfile *o = zb_outfile_open(s->path, err, sizeof err);
    assert_non_null(o);
    fputs("half a rep", zb_outfile_stream(o));
    zb_outfile_abort(o);
    expect_content(s->path, "old\n");
    assert_int_equal(others_in(s->tmp), 0);
}

static void test_outfile_reports_a_directory_that_does_not_exist(void **state)
{
    outfile_state *s = *state;
    char path[600], err[256] = "";
    snprintf(path, sizeof path, "%s/no/such/dir/x.csv", s->tmp);
    assert_null(zb_outfile_open(path, err, sizeof err));
    assert_non_null(strstr(err, "cannot write"));
    assert_non_null(strstr(err, "x.csv: the folder does not exist"));
    /* In Chinese the reason is Chinese too, not the C library's English. */
    zb_lang_set(ZB_LANG_ZH);
    assert_null(zb_outfile_open(path, err, sizeof err));
    zb_lang_set(ZB_LANG_EN);
    assert_non_null(strstr(err, "无法写入 "));
    assert_non_null(strstr(err, "x.csv：目录不存在"));
    assert_null(strstr(err, "No such file"));
}

/* The reasons every writer gives, one wording for each common errno. */
static void test_outfile_says_why_in_words_a_bureau_reads(void **state)
{
    (void)state;
    zb_lang_set(ZB_LANG_ZH);
    assert_string_equal(zb_write_strerror(EACCES), "没有写入权限");
    assert_string_equal(zb_write_strerror(EPERM), "没有写入权限");
    assert_string_equal(zb_write_strerror(ENOENT), "目录不存在");
    assert_string_equal(zb_write_strerror(ENOSPC), "磁盘已满");
    assert_string_equal(zb_write_strerror(EROFS), "只读文件系统");
    assert_string_equal(zb_write_strerror(EISDIR), "是目录");
    assert_string_equal(zb_write_strerror(ENOTDIR), "路径中有一段不是目录");
    /* An uncommon one: the C library's text rather than nothing. */
    assert_string_equal(zb_write_strerror(EMFILE), strerror(EMFILE));
    zb_lang_set(ZB_LANG_EN);
    assert_string_equal(zb_write_strerror(EACCES), "permission denied");
    assert_string_equal(zb_write_strerror(ENOSPC), "the disk is full");
}

/* In a child: set sig's action (SIG_DFL, SIG_IGN or a handler), open two
 * outputs, write to both, and raise sig.  Returns the child's wait status. */
static void child_handler(int sig) { (void)sig; _exit(42); }

static int run_child(outfile_state *s, int sig, void (*action)(int))
{
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        signal(sig, action);
        char err[256], second[600];
        snprintf(second, sizeof second, "%s/second.csv", s->tmp);
        zb_outfile *a = zb_outfile_open(s->path, err, sizeof err);
        zb_outfile *b = zb_outfile_open(second, err, sizeof err);
        if (!a || !b)
            _exit(3);
        fputs("new text of a\n", zb_outfile_stream(a));
        fputs("new text of b\n", zb_outfile_stream(b));
        fflush(NULL);
        raise(sig);
        _exit(0); /* only when the signal is ignored */
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return status;
}

static void test_outfile_removes_its_temporaries_on_a_fatal_signal_and_dies_of_it(void **state)
{
    outfile_state *s = *state;
    static const int sigs[] = {SIGTERM, SIGINT, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        zbt_write_str(s->path, "old\n");
        int status = run_child(s, sigs[i], SIG_DFL);
        assert_true(WIFSIGNALED(status));
        assert_int_equal(WTERMSIG(status), sigs[i]);
        expect_content(s->path, "old\n");
        /* Neither temporary is left (second.csv never existed). */
        assert_int_equal(others_in(s->tmp), 0);
    }
}

static void test_outfile_leaves_a_programs_own_signal_handler_alone(void **state)
{
    outfile_state *s = *state;
    zbt_write_str(s->path, "old\n");
    /* The child's handler exits with 42: it ran, not ours. */
    int status = run_child(s, SIGTERM, child_handler);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 42);
    expect_content(s->path, "old\n");
    /* The program chose to exit without cleaning up: its temporaries stay,
     * but the file it was replacing is intact. */
    assert_int_equal(others_in(s->tmp), 2);
}

static void test_outfile_leaves_an_ignored_signal_ignored(void **state)
{
    outfile_state *s = *state;
    zbt_write_str(s->path, "old\n");
    int status = run_child(s, SIGINT, SIG_IGN);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    expect_content(s->path, "old\n");
}

static void test_outfile_removes_a_guarded_file_of_another_writer_on_a_signal(void **state)
{
    outfile_state *s = *state;
    char name[600];
    snprintf(name, sizeof name, "%s/.book.xlsx.XXXXXX", s->tmp);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        signal(SIGTERM, SIG_DFL);
        int fd = mkstemp(name);
        if (fd < 0 || zb_outfile_guard(name) != 0)
            _exit(3);
        close(fd);
        raise(SIGTERM);
        _exit(0);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(others_in(s->tmp), 0);
    /* Forgotten, a file is left alone (the writer renamed it). */
    fflush(NULL);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        signal(SIGTERM, SIG_DFL);
        int fd = mkstemp(name);
        if (fd < 0 || zb_outfile_guard(name) != 0)
            _exit(3);
        close(fd);
        zb_outfile_forget(name);
        raise(SIGTERM);
        _exit(0);
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(others_in(s->tmp), 1);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_outfile_replaces_the_file_only_at_commit),
        T(test_outfile_abort_keeps_the_old_file_and_removes_the_temporary),
        T(test_outfile_reports_a_directory_that_does_not_exist),
        T(test_outfile_says_why_in_words_a_bureau_reads),
        T(test_outfile_removes_its_temporaries_on_a_fatal_signal_and_dies_of_it),
        T(test_outfile_leaves_a_programs_own_signal_handler_alone),
        T(test_outfile_leaves_an_ignored_signal_ignored),
        T(test_outfile_removes_a_guarded_file_of_another_writer_on_a_signal),
    };
#undef T
    return cmocka_run_group_tests_name("zb_outfile", tests, NULL, NULL);
}
