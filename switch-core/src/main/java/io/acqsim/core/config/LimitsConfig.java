package io.acqsim.core.config;

import java.time.Duration;

/**
 * Per-listener protection against misbehaving peers.
 *
 * @param maxFrameLength  largest frame body a length prefix may announce; bigger closes the connection
 * @param maxConnections  open connections per listener; more are refused
 * @param idleTimeout     a connection that sends nothing for this long is closed
 * @param readTimeout     a frame that started must be complete within this time
 * @param maxInFlight     requests per connection awaiting a response before reading pauses
 */
public record LimitsConfig(Integer maxFrameLength, Integer maxConnections, Duration idleTimeout,
                           Duration readTimeout, Integer maxInFlight) {
    public LimitsConfig {
        maxFrameLength = maxFrameLength == null ? 8192 : maxFrameLength;
        maxConnections = maxConnections == null ? 10_000 : maxConnections;
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(10) : idleTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
        maxInFlight = maxInFlight == null ? 256 : maxInFlight;
    }
}
