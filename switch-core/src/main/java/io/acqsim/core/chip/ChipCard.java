package io.acqsim.core.chip;

import io.acqsim.codec.emv.ApplicationCryptogram;
import io.acqsim.codec.emv.BerTlv;
import io.acqsim.codec.emv.CryptogramVersion;
import io.acqsim.codec.emv.EmvData;
import io.acqsim.codec.emv.EmvTags;
import io.acqsim.codec.emv.Tlv;
import io.acqsim.codec.pin.PinBlock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The card and terminal side of a chip transaction, for clients ({@code acqsim send --emv}, the load
 * generator, tests): the DE55 a terminal sends with an ARQC computed from the issuer key, the
 * card's check of the host's ARPC, and a PIN block. Visa CVN 10 / 18 and Mastercard CVN 20 data.
 */
public final class ChipCard {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final byte[] imk;
    private final String pan;
    private final CryptogramVersion version;

    public ChipCard(byte[] imk, String pan, CryptogramVersion version) {
        this.imk = imk.clone();
        this.pan = pan;
        this.version = version;
    }

    /** A card of the shipped test IMK-AC. */
    public static ChipCard testCard(String pan, CryptogramVersion version) {
        return new ChipCard(HEX.parseHex(io.acqsim.core.config.EmvConfig.TEST_IMK_AC), pan, version);
    }

    /** Issuer application data declaring the version, CVR as the pyemv examples have it. */
    static byte[] issuerApplicationData(CryptogramVersion v) {
        return switch (v) {
            case VISA_10 -> HEX.parseHex("06010A03A00000");
            case VISA_18 -> HEX.parseHex("06011203A00000");
            case VISA_22 -> HEX.parseHex("1F22" + "01" + "A000000000" + "00".repeat(26));
            case MASTERCARD_16 -> HEX.parseHex("0110A00003220000000000000000000000FF");
            case MASTERCARD_17 -> HEX.parseHex("0111A00003220000000000000000000000FF");
            case MASTERCARD_20 -> HEX.parseHex("0114A00003220000000000000000000000FF");
            case MASTERCARD_21 -> HEX.parseHex("0115A00003220000000000000000000000FF");
        };
    }

    /**
     * The DE55 of an online request for this amount: terminal data, AIP, ATC, issuer application
     * data, cryptogram information (ARQC) and the ARQC itself (9F26).
     *
     * @param currency ISO 4217 numeric, e.g. {@code 840}
     * @param atc      application transaction counter (0..65535)
     */
    public byte[] request(long amount, String currency, LocalDate date, int atc) {
        List<Tlv> t = terminalData(amount, currency, date, atc);
        byte[] arqc = ApplicationCryptogram.generate(imk, pan, version, EmvData.of(t));
        t.add(0, Tlv.of(EmvTags.APPLICATION_CRYPTOGRAM, arqc));
        t.add(1, Tlv.of(EmvTags.CRYPTOGRAM_INFORMATION, new byte[] {(byte) 0x80}));
        return BerTlv.encode(t);
    }

    /** As {@link #request} with a cryptogram that will not verify (one bit flipped). */
    public byte[] requestWithWrongArqc(long amount, String currency, LocalDate date, int atc) {
        byte[] de55 = request(amount, currency, date, atc);
        de55[3] ^= 0x01; // the first byte of 9F26's value
        return de55;
    }

    private List<Tlv> terminalData(long amount, String currency, LocalDate date, int atc) {
        List<Tlv> t = new ArrayList<>();
        byte[] un = new byte[4];
        ThreadLocalRandom.current().nextBytes(un);
        t.add(Tlv.of(EmvTags.AMOUNT_AUTHORISED, HEX.parseHex(String.format("%012d", amount))));
        t.add(Tlv.of(EmvTags.AMOUNT_OTHER, new byte[6]));
        t.add(Tlv.of(EmvTags.TERMINAL_COUNTRY, HEX.parseHex("0" + currency)));
        t.add(Tlv.of(EmvTags.TVR, new byte[5]));
        t.add(Tlv.of(EmvTags.TRANSACTION_CURRENCY, HEX.parseHex("0" + currency)));
        t.add(Tlv.of(EmvTags.TRANSACTION_DATE, HEX.parseHex(String.format("%02d%02d%02d", date.getYear() % 100,
                date.getMonthValue(), date.getDayOfMonth()))));
        t.add(Tlv.of(EmvTags.TRANSACTION_TYPE, new byte[] {0}));
        t.add(Tlv.of(EmvTags.UNPREDICTABLE_NUMBER, un));
        t.add(Tlv.of(EmvTags.AIP, HEX.parseHex("1800")));
        t.add(Tlv.of(EmvTags.ATC, new byte[] {(byte) (atc >>> 8), (byte) atc}));
        t.add(Tlv.of(EmvTags.ISSUER_APPLICATION_DATA, issuerApplicationData(version)));
        t.add(Tlv.of(EmvTags.PAN_SEQUENCE_NUMBER, new byte[] {1}));
        return t;
    }

    /** The card's second GENERATE AC check: whether the response's tag 91 is the issuer's ARPC for this request. */
    public boolean acceptsIssuerAuthentication(byte[] requestDe55, byte[] responseDe55) {
        try {
            EmvData request = EmvData.parse(requestDe55);
            byte[] tag91 = responseDe55 == null ? null : EmvData.parse(responseDe55).get(EmvTags.ISSUER_AUTHENTICATION_DATA);
            return ApplicationCryptogram.verifyIssuerAuthentication(imk, pan, request, tag91);
        } catch (io.acqsim.codec.emv.TlvFormatException e) {
            return false;
        }
    }

    /** DE52: an ISO 9564 format-0 PIN block for this card, encrypted under the PIN key. */
    public byte[] pinBlock(String pin, byte[] pinKey) {
        return PinBlock.encrypt(pinKey, PinBlock.format0(pin, pan));
    }
}
