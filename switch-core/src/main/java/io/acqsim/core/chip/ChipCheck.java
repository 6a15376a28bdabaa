package io.acqsim.core.chip;

import io.acqsim.codec.emv.ApplicationCryptogram;
import io.acqsim.codec.emv.EmvData;
import io.acqsim.codec.emv.EmvTags;
import io.acqsim.codec.emv.TlvFormatException;

/**
 * The chip step of a request that starts a transaction: read DE55, and when it carries an ARQC
 * (9F26) check it with the card's issuer key. A request without DE55 passes untouched.
 */
public final class ChipCheck {
    private final IssuerKeys keys;

    public ChipCheck(IssuerKeys keys) {
        this.keys = keys;
    }

    /** The outcome of the chip step for one request. */
    public record Result(EmvData data, String formatError, ApplicationCryptogram.Check arqc) {
        static final Result NO_CHIP = new Result(null, null, null);

        /** DE55 present and readable. */
        public boolean hasChipData() {
            return data != null;
        }

        /** An ARQC was checked and did not verify. */
        public boolean arqcFailed() {
            return arqc != null && !arqc.valid();
        }

        /** An ARQC was checked and verified: the response can carry an ARPC. */
        public boolean arqcVerified() {
            return arqc != null && arqc.valid();
        }
    }

    /**
     * @param de55 the request's DE55, or null
     * @param pan  the card number (DE2 or track 2), used when DE55 lacks 5A
     */
    public Result check(byte[] de55, String pan) {
        if (de55 == null) {
            return Result.NO_CHIP;
        }
        EmvData data;
        try {
            data = EmvData.parse(de55);
        } catch (TlvFormatException e) {
            return new Result(null, "DE55 " + e.getMessage(), null);
        }
        if (!data.has(EmvTags.APPLICATION_CRYPTOGRAM)) {
            return new Result(data, null, null);
        }
        String cardPan = pan != null ? pan : panOf(data);
        byte[] imk = keys.imkFor(cardPan);
        if (cardPan == null) {
            return new Result(data, null, ApplicationCryptogram.Check.failed(null, "no PAN to derive the card key from"));
        }
        if (imk == null) {
            return new Result(data, null, ApplicationCryptogram.Check.failed(null, "no emv.imkAc key for this BIN"));
        }
        return new Result(data, null, ApplicationCryptogram.verify(imk, cardPan, data));
    }

    /** The PAN in tag 5A (BCD, F-padded), or null. */
    static String panOf(EmvData data) {
        byte[] b = data.get(EmvTags.PAN);
        if (b == null) {
            return null;
        }
        String hex = java.util.HexFormat.of().formatHex(b);
        int f = hex.indexOf('f');
        return f < 0 ? hex : hex.substring(0, f);
    }
}
