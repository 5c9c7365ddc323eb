/* Helpers shared by C tests. Header-only, tests only. */
#ifndef FW_TEST_H
#define FW_TEST_H
#include <stdio.h>
#include <stdlib.h>

/* Integration tests need the services of scripts/services.sh, whose addresses
 * scripts/test.sh exports. Without them: skip (77), unless FW_REQUIRE_SERVICES
 * is set (as under scripts/test.sh and CI), where a missing service fails. */
static inline void fw_test_require_services(void)
{
    if (getenv("FW_KAFKA_BROKERS") && getenv("FW_REDIS_PORT")) return;
    if (getenv("FW_REQUIRE_SERVICES")) {
        fprintf(stderr, "FW_KAFKA_BROKERS/FW_REDIS_PORT unset but FW_REQUIRE_SERVICES is set\n");
        exit(1);
    }
    fprintf(stderr, "skipped: no services (run scripts/services.sh start and source its env file)\n");
    exit(77);
}

static inline const char *fw_test_env(const char *name)
{
    const char *v = getenv(name);
    if (!v) {
        fprintf(stderr, "missing environment variable %s\n", name);
        exit(1);
    }
    return v;
}

/* scripts/services.sh <what> <which> ("stop", "redis") on the services the
 * environment names; 0 on success. */
static inline int fw_test_services(const char *what, const char *which)
{
    char cmd[1024];
    const char *st = getenv("FW_SERVICES_STATE");
    snprintf(cmd, sizeof cmd, "%s%s %s/scripts/services.sh %s %s >/dev/null 2>&1", st ? "FW_STATE=" : "",
             st ? st : "", fw_test_env("FW_SOURCE_DIR"), what, which);
    return system(cmd);
}
#endif
