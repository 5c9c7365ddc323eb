#include "feedwire/fw_buf.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *fw_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) abort();
    return p;
}

void *fw_xcalloc(size_t n, size_t sz)
{
    void *p = calloc(n ? n : 1, sz ? sz : 1);
    if (!p) abort();
    return p;
}

void *fw_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) abort();
    return q;
}

char *fw_xstrdup(const char *s)
{
    return s ? fw_xstrndup(s, strlen(s)) : NULL;
}

char *fw_xstrndup(const char *s, size_t n)
{
    char *p = fw_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

void fw_buf_init(struct fw_buf *b, size_t max)
{
    b->p = NULL;
    b->len = b->cap = 0;
    b->max = max ? max : SIZE_MAX / 2;
}

void fw_buf_fini(struct fw_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

void fw_buf_reset(struct fw_buf *b)
{
    b->len = 0;
    if (b->p) b->p[0] = 0;
}

static enum fw_err reserve(struct fw_buf *b, size_t n)
{
    if (n > b->max || b->len + n > b->max) return FW_E_TOOBIG;
    size_t need = b->len + n + 1;
    if (need <= b->cap) return FW_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) cap *= 2;
    if (cap > b->max + 1) cap = b->max + 1;
    b->p = fw_xrealloc(b->p, cap);
    b->cap = cap;
    return FW_OK;
}

enum fw_err fw_buf_add(struct fw_buf *b, const void *p, size_t n)
{
    if (reserve(b, n) != FW_OK) return FW_E_TOOBIG;
    if (n) memcpy(b->p + b->len, p, n);
    b->len += n;
    b->p[b->len] = 0;
    return FW_OK;
}

enum fw_err fw_buf_adds(struct fw_buf *b, const char *s)
{
    return fw_buf_add(b, s, strlen(s));
}

enum fw_err fw_buf_addc(struct fw_buf *b, char c)
{
    return fw_buf_add(b, &c, 1);
}

enum fw_err fw_buf_vprintf(struct fw_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) return FW_E_INVAL;
    if (reserve(b, (size_t)n) != FW_OK) return FW_E_TOOBIG;
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return FW_OK;
}

enum fw_err fw_buf_printf(struct fw_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    enum fw_err rc = fw_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

char *fw_buf_steal(struct fw_buf *b)
{
    char *p = b->p ? b->p : fw_xstrdup("");
    b->p = NULL;
    b->len = b->cap = 0;
    return p;
}

enum fw_err fw_buf_read_file(struct fw_buf *b, const char *path, char *err, size_t errsz)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) return fw_fail(err, errsz, FW_E_IO, "%s: %s", path, strerror(errno));
    enum fw_err rc = FW_OK;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (fw_buf_add(b, chunk, n) != FW_OK) {
            rc = fw_fail(err, errsz, FW_E_TOOBIG, "%s: larger than %zu bytes", path, b->max);
            break;
        }
    }
    if (rc == FW_OK && ferror(f)) rc = fw_fail(err, errsz, FW_E_IO, "%s: read error", path);
    if (rc == FW_OK && !b->p) fw_buf_add(b, "", 0);
    if (!is_stdin) fclose(f);
    return rc;
}
