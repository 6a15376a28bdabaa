package io.acqsim.core.config;

/**
 * One TCP listener: which dialect it speaks and where it binds.
 *
 * @param dialect        {@code cup-pos}, {@code iso87-binary} or {@code iso87-ascii}
 * @param host           bind address (default 0.0.0.0: terminals connect from other machines)
 * @param port           TCP port; 0 means any free port
 * @param tpduResponse   {@code swap} (destination and source exchanged) or {@code echo}
 * @param enabled        false keeps the listener configured but closed
 * @param tls            TLS certificate and key; absent means plain TCP
 */
public record ListenerConfig(String dialect, String host, Integer port, String tpduResponse, Boolean enabled,
                             TlsConfig tls) {
    public ListenerConfig {
        host = host == null ? "0.0.0.0" : host;
        tpduResponse = tpduResponse == null ? "swap" : tpduResponse;
        enabled = enabled == null || enabled;
    }

    public ListenerConfig withPort(int newPort) {
        return new ListenerConfig(dialect, host, newPort, tpduResponse, enabled, tls);
    }
}
