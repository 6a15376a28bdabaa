package io.acqsim.core.config;

/**
 * One entry of {@code dialects:} (PROTOCOL.md §1.1): a wire dialect declared as data. Every key
 * is optional; a missing one takes the value of the dialect it extends.
 *
 * @param extends_ the dialect whose catalogue (routing, matching keys, response codes), framing,
 *                 layout, charset and version this one starts from (YAML key {@code extends});
 *                 default: the built-in of the same name, else {@code iso87-ascii}
 * @param layout   a built-in layout name ({@code iso87-ascii}, {@code iso93-ascii}, ...) or a jPOS
 *                 GenericPackager XML file, relative to the configuration file
 * @param framing  length prefix, TPDU and fixed header
 * @param charset  {@code ascii} or {@code ebcdic} (IBM-1047)
 * @param version  {@code 1987} or {@code 1993}
 * @param matching which field or sub-field supplies each part of the key that reversals, voids
 *                 and duplicates find originals by; every part defaults to PROTOCOL.md §2's
 */
public record DialectConfig(
        @com.fasterxml.jackson.annotation.JsonProperty("extends") String extends_,
        String layout,
        FramingConfig framing,
        String charset,
        Integer version,
        MatchingConfig matching) {

    public DialectConfig(String extends_, String layout, FramingConfig framing, String charset, Integer version) {
        this(extends_, layout, framing, charset, version, null);
    }

    /**
     * @param length             {@code binary2}, {@code binary4}, {@code bcd2}, {@code ascii4} or {@code none}
     * @param lengthCountsItself the length includes its own bytes
     * @param tpdu               a 5-byte TPDU follows the length, swapped in responses
     * @param header             fixed header bytes in hex after the length and TPDU, echoed
     */
    public record FramingConfig(String length, Boolean lengthCountsItself, Boolean tpdu, String header) {
    }

    /**
     * Each value is a field ({@code N}) or a sub-field of a composite field ({@code N.M}); a missing
     * one is the value of the dialect this one extends, and in the end PROTOCOL.md §2's.
     *
     * @param terminal     the terminal id (default {@code 41})
     * @param merchant     the merchant id (default {@code 42})
     * @param stan         the trace number an original is keyed by, and a reversal when nothing
     *                     else names its original (default {@code 11})
     * @param originalStan where a reversal carries its original's STAN (no default); when the
     *                     message has it, it comes before {@code originalData}
     * @param originalData the original data elements (1987: DE90's layout, 1993: DE56's) whose
     *                     STAN names a reversal's original, or {@code none} (default {@code 90} on
     *                     1987, {@code 56} on 1993, {@code none} when {@code stan} is not DE11 and
     *                     on China UnionPay)
     */
    public record MatchingConfig(String terminal, String merchant, String stan, String originalStan,
                                 String originalData) {
    }
}
