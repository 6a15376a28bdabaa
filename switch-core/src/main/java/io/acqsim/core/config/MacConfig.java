package io.acqsim.core.config;

/**
 * MAC checking on the CUP dialect.
 *
 * @param enabled   check DE64 on requests and set it on responses
 * @param algorithm {@code cup-ecb} or {@code x919}
 * @param mak       the MAC key in clear, hex (16 hex digits for cup-ecb, 32 for x919)
 */
public record MacConfig(Boolean enabled, String algorithm, String mak) {
    public MacConfig {
        enabled = enabled != null && enabled;
        algorithm = algorithm == null ? "cup-ecb" : algorithm;
        mak = mak == null ? "0123456789ABCDEFFEDCBA9876543210" : mak;
    }
}
