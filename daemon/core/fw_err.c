#include "feedwire/fw_err.h"

#include <stdarg.h>
#include <stdio.h>

static const struct {
    const char *text;
    enum fw_err_class cls;
} err_tab[FW_E__COUNT] = {
    [FW_OK] = {"ok", FW_ERRC_OK},
    [FW_E_NOMEM] = {"limit reached", FW_ERRC_DROP},
    [FW_E_INVAL] = {"invalid input", FW_ERRC_DROP},
    [FW_E_IO] = {"i/o error", FW_ERRC_RETRY},
    [FW_E_PARSE] = {"parse error", FW_ERRC_DROP},
    [FW_E_TOOBIG] = {"too big", FW_ERRC_DROP},
    [FW_E_TIMEOUT] = {"timeout", FW_ERRC_RETRY},
    [FW_E_HTTP] = {"http error", FW_ERRC_RETRY},
    [FW_E_NET] = {"network error", FW_ERRC_RETRY},
    [FW_E_REFUSED] = {"refused by policy", FW_ERRC_DROP},
    [FW_E_REDIS] = {"redis error", FW_ERRC_RETRY},
    [FW_E_KAFKA] = {"kafka error", FW_ERRC_RETRY},
    [FW_E_CONFIG] = {"configuration error", FW_ERRC_FATAL},
    [FW_E_NOTFOUND] = {"not found", FW_ERRC_DROP},
};

const char *fw_err_str(enum fw_err e)
{
    if ((unsigned)e >= FW_E__COUNT) return "unknown error";
    return err_tab[e].text;
}

enum fw_err_class fw_err_class(enum fw_err e)
{
    if ((unsigned)e >= FW_E__COUNT) return FW_ERRC_FATAL;
    return err_tab[e].cls;
}

enum fw_err fw_fail(char *err, size_t errsz, enum fw_err code, const char *fmt, ...)
{
    if (err && errsz) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errsz, fmt, ap);
        va_end(ap);
        for (char *p = err; *p; p++)
            if ((unsigned char)*p < 0x20) *p = ' ';
    }
    return code;
}
