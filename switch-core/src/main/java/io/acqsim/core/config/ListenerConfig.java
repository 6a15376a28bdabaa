package io.acqsim.core.config;

import java.time.Duration;

/**
 * One TCP listener: which dialect it speaks and where it binds, or, with {@code connect}, where
 * it dials (a connect-out listener: a host-to-host link that acqsim keeps up itself).
 *
 * @param dialect           {@code cup-pos}, {@code iso87-binary} or {@code iso87-ascii}
 * @param host              bind address (default 0.0.0.0: terminals connect from other machines)
 * @param port              TCP port; 0 means any free port
 * @param tpduResponse      {@code swap} (destination and source exchanged) or {@code echo}
 * @param enabled           false keeps the listener configured but closed
 * @param tls               TLS certificate and key; absent means plain TCP
 * @param connect           {@code host:port} to dial instead of listening (then {@code port} is not set)
 * @param echoInterval      connect-out: an echo test every this long (default 60s; 0 sends none)
 * @param echoTimeout       connect-out: an echo not answered within this declares the link dead (default 10s)
 * @param reconnectDelay    connect-out: the first redial waits this long (default 1s), doubling each failure
 * @param reconnectMaxDelay connect-out: the longest wait between redials (default 60s)
 */
public record ListenerConfig(String dialect, String host, Integer port, String tpduResponse, Boolean enabled,
                             TlsConfig tls, String connect, Duration echoInterval, Duration echoTimeout,
                             Duration reconnectDelay, Duration reconnectMaxDelay) {
    public ListenerConfig {
        host = host == null ? "0.0.0.0" : host;
        tpduResponse = tpduResponse == null ? "swap" : tpduResponse;
        enabled = enabled == null || enabled;
        echoInterval = echoInterval == null ? Duration.ofSeconds(60) : echoInterval;
        echoTimeout = echoTimeout == null ? Duration.ofSeconds(10) : echoTimeout;
        reconnectDelay = reconnectDelay == null ? Duration.ofSeconds(1) : reconnectDelay;
        reconnectMaxDelay = reconnectMaxDelay == null ? Duration.ofSeconds(60) : reconnectMaxDelay;
    }

    public ListenerConfig(String dialect, String host, Integer port, String tpduResponse, Boolean enabled,
                          TlsConfig tls) {
        this(dialect, host, port, tpduResponse, enabled, tls, null, null, null, null, null);
    }

    public ListenerConfig withPort(int newPort) {
        return new ListenerConfig(dialect, host, newPort, tpduResponse, enabled, tls, connect, echoInterval,
                echoTimeout, reconnectDelay, reconnectMaxDelay);
    }

    /** Whether this listener dials out ({@code connect}) instead of listening. */
    public boolean connectsOut() {
        return connect != null;
    }

    /** The host part of {@code connect}. */
    public String connectHost() {
        return connect.substring(0, connect.lastIndexOf(':'));
    }

    /** The port part of {@code connect}. */
    public int connectPort() {
        return Integer.parseInt(connect.substring(connect.lastIndexOf(':') + 1));
    }
}
