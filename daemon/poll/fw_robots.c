#include "feedwire/fw_robots.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feedwire/fw_buf.h"

#define ROBOTS_MAX_BYTES (512u << 10)
#define ROBOTS_MAX_RULES 4096

struct rule {
    char *pat;
    size_t len; /* pattern length: the match's specificity */
    int allow;
};

struct fw_robots {
    struct rule *v;
    size_t n;
    int default_allow;
};

struct fw_robots *fw_robots_new_all(int allow)
{
    struct fw_robots *r = fw_xcalloc(1, sizeof *r);
    r->default_allow = allow;
    return r;
}

void fw_robots_free(struct fw_robots *r)
{
    if (!r) return;
    for (size_t i = 0; i < r->n; i++) free(r->v[i].pat);
    free(r->v);
    free(r);
}

size_t fw_robots_nrules(const struct fw_robots *r)
{
    return r->n;
}

/* Does pattern (with '*' and a final '$') match a prefix of path? Iterative
 * with one backtrack point, so hostile patterns stay linear-ish. */
static int match(const char *pat, const char *path)
{
    const char *star = NULL, *resume = NULL;
    while (*pat) {
        if (*pat == '*') {
            star = ++pat;
            resume = path;
            continue;
        }
        if (*pat == '$' && pat[1] == 0) {
            if (*path == 0) return 1;
        } else if (*path && *pat == *path) {
            pat++;
            path++;
            continue;
        }
        if (!star || !*resume) return 0;
        pat = star;
        path = ++resume;
    }
    return 1;
}

int fw_robots_allowed(const struct fw_robots *r, const char *path)
{
    size_t best = 0;
    int allow = r->default_allow, found = 0;
    for (size_t i = 0; i < r->n; i++) {
        const struct rule *ru = &r->v[i];
        if (found && ru->len < best) continue;
        if (!match(ru->pat, path)) continue;
        if (!found || ru->len > best || (ru->len == best && ru->allow)) allow = ru->allow;
        best = ru->len;
        found = 1;
    }
    return allow;
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s)) s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1])) *--e = 0;
    return s;
}

/* A group is a run of user-agent lines followed by rules. We keep the rules
 * of every group naming our token; if none does, those of the `*` groups. */
struct fw_robots *fw_robots_parse(const char *p, size_t n, const char *agent)
{
    struct fw_robots *mine = fw_robots_new_all(1), *star = fw_robots_new_all(1);
    char *text = fw_xstrndup(p, n > ROBOTS_MAX_BYTES ? ROBOTS_MAX_BYTES : n);
    int in_agents = 0, for_me = 0, for_star = 0, named_me = 0;
    size_t alen = strlen(agent);
    char *save = NULL;
    for (char *line = strtok_r(text, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
        char *hash = strchr(line, '#');
        if (hash) *hash = 0;
        char *colon = strchr(line, ':');
        if (!colon) continue;
        *colon = 0;
        char *key = trim(line), *val = trim(colon + 1);
        if (strcasecmp(key, "user-agent") == 0) {
            if (!in_agents) for_me = for_star = 0;
            in_agents = 1;
            if (strcmp(val, "*") == 0) for_star = 1;
            else if (alen && strncasecmp(val, agent, alen) == 0 && !isalnum((unsigned char)val[alen]))
                for_me = named_me = 1;
            continue;
        }
        int allow = strcasecmp(key, "allow") == 0;
        if (!allow && strcasecmp(key, "disallow") != 0) continue; /* sitemap, crawl-delay, ... */
        in_agents = 0;
        if (!*val) continue; /* "Disallow:" alone allows everything */
        struct fw_robots *dst[2] = {for_me ? mine : NULL, for_star ? star : NULL};
        for (int k = 0; k < 2; k++) {
            if (!dst[k] || dst[k]->n >= ROBOTS_MAX_RULES) continue;
            dst[k]->v = fw_xrealloc(dst[k]->v, (dst[k]->n + 1) * sizeof *dst[k]->v);
            dst[k]->v[dst[k]->n++] = (struct rule){fw_xstrdup(val), strlen(val), allow};
        }
    }
    free(text);
    /* Without a group of our own, the `*` group applies. A group naming us
     * with no rules still wins: it allows everything. */
    if (!named_me) {
        fw_robots_free(mine);
        return star;
    }
    fw_robots_free(star);
    return mine;
}
