package io.acqsim.core.config;

/**
 * Reversal knobs of PROTOCOL.md §3.
 *
 * @param unknownOriginal response to a reversal whose original the host never saw: {@code 00}, {@code 25} or {@code 12}
 * @param duplicate       a repeated reversal: {@code replay} the first response, or {@code decline:<code>}
 * @param ofVoided        response to a reversal of a voided sale
 * @param strictAmount    decline {@code 64} a reversal whose DE4 differs from the original (without DE95)
 */
public record ReversalConfig(String unknownOriginal, String duplicate, String ofVoided, Boolean strictAmount) {
    public ReversalConfig {
        unknownOriginal = unknownOriginal == null ? "00" : unknownOriginal;
        duplicate = duplicate == null ? "replay" : duplicate;
        ofVoided = ofVoided == null ? "12" : ofVoided;
        strictAmount = strictAmount == null || strictAmount;
    }
}
