/* feedwire feeds: each feed of the feed list with its scheduler state (last
 * status and error, consecutive errors, last success, next due, dead), read
 * from the file store feedwired keeps under <daemon.state_dir>/feeds. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "feedwire/fw_conf.h"
#include "feedwire/fw_feedlist.h"
#include "feedwire/fw_loop.h"
#include "feedwire/fw_sched.h"
#include "feedwire/fw_statedir.h"
#include "feedwire/fw_version.h"
#include "tool.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: feedwire feeds [--json] [--failing] [-c CONF] [--state-dir DIR] [FEEDS_FILE]\n\n"
               "Shows each feed's polling state: last HTTP status, last error, consecutive errors,\n"
               "last success, next poll, and whether it is marked dead.\n"
               "  -c, --config FILE   config to take daemon.feeds_file and daemon.state_dir from\n"
               "                      (default %s/feedwire.conf if readable)\n"
               "      --state-dir DIR directory of the per-feed state files (default <daemon.state_dir>/feeds)\n"
               "      --json          one JSON array, times as RFC 3339 UTC\n"
               "      --failing       only feeds whose last poll failed (dead ones included)\n"
               "FEEDS_FILE defaults to daemon.feeds_file. Exit 1 when the list or config is unreadable.\n"
               "A cluster's feed topic: feedwire feeds import|add|rm|ls (see feedwire feeds ls --help).\n",
            FW_CONFDIR);
}

static void iso(int64_t ms, char *out, size_t n)
{
    if (!ms) {
        snprintf(out, n, "-");
        return;
    }
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void ago(int64_t ms, int64_t now, char *out, size_t n)
{
    if (!ms) {
        snprintf(out, n, "never");
        return;
    }
    int past = ms <= now;
    int64_t d = (past ? now - ms : ms - now) / 1000;
    const char *suffix = past ? " ago" : "";
    const char *prefix = past ? "" : "in ";
    if (d < 120) snprintf(out, n, "%s%llds%s", prefix, (long long)d, suffix);
    else if (d < 7200) snprintf(out, n, "%s%lldm%s", prefix, (long long)(d / 60), suffix);
    else if (d < 172800) snprintf(out, n, "%s%lldh%s", prefix, (long long)(d / 3600), suffix);
    else snprintf(out, n, "%s%lldd%s", prefix, (long long)(d / 86400), suffix);
}

static json_t *jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *jtime(int64_t ms)
{
    char b[32];
    iso(ms, b, sizeof b);
    return ms ? json_string(b) : json_null();
}

static json_t *state_json(const struct fw_feedlist_entry *e, const struct fw_feed_state *st, int known)
{
    json_t *o = json_object();
    json_object_set_new(o, "key", json_string(fw_feedlist_key(e)));
    json_object_set_new(o, "name", jstr(e->name));
    json_object_set_new(o, "list_url", json_string(e->url));
    json_object_set_new(o, "url", jstr(known ? st->url : e->url));
    json_object_set_new(o, "polled", json_boolean(known && st->polls > 0));
    json_object_set_new(o, "last_status", json_integer(st->last_status));
    json_object_set_new(o, "last_error", jstr(st->last_error));
    json_object_set_new(o, "last_error_class", st->last_error ? json_string(fw_err_str(st->last_err)) : json_null());
    json_object_set_new(o, "consecutive_errors", json_integer(st->errors));
    json_object_set_new(o, "last_attempt", jtime(st->last_attempt_ms));
    json_object_set_new(o, "last_success", jtime(st->last_success_ms));
    json_object_set_new(o, "failing_since", jtime(st->err_since_ms));
    json_object_set_new(o, "next_due", jtime(st->next_due_ms));
    json_object_set_new(o, "dead", json_boolean(st->dead));
    json_object_set_new(o, "etag", jstr(st->etag));
    json_object_set_new(o, "last_modified", jstr(st->last_modified));
    json_object_set_new(o, "ttl_s", json_integer(st->ttl_s));
    json_object_set_new(o, "polls", json_integer((json_int_t)st->polls));
    json_object_set_new(o, "not_modified", json_integer((json_int_t)st->not_modified));
    json_object_set_new(o, "unchanged", json_integer((json_int_t)st->unchanged));
    json_object_set_new(o, "parsed", json_integer((json_int_t)st->parsed));
    return o;
}

int tool_feeds_main(int argc, char **argv)
{
    static const struct option longopts[] = {{"config", required_argument, NULL, 'c'},
                                             {"state-dir", required_argument, NULL, 's'},
                                             {"json", no_argument, NULL, 'j'},
                                             {"failing", no_argument, NULL, 'f'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    const char *conf_path = NULL, *state_dir = NULL;
    int json = 0, failing = 0, c;
    if (argc > 1 && (!strcmp(argv[1], "import") || !strcmp(argv[1], "add") || !strcmp(argv[1], "rm") ||
                     !strcmp(argv[1], "ls")))
        return tool_feedtopic_main(argc - 1, argv + 1); /* the cluster's feed topic */
    optind = 1;
    while ((c = getopt_long(argc, argv, "c:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'c': conf_path = optarg; break;
        case 's': state_dir = optarg; break;
        case 'j': json = 1; break;
        case 'f': failing = 1; break;
        case 'h': usage(stdout); return TOOL_OK;
        default: usage(stderr); return TOOL_USAGE;
        }
    }
    if (argc - optind > 1) {
        usage(stderr);
        return TOOL_USAGE;
    }
    int rc = TOOL_BADINPUT;
    struct fw_conf conf;
    fw_conf_init(&conf);
    struct fw_feedlist *fl = NULL;
    struct fw_sched_store *store = NULL;
    struct fw_buf dir, blob;
    fw_buf_init(&dir, 0);
    fw_buf_init(&blob, 0);
    char err[512];
    json_t *arr = json ? json_array() : NULL;
    if (!conf_path && access(FW_CONFDIR "/feedwire.conf", R_OK) == 0) conf_path = FW_CONFDIR "/feedwire.conf";
    if (conf_path && fw_conf_load(&conf, conf_path, stderr) != 0) goto out;
    const char *feeds_path = optind < argc ? argv[optind] : conf.feeds_file;
    if (fw_feedlist_load(feeds_path, &fl, err, sizeof err) != FW_OK) {
        fprintf(stderr, "feedwire feeds: %s\n", err);
        goto out;
    }
    if (state_dir) fw_buf_adds(&dir, state_dir);
    else {
        char path[4096];
        if (fw_statedir_path(conf.state_dir, FW_STATEDIR_FEEDS, path, sizeof path, err, sizeof err) != FW_OK) {
            fprintf(stderr, "feedwire feeds: %s\n", err);
            goto out;
        }
        fw_buf_adds(&dir, path);
    }
    if (access(dir.p, R_OK | X_OK) != 0) {
        fprintf(stderr, "feedwire feeds: no state in %s (feedwired has not run, or --state-dir)\n", dir.p);
    } else if (fw_sched_filestore_new(dir.p, &store, err, sizeof err) != FW_OK) {
        fprintf(stderr, "feedwire feeds: %s\n", err);
        goto out;
    }
    int64_t now = fw_wall_ms();
    if (!json)
        printf("%-24s %-6s %-4s %-10s %-10s %-5s %s\n", "FEED", "STATUS", "ERRS", "SUCCESS", "NEXT", "DEAD",
               "LAST ERROR");
    for (size_t i = 0; i < fl->n; i++) {
        const struct fw_feedlist_entry *e = &fl->v[i];
        struct fw_feed_state st = {0};
        int known = 0;
        fw_buf_reset(&blob);
        if (store && store->load(store->ctx, fw_feedlist_key(e), &blob) == FW_OK)
            known = fw_feed_state_restore(&st, blob.p ? blob.p : "", blob.len) == FW_OK;
        if (failing && !st.errors) {
            fw_feed_state_fini(&st);
            continue;
        }
        if (json) {
            json_array_append_new(arr, state_json(e, &st, known));
        } else {
            char succ[32], next[32], status[16];
            ago(st.last_success_ms, now, succ, sizeof succ);
            if (st.next_due_ms && st.next_due_ms <= now) snprintf(next, sizeof next, "due");
            else ago(st.next_due_ms, now, next, sizeof next);
            if (!known || !st.polls) snprintf(status, sizeof status, "-");
            else if (st.last_status) snprintf(status, sizeof status, "%ld", st.last_status);
            else snprintf(status, sizeof status, "none");
            const char *key = fw_feedlist_key(e);
            printf("%-24.*s %-6s %-4ld %-10s %-10s %-5s %s\n", 24, key, status, st.errors, succ,
                   known ? next : "-", st.dead ? "DEAD" : "-", st.last_error ? st.last_error : (known ? "" : "(no state)"));
        }
        fw_feed_state_fini(&st);
    }
    if (json) {
        json_dumpf(arr, stdout, JSON_INDENT(2));
        putchar('\n');
    }
    rc = TOOL_OK;
out:
    json_decref(arr);
    fw_sched_filestore_free(store);
    fw_feedlist_free(fl);
    fw_buf_fini(&dir);
    fw_buf_fini(&blob);
    fw_conf_fini(&conf);
    return rc;
}
