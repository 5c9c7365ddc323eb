/* feedwire feeds import|add|rm|ls: the feed list of a cluster, a compacted
 * Kafka topic (cluster.topic): key = the feed's name or URL, value = its line
 * in the text feed-list format, a null value (tombstone) removes it. A record
 * goes to the partition of its host (fw_cluster_partition_of), so one
 * daemon of the group polls every feed of a host. The topic is created
 * (cluster.partitions, cleanup.policy=compact) when missing. */
#include <getopt.h>
#include <librdkafka/rdkafka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_cluster.h"
#include "feedwire/fw_conf.h"
#include "feedwire/fw_feedlist.h"
#include "feedwire/fw_version.h"
#include "tool.h"

#define TIMEOUT_MS 15000

static void usage(FILE *f)
{
    fprintf(f, "usage: feedwire feeds import [-c CONF] [-b BROKERS] [-t TOPIC] FILE\n"
               "       feedwire feeds add    [-c CONF] [-b BROKERS] [-t TOPIC] 'URL [name=N] [interval=D] [id=K]'...\n"
               "       feedwire feeds rm     [-c CONF] [-b BROKERS] [-t TOPIC] KEY...\n"
               "       feedwire feeds ls     [-c CONF] [-b BROKERS] [-t TOPIC] [--owners]\n\n"
               "The feed list of a cluster of feedwired (cluster.enabled = yes): a compacted topic, one\n"
               "record per feed keyed by its name (or URL when it has none), in the partition of its host.\n"
               "import writes every feed of a feed-list file (text or OPML), add the feeds given as lines,\n"
               "rm writes tombstones, ls prints KEY, PARTITION and the feed's line of every feed; with --owners\n"
               "also (third column) the daemon of cluster.group polling it now: its client id\n"
               "(feedwired@HOST:PID) or cluster.instance_id, '-' while no daemon has the partition.\n"
               "  -c, --config FILE   brokers ([kafka]), cluster.topic and cluster.partitions from this config\n"
               "                      (default %s/feedwire.conf if readable)\n"
               "  -b, --brokers LIST  bootstrap servers (overrides the config)\n"
               "  -t, --topic NAME    the feed topic (overrides cluster.topic)\n"
               "The topic is created with cluster.partitions partitions and cleanup.policy=compact when missing.\n"
               "Exit 1 when the list is invalid or Kafka cannot be reached.\n",
            FW_CONFDIR);
}

struct rec {
    char *key, *val;
    int32_t part;
};

struct ctx {
    struct fw_conf conf;
    const char *brokers, *topic;
    rd_kafka_t *rk;        /* producer: writes and admin */
    int32_t nparts;
    struct rec *recs;      /* the topic's current view */
    size_t nrecs;
    int delivery_errors;
};

static rd_kafka_conf_t *kconf(struct ctx *x, int producer)
{
    char err[512];
    rd_kafka_conf_t *kc = rd_kafka_conf_new();
    for (size_t i = 0; i < x->conf.nkafka; i++) {
        const char *k = x->conf.kafka[i].key;
        if (!producer && (!strcmp(k, "enable.idempotence") || !strcmp(k, "acks") || !strncmp(k, "compression", 11) ||
                          !strncmp(k, "linger", 6) || !strncmp(k, "queue.buffering", 15)))
            continue;
        rd_kafka_conf_set(kc, k, x->conf.kafka[i].val, err, sizeof err);
    }
    if (x->brokers) rd_kafka_conf_set(kc, "bootstrap.servers", x->brokers, err, sizeof err);
    rd_kafka_conf_set(kc, "client.id", "feedwire-feeds", err, sizeof err);
    /* a broker's auto-creation would give the topic its default partitions, uncompacted */
    rd_kafka_conf_set(kc, "allow.auto.create.topics", "false", err, sizeof err);
    return kc;
}

static void on_dr(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque)
{
    struct ctx *x = opaque;
    if (m->err) {
        if (!x->delivery_errors++) fprintf(stderr, "feedwire feeds: %s\n", rd_kafka_err2str(m->err));
    }
}

