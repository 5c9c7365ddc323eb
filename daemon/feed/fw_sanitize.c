#include "feedwire/fw_sanitize.h"

#include <libxml/HTMLparser.h>
#include <libxml/uri.h>
#include <stdlib.h>
#include <string.h>

/* feedparser's allow-lists (sanitizer.py), minus <form>, kept sorted for bsearch */
static const char *const ok_elements[] = {
    "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "big", "blockquote", "br",
    "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup", "command", "datagrid",
    "datalist", "dd", "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em", "event-source",
    "fieldset", "figcaption", "figure", "font", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "i", "img", "input", "ins", "kbd", "keygen", "label", "legend", "li", "m", "map", "menu", "meter",
    "multicol", "nav", "nextid", "noscript", "ol", "optgroup", "option", "output", "p", "pre", "progress",
    "q", "s", "samp", "section", "select", "small", "sound", "source", "spacer", "span", "strike", "strong",
    "sub", "sup", "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul",
    "var", "video",
};

static const char *const ok_attributes[] = {
    "abbr", "accept", "accept-charset", "accesskey", "action", "align", "alink", "alt", "autocomplete",
    "autofocus", "axis", "background", "balance", "bgcolor", "bgproperties", "border", "bordercolor",
    "bordercolordark", "bordercolorlight", "bottompadding", "cellpadding", "cellspacing", "ch", "challenge",
    "char", "charoff", "charset", "checked", "choff", "cite", "class", "clear", "color", "cols", "colspan",
    "compact", "contenteditable", "controls", "coords", "data", "datafld", "datapagesize", "datasrc",
    "datetime", "default", "delay", "dir", "disabled", "draggable", "dynsrc", "enctype", "end", "face",
    "for", "form", "frame", "galleryimg", "gutter", "headers", "height", "hidden", "hidefocus", "high",
    "href", "hreflang", "hspace", "icon", "id", "inputmode", "ismap", "keytype", "label", "lang",
    "leftspacing", "list", "longdesc", "loop", "loopcount", "loopend", "loopstart", "low", "lowsrc", "max",
    "maxlength", "media", "method", "min", "multiple", "name", "nohref", "noshade", "nowrap", "open",
    "optimum", "pattern", "ping", "point-size", "poster", "pqg", "preload", "prompt", "radiogroup",
    "readonly", "rel", "repeat-max", "repeat-min", "replace", "required", "rev", "rightspacing", "rows",
    "rowspan", "rules", "scope", "selected", "shape", "size", "span", "src", "start", "step", "style",
    "summary", "suppress", "tabindex", "target", "template", "title", "toppadding", "type", "unselectable",
    "urn", "usemap", "valign", "value", "variable", "volume", "vrml", "vspace", "width", "wrap", "xml:lang",
};

static const char *const ok_css[] = {
    "azimuth", "background-color", "border-bottom-color", "border-collapse", "border-color",
    "border-left-color", "border-right-color", "border-top-color", "clear", "color", "cursor", "direction",
    "display", "elevation", "float", "font", "font-family", "font-size", "font-style", "font-variant",
    "font-weight", "height", "letter-spacing", "line-height", "overflow", "pause", "pause-after",
    "pause-before", "pitch", "pitch-range", "richness", "speak", "speak-header", "speak-numeral",
    "speak-punctuation", "speech-rate", "stress", "text-align", "text-decoration", "text-indent",
    "unicode-bidi", "vertical-align", "voice-family", "volume", "white-space", "width",
};

static const char *const ok_css_keywords[] = {
    "!important", "aqua", "auto", "black", "block", "blue", "bold", "both", "bottom", "brown", "center",
    "collapse", "dashed", "dotted", "fuchsia", "gray", "green", "italic", "left", "lime", "maroon", "medium",
    "navy", "none", "normal", "nowrap", "olive", "pointer", "purple", "red", "right", "silver", "solid",
    "teal", "top", "transparent", "underline", "white", "yellow",
};

static const char *const ok_schemes[] = {
    "aim", "callto", "cvs", "facetime", "feed", "file", "ftp", "git", "gopher", "gtalk", "h323", "hdl",
    "http", "https", "imap", "irc", "irc6", "ircs", "itms", "magnet", "mailto", "mms", "msnim", "news",
    "nntp", "prospero", "rsync", "rtsp", "rtspu", "sftp", "shttp", "sip", "sips", "skype", "smb", "snews",
    "ssh", "svn", "svn+ssh", "telnet", "wais", "xmpp", "ymsg",
};

