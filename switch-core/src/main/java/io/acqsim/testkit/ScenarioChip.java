package io.acqsim.testkit;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.emv.CryptogramVersion;
import io.acqsim.core.chip.ChipCard;
import io.acqsim.core.config.KeysConfig;
import io.acqsim.core.config.MacConfig;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Map;

/**
 * The chip values of a scenario step: DE55 {@code emv:VERSION[:wrong]} and DE52 {@code pin:DIGITS},
 * built with the shipped test keys for the step's card (DE2), amount (DE4) and currency (DE49), and
 * the card's check of the response's tag 91 for {@code expect: {55: arpc}}.
 */
final class ScenarioChip {
    private static final HexFormat HEX = HexFormat.of();

    private final Map<String, String> fields;
    private final Map<String, String> vars;
    private final Dialect dialect;
    private ChipCard card;
    private byte[] de55;

    ScenarioChip(Map<String, String> fields, Map<String, String> vars, Dialect dialect) {
        this.fields = fields;
        this.vars = vars;
        this.dialect = dialect;
    }

    static boolean generates(int field, String value) {
        return field == 55 && value.startsWith("emv:") || field == 52 && value.startsWith("pin:");
    }

    byte[] value(int field, String value) {
        String pan = field("2");
        if (pan == null) {
            throw new IllegalArgumentException("DE" + field + " '" + value + "' needs the card number in DE2");
        }
        if (field == 52) {
            byte[] key = HEX.parseHex(dialect.hasCupHeader() ? new MacConfig(null, null, null, null, null).pik()
                    : new KeysConfig(null, null, null).tpk());
            return card(pan, CryptogramVersion.VISA_18).pinBlock(value.substring(4), key);
        }
        String[] parts = value.split(":");
        CryptogramVersion version = switch (parts[1]) {
            case "visa10" -> CryptogramVersion.VISA_10;
            case "visa18" -> CryptogramVersion.VISA_18;
            case "visa22" -> CryptogramVersion.VISA_22;
            case "mc16" -> CryptogramVersion.MASTERCARD_16;
            case "mc17" -> CryptogramVersion.MASTERCARD_17;
            case "mc20" -> CryptogramVersion.MASTERCARD_20;
            case "mc21" -> CryptogramVersion.MASTERCARD_21;
            default -> throw new IllegalArgumentException("DE55 '" + value + "': unknown version " + parts[1]);
        };
        card = new ChipCard(HEX.parseHex(io.acqsim.core.config.EmvConfig.TEST_IMK_AC), pan, version);
        String amount = field("4");
        String currency = field("49");
        long minor = amount == null ? 0 : Long.parseLong(amount);
        String cur = currency == null ? "156" : currency;
        int atc = (int) (System.nanoTime() % 60_000) + 1;
        boolean wrong = parts.length > 2 && parts[2].equals("wrong");
        de55 = wrong ? card.requestWithWrongArqc(minor, cur, LocalDate.now(), atc) : card.request(minor, cur, LocalDate.now(), atc);
        return de55;
    }

    private ChipCard card(String pan, CryptogramVersion version) {
        return card != null ? card : new ChipCard(HEX.parseHex(io.acqsim.core.config.EmvConfig.TEST_IMK_AC), pan, version);
    }

    /** Whether the card accepts the response's DE55 as the issuer's answer to the DE55 it sent. */
    boolean cardAccepts(byte[] responseDe55) {
        return card != null && de55 != null && card.acceptsIssuerAuthentication(de55, responseDe55);
    }

    private String field(String n) {
        String v = fields.get(n);
        if (v == null || v.equals("-")) {
            return null;
        }
        for (Map.Entry<String, String> e : vars.entrySet()) {
            v = v.replace("${" + e.getKey() + "}", e.getValue());
        }
        return v;
    }
}
