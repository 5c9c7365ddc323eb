/* Fuzz target: arbitrary bytes as an article text, coded with conf/dict; every event is
 * turned into JSON. The first byte picks the publication date, so relative dates move.
 * Built with -fsanitize=fuzzer under clang, else with the replay main below (FW_FUZZ_REPLAY),
 * which runs each file named on the command line or found in a directory argument. */
#include <dirent.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_code.h"
#include "feedwire/fw_record.h"
#include "feedwire/fw_version.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct fw_coder *coder;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!coder) {
        char path[1024], err[256];
        const char *src = getenv("FW_SOURCE_DIR");
        snprintf(path, sizeof path, "%s/conf/dict", src ? src : FW_SOURCE_DIR);
        coder = fw_coder_new(path, err, sizeof err);
        if (!coder) {
            fprintf(stderr, "fuzz_code: %s\n", err);
            abort();
        }
    }
    struct fw_ymd pub = {2022, 8, 31};
    if (size > 0) {
        pub.y = 1990 + data[0] % 40;
        pub.m = 1 + data[0] % 12;
        pub.d = 1 + data[0] % 28;
        data++, size--;
    }
    struct fw_event_list l = {0};
    char err[128];
    fw_code_article(coder, "fuzz", (const char *)data, size, pub, &l, err, sizeof err);
    for (size_t i = 0; i < l.n; i++) {
        if (l.ev[i].sent_end > size || l.ev[i].sent_start > l.ev[i].sent_end) abort();
        struct fw_record_article art = {.id = "fuzz", .url = "fuzz", .text = (const char *)data};
        struct fw_buf out;
        fw_buf_init(&out, 0);
        if (fw_record_event_json(&l.ev[i], &art, &out, NULL, 0) != FW_OK) abort(); /* every event must serialise */
        json_t *j = json_loadb(out.p, out.len, JSON_ALLOW_NUL, NULL);  /* "\u0000" is valid JSON */
        if (!j) abort();                                                             /* ...as valid JSON */
        json_decref(j);
        fw_buf_fini(&out);
    }
    fw_event_list_fini(&l);
    return 0;
}

#ifdef FW_FUZZ_REPLAY
static int replay_file(const char *path)
{
    struct fw_buf b;
    char err[256];
    fw_buf_init(&b, 1u << 24);
    if (fw_buf_read_file(&b, path, err, sizeof err) != FW_OK) {
        fprintf(stderr, "%s\n", err);
        fw_buf_fini(&b);
        return 1;
    }
    /* the whole input, then every prefix cut inside it, as truncated inputs are the usual crash */
    LLVMFuzzerTestOneInput((const uint8_t *)(b.p ? b.p : ""), b.len);
    for (size_t cut = 1; cut < b.len; cut += 7) LLVMFuzzerTestOneInput((const uint8_t *)b.p, cut);
    fw_buf_fini(&b);
    return 0;
}

int main(int argc, char **argv)
{
    int bad = 0, n = 0;
    for (int i = 1; i < argc; i++) {
        DIR *d = opendir(argv[i]);
        if (!d) {
            bad |= replay_file(argv[i]), n++;
            continue;
        }
        struct dirent *de;
        while ((de = readdir(d))) {
            if (de->d_name[0] == '.') continue;
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", argv[i], de->d_name);
            bad |= replay_file(path), n++;
        }
        closedir(d);
    }
    fw_coder_free(coder);
    printf("fuzz_code: replayed %d inputs\n", n);
    return bad;
}
#endif
