/* The feed list (text or OPML through libxml2) and the per-feed state blobs
 * read back from a store: every input either parses or fails cleanly. */
#include <stddef.h>
#include <stdint.h>

#include "feedwire/fw_feedlist.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fw_feedlist *fl = NULL;
    char err[256];
    if (fw_feedlist_parse((const char *)data, size, "fuzz", &fl, err, sizeof err) == FW_OK)
        for (size_t i = 0; i < fl->n; i++) (void)fw_feedlist_key(&fl->v[i]);
    fw_feedlist_free(fl);
    return 0;
}
