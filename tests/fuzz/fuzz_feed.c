/* libFuzzer target: the feed parser (with and without an HTTP charset), its
 * JSON view, the HTML sanitizer and the date parser, on the same bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_date.h"
#include "feedwire/fw_feed.h"
#include "feedwire/fw_sanitize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const types[] = {NULL, "text/xml", "application/rss+xml; charset=windows-1252", "text/html"};
    const char *s = (const char *)data;
    struct fw_feed_doc *doc = NULL;
    char err[256];
    if (fw_feed_parse(s, size, "http://fuzz.example/dir/feed", types[size % 4], &doc, err, sizeof err) == FW_OK) {
        json_t *j = fw_feed_doc_to_json(doc);
        char *txt = json_dumps(j, JSON_COMPACT);
        free(txt);
        json_decref(j);
        fw_feed_doc_free(doc);
    }
    struct fw_buf b;
    fw_buf_init(&b, 0);
    fw_sanitize_html(&b, s, size, size & 1 ? "http://fuzz.example/" : NULL);
    fw_buf_fini(&b);
    /* dates: each line is one string */
    for (size_t i = 0; i < size && i < 4096;) {
        const char *nl = memchr(s + i, '\n', size - i);
        size_t n = nl ? (size_t)(nl - (s + i)) : size - i;
        int64_t t;
        if (fw_date_parse(s + i, n, &t) == 0) {
            char out[32];
            fw_date_format_rfc3339(t, out);
        }
        i += n + 1;
    }
    return 0;
}
