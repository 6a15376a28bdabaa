package io.acqsim.codec.emv;

import io.acqsim.codec.key.RetailMac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The issuer's side of an online chip transaction: recompute the card's ARQC from DE55 and the
 * issuer master key (IMK-AC), compare it with 9F26, and answer with issuer authentication data
 * (tag 91). {@link #generate} is the card's side, for test clients ({@code acqsim send --emv}).
 */
public final class ApplicationCryptogram {
    /** Terminal data every version covers, in order, with its length (EMV Book 2 8.1.1, recommended minimum set). */
    private static final int[][] TERMINAL_DATA = {
        {EmvTags.AMOUNT_AUTHORISED, 6}, {EmvTags.AMOUNT_OTHER, 6}, {EmvTags.TERMINAL_COUNTRY, 2}, {EmvTags.TVR, 5},
        {EmvTags.TRANSACTION_CURRENCY, 2}, {EmvTags.TRANSACTION_DATE, 3}, {EmvTags.TRANSACTION_TYPE, 1},
        {EmvTags.UNPREDICTABLE_NUMBER, 4}, {EmvTags.AIP, 2}, {EmvTags.ATC, 2},
    };
    /** CSU (Common Core Definitions): byte 2 bit 8 "issuer approves online transaction". */
    private static final byte[] CSU_APPROVED = {0x00, (byte) 0x80, 0x00, 0x00};
    private static final byte[] CSU_DECLINED = {0x00, 0x00, 0x00, 0x00};

    private ApplicationCryptogram() {
    }

    /** The data an ARQC of this version covers: the terminal data, then the version's part of 9F10. */
    public static byte[] coveredData(CryptogramVersion version, EmvData data) {
        byte[][] parts = new byte[TERMINAL_DATA.length + 1][];
        for (int i = 0; i < TERMINAL_DATA.length; i++) {
            int tag = TERMINAL_DATA[i][0];
            int length = TERMINAL_DATA[i][1];
            byte[] v = data.get(tag);
            if (v == null && tag == EmvTags.AMOUNT_OTHER) {
                v = new byte[6];
            }
            if (v == null) {
                throw new IllegalArgumentException("tag " + EmvTags.hex(tag) + " (" + EmvTags.name(tag) + ") is missing");
            }
            if (v.length != length) {
                throw new IllegalArgumentException("tag " + EmvTags.hex(tag) + " has " + v.length + " bytes, not " + length);
            }
            parts[i] = v;
        }
        parts[TERMINAL_DATA.length] = version.issuerDataCovered(data.get(EmvTags.ISSUER_APPLICATION_DATA));
        return IccKeys.concat(parts);
    }

    /** The application cryptogram key of this version for this card and transaction. */
    public static byte[] cryptogramKey(CryptogramVersion version, byte[] iccMasterKey, EmvData data) {
        switch (version.sessionKey()) {
            case NONE:
                return iccMasterKey.clone();
            case COMMON:
                return IccKeys.commonSessionKey(iccMasterKey, required(data, EmvTags.ATC));
            case MASTERCARD:
                return IccKeys.mastercardSessionKey(iccMasterKey, required(data, EmvTags.ATC),
                        required(data, EmvTags.UNPREDICTABLE_NUMBER));
            default:
                throw new AssertionError(version);
        }
    }

    /** The key the ARPC is made with: the ICC master key for CVN 10 and M/Chip 4, the session key otherwise. */
    static byte[] arpcKey(CryptogramVersion version, byte[] iccMasterKey, EmvData data) {
        if (version.sessionKey() == CryptogramVersion.SessionKey.MASTERCARD) {
            return iccMasterKey.clone();
        }
        return cryptogramKey(version, iccMasterKey, data);
    }

    /** The card's ARQC over {@code data} (which need not hold 9F26). */
    public static byte[] generate(byte[] imk, String pan, CryptogramVersion version, EmvData data) {
        byte[] mk = IccKeys.masterKeyOptionA(imk, pan, panSequence(data));
        return RetailMac.mac(cryptogramKey(version, mk, data), coveredData(version, data), version.padding());
    }

    private static byte[] required(EmvData data, int tag) {
        byte[] v = data.get(tag);
        if (v == null) {
            throw new IllegalArgumentException("tag " + EmvTags.hex(tag) + " (" + EmvTags.name(tag) + ") is missing");
        }
        return v;
    }

    /** The PAN sequence number from 5F34 as two digits, {@code 00} when absent. */
    public static String panSequence(EmvData data) {
        byte[] psn = data.get(EmvTags.PAN_SEQUENCE_NUMBER);
        return psn == null || psn.length != 1 ? "00" : HexFormat.of().toHexDigits(psn[0]);
    }

    /**
     * Checks the ARQC (9F26) of a request. Never throws for bad card data: a missing tag, an unknown
     * version or a wrong cryptogram is a failed {@link Check} with the reason.
     */
    public static Check verify(byte[] imk, String pan, EmvData data) {
        byte[] arqc = data.get(EmvTags.APPLICATION_CRYPTOGRAM);
        if (arqc == null || arqc.length != 8) {
            return Check.failed(null, "no 8-byte application cryptogram (9F26)");
        }
        CryptogramVersion version;
        try {
            version = CryptogramVersion.of(data, pan);
        } catch (IllegalArgumentException e) {
            return Check.failed(null, e.getMessage());
        }
        try {
            byte[] mk = IccKeys.masterKeyOptionA(imk, pan, panSequence(data));
            byte[] expected = RetailMac.mac(cryptogramKey(version, mk, data), coveredData(version, data), version.padding());
            if (!MessageDigest.isEqual(expected, arqc)) {
                return Check.failed(version, "ARQC does not match (" + version + ")");
            }
            return new Check(true, version, "ARQC verified (" + version + ")", arqc, arpcKey(version, mk, data));
        } catch (IllegalArgumentException e) {
            return Check.failed(version, e.getMessage());
        }
    }

    /** Issuer authentication data (tag 91) for method 1: ARPC ‖ ARC. */
    public static byte[] method1Data(byte[] key, byte[] arqc, byte[] arc) {
        return IccKeys.concat(Arpc.method1(key, arqc, arc), arc);
    }

    /** Issuer authentication data (tag 91) for method 2: ARPC ‖ CSU. */
    public static byte[] method2Data(byte[] key, byte[] arqc, byte[] csu) {
        return IccKeys.concat(Arpc.method2(key, arqc, csu, null), csu);
    }

    /**
     * The card's check of tag 91 (second GENERATE AC): whether it is the ARPC the issuer of
     * {@code imk} would send for this request.
     */
    public static boolean verifyIssuerAuthentication(byte[] imk, String pan, EmvData request, byte[] tag91) {
        Check c = verify(imk, pan, request);
        if (!c.valid() || tag91 == null) {
            return false;
        }
        byte[] expected;
        if (c.version().arpcMethod() == CryptogramVersion.ArpcMethod.METHOD_1) {
            if (tag91.length != 10) {
                return false;
            }
            expected = method1Data(c.arpcKey, c.arqc, new byte[] {tag91[8], tag91[9]});
        } else {
            if (tag91.length != 8) {
                return false;
            }
            expected = method2Data(c.arpcKey, c.arqc, new byte[] {tag91[4], tag91[5], tag91[6], tag91[7]});
        }
        return MessageDigest.isEqual(expected, tag91);
    }

    /** The outcome of an ARQC check; holds the ARPC key for the response and never shows it. */
    public static final class Check {
        private final boolean valid;
        private final CryptogramVersion version;
        private final String reason;
        private final byte[] arqc;
        private final byte[] arpcKey;

        private Check(boolean valid, CryptogramVersion version, String reason, byte[] arqc, byte[] arpcKey) {
            this.valid = valid;
            this.version = version;
            this.reason = reason;
            this.arqc = arqc;
            this.arpcKey = arpcKey;
        }

        /** A failed check for a reason found before any cryptogram could be computed (no key, no PAN). */
        public static Check failed(CryptogramVersion version, String reason) {
            return new Check(false, version, reason, null, null);
        }

        public boolean valid() {
            return valid;
        }

        /** The version 9F10 declared; null when it could not be read. */
        public CryptogramVersion version() {
            return version;
        }

        /** Why it failed, or what was verified: never key material. */
        public String reason() {
            return reason;
        }

        /**
         * Tag 91 for a response with this DE39: method 1 with the response code's two ASCII
         * characters as the ARC, method 2 with a CSU that approves when the code is {@code 00}.
         *
         * @throws IllegalStateException for a failed check (there is no key to answer with)
         */
        public byte[] issuerAuthenticationData(String responseCode) {
            if (!valid) {
                throw new IllegalStateException("no ARPC for a failed ARQC check");
            }
            if (version.arpcMethod() == CryptogramVersion.ArpcMethod.METHOD_1) {
                byte[] arc = responseCode.getBytes(StandardCharsets.US_ASCII);
                if (arc.length != 2) {
                    arc = new byte[] {arc[0], arc.length > 1 ? arc[1] : (byte) ' '};
                }
                return method1Data(arpcKey, arqc, arc);
            }
            return method2Data(arpcKey, arqc, "00".equals(responseCode) ? CSU_APPROVED : CSU_DECLINED);
        }

        @Override
        public String toString() {
            return (valid ? "valid: " : "failed: ") + reason;
        }
    }
}
