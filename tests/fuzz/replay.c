/* replay — runs a fuzz target's entry point on given files, without
 * libFuzzer: `make test` builds each tests/fuzz/fuzz_*.c with this main
 * under ASan+UBSan (gcc, no clang needed) and replays the inputs that once
 * crashed it (tests/fuzz/regressions/), so a fixed crash stays fixed.
 *
 *   usage: replay_TARGET FILE...     exit 0 when every file ran through
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Defined by the targets that need set-up (fuzz_csv). */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

int main(int argc, char **argv)
{
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 2;
        }
        size_t cap = 4096, n = 0, got;
        uint8_t *buf = malloc(cap);
        while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
            n += got;
            if (n == cap) {
                uint8_t *grown = realloc(buf, cap *= 2);
                if (!grown) {
                    free(buf);
                    buf = NULL;
                }
                buf = grown;
            }
        }
        fclose(f);
        if (!buf) {
            fprintf(stderr, "%s: out of memory\n", argv[i]);
            return 2;
        }
        /* An exact-size copy, so that ASan sees a read one byte past it. */
        uint8_t *exact = malloc(n ? n : 1);
        if (!exact)
            return 2;
        for (size_t k = 0; k < n; k++)
            exact[k] = buf[k];
        free(buf);
        LLVMFuzzerTestOneInput(exact, n);
        free(exact);
        printf("%s: ok\n", argv[i]);
    }
    return 0;
}
