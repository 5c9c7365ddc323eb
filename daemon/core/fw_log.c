#include "feedwire/fw_log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#define SD_JOURNAL_SUPPRESS_LOCATION
#include <systemd/sd-journal.h>

static int log_level = LOG_INFO;
static int log_journal = 0;
static char log_debug[256];

static const char *const prio_name[] = {"EMERG", "ALERT", "CRIT", "ERROR", "WARN", "NOTICE", "INFO", "DEBUG"};

static int stderr_is_journal(void)
{
    const char *js = getenv("JOURNAL_STREAM");
    struct stat st;
    unsigned long dev, ino;
    if (!js || sscanf(js, "%lu:%lu", &dev, &ino) != 2) return 0;
    if (fstat(STDERR_FILENO, &st) != 0) return 0;
    return (unsigned long)st.st_dev == dev && (unsigned long)st.st_ino == ino;
}

void fw_log_init(int level, const char *debug_stages, int journal)
{
    log_level = level;
    snprintf(log_debug, sizeof log_debug, "%s", debug_stages ? debug_stages : "");
    log_journal = journal < 0 ? stderr_is_journal() : journal;
}

int fw_log_level(void)
{
    return log_level;
}

int fw_log_parse_level(const char *s)
{
    static const struct { const char *n; int p; } t[] = {
        {"debug", LOG_DEBUG}, {"info", LOG_INFO}, {"notice", LOG_NOTICE},
        {"warning", LOG_WARNING}, {"warn", LOG_WARNING}, {"error", LOG_ERR}, {"err", LOG_ERR},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (strcasecmp(s, t[i].n) == 0) return t[i].p;
    return -1;
}

static int stage_debug(const char *stage)
{
    if (!log_debug[0] || !stage) return 0;
    if (strcmp(log_debug, "all") == 0) return 1;
    size_t n = strlen(stage);
    for (const char *p = log_debug; (p = strstr(p, stage)) != NULL; p += n) {
        int start = p == log_debug || p[-1] == ',' || p[-1] == ' ';
        int end = p[n] == 0 || p[n] == ',' || p[n] == ' ';
        if (start && end) return 1;
    }
    return 0;
}

int fw_log_enabled(int prio, const char *stage)
{
    if (prio <= log_level) return 1;
    return prio == LOG_DEBUG && stage_debug(stage);
}

/* A field value on the stderr line, logfmt style: as is when it is one plain
 * token, else in double quotes with \" \\ \n \r \t and \xNN for other control
 * bytes, so network text (a feed title, a URL) can neither break the line nor
 * forge a field. UTF-8 passes through. Returns the new length, capped at cap. */
static size_t put_value(char *out, size_t n, size_t cap, const char *v)
{
    int plain = *v != 0;
    for (const unsigned char *c = (const unsigned char *)v; *c && plain; c++)
        plain = *c > 0x20 && *c != 0x7f && *c != '"' && *c != '\\';
    if (plain) {
        int k = snprintf(out + n, cap - n, "%s", v);
        return k < 0 ? n : n + (size_t)k >= cap ? cap - 1 : n + (size_t)k;
    }
    static const char hex[] = "0123456789abcdef";
    if (n + 1 < cap) out[n++] = '"';
    for (const unsigned char *c = (const unsigned char *)v; *c && n + 5 < cap; c++) {
        char esc = *c == '"' ? '"' : *c == '\\' ? '\\' : *c == '\n' ? 'n' : *c == '\r' ? 'r' : *c == '\t' ? 't' : 0;
        if (esc) {
            out[n++] = '\\';
            out[n++] = esc;
        } else if (*c < 0x20 || *c == 0x7f) {
            out[n++] = '\\';
            out[n++] = 'x';
            out[n++] = hex[*c >> 4];
            out[n++] = hex[*c & 15];
        } else {
            out[n++] = (char)*c;
        }
    }
    if (n + 1 < cap) out[n++] = '"';
    out[n] = 0;
    return n;
}

void fw_log_kv(int prio, const char *stage, const char *const *kv, const char *fmt, ...)
{
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    for (char *p = msg; *p; p++)
        if ((unsigned char)*p < 0x20) *p = ' ';
    if (prio < 0) prio = 0;
    if (prio > LOG_DEBUG) prio = LOG_DEBUG;

    if (log_journal) {
        /* up to 6 extra fields; more are ignored */
        char f[6][640];
        int nf = 0;
        for (int i = 0; kv && kv[i] && nf < 6; i += 2) {
            if (!kv[i + 1]) continue;
            snprintf(f[nf], sizeof f[0], "%s=%s", kv[i], kv[i + 1]);
            for (char *c = f[nf] + strlen(kv[i]) + 1; *c; c++)
                if ((unsigned char)*c < 0x20 || *c == 0x7f) *c = ' ';
            nf++;
        }
        sd_journal_send("MESSAGE=%s", msg, "PRIORITY=%d", prio, "FW_STAGE=%s", stage ? stage : "main",
                        "SYSLOG_IDENTIFIER=feedwired", nf > 0 ? f[0] : NULL, nf > 1 ? f[1] : NULL,
                        nf > 2 ? f[2] : NULL, nf > 3 ? f[3] : NULL, nf > 4 ? f[4] : NULL,
                        nf > 5 ? f[5] : NULL, NULL);
        return;
    }
    char line[4096];
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    int n = snprintf(line, sizeof line, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ %-6s %-8s %s",
                     tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                     ts.tv_nsec / 1000000, prio_name[prio], stage ? stage : "main", msg);
    for (int i = 0; kv && kv[i] && n > 0 && (size_t)n < sizeof line; i += 2) {
        if (!kv[i + 1]) continue;
        const char *name = kv[i];
        if (strncmp(name, "FW_", 3) == 0) name += 3;
        n += snprintf(line + n, sizeof line - (size_t)n, " %s=", name);
        if (n > 0 && (size_t)n < sizeof line) n = (int)put_value(line, (size_t)n, sizeof line, kv[i + 1]);
    }
    if (n < 0) return;
    if ((size_t)n >= sizeof line - 1) n = sizeof line - 2;
    line[n++] = '\n';
    (void)!write(STDERR_FILENO, line, (size_t)n);
}
