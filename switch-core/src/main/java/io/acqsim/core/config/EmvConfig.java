package io.acqsim.core.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Chip (EMV) checks. Keys are test keys, given in clear as hex.
 *
 * @param arqcFailure the response code of a request whose ARQC (9F26) does not verify
 * @param imkAc       issuer master key for application cryptograms (32 hex digits) per BIN prefix;
 *                    the longest matching prefix wins, {@code "*"} matches every card
 */
public record EmvConfig(String arqcFailure, Map<String, String> imkAc) {
    /** The shipped test IMK-AC, for every BIN (PROTOCOL.md §8). */
    public static final String TEST_IMK_AC = "0123456789ABCDEFFEDCBA9876543210";

    public EmvConfig {
        arqcFailure = arqcFailure == null ? "05" : arqcFailure;
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("*", TEST_IMK_AC);
        if (imkAc != null) {
            keys.putAll(imkAc);
        }
        imkAc = keys;
    }
}
