package io.acqsim.core.config;

/**
 * @param failure {@code none} (advices always acknowledged {@code 00}), a response code such as
 *                {@code 96} (answered but not applied), or {@code drop} (no answer, not applied),
 *                for store-and-forward tests
 */
public record AdviceConfig(String failure) {
    public AdviceConfig {
        failure = failure == null ? "none" : failure;
    }
}
