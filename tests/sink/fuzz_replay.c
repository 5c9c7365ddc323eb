/* Replays every file of the directories (or files) given, through
 * LLVMFuzzerTestOneInput: the fuzz targets' regression run with gcc. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    uint8_t *buf = malloc(1 << 20);
    size_t n = fread(buf, 1, 1 << 20, f);
    fclose(f);
    LLVMFuzzerTestOneInput(buf, n);
    free(buf);
    return 0;
}

int main(int argc, char **argv)
{
    int files = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (argv[i][0] == '-' || stat(argv[i], &st) != 0) continue; /* libFuzzer flags */
        if (!S_ISDIR(st.st_mode)) {
            files += run_file(argv[i]) == 0;
            continue;
        }
        DIR *d = opendir(argv[i]);
        struct dirent *de;
        while (d && (de = readdir(d))) {
            char p[4096];
            if (de->d_name[0] == '.') continue;
            snprintf(p, sizeof p, "%s/%s", argv[i], de->d_name);
            files += run_file(p) == 0;
        }
        if (d) closedir(d);
    }
    printf("replayed %d inputs\n", files);
    return files ? 0 : 1;
}
