/* fw_redis_tls: Redis over TLS for a hiredis without TLS. Debian 12 ships
 * hiredis 0.14, which has no hiredis_ssl; so a relay thread per connection
 * speaks TLS (OpenSSL) to the server and plaintext to hiredis over a
 * socketpair. The relay owns its TCP socket, its SSL objects and its end of
 * the pair; it ends, closing everything, when either side closes or fails, so
 * hiredis sees a TLS failure as a lost connection and reconnects as usual.
 * When Debian ships hiredis >= 1.0, redisInitiateSSLWithContext replaces it.
 * Thread: fw_redis_tls_relay() from any; the relay runs on its own thread. */
#ifndef FW_REDIS_TLS_H
#define FW_REDIS_TLS_H
#include <stddef.h>
#include <stdint.h>

struct fw_redis_tls_opts {
    const char *host;        /* where the server listens (its tls-port) */
    int port;
    const char *ca_file;     /* "" or NULL: the system's CAs */
    const char *cert_file;   /* client certificate, "" or NULL: none */
    const char *key_file;
    const char *server_name; /* "" or NULL: host; an IP address is checked as one */
    uint64_t timeout_ms;     /* TCP connect and TLS handshake */
};

/* Starts a relay; returns the plaintext end of its socketpair (blocking,
 * close-on-exec; the caller owns it), or -1 with err filled. The strings of o
 * are copied. Connecting and the handshake happen on the relay's thread: a
 * failure there is logged (once until a handshake succeeds) and closes the
 * pair. */
int fw_redis_tls_relay(const struct fw_redis_tls_opts *o, char *err, size_t errsz);

/* Waits at most timeout_ms for every relay to end (each ends once the other
 * end of its pair is closed): shutdown, after closing the connections. */
void fw_redis_tls_wait(uint64_t timeout_ms);

#endif
