package io.acqsim.codec.emv;

import java.util.Map;
import java.util.Set;

/** The EMV tags the host reads or writes, their names (EMV Book 3 Annex A) and which ones are card data. */
public final class EmvTags {
    public static final int AIP = 0x82;
    public static final int DF_NAME = 0x84;
    public static final int AID_CARD = 0x4F;
    public static final int AID_TERMINAL = 0x9F06;
    public static final int ISSUER_AUTHENTICATION_DATA = 0x91;
    public static final int TVR = 0x95;
    public static final int TRANSACTION_DATE = 0x9A;
    public static final int TRANSACTION_TYPE = 0x9C;
    public static final int PAN = 0x5A;
    public static final int TRACK2_EQUIVALENT = 0x57;
    public static final int CARDHOLDER_NAME = 0x5F20;
    public static final int TRANSACTION_CURRENCY = 0x5F2A;
    public static final int PAN_SEQUENCE_NUMBER = 0x5F34;
    public static final int AMOUNT_AUTHORISED = 0x9F02;
    public static final int AMOUNT_OTHER = 0x9F03;
    public static final int ISSUER_APPLICATION_DATA = 0x9F10;
    public static final int TERMINAL_COUNTRY = 0x9F1A;
    public static final int TRACK1_DISCRETIONARY = 0x9F1F;
    public static final int TRACK2_DISCRETIONARY = 0x9F20;
    public static final int APPLICATION_CRYPTOGRAM = 0x9F26;
    public static final int CRYPTOGRAM_INFORMATION = 0x9F27;
    public static final int ATC = 0x9F36;
    public static final int UNPREDICTABLE_NUMBER = 0x9F37;
    public static final int ISSUER_SCRIPT_1 = 0x71;
    public static final int ISSUER_SCRIPT_2 = 0x72;
    public static final int ISSUER_SCRIPT_IDENTIFIER = 0x9F18;
    public static final int ISSUER_SCRIPT_COMMAND = 0x86;
    public static final int AUTHORISATION_RESPONSE_CODE = 0x8A;

    /**
     * Card data never shown in a log, dump or admin response: track 2 equivalent, PAN, cardholder
     * name, track 1 and 2 discretionary data (PROTOCOL.md §8), and track 1 / contactless track 2.
     */
    public static final Set<Integer> HIDDEN = Set.of(TRACK2_EQUIVALENT, PAN, CARDHOLDER_NAME, TRACK1_DISCRETIONARY,
            TRACK2_DISCRETIONARY, 0x56, 0x9F6B);

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(AID_CARD, "Application Identifier (card)"),
            Map.entry(0x50, "Application Label"),
            Map.entry(0x56, "Track 1 Data"),
            Map.entry(TRACK2_EQUIVALENT, "Track 2 Equivalent Data"),
            Map.entry(PAN, "Application PAN"),
            Map.entry(0x5F24, "Application Expiration Date"),
            Map.entry(0x5F25, "Application Effective Date"),
            Map.entry(0x5F28, "Issuer Country Code"),
            Map.entry(CARDHOLDER_NAME, "Cardholder Name"),
            Map.entry(TRANSACTION_CURRENCY, "Transaction Currency Code"),
            Map.entry(PAN_SEQUENCE_NUMBER, "PAN Sequence Number"),
            Map.entry(0x70, "Record Template"),
            Map.entry(ISSUER_SCRIPT_1, "Issuer Script Template 1"),
            Map.entry(ISSUER_SCRIPT_2, "Issuer Script Template 2"),
            Map.entry(0x77, "Response Message Template Format 2"),
            Map.entry(AIP, "Application Interchange Profile"),
            Map.entry(DF_NAME, "Dedicated File Name"),
            Map.entry(ISSUER_SCRIPT_COMMAND, "Issuer Script Command"),
            Map.entry(AUTHORISATION_RESPONSE_CODE, "Authorisation Response Code"),
            Map.entry(ISSUER_AUTHENTICATION_DATA, "Issuer Authentication Data"),
            Map.entry(TVR, "Terminal Verification Results"),
            Map.entry(TRANSACTION_DATE, "Transaction Date"),
            Map.entry(TRANSACTION_TYPE, "Transaction Type"),
            Map.entry(AMOUNT_AUTHORISED, "Amount, Authorised"),
            Map.entry(AMOUNT_OTHER, "Amount, Other"),
            Map.entry(AID_TERMINAL, "Application Identifier (terminal)"),
            Map.entry(0x9F07, "Application Usage Control"),
            Map.entry(0x9F09, "Application Version Number (terminal)"),
            Map.entry(ISSUER_APPLICATION_DATA, "Issuer Application Data"),
            Map.entry(TERMINAL_COUNTRY, "Terminal Country Code"),
            Map.entry(0x9F1E, "Interface Device Serial Number"),
            Map.entry(TRACK1_DISCRETIONARY, "Track 1 Discretionary Data"),
            Map.entry(TRACK2_DISCRETIONARY, "Track 2 Discretionary Data"),
            Map.entry(ISSUER_SCRIPT_IDENTIFIER, "Issuer Script Identifier"),
            Map.entry(APPLICATION_CRYPTOGRAM, "Application Cryptogram"),
            Map.entry(CRYPTOGRAM_INFORMATION, "Cryptogram Information Data"),
            Map.entry(0x9F33, "Terminal Capabilities"),
            Map.entry(0x9F34, "Cardholder Verification Method Results"),
            Map.entry(0x9F35, "Terminal Type"),
            Map.entry(ATC, "Application Transaction Counter"),
            Map.entry(UNPREDICTABLE_NUMBER, "Unpredictable Number"),
            Map.entry(0x9F41, "Transaction Sequence Counter"),
            Map.entry(0x9F53, "Transaction Category Code"),
            Map.entry(0x9F6B, "Track 2 Data (contactless)"),
            Map.entry(0x9F6E, "Form Factor Indicator / Third Party Data"));

    private EmvTags() {
    }

    /** The EMV name of a tag, or "" when the host does not know it. */
    public static String name(int tag) {
        return NAMES.getOrDefault(tag, "");
    }

    /** Whether a tag's value is card data that is never shown. */
    public static boolean isHidden(int tag) {
        return HIDDEN.contains(tag);
    }

    /** The tag as upper-case hex, {@code 9F26}. */
    public static String hex(int tag) {
        return Tags.hex(tag);
    }
}
