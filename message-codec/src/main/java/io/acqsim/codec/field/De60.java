package io.acqsim.codec.field;

/**
 * CUP DE60, "reserved private": 60.1 message type code n2 (22 sale, 23 void, 00 management, ...),
 * 60.2 batch number n6, 60.3 network management code n3 ({@code 000} on financial messages,
 * {@code 001}/{@code 003}/{@code 004} sign-on, {@code 201} settlement), then optional one-digit
 * sub-fields (60.4 terminal read capability, 60.5 IC condition code, ...) kept as one string.
 *
 * <p>{@code De60.parse("22000001000")} gives type {@code 22}, batch {@code 000001}, network
 * code {@code 000}; {@link #format()} gives the wire string back unchanged.
 */
public record De60(String type, String batch, String networkCode, String optional) {
    private static final String FIELD = "DE60";

    public De60 {
        SubFields.digits(type, 2, "DE60.1 (message type code)");
        SubFields.digits(batch, 6, "DE60.2 (batch number)");
        SubFields.digits(networkCode, 3, "DE60.3 (network management code)");
        SubFields.optionalDigits(optional, "DE60.4+ (optional sub-fields)");
    }

    public De60(String type, String batch, String networkCode) {
        this(type, batch, networkCode, "");
    }

    public static De60 parse(String wire) {
        SubFields.require(wire, FIELD);
        return new De60(SubFields.slice(wire, 0, 2, "DE60.1 (message type code)", FIELD),
                SubFields.slice(wire, 2, 6, "DE60.2 (batch number)", FIELD),
                SubFields.slice(wire, 8, 3, "DE60.3 (network management code)", FIELD),
                wire.substring(11));
    }

    /** The same DE60 in another batch (a host answering a settlement, a terminal after it). */
    public De60 withBatch(String newBatch) {
        return new De60(type, newBatch, networkCode, optional);
    }

    public String format() {
        return type + batch + networkCode + optional;
    }

    @Override
    public String toString() {
        return format();
    }
}