static const char *const void_elements[] = {
    "area", "base", "basefont", "br", "col", "command", "embed", "frame", "hr", "img", "input", "isindex",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
};

/* Bodies dropped with their tags: code and styles, never text. */
static const char *const drop_body[] = {"applet", "script", "style"};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_NAME 64
#define MAX_ATTRS 32
#define MAX_STYLE 4096

static int cmp_attr(const void *a, const void *b)
{
    return strcmp(((const struct fw_buf *)a)->p, ((const struct fw_buf *)b)->p);
}

static int cmp_str(const void *k, const void *e) { return strcmp(k, *(const char *const *)e); }

static int in_list(const char *const *list, size_t n, const char *s)
{
    return bsearch(s, list, n, sizeof *list, cmp_str) != NULL;
}

static int is_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
static int is_alpha(int c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_word(int c) { return is_alpha(c) || is_digit(c) || c == '_' || (unsigned char)c >= 0x80; }

static int ieq_prefix(const char *p, const char *e, const char *lit)
{
    size_t n = strlen(lit);
    if ((size_t)(e - p) < n) return 0;
    for (size_t i = 0; i < n; i++)
        if ((p[i] | 32) != lit[i]) return 0;
    return 1;
}

enum fw_err fw_sanitize_put_utf8(struct fw_buf *out, unsigned cp)
{
    char u[4];
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) return fw_buf_addc(out, (char)cp);
    if (cp < 0x800) {
        u[0] = (char)(0xC0 | cp >> 6);
        u[1] = (char)(0x80 | (cp & 0x3F));
        return fw_buf_add(out, u, 2);
    }
    if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12);
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        return fw_buf_add(out, u, 3);
    }
    u[0] = (char)(0xF0 | cp >> 18);
    u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    u[3] = (char)(0x80 | (cp & 0x3F));
    return fw_buf_add(out, u, 4);
}

int fw_sanitize_entity(const char *name, size_t n)
{
    char tmp[MAX_NAME];
    if (n == 0 || n >= sizeof tmp) return -1;
    memcpy(tmp, name, n);
    tmp[n] = 0;
    if (!strcmp(tmp, "apos")) return '\'';
    const htmlEntityDesc *d = htmlEntityLookup((const xmlChar *)tmp);
    return d ? (int)d->value : -1;
}

enum fw_err fw_sanitize_escape(struct fw_buf *out, const char *p, size_t n, int attr)
{
    const char *e = p + n, *run = p;
    enum fw_err rc = FW_OK;
    for (; p < e && rc == FW_OK; p++) {
        const char *rep = *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;" : attr && *p == '"' ? "&quot;" : NULL;
        if (!rep) continue;
        if ((rc = fw_buf_add(out, run, (size_t)(p - run))) == FW_OK) rc = fw_buf_adds(out, rep);
        run = p + 1;
    }
    return rc == FW_OK ? fw_buf_add(out, run, (size_t)(e - run)) : rc;
}

