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
 */
public record DialectConfig(
        @com.fasterxml.jackson.annotation.JsonProperty("extends") String extends_,
        String layout,
        FramingConfig framing,
        String charset,
        Integer version) {

    /**
     * @param length             {@code binary2}, {@code binary4}, {@code bcd2}, {@code ascii4} or {@code none}
     * @param lengthCountsItself the length includes its own bytes
     * @param tpdu               a 5-byte TPDU follows the length, swapped in responses
     * @param header             fixed header bytes in hex after the length and TPDU, echoed
     */
    public record FramingConfig(String length, Boolean lengthCountsItself, Boolean tpdu, String header) {
    }
}
