package io.acqsim.core.config;

/**
 * Terminal sessions (PROTOCOL.md §9).
 *
 * @param requireSignOn decline transactions from a terminal that has not signed on since the host
 *                      started or since its sign-off
 * @param notSignedOn   the response code of such a decline; null takes the dialect's default
 *                      ({@code 58} on ISO, {@code A7} on CUP)
 */
public record SessionConfig(Boolean requireSignOn, String notSignedOn) {
    public SessionConfig {
        requireSignOn = requireSignOn != null && requireSignOn;
    }
}
