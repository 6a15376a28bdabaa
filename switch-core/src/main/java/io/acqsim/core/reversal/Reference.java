package io.acqsim.core.reversal;

/**
 * How a void, completion or refund names its original when not by trace key.
 *
 * @param rrn      the original's retrieval reference number (DE37), or null
 * @param terminal required terminal (DE41) for same-terminal lookups, or null for any terminal
 * @param authCode the original's approval code (DE38) when the message carries it, or null
 * @param date     the original's date MMDD (CUP 61.3), or null
 * @param pan      the card (DE2) for authorization-code lookups, or null
 */
public record Reference(String rrn, String terminal, String authCode, String date, String pan) {
    public static Reference byRrn(String rrn, String terminal, String authCode) {
        return new Reference(rrn, terminal, authCode, null, null);
    }

    public static Reference byAuthCode(String pan, String authCode) {
        return new Reference(null, null, authCode, null, pan);
    }
}
