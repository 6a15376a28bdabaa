package io.acqsim.core.config;

import java.time.Duration;

/**
 * Per-listener protection against misbehaving peers. A zero duration switches that timeout off.
 *
 * @param maxFrameLength   largest frame body a length prefix may announce; bigger closes the connection
 * @param maxConnections   open connections per listener; more are refused (closed at once, with a log line)
 * @param idleTimeout      a connection that sends nothing for this long is closed
 * @param readTimeout      a frame that started must be complete within this time (closes trickling senders)
 * @param maxInFlight      requests per connection awaiting a response before reading from it pauses
 * @param writeBufferLimit bytes of responses queued for a connection before reading from it pauses
 *                         (a peer that does not read its responses cannot exhaust memory)
 * @param shutdownGrace    how long a shutdown waits for requests in flight to be answered
 * @param writeTimeout     a peer that takes none of its queued responses for this long (reading from
 *                         it paused because they pile up) is closed, the undelivered ones counted
 */
public record LimitsConfig(Integer maxFrameLength, Integer maxConnections, Duration idleTimeout,
                           Duration readTimeout, Integer maxInFlight, Integer writeBufferLimit,
                           Duration shutdownGrace, Duration writeTimeout) {
    public LimitsConfig {
        maxFrameLength = maxFrameLength == null ? 8192 : maxFrameLength;
        maxConnections = maxConnections == null ? 10_000 : maxConnections;
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(10) : idleTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
        maxInFlight = maxInFlight == null ? 256 : maxInFlight;
        writeBufferLimit = writeBufferLimit == null ? 64 * 1024 : writeBufferLimit;
        shutdownGrace = shutdownGrace == null ? Duration.ofSeconds(5) : shutdownGrace;
        writeTimeout = writeTimeout == null ? Duration.ofSeconds(60) : writeTimeout;
    }

    /** Every default. */
    public static LimitsConfig defaults() {
        return new LimitsConfig(null, null, null, null, null, null, null, null);
    }
}
