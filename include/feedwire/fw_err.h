/* fw_err: one error enum for the whole library, each code with a text and a
 * class that tells the caller what to do: retry later, drop the input, or stop.
 * Details go into a caller-supplied buffer (errstr, errsz), librdkafka style.
 * Thread: any. */
#ifndef FW_ERR_H
#define FW_ERR_H
#include <stddef.h>

enum fw_err {
    FW_OK = 0,
    FW_E_NOMEM,      /* a hard cap was reached (never malloc failure: that aborts) */
    FW_E_INVAL,      /* bad argument or bad input value */
    FW_E_IO,         /* local file or socket error */
    FW_E_PARSE,      /* input is not what it claims to be */
    FW_E_TOOBIG,     /* input exceeds a configured limit */
    FW_E_TIMEOUT,
    FW_E_HTTP,       /* HTTP status that is an error */
    FW_E_NET,        /* connect/resolve/reset */
    FW_E_REFUSED,    /* policy refusal: private address, robots.txt, scheme */
    FW_E_REDIS,
    FW_E_KAFKA,
    FW_E_CONFIG,
    FW_E_NOTFOUND,
    FW_E__COUNT
};

enum fw_err_class { FW_ERRC_OK, FW_ERRC_RETRY, FW_ERRC_DROP, FW_ERRC_FATAL };

const char *fw_err_str(enum fw_err e);
enum fw_err_class fw_err_class(enum fw_err e);

/* Formats the detail into err (if non-NULL) and returns code: `return fw_fail(...)`.
 * Control characters in the message are replaced by spaces, as network text may end up here. */
enum fw_err fw_fail(char *err, size_t errsz, enum fw_err code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
