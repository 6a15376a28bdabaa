package io.acqsim.core.config;

/** @param responseCode answer to an original that arrives after its reversal left a tombstone */
public record LateOriginalConfig(String responseCode) {
    public LateOriginalConfig {
        responseCode = responseCode == null ? "12" : responseCode;
    }
}
