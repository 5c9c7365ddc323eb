/* Per-feed state blobs come back from Redis or a file: restore must reject
 * garbage cleanly, and whatever it accepts must serialize and restore again
 * to the same text. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "feedwire/fw_sched.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fw_feed_state st = {0}, again = {0};
    if (fw_feed_state_restore(&st, (const char *)data, size) == FW_OK) {
        struct fw_buf a, b;
        fw_buf_init(&a, 0);
        fw_buf_init(&b, 0);
        fw_feed_state_serialize(&st, &a);
        if (fw_feed_state_restore(&again, a.p, a.len) != FW_OK) abort();
        fw_feed_state_serialize(&again, &b);
        if (a.len != b.len || memcmp(a.p, b.p, a.len) != 0) abort();
        fw_buf_fini(&a);
        fw_buf_fini(&b);
    }
    fw_feed_state_fini(&st);
    fw_feed_state_fini(&again);
    return 0;
}
