package io.acqsim.core.session;

/**
 * What a network management message (0800/0820, 1804) asks for, as far as a terminal's session
 * is concerned: ISO 1987 by DE70, ISO 1993 by DE24, CUP by DE60.3.
 */
public enum NetworkFunction {
    /** ISO DE70 001, ISO 1993 DE24 801, CUP 60.3 001/003/004: the terminal's session starts. */
    SIGN_ON,
    /** ISO DE70 002, ISO 1993 DE24 802, CUP 60.3 002: the session ends. */
    SIGN_OFF,
    /** Echo tests, key exchange, anything else: no change to the session. */
    OTHER;

    /**
     * @param mti  the request MTI
     * @param de24 ISO 1993 function code, or null
     * @param de60 CUP DE60, or null
     * @param de70 ISO 1987 network management code, or null
     */
    public static NetworkFunction of(String mti, String de24, String de60, String de70) {
        if (mti == null || mti.length() != 4 || mti.charAt(1) != '8') {
            return OTHER;
        }
        if (de70 != null) {
            return switch (de70) {
                case "001" -> SIGN_ON;
                case "002" -> SIGN_OFF;
                default -> OTHER;
            };
        }
        if (de24 != null) {
            return switch (de24) {
                case "801" -> SIGN_ON;
                case "802" -> SIGN_OFF;
                default -> OTHER;
            };
        }
        if (de60 != null && de60.length() >= 11) {
            return switch (de60.substring(8, 11)) {
                case "001", "003", "004" -> SIGN_ON;
                case "002" -> SIGN_OFF;
                default -> OTHER;
            };
        }
        return OTHER;
    }
}
