package io.acqsim.codec.field;

/**
 * A message type indicator, four digits: version, class, function, origin. The response to a
 * request or advice is its class with the function digit raised by one and the origin digit 0,
 * so repeats are answered like the original: 0200 → 0210, 0401 → 0410, 0421 → 0430.
 */
public record Mti(String value) {
    public Mti {
        SubFields.digits(value, 4, "MTI");
    }

    public static Mti parse(String value) {
        return new Mti(value);
    }

    /** The class digit: 1 authorization, 2 financial, 4 reversal, 5 reconciliation, 8 network. */
    public char messageClass() {
        return value.charAt(1);
    }

    /** Odd function digit: 1 request response, 3 advice response. */
    public boolean isResponse() {
        return (value.charAt(2) - '0') % 2 == 1;
    }

    /** Advice (function 2) or advice response (function 3). */
    public boolean isAdvice() {
        char f = value.charAt(2);
        return f == '2' || f == '3';
    }

    /** Odd origin digit: a repeat (0101, 0201, 0401, 0421). */
    public boolean isRepeat() {
        return (value.charAt(3) - '0') % 2 == 1;
    }

    /** The same message without the repeat mark: 0401 → 0400, 0421 → 0420. */
    public Mti base() {
        return isRepeat() ? new Mti(value.substring(0, 3) + (char) (value.charAt(3) - 1)) : this;
    }

    /**
     * The MTI of the response: 0200 → 0210, 0401 → 0410, 0421 → 0430, 0800 → 0810.
     *
     * @throws IllegalArgumentException if this already is a response
     */
    public Mti response() {
        if (isResponse()) {
            throw new IllegalArgumentException("MTI " + value + " is already a response");
        }
        return new Mti(value.substring(0, 2) + (char) (value.charAt(2) + 1) + '0');
    }

    @Override
    public String toString() {
        return value;
    }
}
