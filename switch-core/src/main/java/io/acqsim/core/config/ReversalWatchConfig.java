package io.acqsim.core.config;

import java.time.Duration;

/**
 * The reversal watch: how long a terminal has to reverse a response the bank withheld.
 *
 * @param within time from the withheld response to the reversal before it is reported overdue
 */
public record ReversalWatchConfig(Duration within) {
    public ReversalWatchConfig {
        within = within == null ? Duration.ofSeconds(60) : within;
    }
}
