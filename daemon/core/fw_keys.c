#include "feedwire/fw_keys.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void fw_keys_init(struct fw_keys *k, const char *prefix)
{
    snprintf(k->prefix, sizeof k->prefix, "%s", prefix ? prefix : "");
    for (char *p = k->prefix; *p; p++)
        if (*p == ' ') *p = '_';
}

/* ids are ours (32 hex): capped anyway, a key never overflows */
const char *fw_keys_article(const struct fw_keys *k, const char *id, char out[FW_KEY_MAX])
{
    snprintf(out, FW_KEY_MAX, "%sa:%.64s", k->prefix, id);
    return out;
}

const char *fw_keys_claim(const struct fw_keys *k, const char *id, char out[FW_KEY_MAX])
{
    snprintf(out, FW_KEY_MAX, "%sl:%.64s", k->prefix, id);
    return out;
}

const char *fw_keys_url(const struct fw_keys *k, uint64_t url_hash, char out[FW_KEY_MAX])
{
    snprintf(out, FW_KEY_MAX, "%su:%016" PRIx64, k->prefix, url_hash);
    return out;
}

const char *fw_keys_text(const struct fw_keys *k, uint64_t text_hash, char out[FW_KEY_MAX])
{
    snprintf(out, FW_KEY_MAX, "%sc:%016" PRIx64, k->prefix, text_hash);
    return out;
}

const char *fw_keys_band(const struct fw_keys *k, int band, unsigned value, char out[FW_KEY_MAX])
{
    snprintf(out, FW_KEY_MAX, "%ss:%d:%04x", k->prefix, band, value & 0xffffu);
    return out;
}

const char *fw_keys_feeds(const struct fw_keys *k, char out[FW_KEY_MAX])
{
    snprintf(out, FW_KEY_MAX, "%sfeeds", k->prefix);
    return out;
}

/* P <tag><name>, the name capped (ours: ids, buckets) */
static const char *tagged(const struct fw_keys *k, const char *tag, const char *name, char out[FW_KEY_MAX])
{
    snprintf(out, FW_KEY_MAX, "%s%s%.64s", k->prefix, tag, name);
    return out;
}

const char *fw_keys_incident_bucket(const struct fw_keys *k, const char *bucket, char out[FW_KEY_MAX])
{
    return tagged(k, "il:", bucket, out);
}

const char *fw_keys_incident_mentions(const struct fw_keys *k, const char *incident_id, char out[FW_KEY_MAX])
{
    return tagged(k, "im:", incident_id, out);
}

const char *fw_keys_incident_event(const struct fw_keys *k, const char *event_id, char out[FW_KEY_MAX])
{
    return tagged(k, "ie:", event_id, out);
}

const char *fw_keys_incident_recent(const struct fw_keys *k, char out[FW_KEY_MAX])
{
    return tagged(k, "ir", "", out);
}
