/* robots.txt comes from the network: parse and match must survive anything. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "feedwire/fw_robots.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fw_robots *r = fw_robots_parse((const char *)data, size, "feedwire");
    /* the input's last line doubles as a path to match */
    char path[256] = "/";
    const uint8_t *nl = size ? memchr(data, '\n', size) : NULL;
    if (nl && (size_t)(data + size - nl - 1) < sizeof path - 2) {
        memcpy(path + 1, nl + 1, (size_t)(data + size - nl - 1));
        path[1 + (data + size - nl - 1)] = 0;
    }
    (void)fw_robots_allowed(r, path);
    (void)fw_robots_allowed(r, "/");
    fw_robots_free(r);
    return 0;
}