/* The topic exists afterwards (created if missing); x->nparts is its partition count. */
static int ensure_topic(struct ctx *x)
{
    char err[512];
    const struct rd_kafka_metadata *md = NULL;
    rd_kafka_topic_t *rkt = rd_kafka_topic_new(x->rk, x->topic, NULL);
    for (int attempt = 0; attempt < 2; attempt++) {
        rd_kafka_resp_err_t e = rd_kafka_metadata(x->rk, 0, rkt, &md, TIMEOUT_MS);
        if (e) {
            fprintf(stderr, "feedwire feeds: cannot reach Kafka: %s\n", rd_kafka_err2str(e));
            rd_kafka_topic_destroy(rkt);
            return -1;
        }
        if (md->topic_cnt == 1 && !md->topics[0].err && md->topics[0].partition_cnt > 0) {
            x->nparts = md->topics[0].partition_cnt;
            rd_kafka_metadata_destroy(md);
            rd_kafka_topic_destroy(rkt);
            return 0;
        }
        rd_kafka_metadata_destroy(md);
        if (attempt) break;
        rd_kafka_NewTopic_t *nt =
            rd_kafka_NewTopic_new(x->topic, (int)x->conf.cluster_partitions, -1, err, sizeof err);
        if (!nt) break;
        rd_kafka_NewTopic_set_config(nt, "cleanup.policy", "compact");
        rd_kafka_queue_t *q = rd_kafka_queue_new(x->rk);
        rd_kafka_CreateTopics(x->rk, &nt, 1, NULL, q);
        rd_kafka_event_t *ev = rd_kafka_queue_poll(q, TIMEOUT_MS);
        const rd_kafka_CreateTopics_result_t *res = ev ? rd_kafka_event_CreateTopics_result(ev) : NULL;
        size_t n = 0;
        const rd_kafka_topic_result_t **tr = res ? rd_kafka_CreateTopics_result_topics(res, &n) : NULL;
        if (!ev || rd_kafka_event_error(ev) ||
            (n == 1 && rd_kafka_topic_result_error(tr[0]) &&
             rd_kafka_topic_result_error(tr[0]) != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS))
            fprintf(stderr, "feedwire feeds: cannot create %s: %s\n", x->topic,
                    !ev ? "timed out" : rd_kafka_event_error(ev) ? rd_kafka_event_error_string(ev)
                                                                : rd_kafka_topic_result_error_string(tr[0]));
        else
            fprintf(stderr, "feedwire feeds: created %s (%ld partitions, compacted)\n", x->topic,
                    x->conf.cluster_partitions);
        if (ev) rd_kafka_event_destroy(ev);
        rd_kafka_queue_destroy(q);
        rd_kafka_NewTopic_destroy(nt);
        sleep(1); /* metadata propagates */
    }
    rd_kafka_topic_destroy(rkt);
    fprintf(stderr, "feedwire feeds: topic %s unavailable\n", x->topic);
    return -1;
}

static struct rec *rec_find(struct ctx *x, const char *key)
{
    for (size_t i = 0; i < x->nrecs; i++)
        if (!strcmp(x->recs[i].key, key)) return &x->recs[i];
    return NULL;
}

static void rec_set(struct ctx *x, const char *key, size_t keylen, const char *val, size_t n, int32_t part)
{
    char *k = fw_xstrndup(key, keylen);
    struct rec *r = rec_find(x, k);
    if (!val) {
        if (r) {
            free(r->key);
            free(r->val);
            *r = x->recs[--x->nrecs];
        }
        free(k);
        return;
    }
    if (!r) {
        x->recs = fw_xrealloc(x->recs, (x->nrecs + 1) * sizeof *x->recs);
        r = &x->recs[x->nrecs++];
        r->key = k;
    } else {
        free(k);
        free(r->val);
    }
    r->val = fw_xstrndup(val, n);
    r->part = part;
}

