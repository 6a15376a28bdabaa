package io.acqsim.codec.emv;

import io.acqsim.codec.key.RetailMac;

/**
 * The cryptogram versions the host verifies, each with the session key it uses, the data its ARQC
 * covers, its padding and its ARPC method. The version comes from the issuer application data (9F10):
 * Visa formats 0/1/3 carry the CVN in byte 3 (after the length and derivation key index), format 2
 * in byte 2; Mastercard M/Chip carries it in byte 2 after the derivation key index.
 */
public enum CryptogramVersion {
    /** Visa CVN 10: ICC master key itself, data ‖ CVR (4 bytes with its length byte), zero padding, ARPC method 1. */
    VISA_10(Scheme.VISA, 0x0A, "Visa CVN 10", SessionKey.NONE, RetailMac.Padding.ZEROS, ArpcMethod.METHOD_1),
    /** Visa CVN 18: EMV common session key, data ‖ whole 9F10, padding method 2, ARPC method 2. */
    VISA_18(Scheme.VISA, 0x12, "Visa CVN 18", SessionKey.COMMON, RetailMac.Padding.ISO_9797_M2, ArpcMethod.METHOD_2),
    /** Visa CVN '22' (issuer application data format 2): as CVN 18 for the cryptograms. */
    VISA_22(Scheme.VISA, 0x22, "Visa CVN 22", SessionKey.COMMON, RetailMac.Padding.ISO_9797_M2, ArpcMethod.METHOD_2),
    /** M/Chip 4 CVN 16: Mastercard session key (ATC, UN), data ‖ CVR (6 bytes), ARPC method 1 under the ICC master key. */
    MASTERCARD_16(Scheme.MASTERCARD, 0x10, "Mastercard CVN 16", SessionKey.MASTERCARD, RetailMac.Padding.ISO_9797_M2, ArpcMethod.METHOD_1),
    /** M/Chip 4 CVN 17: as CVN 16, data also covers the 8 counter bytes of 9F10. */
    MASTERCARD_17(Scheme.MASTERCARD, 0x11, "Mastercard CVN 17", SessionKey.MASTERCARD, RetailMac.Padding.ISO_9797_M2, ArpcMethod.METHOD_1),
    /** M/Chip Advance CVN 20: EMV common session key for ARQC and ARPC (method 1), data ‖ CVR (6 bytes). */
    MASTERCARD_20(Scheme.MASTERCARD, 0x14, "Mastercard CVN 20", SessionKey.COMMON, RetailMac.Padding.ISO_9797_M2, ArpcMethod.METHOD_1),
    /** M/Chip Advance CVN 21: as CVN 20, data also covers the 8 counter bytes of 9F10. */
    MASTERCARD_21(Scheme.MASTERCARD, 0x15, "Mastercard CVN 21", SessionKey.COMMON, RetailMac.Padding.ISO_9797_M2, ArpcMethod.METHOD_1);

    /** Whose issuer application data layout applies. */
    public enum Scheme { VISA, MASTERCARD }

    /** How the application cryptogram key comes from the ICC master key. */
    public enum SessionKey { NONE, COMMON, MASTERCARD }

    /** EMV Book 2 8.2. */
    public enum ArpcMethod { METHOD_1, METHOD_2 }

    private static final byte[] VISA_RID = {(byte) 0xA0, 0x00, 0x00, 0x00, 0x03};
    private static final byte[] MASTERCARD_RID = {(byte) 0xA0, 0x00, 0x00, 0x00, 0x04};

    private final Scheme scheme;
    private final int cvnByte;
    private final String label;
    private final SessionKey sessionKey;
    private final RetailMac.Padding padding;
    private final ArpcMethod arpcMethod;

    CryptogramVersion(Scheme scheme, int cvnByte, String label, SessionKey sessionKey, RetailMac.Padding padding,
                      ArpcMethod arpcMethod) {
        this.scheme = scheme;
        this.cvnByte = cvnByte;
        this.label = label;
        this.sessionKey = sessionKey;
        this.padding = padding;
        this.arpcMethod = arpcMethod;
    }

