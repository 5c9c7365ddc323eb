/* URL normalization and the text fingerprints over arbitrary bytes: feed links
 * and guids are network input. Checks that normalizing twice changes nothing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "feedwire/fw_dedup.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    memcpy(s, data, size);
    s[size] = 0;
    struct fw_buf a, b;
    fw_buf_init(&a, 0);
    fw_buf_init(&b, 0);
    if (fw_dedup_normalize_url(s, &a, NULL, 0) == FW_OK) {
        /* canonical means idempotent */
        if (fw_dedup_normalize_url(a.p, &b, NULL, 0) != FW_OK || strcmp(a.p, b.p) != 0) abort();
    }
    struct fw_dedup_item it = {.feed_url = "https://f/", .guid = size % 2 ? s : NULL, .link = s, .title = s};
    char id[FW_DEDUP_ID_LEN + 1];
    fw_dedup_item_id(&it, id);
    if (strlen(id) != FW_DEDUP_ID_LEN) abort();
    (void)fw_dedup_text_hash((const char *)data, size);
    (void)fw_dedup_simhash((const char *)data, size);
    fw_buf_fini(&a);
    fw_buf_fini(&b);
    free(s);
    return 0;
}
