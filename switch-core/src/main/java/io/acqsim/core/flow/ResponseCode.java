package io.acqsim.core.flow;

/**
 * The host's decisions by name (PROTOCOL.md §5), and how each dialect version writes them in
 * DE39: ISO 8583:1987 and China UnionPay as two characters, ISO 8583:1993 as a 3-digit action
 * code (PROTOCOL.md §1.1). Flows decide a {@code ResponseCode}; the wire form is chosen once, at
 * the response boundary, by {@link #render}.
 */
public enum ResponseCode {
    APPROVED("00", "000"),
    INVALID_MERCHANT("03", "109"),
    DO_NOT_HONOUR("05", "100"),
    INVALID_TRANSACTION("12", "902"),
    INVALID_AMOUNT("13", "110"),
    INVALID_CARD_NUMBER("14", "111"),
    ORIGINAL_NOT_FOUND("25", "914"),
    FORMAT_ERROR("30", "904"),
    FUNCTION_NOT_SUPPORTED("40", "115"),
    INSUFFICIENT_FUNDS("51", "116"),
    EXPIRED_CARD("54", "101"),
    INCORRECT_PIN("55", "117"),
    NOT_PERMITTED_TO_CARDHOLDER("57", "119"),
    NOT_PERMITTED_TO_TERMINAL("58", "120"),
    AMOUNT_LIMIT_EXCEEDED("61", "121"),
    ORIGINAL_AMOUNT_INCORRECT("64", "110"),
    /** ISO 1987 security violation (a bad ISO MAC); 1993 writes it as 916, MAC incorrect. */
    SECURITY_VIOLATION("63", "916"),
    PIN_TRIES_EXCEEDED("75", "106"),
    ISSUER_INOPERATIVE("91", "907"),
    DUPLICATE_TRANSMISSION("94", "913"),
    RECONCILE_ERROR("95", "501"),
    SYSTEM_MALFUNCTION("96", "909"),
    MAC_FAILURE("A0", "916");

    /** ISO 8583:1993 action code of an accepted network management message. */
    public static final String ACCEPTED_1993_NETWORK = "800";
    /** ISO 8583:1993 action code of a reconciliation in balance. */
    public static final String RECONCILED_1993 = "500";
    /** ISO 8583:1993 action code of a reconciliation out of balance. */
    public static final String OUT_OF_BALANCE_1993 = "501";

    private final String code;
    private final String action1993;

    ResponseCode(String code, String action1993) {
        this.code = code;
        this.action1993 = action1993;
    }

    /** The two-character code (ISO 1987, China UnionPay), as the journal keeps it. */
    public String code() {
        return code;
    }

    /** The ISO 8583:1993 action code. */
    public String action1993() {
        return action1993;
    }

    /** The named value of a two-character code, or null for a code acqsim does not name. */
    public static ResponseCode of(String code) {
        for (ResponseCode c : values()) {
            if (c.code.equals(code)) {
                return c;
            }
        }
        return null;
    }

    /**
     * A two-character code as a dialect of {@code version} writes it. On 1993, a code acqsim does
     * not name (a rule's {@code respond: "43"}) is passed through unchanged when it is already
     * three digits, else written as {@code 9} and its two characters (a 9xx "other" action code).
     */
    public static String render(String code, int version) {
        if (version != 1993 || code == null) {
            return code;
        }
        ResponseCode named = of(code);
        if (named != null) {
            return named.action1993;
        }
        return code.length() == 3 ? code : code.length() == 2 && Character.isDigit(code.charAt(0))
                && Character.isDigit(code.charAt(1)) ? "9" + code : "909";
    }
}
