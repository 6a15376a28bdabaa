package io.acqsim.core.config;

import java.time.Duration;

/**
 * Duplicate originals (same DE41, DE42, DE11 and DE7 or batch).
 *
 * @param policy {@code decline94} or {@code replay}
 * @param window how long an original is remembered for duplicate detection
 */
public record DuplicateConfig(String policy, Duration window) {
    public DuplicateConfig {
        policy = policy == null ? "decline94" : policy;
        window = window == null ? Duration.ofMinutes(5) : window;
    }
}
