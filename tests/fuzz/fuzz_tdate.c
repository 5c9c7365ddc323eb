/* fw_tdate_find on arbitrary bytes: the first byte picks the publication date and anchor. */
#include <stdint.h>
#include <stdlib.h>

#include "feedwire/fw_tdate.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!size) return 0;
    static const struct fw_ymd pubs[] = {{2022, 8, 31}, {2023, 1, 1}, {2024, 2, 29}, {2000, 3, 1}};
    struct fw_ymd pub = pubs[data[0] & 3], anchor = {2022, 4, 18};
    enum fw_date_prec aprec = (enum fw_date_prec)((data[0] >> 2) & 3);
    if (aprec == FW_PREC_MONTH) anchor.d = 0;
    if (aprec == FW_PREC_YEAR) anchor.m = anchor.d = 0;
    struct fw_tdate out[16];
    const char *s = (const char *)data + 1;
    size_t len = size - 1;
    int n = fw_tdate_find(s, len, pub, anchor, aprec, out, 16);
    if (n < 0 || n > 16) abort();
    for (int i = 0; i < n; i++) {
        const struct fw_tdate *t = &out[i];
        if (t->start >= t->end || t->end > len || t->prec < FW_PREC_YEAR || t->prec > FW_PREC_DAY) abort();
        if (t->date.m < 0 || t->date.m > 12 || t->date.d < 0 || t->date.d > 31) abort();
        if ((t->prec == FW_PREC_DAY) != (t->date.d != 0) || (t->prec >= FW_PREC_MONTH) != (t->date.m != 0)) abort();
        if (i && t->start < out[i - 1].end) abort(); /* in order, not overlapping */
    }
    return 0;
}
