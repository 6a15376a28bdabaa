package io.acqsim.core.config;

import java.time.Duration;

/**
 * The admin HTTP API.
 *
 * @param host                bind address, loopback unless configured otherwise
 * @param port                TCP port; 0 means any free port
 * @param token               optional bearer token every request must present; {@code ${NAME}} takes
 *                            it from the environment (see {@link EnvExpansion})
 * @param enabled             false: no admin API at all
 * @param allowUnauthenticated true: serve a non-loopback {@code host} without a token on purpose
 *                            (otherwise such a configuration stops the start)
 * @param maxConnections      admin connections open at once; more are answered 503 and closed
 * @param requestTimeout      a request (headers and body) must arrive in full within this time of
 *                            its first byte, or its connection is closed
 * @param idleTimeout         a connection with no request under way for this long is closed
 */
public record AdminConfig(String host, Integer port, String token, Boolean enabled, Boolean allowUnauthenticated,
                          Integer maxConnections, Duration requestTimeout, Duration idleTimeout) {
    public AdminConfig {
        host = host == null ? "127.0.0.1" : host;
        port = port == null ? 8580 : port;
        enabled = enabled == null || enabled;
        allowUnauthenticated = allowUnauthenticated != null && allowUnauthenticated;
        maxConnections = maxConnections == null ? 64 : maxConnections;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
        idleTimeout = idleTimeout == null ? Duration.ofSeconds(60) : idleTimeout;
    }

    /** Every default. */
    public static AdminConfig defaults() {
        return new AdminConfig(null, null, null, null, null, null, null, null);
    }

    public AdminConfig withPort(int newPort) {
        return new AdminConfig(host, newPort, token, enabled, allowUnauthenticated, maxConnections, requestTimeout,
                idleTimeout);
    }

    /** The token with {@code ${NAME}} expanded from the environment; null or empty: none. */
    public String resolvedToken() {
        return EnvExpansion.expand("configuration", "admin.token", token);
    }

    /** Whether a bearer token is in force (an empty expansion is none). */
    public boolean hasToken() {
        String t = resolvedToken();
        return t != null && !t.isEmpty();
    }
}
