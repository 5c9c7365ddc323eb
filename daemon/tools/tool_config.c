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
               "       feedwire config show [FILE]      effective values, defaults marked\n"
               "       feedwire config docs [--markdown] the commented default config (or the README table)\n"
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
        if (argc > 2 && !strcmp(argv[2], "--markdown")) fw_conf_write_markdown(stdout);
        else fw_conf_write_docs(stdout);
        return TOOL_OK;
    }
    if (strcmp(sub, "check") && strcmp(sub, "show")) {
        fprintf(stderr, "feedwire config: unknown subcommand '%s'\n", sub);
        usage(stderr);
        return TOOL_USAGE;
    }
    if (argc > 3) {
        usage(stderr);
        return TOOL_USAGE;
    }
    const char *path = argc > 2 ? argv[2] : FW_CONFDIR "/feedwire.conf";
    struct fw_conf c;
    fw_conf_init(&c);
    int nerr = fw_conf_load(&c, path, stderr);
    if (!nerr) nerr = fw_conf_validate(&c, path, stderr);
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
        fw_conf_write_effective(&c, stdout);
    } else {
        if (feeds_read) printf("%s: ok (%zu feeds in %s)\n", path, nfeeds, c.feeds_file);
        else printf("%s: ok\n", path);
    }
    fw_conf_fini(&c);
    return rc;
}