/* Reads every partition up to its high watermark: the list as it is now. */
static int read_topic(struct ctx *x)
{
    char err[512];
    rd_kafka_conf_t *kc = kconf(x, 0);
    /* librdkafka wants a group.id for assign(); nothing is committed or joined */
    rd_kafka_conf_set(kc, "group.id", "feedwire-feeds", err, sizeof err);
    rd_kafka_conf_set(kc, "enable.auto.commit", "false", err, sizeof err);
    rd_kafka_t *c = rd_kafka_new(RD_KAFKA_CONSUMER, kc, err, sizeof err);
    if (!c) {
        rd_kafka_conf_destroy(kc);
        fprintf(stderr, "feedwire feeds: %s\n", err);
        return -1;
    }
    rd_kafka_topic_partition_list_t *parts = rd_kafka_topic_partition_list_new(x->nparts);
    int64_t *hi = fw_xcalloc((size_t)x->nparts, sizeof *hi);
    int waiting = 0, rc = 0;
    for (int32_t p = 0; p < x->nparts; p++) {
        int64_t lo;
        if (rd_kafka_query_watermark_offsets(c, x->topic, p, &lo, &hi[p], TIMEOUT_MS)) {
            fprintf(stderr, "feedwire feeds: cannot read %s[%d]\n", x->topic, (int)p);
            rc = -1;
            goto out;
        }
        if (hi[p] > lo) waiting++;
        else hi[p] = -1;
        rd_kafka_topic_partition_list_add(parts, x->topic, p)->offset = RD_KAFKA_OFFSET_BEGINNING;
    }
    rd_kafka_assign(c, parts);
    for (int idle = 0; waiting > 0 && idle < TIMEOUT_MS / 200;) {
        rd_kafka_message_t *m = rd_kafka_consumer_poll(c, 200);
        if (!m) {
            idle++;
            continue;
        }
        idle = 0;
        if (!m->err && m->partition >= 0 && m->partition < x->nparts && hi[m->partition] >= 0) {
            if (m->key && m->key_len) rec_set(x, m->key, m->key_len, m->payload, m->len, m->partition);
            if (m->offset + 1 >= hi[m->partition]) {
                hi[m->partition] = -1;
                waiting--;
            }
        }
        rd_kafka_message_destroy(m);
    }
    if (waiting) {
        fprintf(stderr, "feedwire feeds: %s not read to its end\n", x->topic);
        rc = -1;
    }
out:
    free(hi);
    rd_kafka_topic_partition_list_destroy(parts);
    rd_kafka_consumer_close(c);
    rd_kafka_destroy(c);
    return rc;
}

static void produce(struct ctx *x, const char *key, const char *val, int32_t part)
{
    rd_kafka_resp_err_t e;
    while ((e = rd_kafka_producev(x->rk, RD_KAFKA_V_TOPIC(x->topic), RD_KAFKA_V_PARTITION(part),
                                  RD_KAFKA_V_KEY(key, strlen(key)),
                                  RD_KAFKA_V_VALUE((void *)val, val ? strlen(val) : 0),
                                  RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END)) ==
           RD_KAFKA_RESP_ERR__QUEUE_FULL)
        rd_kafka_poll(x->rk, 100);
    if (e && !x->delivery_errors++) fprintf(stderr, "feedwire feeds: %s\n", rd_kafka_err2str(e));
}

/* Writes every feed of fl; a feed whose host moved it to another partition
 * leaves a tombstone in the old one. */
static size_t write_feeds(struct ctx *x, const struct fw_feedlist *fl)
{
    char line[8192];
    for (size_t i = 0; i < fl->n; i++) {
        const char *key = fw_feedlist_key(&fl->v[i]);
        int32_t part = fw_cluster_partition_of(fl->v[i].url, x->nparts);
        const struct rec *old = rec_find(x, key);
        if (old && old->part != part) produce(x, key, NULL, old->part);
        fw_cluster_entry_line(&fl->v[i], line, sizeof line);
        produce(x, key, line, part);
    }
    return fl->n;
}

