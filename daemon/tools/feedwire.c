/* feedwire: the operator's tool. Thin: each subcommand lives in tool_<name>.c
 * over the library. */
#include <stdio.h>
#include <string.h>

#include "feedwire/fw_version.h"
#include "tool.h"

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} cmds[] = {
    {"feed", tool_feed_main, "parse a feed file and print its entries (--json: the model)"},
    {"extract", tool_extract_main, "extract the text and metadata of saved article pages"},
    {"events", tool_events_main, "code an article into CAMEO/PLOVER events"},
    {"config", tool_config_main, "check, show or document the configuration"},
    {"feeds", tool_feeds_main, "show each feed's polling state (status, errors, next poll, dead)"},
    {"status", tool_status_main, "the running daemon's feeds and totals, from its metrics endpoint"},
    {"incidents", tool_incidents_main, "recent incidents and their mentions; --merge: merge events in memory"},
    {"tail", tool_tail_main, "print the articles and events arriving on Kafka"},
    {"delivery", tool_delivery_main, "dedup keys of URLs, items, texts; units waiting in the spool"},
    {"gazetteer", tool_gazetteer_main, "build or query the geocoding index"},
};

int tool_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) break;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) return 1;
    }
    return 0;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: feedwire COMMAND [ARGS...]\n\n"
               "The operator's tool for feedwired: inspect feeds, articles, events and the daemon.\n\n"
               "commands:\n");
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        fprintf(f, "  %-10s %s\n", cmds[i].name, cmds[i].summary);
    fprintf(f, "\n'feedwire COMMAND --help' describes each. Exit codes: 0 ok, 1 bad input, 2 usage.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return TOOL_USAGE;
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return TOOL_OK;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("feedwire %s\n", FW_VERSION);
        return TOOL_OK;
    }
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        if (strcmp(argv[1], cmds[i].name) != 0) continue;
        /* every command answers --version (before a lone "--") */
        for (int a = 2; a < argc && strcmp(argv[a], "--"); a++) {
            if (!strcmp(argv[a], "--version")) {
                printf("feedwire %s\n", FW_VERSION);
                return TOOL_OK;
            }
        }
        return cmds[i].run(argc - 1, argv + 1);
    }
    fprintf(stderr, "feedwire: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return TOOL_USAGE;
}