static const unsigned short cp1252[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

unsigned fw_sanitize_cp1252(unsigned cp)
{
    return cp >= 0x80 && cp <= 0x9F && cp1252[cp - 0x80] ? cp1252[cp - 0x80] : cp;
}

/* Decodes a character reference at p ('&'): returns its length (0: not
 * one), the code point in *cp, and whether it is numeric. */
static size_t charref(const char *p, const char *e, int *cp, int *numeric)
{
    const char *q = p + 1;
    *numeric = q < e && *q == '#';
    if (*numeric) {
        q++;
        unsigned v = 0;
        int hex = q < e && (*q | 32) == 'x', nd = 0;
        if (hex) q++;
        for (; q < e && nd < 8; q++, nd++) {
            int c = *q;
            if (is_digit(c)) v = v * (hex ? 16u : 10u) + (unsigned)(c - '0');
            else if (hex && (c | 32) >= 'a' && (c | 32) <= 'f') v = v * 16u + (unsigned)((c | 32) - 'a' + 10);
            else break;
        }
        if (!nd) return 0;
        if (q < e && *q == ';') q++;
        *cp = (int)(v > 0x10FFFF ? 0xFFFD : v);
        return (size_t)(q - p);
    }
    while (q < e && q - p <= MAX_NAME && (is_alpha(*q) || is_digit(*q))) q++;
    if (q == p + 1 || q >= e || *q != ';') return 0;
    size_t nl = (size_t)(q - p - 1);
    static const struct {
        const char *name;
        int cp;
    } markup[] = {{"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"quot", '"'}, {"apos", '\''}};
    for (size_t i = 0; i < NELEM(markup); i++)
        if (strlen(markup[i].name) == nl && !memcmp(p + 1, markup[i].name, nl)) {
            *cp = markup[i].cp;
            return nl + 2;
        }
    int v = fw_sanitize_entity(p + 1, nl);
    if (v < 0) return 0;
    *cp = v;
    return nl + 2;
}

/* Text: references kept as written, the way feedparser writes them back
 * (numeric ones in lower case, the windows-1252 range as what it means), a
 * bare & escaped, the rest as it was. */
static enum fw_err put_text(struct fw_buf *out, const char *p, const char *e)
{
    enum fw_err rc = FW_OK;
    while (p < e && rc == FW_OK) {
        const char *amp = memchr(p, '&', (size_t)(e - p));
        if (!amp) return fw_buf_add(out, p, (size_t)(e - p));
        if ((rc = fw_buf_add(out, p, (size_t)(amp - p))) != FW_OK) break;
        int cp, numeric;
        size_t n = charref(amp, e, &cp, &numeric);
        if (!n) {
            rc = fw_buf_adds(out, "&amp;");
            n = 1;
        } else if (numeric && fw_sanitize_cp1252((unsigned)cp) != (unsigned)cp) {
            rc = fw_buf_printf(out, "&#x%x;", fw_sanitize_cp1252((unsigned)cp));
        } else if (numeric) {
            fw_buf_adds(out, "&#");
            for (const char *q = amp + 2; q < amp + n && *q != ';'; q++) fw_buf_addc(out, (char)(is_alpha(*q) ? *q | 32 : *q));
            rc = fw_buf_addc(out, ';');
        } else {
            rc = fw_buf_add(out, amp, n);
        }
        p = amp + n;
    }
    return rc;
}

/* An attribute value with references decoded (into a scratch buffer). */
static void decode_value(struct fw_buf *dst, const char *p, const char *e)
{
    fw_buf_reset(dst);
    while (p < e) {
        int cp, numeric;
        size_t n = *p == '&' ? charref(p, e, &cp, &numeric) : 0;
        if (!n) {
            fw_buf_addc(dst, *p++);
        } else {
            fw_sanitize_put_utf8(dst, (unsigned)cp);
            p += n;
        }
    }
    if (!dst->p) fw_buf_add(dst, "", 0);
}

/* An attribute value as written (references and all), with the three
 * characters that could end the attribute or open a tag escaped. */
static void put_raw_value(struct fw_buf *out, const char *p, const char *e)
{
    for (; p < e; p++) {
        if (*p == '"') fw_buf_adds(out, "&quot;");
        else if (*p == '<') fw_buf_adds(out, "&lt;");
        else if (*p == '>') fw_buf_adds(out, "&gt;");
        else fw_buf_addc(out, *p);
    }
}

char *fw_sanitize_url(const char *ref, const char *base)
{
    /* browsers drop tabs and newlines anywhere in a URL and leading blanks and
     * controls, so "java&#9;script:" is javascript: too */
    size_t n = strlen(ref);
    char *clean = fw_xmalloc(n + 1), *q = clean;
    const char *p = ref;
    while (*p && (unsigned char)*p <= 0x20) p++;
    for (; *p; p++)
        if (*p != '\t' && *p != '\n' && *p != '\r') *q++ = *p;
    while (q > clean && (unsigned char)q[-1] <= 0x20) q--;
    *q = 0;
    /* a scheme: letters, digits, + - . before the first ':' (and before / ? #) */
    const char *s = clean;
    while (*s && (is_alpha(*s) || is_digit(*s) || *s == '+' || *s == '-' || *s == '.')) s++;
    if (*s == ':' && s > clean && is_alpha(clean[0])) {
        char scheme[16];
        size_t sl = (size_t)(s - clean);
        int ok = sl < sizeof scheme;
        if (ok) {
            for (size_t i = 0; i < sl; i++) scheme[i] = (char)(is_alpha(clean[i]) ? clean[i] | 32 : clean[i]);
            scheme[sl] = 0;
            ok = in_list(ok_schemes, NELEM(ok_schemes), scheme);
        }
        if (!ok) clean[0] = 0;
        return clean; /* absolute: nothing to resolve */
    }
    if (!base || !*base) return clean;
    if (!*clean) { /* the empty reference is the base itself */
        free(clean);
        return fw_sanitize_url(base, NULL);
    }
    xmlChar *abs = xmlBuildURI((const xmlChar *)clean, (const xmlChar *)base);
    if (!abs) return clean;
    free(clean);
    char *r = fw_xstrdup((const char *)abs);
    xmlFree(abs);
    /* the base itself may carry a bad scheme */
    char *safe = strchr(r, ':') ? fw_sanitize_url(r, NULL) : r;
    if (safe != r) free(r);
    return safe;
}

static int is_url_attr(const char *tag, const char *attr)
{
    static const char *const pairs[][2] = {
        {"a", "href"},          {"area", "href"},  {"audio", "src"},   {"blockquote", "cite"}, {"del", "cite"},
        {"img", "longdesc"},    {"img", "src"},    {"img", "usemap"},  {"input", "src"},       {"input", "usemap"},
        {"ins", "cite"},        {"q", "cite"},     {"source", "src"},  {"video", "poster"},    {"video", "src"},
        {"img", "lowsrc"},      {"img", "dynsrc"}, {"body", "background"},
    };
    for (size_t i = 0; i < NELEM(pairs); i++)
        if (!strcmp(pairs[i][0], tag) && !strcmp(pairs[i][1], attr)) return 1;
    /* anything else that names a resource still must not carry a script URL */
    return !strcmp(attr, "href") || !strcmp(attr, "src") || !strcmp(attr, "action") || !strcmp(attr, "background") ||
           !strcmp(attr, "dynsrc") || !strcmp(attr, "lowsrc") || !strcmp(attr, "data") || !strcmp(attr, "poster") ||
           !strcmp(attr, "cite") || !strcmp(attr, "longdesc") || !strcmp(attr, "usemap");
}

/* valid_css_values of feedparser:
 * ^(#[0-9a-f]+|rgb\(\d+%?,\d*%?,?\d*%?\)?|\d{0,2}\.?\d{0,2}(cm|em|ex|in|mm|pc|pt|px|%|,|\))?)$ */
static int css_value_ok(const char *p, const char *e)
{
    if (p < e && *p == '#') {
        if (++p == e) return 0;
        for (; p < e; p++)
            if (!is_digit(*p) && !(*p >= 'a' && *p <= 'f')) return 0;
        return 1;
    }
    if (e - p >= 4 && !memcmp(p, "rgb(", 4)) {
        p += 4;
        const char *d = p;
        while (p < e && is_digit(*p)) p++;
        if (p == d) return 0;
        if (p < e && *p == '%') p++;
        if (p >= e || *p++ != ',') return 0;
        while (p < e && is_digit(*p)) p++;
        if (p < e && *p == '%') p++;
        if (p < e && *p == ',') p++;
        while (p < e && is_digit(*p)) p++;
        if (p < e && *p == '%') p++;
        if (p < e && *p == ')') p++;
        return p == e;
    }
    int n = 0;
    while (p < e && is_digit(*p) && n < 2) p++, n++;
    if (p < e && *p == '.') p++;
    n = 0;
    while (p < e && is_digit(*p) && n < 2) p++, n++;
    if (p == e) return 1;
    static const char *const units[] = {"cm", "em", "ex", "in", "mm", "pc", "pt", "px", "%", ",", ")"};
    for (size_t i = 0; i < NELEM(units); i++) {
        size_t ul = strlen(units[i]);
        if ((size_t)(e - p) == ul && !memcmp(p, units[i], ul)) return 1;
    }
    return 0;
}

/* feedparser's first gauntlet: the style is made only of
 * [:,;#%.\sa-zA-Z0-9!] | \w-\w | '[\s\w]+' | "[\s\w]+" | \([\d,\s]+\)
 * decided over positions, as the regex would with backtracking. */
static int css_gauntlet(const char *s, size_t n)
{
    unsigned char reach_small[256];
    unsigned char *reach = n < sizeof reach_small ? reach_small : fw_xcalloc(n + 1, 1);
    memset(reach, 0, n + 1);
    reach[0] = 1;
    for (size_t i = 0; i < n; i++) {
        if (!reach[i]) continue;
        char c = s[i];
        if (strchr(":,;#%. \t\n\r\f!", c) || is_alpha(c) || is_digit(c)) reach[i + 1] = 1;
        if (i + 2 < n && is_word(c) && s[i + 1] == '-' && is_word(s[i + 2])) reach[i + 3] = 1;
        if (c == '\'' || c == '"') {
            size_t j = i + 1;
            while (j < n && (is_word(s[j]) || is_space(s[j]))) j++;
            if (j > i + 1 && j < n && s[j] == c) reach[j + 1] = 1;
        }
        if (c == '(') {
            size_t j = i + 1;
            while (j < n && (is_digit(s[j]) || s[j] == ',' || is_space(s[j]))) j++;
            if (j > i + 1 && j < n && s[j] == ')') reach[j + 1] = 1;
        }
    }
    int ok = reach[n];
    if (reach != reach_small) free(reach);
    return ok;
}

static int is_propc(int c) { return is_word(c) || c == '-'; }

/* feedparser's _sanitize_style: url(...) removed, two gauntlets, then only
 * allowed properties, or background/border/margin/padding ones whose every
 * keyword is known or a plain length/colour. Result in out (maybe empty). */
static void sanitize_style(struct fw_buf *out, const char *in, size_t n)
{
    struct fw_buf s;
    fw_buf_init(&s, 0);
    fw_buf_reset(out);
    for (size_t i = 0; i < n;) {
        if (ieq_prefix(in + i, in + n, "url")) { /* url\s*\(\s*[^\s)]+?\s*\)\s* */
            size_t j = i + 3;
            while (j < n && is_space(in[j])) j++;
            if (j < n && in[j] == '(') {
                size_t k = j + 1;
                while (k < n && is_space(in[k])) k++;
                size_t st = k;
                while (k < n && !is_space(in[k]) && in[k] != ')') k++;
                size_t en = k;
                while (k < n && is_space(in[k])) k++;
                if (en > st && k < n && in[k] == ')') {
                    k++;
                    while (k < n && is_space(in[k])) k++;
                    fw_buf_addc(&s, ' ');
                    i = k;
                    continue;
                }
            }
        }
        fw_buf_addc(&s, in[i++]);
    }
    const char *p = s.p ? s.p : "", *e = p + s.len;
    if (!css_gauntlet(p, s.len)) goto out;
    /* ^\s*([-\w]+\s*:[^:;]*(;\s*|$))*$ */
    const char *q = p;
    while (q < e && is_space(*q)) q++;
    while (q < e) {
        const char *st = q;
        while (q < e && is_propc(*q)) q++;
        if (q == st) goto out;
        while (q < e && is_space(*q)) q++;
        if (q >= e || *q++ != ':') goto out;
        while (q < e && *q != ':' && *q != ';') q++;
        if (q < e && *q == ':') goto out;
        if (q < e) {
            q++;
            while (q < e && is_space(*q)) q++;
        }
    }
    /* ([-\w]+)\s*:\s*([^:;]*) */
    for (q = p; q < e;) {
        if (!is_propc(*q)) {
            q++;
            continue;
        }
        const char *ps = q;
        while (q < e && is_propc(*q)) q++;
        const char *pe = q;
        while (q < e && is_space(*q)) q++;
        if (q >= e || *q != ':') continue;
        q++;
        while (q < e && is_space(*q)) q++;
        const char *vs = q;
        while (q < e && *q != ':' && *q != ';') q++;
        const char *ve = q;
        if (ve == vs) continue;
        char prop[MAX_NAME];
        size_t pl = (size_t)(pe - ps);
        if (pl >= sizeof prop) continue;
        for (size_t i = 0; i < pl; i++) prop[i] = (char)(is_alpha(ps[i]) ? ps[i] | 32 : ps[i]);
        prop[pl] = 0;
        int keep = in_list(ok_css, NELEM(ok_css), prop);
        if (!keep) {
            char *dash = strchr(prop, '-');
            if (dash) *dash = 0;
            if (!strcmp(prop, "background") || !strcmp(prop, "border") || !strcmp(prop, "margin") ||
                !strcmp(prop, "padding")) {
                keep = 1;
                for (const char *k = vs; k < ve && keep;) {
                    while (k < ve && is_space(*k)) k++;
                    const char *ks = k;
                    while (k < ve && !is_space(*k)) k++;
                    if (k == ks) break;
                    char kw[MAX_NAME];
                    size_t kl = (size_t)(k - ks);
                    int known = 0;
                    if (kl < sizeof kw) {
                        memcpy(kw, ks, kl);
                        kw[kl] = 0;
                        known = in_list(ok_css_keywords, NELEM(ok_css_keywords), kw);
                    }
                    keep = known || css_value_ok(ks, k);
                }
            }
        }
        if (!keep) continue;
        if (out->len) fw_buf_addc(out, ' ');
        fw_buf_add(out, ps, pl);
        fw_buf_adds(out, ": ");
        fw_buf_add(out, vs, (size_t)(ve - vs));
        fw_buf_addc(out, ';');
    }
out:
    fw_buf_fini(&s);
}

/* Parses one tag at p ('<' + letter or '/'); returns the end ('>' + 1) or
 * NULL if it never closes (then it is text). Emits it if allowed; sets
 * skip to the name of an element whose body must be dropped (script...). */
static const char *tag(struct fw_buf *out, const char *p, const char *e, const char *base, char *skip,
                       struct fw_buf *scratch, struct fw_buf *val)
{
    const char *q = p + 1;
    int end = 0;
    struct fw_buf attrs[MAX_ATTRS];
    size_t nattrs = 0;
    if (*q == '/') end = 1, q++;
    char name[MAX_NAME];
    size_t nl = 0;
    while (q < e && !is_space(*q) && *q != '>' && *q != '/') {
        if (nl + 1 < sizeof name) name[nl++] = (char)(is_alpha(*q) ? *q | 32 : *q);
        q++;
    }
    name[nl] = 0;
    int ok = in_list(ok_elements, NELEM(ok_elements), name);
    int isvoid = in_list(void_elements, NELEM(void_elements), name);
    if (ok && !end) {
        fw_buf_addc(out, '<');
        fw_buf_adds(out, name);
    }
    /* attributes */
    for (;;) {
        while (q < e && (is_space(*q) || *q == '/')) q++;
        if (q >= e) {
            for (size_t i = 0; i < nattrs; i++) fw_buf_fini(&attrs[i]);
            return NULL;
        }
        if (*q == '>') break;
        const char *as = q;
        while (q < e && !is_space(*q) && *q != '>' && *q != '=' && !(*q == '/' && q + 1 < e && q[1] == '>')) q++;
        const char *ae = q;
        if (ae == as) q++; /* a stray '=' */
        while (q < e && is_space(*q)) q++;
        const char *vs = q, *ve = q;
        if (q < e && *q == '=') {
            q++;
            while (q < e && is_space(*q)) q++;
            if (q < e && (*q == '"' || *q == '\'')) {
                char qc = *q++;
                vs = q;
                while (q < e && *q != qc) q++;
                if (q >= e) {
                    for (size_t i = 0; i < nattrs; i++) fw_buf_fini(&attrs[i]);
                    return NULL;
                }
                ve = q++;
            } else {
                vs = q;
                while (q < e && !is_space(*q) && *q != '>') q++;
                ve = q;
            }
        }
        if (!ok || end || ae == as) continue;
        char an[MAX_NAME];
        size_t al = (size_t)(ae - as);
        if (al >= sizeof an) continue;
        for (size_t i = 0; i < al; i++) an[i] = (char)(is_alpha(as[i]) ? as[i] | 32 : as[i]);
        an[al] = 0;
        if (!in_list(ok_attributes, NELEM(ok_attributes), an)) continue;
        decode_value(val, vs, ve);
        const char *v = val->p;
        size_t vl = val->len;
        char *url = NULL;
        int raw = 0;
        if (!strcmp(an, "style")) {
            if (vl > MAX_STYLE) continue; /* no real style is this long; the checks are not linear */
            sanitize_style(scratch, v, vl);
            if (!scratch->len) continue;
            v = scratch->p;
            vl = scratch->len;
        } else if (is_url_attr(name, an)) {
            url = fw_sanitize_url(v, base);
            v = url;
            vl = strlen(url);
        } else {
            raw = 1; /* kept as written, as feedparser does */
        }
        if (nattrs == MAX_ATTRS) {
            free(url);
            continue;
        }
        /* emitted sorted by name, as feedparser does: a stable form */
        struct fw_buf *a = &attrs[nattrs++];
        fw_buf_init(a, 0);
        fw_buf_adds(a, an);
        fw_buf_adds(a, "=\"");
        if (raw) put_raw_value(a, vs, ve);
        else fw_sanitize_escape(a, v, vl, 1);
        fw_buf_addc(a, '"');
        free(url);
    }
    qsort(attrs, nattrs, sizeof attrs[0], cmp_attr);
    for (size_t i = 0; i < nattrs; i++) {
        fw_buf_addc(out, ' ');
        fw_buf_add(out, attrs[i].p, attrs[i].len);
        fw_buf_fini(&attrs[i]);
    }
    q++; /* '>' */
    if (ok && !end) fw_buf_adds(out, isvoid ? " />" : ">");
    else if (ok && end && !isvoid) {
        fw_buf_adds(out, "</");
        fw_buf_adds(out, name);
        fw_buf_addc(out, '>');
    }
    if (!end)
        for (size_t i = 0; i < NELEM(drop_body); i++)
            if (!strcmp(name, drop_body[i])) memcpy(skip, drop_body[i], strlen(drop_body[i]) + 1);
    return q;
}

enum fw_err fw_sanitize_html(struct fw_buf *out, const char *html, size_t n, const char *base)
{
    const char *p = html, *e = html + n;
    char skip[MAX_NAME] = "";
    int unclosed = 0;
    struct fw_buf scratch, val;
    fw_buf_init(&scratch, 0);
    fw_buf_init(&val, 0);
    enum fw_err rc = FW_OK;
    while (p < e && rc == FW_OK) {
        if (*skip) { /* inside script/style: find its end tag, drop all before */
            const char *q = p;
            size_t sl = strlen(skip);
            for (; q < e; q++)
                if (q[0] == '<' && q + 1 < e && q[1] == '/' && ieq_prefix(q + 2, e, skip) &&
                    (q + 2 + sl >= e || !is_alpha(q[2 + sl])))
                    break;
            p = q;
            if (q >= e) break;
            q = memchr(q, '>', (size_t)(e - q));
            p = q ? q + 1 : e;
            *skip = 0;
            continue;
        }
        const char *lt = memchr(p, '<', (size_t)(e - p));
        if (!lt) lt = e;
        if ((rc = put_text(out, p, lt)) != FW_OK || lt == e) break;
        p = lt;
        if (e - p >= 4 && !memcmp(p, "<!--", 4)) { /* comments go */
            const char *c = p + 4;
            while (c + 2 < e && memcmp(c, "-->", 3)) c++;
            p = c + 2 < e ? c + 3 : e;
        } else if (!unclosed && p + 2 < e && ((p[1] == '!' && is_alpha(p[2])) || p[1] == '?')) {
            const char *gt = memchr(p, '>', (size_t)(e - p)); /* doctype, PI */
            if (gt) {
                p = gt + 1;
            } else {
                rc = fw_buf_adds(out, "&lt;");
                p++;
                unclosed = 1;
            }
        } else if (!unclosed && p + 1 < e && (is_alpha(p[1]) || (p[1] == '/' && p + 2 < e && is_alpha(p[2])))) {
            size_t mark = out->len;
            const char *q = tag(out, p, e, base, skip, &scratch, &val);
            if (q) {
                p = q;
            } else { /* never closed: it was text, and so is every '<' after it
                      * (trying each again would be quadratic) */
                out->len = mark;
                if (out->p) out->p[mark] = 0;
                rc = fw_buf_adds(out, "&lt;");
                p++;
                unclosed = 1;
            }
        } else {
            rc = fw_buf_adds(out, "&lt;");
            p++;
        }
    }
    fw_buf_fini(&scratch);
    fw_buf_fini(&val);
    return rc;
}