static int cmd_rm(struct ctx *x, int argc, char **argv)
{
    int rc = TOOL_OK;
    for (int i = 0; i < argc; i++) {
        const struct rec *r = rec_find(x, argv[i]);
        if (!r) {
            fprintf(stderr, "feedwire feeds rm: no feed %s in %s\n", argv[i], x->topic);
            rc = TOOL_BADINPUT;
            continue;
        }
        produce(x, r->key, NULL, r->part);
    }
    return rc;
}

/* The group's members and their partitions: owner[p] is who polls
 * partition p's feeds (NULL: nobody). Strings are the caller's to free. */
static int describe_owners(struct ctx *x, char **owner)
{
    const char *groups[] = {x->conf.cluster_group};
    rd_kafka_queue_t *q = rd_kafka_queue_new(x->rk);
    rd_kafka_DescribeConsumerGroups(x->rk, groups, 1, NULL, q);
    rd_kafka_event_t *ev = rd_kafka_queue_poll(q, TIMEOUT_MS);
    const rd_kafka_DescribeConsumerGroups_result_t *res = ev ? rd_kafka_event_DescribeConsumerGroups_result(ev) : NULL;
    size_t n = 0;
    const rd_kafka_ConsumerGroupDescription_t **gs = res ? rd_kafka_DescribeConsumerGroups_result_groups(res, &n) : NULL;
    int rc = 0;
    if (!ev || rd_kafka_event_error(ev) || n != 1 || rd_kafka_ConsumerGroupDescription_error(gs[0])) {
        fprintf(stderr, "feedwire feeds: cannot describe group %s: %s\n", groups[0],
                !ev ? "timed out" : rd_kafka_event_error(ev) ? rd_kafka_event_error_string(ev)
                : n == 1 ? rd_kafka_error_string(rd_kafka_ConsumerGroupDescription_error(gs[0])) : "no answer");
        rc = -1;
    } else {
        for (size_t m = 0; m < rd_kafka_ConsumerGroupDescription_member_count(gs[0]); m++) {
            const rd_kafka_MemberDescription_t *md = rd_kafka_ConsumerGroupDescription_member(gs[0], m);
            const char *inst = rd_kafka_MemberDescription_group_instance_id(md);
            const char *name = inst && inst[0] ? inst : rd_kafka_MemberDescription_client_id(md);
            const rd_kafka_topic_partition_list_t *tp =
                rd_kafka_MemberAssignment_partitions(rd_kafka_MemberDescription_assignment(md));
            for (int i = 0; tp && i < tp->cnt; i++)
                if (!strcmp(tp->elems[i].topic, x->topic) && tp->elems[i].partition >= 0 &&
                    tp->elems[i].partition < x->nparts && !owner[tp->elems[i].partition])
                    owner[tp->elems[i].partition] = fw_xstrdup(name ? name : "?");
        }
    }
    if (ev) rd_kafka_event_destroy(ev);
    rd_kafka_queue_destroy(q);
    return rc;
}

static int by_key(const void *a, const void *b)
{
    return strcmp(((const struct rec *)a)->key, ((const struct rec *)b)->key);
}

