/* libFuzzer target for fw_extract: any bytes, as a page with and without a
 * charset label; the article, when there is one, must serialise to JSON. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "feedwire/fw_extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const types[] = {NULL, "text/html; charset=windows-1251", "text/html; charset=utf-8"};
    struct fw_article *art = NULL;
    char err[256];
    const char *ct = types[size ? data[0] % 3 : 0];
    if (fw_extract((const char *)data, size, "https://example.com/2020/01/02/a", ct, &art, err, sizeof err) == FW_OK) {
        json_t *j = fw_article_to_json(art);
        char *s = json_dumps(j, JSON_COMPACT);
        free(s);
        json_decref(j);
        fw_article_free(art);
    }
    return 0;
}
