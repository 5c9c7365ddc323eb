/* feedwire config check|show|docs */
#include <stdio.h>
#include <string.h>

#include "feedwire/fw_conf.h"
#include "feedwire/fw_feedlist.h"
#include "feedwire/fw_version.h"
#include "tool.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: feedwire config check [FILE]     validate a config file (errors as file:line) and its\n"
               "                                        daemon.feeds_file as feedwired loads it\n"
               "       feedwire config show [--json] [FILE]  effective values, defaults marked (--json: an object\n"
               "                                 {option: {value, default}}, secrets hidden)\n"
               "       feedwire config docs [--markdown|--man]  the commented default config (or the README\n"
               "                                         table, or feedwire.conf(5))\n"
               "FILE defaults to %s/feedwire.conf.\n", FW_CONFDIR);
}

int tool_config_main(int argc, char **argv)
{
    if (tool_wants_help(argc, argv)) {
        usage(stdout);
        return TOOL_OK;
    }
    if (argc < 2) {
        usage(stderr);
        return TOOL_USAGE;
    }
    const char *sub = argv[1];
    if (!strcmp(sub, "docs")) {
        if (argc > 3 || (argc == 3 && strcmp(argv[2], "--markdown") && strcmp(argv[2], "--man"))) {
            usage(stderr);
            return TOOL_USAGE;
        }
        if (argc == 3 && !strcmp(argv[2], "--markdown")) fw_conf_write_markdown(stdout);
        else if (argc == 3) fw_conf_write_man(stdout);
        else fw_conf_write_docs(stdout);
        return TOOL_OK;
    }
    if (strcmp(sub, "check") && strcmp(sub, "show")) {
        fprintf(stderr, "feedwire config: unknown subcommand '%s'\n", sub);
        usage(stderr);
        return TOOL_USAGE;
    }
    const char *path = NULL;
    int json = 0;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--json") && !strcmp(sub, "show")) {
            json = 1;
        } else if (argv[i][0] == '-' || path) {
            /* an option it does not know is a usage error, not a file name */
            fprintf(stderr, "feedwire config %s: unexpected '%s'\n", sub, argv[i]);
            usage(stderr);
            return TOOL_USAGE;
        } else {
            path = argv[i];
        }
    }
    if (!path) path = FW_CONFDIR "/feedwire.conf";
    struct fw_conf c;
    fw_conf_init(&c);
    int nerr = fw_conf_load(&c, path, stderr);
    if (!nerr) nerr = fw_conf_finish(&c, path, stderr);
    size_t nfeeds = 0;
    int feeds_read = 0;
    if (!nerr && !strcmp(sub, "check")) {
        /* the feed list feedwired would refuse is an error here too; one not
         * there yet (a config checked before deployment) is only a warning */
        struct fw_feedlist *fl = NULL;
        char err[512];
        enum fw_err frc = fw_feedlist_load(c.feeds_file, &fl, err, sizeof err);
        if (frc == FW_OK) {
            nfeeds = fl->n;
            feeds_read = 1;
        } else if (frc == FW_E_IO) {
            fprintf(stderr, "%s: warning: daemon.feeds_file not readable (%s): feedwired will not start without it\n",
                    path, err);
        } else {
            fprintf(stderr, "%s\n", err);
            nerr++;
        }
        fw_feedlist_free(fl);
    }
    int rc = TOOL_OK;
    if (nerr) {
        fprintf(stderr, "%s: %d error%s\n", path, nerr, nerr == 1 ? "" : "s");
        rc = TOOL_BADINPUT;
    } else if (!strcmp(sub, "show")) {
        if (json) fw_conf_write_effective_json(&c, stdout);
        else fw_conf_write_effective(&c, stdout);
    } else {
        if (feeds_read) printf("%s: ok (%zu feeds in %s)\n", path, nfeeds, c.feeds_file);
        else printf("%s: ok\n", path);
    }
    fw_conf_fini(&c);
    return rc;
}
