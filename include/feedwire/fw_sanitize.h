/* fw_sanitize: makes untrusted HTML fragments (feed entry summaries and
 * contents) safe to show, the way feedparser does it: a tokenizer, not a tree,
 * so markup is kept as written except that only an allow-list of elements and
 * attributes survives (no script, style, iframe, object, embed, form, on*
 * handlers), script/style/applet bodies are dropped, inline CSS is filtered,
 * URLs are resolved against a base and javascript:/data: and other unknown
 * schemes are emptied. Character references are kept as written (numeric ones
 * normalized). Also: HTML entity lookup and URL resolution helpers
 * the feed parser shares. Owns nothing. Thread: any. */
#ifndef FW_SANITIZE_H
#define FW_SANITIZE_H
#include <stddef.h>

#include "feedwire/fw_buf.h"

/* Appends the sanitized form of html[0..n) to out. base may be NULL (relative
 * URLs are then kept relative). The output is at most a few times n, so the
 * cap is the caller's cap on n; FW_E_TOOBIG if out's own cap is reached. */
enum fw_err fw_sanitize_html(struct fw_buf *out, const char *html, size_t n, const char *base);

/* Appends text with &, <, > (and " when attr) escaped. */
enum fw_err fw_sanitize_escape(struct fw_buf *out, const char *p, size_t n, int attr);

/* Resolves ref against base (either may be NULL) into a malloc'd string; a URL
 * whose scheme is not a known safe one (javascript:, data:, vbscript: ...)
 * yields "". Never NULL. */
char *fw_sanitize_url(const char *ref, const char *base);

/* The code point of an HTML 4 named entity (name without & and ;), or -1. */
int fw_sanitize_entity(const char *name, size_t n);

/* What a numeric reference in 0x80..0x9F means on the web (windows-1252);
 * any other code point unchanged. */
unsigned fw_sanitize_cp1252(unsigned cp);

/* Appends code point cp as UTF-8 (invalid ones as U+FFFD). */
enum fw_err fw_sanitize_put_utf8(struct fw_buf *out, unsigned cp);

#endif
