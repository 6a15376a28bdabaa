package io.acqsim.core.config;

/**
 * The admin HTTP API.
 *
 * @param host  bind address, loopback unless configured otherwise
 * @param port  TCP port; 0 means any free port
 * @param token optional bearer token every request must present
 */
public record AdminConfig(String host, Integer port, String token, Boolean enabled) {
    public AdminConfig {
        host = host == null ? "127.0.0.1" : host;
        port = port == null ? 8580 : port;
        enabled = enabled == null || enabled;
    }

    public AdminConfig withPort(int newPort) {
        return new AdminConfig(host, newPort, token, enabled);
    }
}
