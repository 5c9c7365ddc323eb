/* fw_buf: a growable byte string with a hard maximum (curl's dynbuf idea).
 * Always NUL-terminated once anything was added; len excludes the NUL.
 * Appending past `max` fails with FW_E_TOOBIG and leaves the buffer as it was.
 * fw_xmalloc and friends abort on allocation failure (Redis' zmalloc): safe
 * because every network-fed buffer has a cap. Thread: any, one owner. */
#ifndef FW_BUF_H
#define FW_BUF_H
#include <stdarg.h>
#include <stddef.h>

#include "feedwire/fw_err.h"

struct fw_buf {
    char *p;
    size_t len, cap, max;
};

void *fw_xmalloc(size_t n);
void *fw_xcalloc(size_t n, size_t sz);
void *fw_xrealloc(void *p, size_t n);
char *fw_xstrdup(const char *s);
char *fw_xstrndup(const char *s, size_t n);

void fw_buf_init(struct fw_buf *b, size_t max); /* max 0 = SIZE_MAX/2 */
void fw_buf_fini(struct fw_buf *b);
void fw_buf_reset(struct fw_buf *b);            /* len = 0, keeps memory */
enum fw_err fw_buf_add(struct fw_buf *b, const void *p, size_t n);
enum fw_err fw_buf_adds(struct fw_buf *b, const char *s);
enum fw_err fw_buf_addc(struct fw_buf *b, char c);
enum fw_err fw_buf_printf(struct fw_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
enum fw_err fw_buf_vprintf(struct fw_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Hands the string to the caller (free with free()); the buffer is empty after. */
char *fw_buf_steal(struct fw_buf *b);
/* Read a whole file (or stdin for "-") into b, up to b->max bytes. */
enum fw_err fw_buf_read_file(struct fw_buf *b, const char *path, char *err, size_t errsz);

#endif
