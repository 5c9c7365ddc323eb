/* Without libFuzzer (gcc builds): run the target once on every file under the
 * directories or files given, so the seeds stay a regression test. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "feedwire/fw_buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t nrun;

static int one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    if (type != FTW_F) return 0;
    struct fw_buf b;
    char err[256];
    fw_buf_init(&b, 64u << 20);
    if (fw_buf_read_file(&b, path, err, sizeof err) == FW_OK) {
        LLVMFuzzerTestOneInput((const uint8_t *)(b.p ? b.p : ""), b.len);
        nrun++;
    }
    fw_buf_fini(&b);
    return 0;
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (argv[i][0] != '-' && nftw(argv[i], one, 16, FTW_PHYS) != 0) {
            fprintf(stderr, "%s: cannot walk\n", argv[i]);
            return 1;
        }
    printf("replayed %zu inputs\n", nrun);
    return nrun ? 0 : 1;
}
