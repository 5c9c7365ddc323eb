/* feedwired: the daemon. Thin: argument parsing, then fw_daemon_run(). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feedwire/fw_conf.h"
#include "feedwire/fw_daemon.h"
#include "feedwire/fw_version.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: feedwired [-c FILE] [-o option=value]... [--check]\n\n"
               "Watches RSS/Atom feeds, extracts articles and the events they report, and\n"
               "publishes both to Kafka, deduplicated in Redis.\n\n"
               "  -c, --config FILE   config file (default %s/feedwire.conf)\n"
               "  -o, --option K=V    override one option, e.g. -o redis.port=6380 (repeatable)\n"
               "      --check         load and validate the configuration, then exit\n"
               "  -h, --help          this text\n"
               "  -V, --version       print the version\n\n"
               "Signals: SIGHUP reloads the config and feed list; SIGTERM drains and exits.\n",
            FW_CONFDIR);
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"config", required_argument, NULL, 'c'}, {"option", required_argument, NULL, 'o'},
        {"check", no_argument, NULL, 'C'},        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},      {NULL, 0, NULL, 0},
    };
    struct fw_daemon_opts o = {.config_path = FW_CONFDIR "/feedwire.conf"};
    char **overrides = calloc((size_t)argc + 1, sizeof *overrides);
    int c, n = 0;
    while ((c = getopt_long(argc, argv, "c:o:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 'c': o.config_path = optarg; break;
        case 'o': overrides[n++] = optarg; break;
        case 'C': o.check_only = 1; break;
        case 'h': usage(stdout); free(overrides); return 0;
        case 'V': printf("feedwired %s\n", FW_VERSION); free(overrides); return 0;
        default: usage(stderr); free(overrides); return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "feedwired: unexpected argument '%s'\n", argv[optind]);
        usage(stderr);
        free(overrides);
        return 2;
    }
    o.overrides = (const char *const *)overrides;
    int rc = fw_daemon_run(&o);
    free(overrides);
    return rc;
}
