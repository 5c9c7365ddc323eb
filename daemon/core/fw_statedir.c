#include "feedwire/fw_statedir.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

enum fw_err fw_statedir_make(const char *state_dir, char *err, size_t errsz)
{
    if (mkdir(state_dir, 0700) != 0 && errno != EEXIST)
        return fw_fail(err, errsz, FW_E_IO, "daemon.state_dir %s: %s", state_dir, strerror(errno));
    return FW_OK;
}

enum fw_err fw_statedir_path(const char *state_dir, enum fw_statedir_entry e, char *out, size_t n, char *err,
                             size_t errsz)
{
    static const char *const names[] = {[FW_STATEDIR_FEEDS] = "feeds", [FW_STATEDIR_SPOOL] = "spool"};
    int k = snprintf(out, n, "%s/%s", state_dir, names[e]);
    if (k < 0 || (size_t)k >= n) return fw_fail(err, errsz, FW_E_TOOBIG, "daemon.state_dir too long: %.100s", state_dir);
    return FW_OK;
}