    public Scheme scheme() {
        return scheme;
    }

    /** The CVN byte as 9F10 carries it ({@code 0A}, {@code 12}, {@code 22}, {@code 10}, {@code 11}, {@code 14}, {@code 15}). */
    public int cvnByte() {
        return cvnByte;
    }

    public SessionKey sessionKey() {
        return sessionKey;
    }

    public RetailMac.Padding padding() {
        return padding;
    }

    public ArpcMethod arpcMethod() {
        return arpcMethod;
    }

    @Override
    public String toString() {
        return label;
    }

    /**
     * The version the data declares. The scheme comes from the application identifier (4F, 84 or
     * 9F06) when present, else from the PAN's first digit (4 Visa; 2 or 5 Mastercard), else from the
     * shape of 9F10.
     *
     * @throws IllegalArgumentException naming what is missing or unknown
     */
    public static CryptogramVersion of(EmvData data, String pan) {
        byte[] iad = data.get(EmvTags.ISSUER_APPLICATION_DATA);
        if (iad == null || iad.length < 3) {
            throw new IllegalArgumentException("no issuer application data (9F10) to name the cryptogram version");
        }
        Scheme scheme = schemeOf(data, pan, iad);
        int cvn;
        if (scheme == Scheme.VISA) {
            cvn = (iad[0] & 0xFF) == 0x1F ? iad[1] & 0xFF : iad[2] & 0xFF;
        } else {
            cvn = iad[1] & 0xFF;
        }
        for (CryptogramVersion v : values()) {
            if (v.scheme == scheme && v.cvnByte == cvn) {
                return v;
            }
        }
        throw new IllegalArgumentException("unsupported " + (scheme == Scheme.VISA ? "Visa" : "Mastercard")
                + " cryptogram version " + String.format("%02X", cvn) + " in 9F10");
    }

    private static Scheme schemeOf(EmvData data, String pan, byte[] iad) {
        for (int tag : new int[] {EmvTags.AID_CARD, EmvTags.DF_NAME, EmvTags.AID_TERMINAL}) {
            byte[] aid = data.get(tag);
            if (aid != null && startsWith(aid, VISA_RID)) {
                return Scheme.VISA;
            }
            if (aid != null && startsWith(aid, MASTERCARD_RID)) {
                return Scheme.MASTERCARD;
            }
        }
        if (pan != null && !pan.isEmpty()) {
            char c = pan.charAt(0);
            if (c == '4') {
                return Scheme.VISA;
            }
            if (c == '5' || c == '2') {
                return Scheme.MASTERCARD;
            }
        }
        int first = iad[0] & 0xFF;
        return first == 0x1F || first == 0x06 ? Scheme.VISA : Scheme.MASTERCARD;
    }

    private static boolean startsWith(byte[] a, byte[] prefix) {
        if (a.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (a[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The part of 9F10 the ARQC covers after the terminal data. */
    byte[] issuerDataCovered(byte[] iad) {
        switch (this) {
            case VISA_10:
                // CVR with its length byte: bytes 4..7 of format 0/1/3 issuer application data.
                return slice(iad, 3, 4, "9F10 for CVN 10");
            case VISA_18:
            case VISA_22:
                return iad.clone();
            case MASTERCARD_16:
            case MASTERCARD_20:
                return slice(iad, 2, 6, "9F10 (CVR)");
            case MASTERCARD_17:
            case MASTERCARD_21:
                return IccKeys.concat(slice(iad, 2, 6, "9F10 (CVR)"), slice(iad, 10, 8, "9F10 (counters)"));
            default:
                throw new AssertionError(this);
        }
    }

    private static byte[] slice(byte[] a, int from, int length, String what) {
        if (a.length < from + length) {
            throw new IllegalArgumentException(what + " is too short: " + a.length + " bytes");
        }
        byte[] out = new byte[length];
        System.arraycopy(a, from, out, 0, length);
        return out;
    }
}
