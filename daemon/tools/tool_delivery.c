/* feedwire delivery url|id|text|spool: what dedup makes of a URL, an item or a
 * text, and what waits in the sink's spool. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "feedwire/fw_conf.h"
#include "feedwire/fw_dedup.h"
#include "feedwire/fw_spool.h"
#include "feedwire/fw_statedir.h"
#include "feedwire/fw_version.h"
#include "tool.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: feedwire delivery url URL...      canonical form of article URLs, as dedup keys them\n"
            "       feedwire delivery id [--feed URL] [--guid G] [--link URL] [--title T] [--date D]\n"
            "                            [--rule auto|guid|link|hash]   the item id (the Kafka key)\n"
            "       feedwire delivery text [FILE]     text hash and simhash (FILE - or none: stdin)\n"
            "       feedwire delivery spool [DIR | -c CONFIG]   units waiting for Kafka in the spool\n"
            "                            (read only: safe while feedwired runs; default %s/feedwire.conf)\n",
            FW_CONFDIR);
}

static int cmd_url(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return TOOL_USAGE;
    }
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-') { /* an option it does not know, not a URL */
            usage(stderr);
            return TOOL_USAGE;
        }
    }
    int rc = TOOL_OK;
    for (int i = 1; i < argc; i++) {
        struct fw_buf b;
        char err[256];
        fw_buf_init(&b, 0);
        if (fw_dedup_normalize_url(argv[i], &b, err, sizeof err) == FW_OK) {
            printf("%s\n", b.p);
        } else {
            fprintf(stderr, "feedwire delivery url: %s: %s\n", argv[i], err);
            rc = TOOL_BADINPUT;
        }
        fw_buf_fini(&b);
    }
    return rc;
}

static int cmd_id(int argc, char **argv)
{
    static const struct option lo[] = {{"feed", 1, NULL, 'f'},  {"guid", 1, NULL, 'g'}, {"link", 1, NULL, 'l'},
                                       {"title", 1, NULL, 't'}, {"date", 1, NULL, 'd'}, {"rule", 1, NULL, 'r'},
                                       {NULL, 0, NULL, 0}};
    struct fw_dedup_item it = {0};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
        switch (c) {
        case 'f': it.feed_url = optarg; break;
        case 'g': it.guid = optarg; break;
        case 'l': it.link = optarg; break;
        case 't': it.title = optarg; break;
        case 'd': it.date = optarg; break;
        case 'r': {
            int r = fw_dedup_parse_rule(optarg);
            if (r < 0) {
                fprintf(stderr, "feedwire delivery id: unknown rule '%s' (auto|guid|link|hash)\n", optarg);
                return TOOL_USAGE;
            }
            it.rule = (enum fw_dedup_rule)r;
            break;
        }
        default: usage(stderr); return TOOL_USAGE;
        }
    }
    if (optind != argc) {
        usage(stderr);
        return TOOL_USAGE;
    }
    char id[FW_DEDUP_ID_LEN + 1];
    fw_dedup_item_id(&it, id);
    printf("%s\n", id);
    return TOOL_OK;
}

static int cmd_text(int argc, char **argv)
{
    if (argc > 2 || (argc == 2 && argv[1][0] == '-' && argv[1][1])) {
        usage(stderr);
        return TOOL_USAGE;
    }
    struct fw_buf b;
    char err[256];
    fw_buf_init(&b, 64u << 20);
    if (fw_buf_read_file(&b, argc == 2 ? argv[1] : "-", err, sizeof err) != FW_OK) {
        fprintf(stderr, "feedwire delivery text: %s\n", err);
        fw_buf_fini(&b);
        return TOOL_BADINPUT;
    }
    const char *p = b.p ? b.p : "";
    printf("text_hash %016" PRIx64 "\nsimhash %016" PRIx64 "\n", fw_dedup_text_hash(p, b.len),
           fw_dedup_simhash(p, b.len));
    fw_buf_fini(&b);
    return TOOL_OK;
}

static int cmd_spool(int argc, char **argv)
{
    char dir[4096], err[512];
    const char *conf_path = NULL, *d = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-c") && i + 1 < argc) conf_path = argv[++i];
        else if (!d && argv[i][0] != '-') d = argv[i];
        else {
            usage(stderr);
            return TOOL_USAGE;
        }
    }
    if (!d) {
        struct fw_conf c;
        fw_conf_init(&c);
        char def[4096];
        snprintf(def, sizeof def, "%s/feedwire.conf", FW_CONFDIR);
        if (fw_conf_load(&c, conf_path ? conf_path : def, stderr) != 0) {
            fw_conf_fini(&c);
            return TOOL_BADINPUT;
        }
        enum fw_err rc = fw_statedir_path(c.state_dir, FW_STATEDIR_SPOOL, dir, sizeof dir, err, sizeof err);
        fw_conf_fini(&c);
        if (rc != FW_OK) {
            fprintf(stderr, "feedwire delivery spool: %s\n", err);
            return TOOL_BADINPUT;
        }
        d = dir;
    }
    struct fw_spool_stats st;
    if (fw_spool_stat(d, &st, err, sizeof err) != FW_OK) {
        fprintf(stderr, "feedwire delivery spool: %s\n", err);
        return TOOL_BADINPUT;
    }
    printf("spool %s\nunits waiting %" PRIu64 "\nbytes %" PRIu64 "\nsegments %" PRIu64 "\n", d, st.live, st.bytes,
           st.segments);
    if (st.torn_bytes) printf("torn bytes %" PRIu64 " (a write in progress, or cut at the next start)\n", st.torn_bytes);
    return TOOL_OK;
}

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} subs[] = {{"url", cmd_url}, {"id", cmd_id}, {"text", cmd_text}, {"spool", cmd_spool}};

int tool_delivery_main(int argc, char **argv)
{
    if (tool_wants_help(argc, argv)) {
        usage(stdout);
        return TOOL_OK;
    }
    for (size_t i = 0; argc >= 2 && i < sizeof subs / sizeof subs[0]; i++)
        if (!strcmp(argv[1], subs[i].name)) return subs[i].run(argc - 1, argv + 1);
    if (argc >= 2) fprintf(stderr, "feedwire delivery: unknown subcommand '%s'\n", argv[1]);
    usage(stderr);
    return TOOL_USAGE;
}
