/* fw_daemon: the daemon's life: load config and feeds, connect Redis and
 * Kafka, run the pipeline on the event loop, reload on SIGHUP, drain on
 * SIGTERM. Thread: main. */
#ifndef FW_DAEMON_H
#define FW_DAEMON_H

struct fw_daemon_opts {
    const char *config_path;
    const char *const *overrides; /* NULL-terminated "name=value" */
    int check_only;
};

/* Returns the process exit code: 0 clean stop, 1 runtime failure, 2 config. */
int fw_daemon_run(const struct fw_daemon_opts *o);

#endif
