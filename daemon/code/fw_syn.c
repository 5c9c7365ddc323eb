/* fw_syn: chunking and clause analysis over tagged tokens (see fw_syn.h). */
#include <string.h>

#include "fw_syn.h"

void fw_syn_analyse(const struct fw_syn_model *m, const char *text, const struct fw_tok *tok, size_t n,
                    struct fw_syn_out *out)
{
    if (n > FW_SYN_MAXTOK) n = FW_SYN_MAXTOK;
    out->n = n;
    out->nnp = out->npred = 0;
    fw_tag(m, text, tok, n, out->pos);
}