int tool_feedtopic_main(int argc, char **argv)
{
    static const struct option longopts[] = {{"config", required_argument, NULL, 'c'},
                                             {"brokers", required_argument, NULL, 'b'},
                                             {"topic", required_argument, NULL, 't'},
                                             {"owners", no_argument, NULL, 'o'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    struct ctx x = {0};
    const char *conf_path = NULL, *cmd = argv[0];
    int c, rc = TOOL_BADINPUT, owners = 0;
    struct fw_feedlist *fl = NULL;
    char err[512];
    optind = 1;
    while ((c = getopt_long(argc, argv, "c:b:t:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'c': conf_path = optarg; break;
        case 'b': x.brokers = optarg; break;
        case 't': x.topic = optarg; break;
        case 'o': owners = 1; break;
        case 'h': usage(stdout); return TOOL_OK;
        default: usage(stderr); return TOOL_USAGE;
        }
    }
    int nargs = argc - optind;
    if ((!strcmp(cmd, "ls") && nargs) || (owners && strcmp(cmd, "ls")) || (!strcmp(cmd, "import") && nargs != 1) ||
        ((!strcmp(cmd, "add") || !strcmp(cmd, "rm")) && nargs < 1)) {
        usage(stderr);
        return TOOL_USAGE;
    }
    fw_conf_init(&x.conf);
    if (!conf_path && access(FW_CONFDIR "/feedwire.conf", R_OK) == 0) conf_path = FW_CONFDIR "/feedwire.conf";
    if (conf_path &&
        (fw_conf_load(&x.conf, conf_path, stderr) != 0 || fw_conf_finish(&x.conf, conf_path, stderr) != 0))
        goto out;
    if (!x.topic) x.topic = x.conf.cluster_topic;
    /* the list is checked whole before anything is written */
    if (!strcmp(cmd, "import") && fw_feedlist_load(argv[optind], &fl, err, sizeof err) != FW_OK) {
        fprintf(stderr, "feedwire feeds import: %s\n", err);
        goto out;
    }
    if (!strcmp(cmd, "add")) {
        struct fw_buf b;
        fw_buf_init(&b, 1 << 24);
        for (int i = optind; i < argc; i++) {
            fw_buf_adds(&b, argv[i]);
            fw_buf_adds(&b, "\n");
        }
        enum fw_err e = fw_feedlist_parse(b.p, b.len, "argument", &fl, err, sizeof err);
        fw_buf_fini(&b);
        if (e != FW_OK) {
            fprintf(stderr, "feedwire feeds add: %s\n", err);
            goto out;
        }
    }
    rd_kafka_conf_t *kc = kconf(&x, 1);
    rd_kafka_conf_set(kc, "enable.idempotence", "true", err, sizeof err);
    rd_kafka_conf_set_dr_msg_cb(kc, on_dr);
    rd_kafka_conf_set_opaque(kc, &x);
    if (!(x.rk = rd_kafka_new(RD_KAFKA_PRODUCER, kc, err, sizeof err))) {
        rd_kafka_conf_destroy(kc);
        fprintf(stderr, "feedwire feeds: %s\n", err);
        goto out;
    }
    if (ensure_topic(&x) != 0 || read_topic(&x) != 0) goto out;
    if (!strcmp(cmd, "ls")) {
        char **owner = fw_xcalloc((size_t)x.nparts, sizeof *owner);
        rc = owners && describe_owners(&x, owner) != 0 ? TOOL_BADINPUT : TOOL_OK;
        qsort(x.recs, x.nrecs, sizeof *x.recs, by_key);
        for (size_t i = 0; rc == TOOL_OK && i < x.nrecs; i++) {
            const char *o = owner[x.recs[i].part] ? owner[x.recs[i].part] : "-";
            printf("%s\t%d\t%s%s%s\n", x.recs[i].key, (int)x.recs[i].part, owners ? o : "", owners ? "\t" : "",
                   x.recs[i].val);
        }
        for (int32_t p = 0; p < x.nparts; p++) free(owner[p]);
        free(owner);
        goto out;
    }
    rc = TOOL_OK;
    size_t n = 0;
    if (fl) n = write_feeds(&x, fl);
    else rc = cmd_rm(&x, nargs, argv + optind);
    if (rd_kafka_flush(x.rk, TIMEOUT_MS) != RD_KAFKA_RESP_ERR_NO_ERROR || x.delivery_errors) {
        fprintf(stderr, "feedwire feeds %s: %d records not acknowledged by Kafka\n", cmd,
                x.delivery_errors ? x.delivery_errors : rd_kafka_outq_len(x.rk));
        rc = TOOL_BADINPUT;
    } else if (fl) {
        printf("%zu feeds written to %s (%d partitions)\n", n, x.topic, (int)x.nparts);
    }
out:
    if (x.rk) rd_kafka_destroy(x.rk);
    for (size_t i = 0; i < x.nrecs; i++) {
        free(x.recs[i].key);
        free(x.recs[i].val);
    }
    free(x.recs);
    fw_feedlist_free(fl);
    fw_conf_fini(&x.conf);
    return rc;
}
