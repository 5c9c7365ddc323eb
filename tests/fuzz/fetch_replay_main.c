/* Without libFuzzer (gcc builds): run LLVMFuzzerTestOneInput over every file
 * of the directories (or files) given, so the seeds stay regression tests. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "feedwire/fw_buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
    struct fw_buf b;
    char err[256];
    fw_buf_init(&b, 16u << 20);
    int rc = fw_buf_read_file(&b, path, err, sizeof err) == FW_OK ? 0 : -1;
    if (rc == 0) LLVMFuzzerTestOneInput((const uint8_t *)(b.p ? b.p : ""), b.len);
    else fprintf(stderr, "%s\n", err);
    fw_buf_fini(&b);
    return rc;
}

int main(int argc, char **argv)
{
    int n = 0, bad = 0;
    for (int i = 1; i < argc; i++) {
        struct stat sb;
        if (stat(argv[i], &sb) != 0) {
            bad++;
            continue;
        }
        if (!S_ISDIR(sb.st_mode)) {
            bad += run_file(argv[i]) != 0;
            n++;
            continue;
        }
        DIR *d = opendir(argv[i]);
        for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
            if (e->d_name[0] == '.') continue;
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", argv[i], e->d_name);
            bad += run_file(path) != 0;
            n++;
        }
        if (d) closedir(d);
    }
    printf("replayed %d inputs, %d unreadable\n", n, bad);
    return bad || n == 0;
}
