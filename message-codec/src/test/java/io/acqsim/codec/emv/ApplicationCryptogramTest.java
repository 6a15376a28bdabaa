package io.acqsim.codec.emv;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.key.CheckValue;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cryptogram versions against pyemv's known answers (github.com/knovichikhin/pyemv,
 * tests/test_cvn_hsm.py, checked by its author against a hardware security module): issuer key
 * 0123456789ABCDEFFEDCBA9876543210, PAN 1234567890123456, PSN 00, ATC 001C.
 */
class ApplicationCryptogramTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final byte[] IMK = HEX.parseHex("0123456789ABCDEFFEDCBA9876543210");
    private static final String PAN = "1234567890123456";

    /** The Visa examples' terminal data: 40.00 CAD on 2019-11-05, UN 52BF4585. */
    private static EmvData visa(String iad, String arqc) {
        return data(iad, arqc, "000000004000", "8000048000", "191105", "01", "52BF4585");
    }

    /** The Mastercard examples' terminal data: 99.99 CAD on 2099-06-20 (as pyemv has it), UN ABCDEF12. */
    private static EmvData mastercard(String iad, String arqc) {
        return data(iad, arqc, "000000009999", "8000000000", "209906", "00", "ABCDEF12");
    }

    private static EmvData data(String iad, String arqc, String amount, String tvr, String date, String type, String un) {
        List<Tlv> t = new ArrayList<>();
        t.add(Tlv.of(0x9F02, HEX.parseHex(amount)));
        t.add(Tlv.of(0x9F03, HEX.parseHex("000000000000")));
        t.add(Tlv.of(0x9F1A, HEX.parseHex("0124")));
        t.add(Tlv.of(0x95, HEX.parseHex(tvr)));
        t.add(Tlv.of(0x5F2A, HEX.parseHex("0124")));
        t.add(Tlv.of(0x9A, HEX.parseHex(date)));
        t.add(Tlv.of(0x9C, HEX.parseHex(type)));
        t.add(Tlv.of(0x9F37, HEX.parseHex(un)));
        t.add(Tlv.of(0x82, HEX.parseHex("1800")));
        t.add(Tlv.of(0x9F36, HEX.parseHex("001C")));
        t.add(Tlv.of(0x9F10, HEX.parseHex(iad)));
        if (arqc != null) {
            t.add(Tlv.of(0x9F26, HEX.parseHex(arqc)));
        }
        return EmvData.of(t);
    }

    private static String arqc(CryptogramVersion v, EmvData d) {
        return HEX.formatHex(ApplicationCryptogram.generate(IMK, PAN, v, d));
    }

    @Test
    void visaCvn10UsesTheIccMasterKeyAndArpcMethodOne() {
        EmvData request = visa("06010A03A06010", "29CCA15AE665FA2E");
        assertThat(CryptogramVersion.of(request, "4" + PAN.substring(1))).isEqualTo(CryptogramVersion.VISA_10);
        assertThat(arqc(CryptogramVersion.VISA_10, request)).isEqualTo("29CCA15AE665FA2E");

        ApplicationCryptogram.Check check = ApplicationCryptogram.verify(IMK, PAN, request);
        assertThat(check.valid()).as(check.reason()).isTrue();
        assertThat(check.version()).isEqualTo(CryptogramVersion.VISA_10);
        // generate_arpc(arqc, arpc_rc=3030) == 28993816AFAE4AEB: tag 91 is ARPC ‖ ARC with ARC = "00".
        assertThat(HEX.formatHex(check.issuerAuthenticationData("00"))).isEqualTo("28993816AFAE4AEB" + "3030");
    }

    @Test
    void visaCvn18UsesTheCommonSessionKeyTheWholeIadAndArpcMethodTwo() {
        EmvData request = visa("06011203A0B800", "7A788EA6B8A3E733");
        assertThat(arqc(CryptogramVersion.VISA_18, request)).isEqualTo("7A788EA6B8A3E733");

        ApplicationCryptogram.Check check = ApplicationCryptogram.verify(IMK, PAN, request);
        assertThat(check.valid()).as(check.reason()).isTrue();
        assertThat(check.version()).isEqualTo(CryptogramVersion.VISA_18);
        // generate_arpc(arqc, atc, csu=00000000) == 9AF514C1: a decline carries CSU 00000000.
        assertThat(HEX.formatHex(check.issuerAuthenticationData("05"))).isEqualTo("9AF514C1" + "00000000");
        assertThat(HEX.formatHex(check.issuerAuthenticationData("00"))).endsWith("00800000");
    }

    @Test
    void visaCvn22ComputesItsCryptogramsAsCvn18() {
        // test_visa_cvn22 gives the same ARQC and ARPC as CVN 18 for the same data.
        EmvData request = visa("06011203A0B800", null);
        assertThat(arqc(CryptogramVersion.VISA_22, request)).isEqualTo("7A788EA6B8A3E733");
    }

    @Test
    void visaFormatTwoIadNamesCvn22InItsSecondByte() {
        EmvData request = visa("1F22" + "00".repeat(30), null);
        assertThat(CryptogramVersion.of(request, "4761739001010010")).isEqualTo(CryptogramVersion.VISA_22);
    }

    @Test
    void mastercardCvn16UsesTheMastercardSessionKeyAndArpcUnderTheMasterKey() {
        EmvData request = mastercard("0110A00003220000000000000000000000FF", "24CCF3DEE3158C70");
        assertThat(CryptogramVersion.of(request, PAN)).isEqualTo(CryptogramVersion.MASTERCARD_16);
        assertThat(arqc(CryptogramVersion.MASTERCARD_16, request)).isEqualTo("24CCF3DEE3158C70");
        assertThat(ApplicationCryptogram.verify(IMK, PAN, request).valid()).isTrue();

        byte[] mk = IccKeys.masterKeyOptionA(IMK, PAN, "00");
        assertThat(HEX.formatHex(Arpc.method1(mk, HEX.parseHex("24CCF3DEE3158C70"), HEX.parseHex("0010"))))
                .isEqualTo("73F6BBF389A6586C");
    }

    @Test
    void mastercardCvn17AlsoCoversTheCounters() {
        EmvData request = mastercard("0111A00003220000000000000000000322FF", "EAE8A620A75648D8");
        assertThat(CryptogramVersion.of(request, "5413330089010434")).isEqualTo(CryptogramVersion.MASTERCARD_17);
        assertThat(arqc(CryptogramVersion.MASTERCARD_17, request)).isEqualTo("EAE8A620A75648D8");

        byte[] mk = IccKeys.masterKeyOptionA(IMK, PAN, "00");
        assertThat(HEX.formatHex(Arpc.method1(mk, HEX.parseHex("EAE8A620A75648D8"), HEX.parseHex("0010"))))
                .isEqualTo("29CF11FBDB9CA650");
    }

    @Test
    void mastercardCvn20UsesTheCommonSessionKeyForArqcAndArpc() {
        EmvData request = mastercard("0114A00003220000000000000000000000FF", "CD29615D6452E70E");
        assertThat(CryptogramVersion.of(request, PAN)).isEqualTo(CryptogramVersion.MASTERCARD_20);
        assertThat(arqc(CryptogramVersion.MASTERCARD_20, request)).isEqualTo("CD29615D6452E70E");
        assertThat(ApplicationCryptogram.verify(IMK, PAN, request).valid()).isTrue();

        byte[] sk = IccKeys.commonSessionKey(IccKeys.masterKeyOptionA(IMK, PAN, "00"), HEX.parseHex("001C"));
        assertThat(HEX.formatHex(CheckValue.des(sk, 2))).isEqualTo("22C8");
        assertThat(HEX.formatHex(Arpc.method1(sk, HEX.parseHex("CD29615D6452E70E"), HEX.parseHex("0010"))))
                .isEqualTo("DFD0956606B68D64");
    }

    @Test
    void mastercardCvn21AlsoCoversTheCounters() {
        EmvData request = mastercard("0115A00003220000000000000000000322FF", "C30E54BE496CF5E5");
        assertThat(arqc(CryptogramVersion.MASTERCARD_21, request)).isEqualTo("C30E54BE496CF5E5");
        assertThat(ApplicationCryptogram.verify(IMK, PAN, request).valid()).isTrue();

        byte[] sk = IccKeys.commonSessionKey(IccKeys.masterKeyOptionA(IMK, PAN, "00"), HEX.parseHex("001C"));
        assertThat(HEX.formatHex(Arpc.method1(sk, HEX.parseHex("C30E54BE496CF5E5"), HEX.parseHex("0010"))))
                .isEqualTo("4F51F9CC63CE8B3C");
    }

    @Test
    void aChangedAmountFailsTheArqc() {
        EmvData request = data("06011203A0B800", "7A788EA6B8A3E733", "000000004001", "8000048000", "191105", "01", "52BF4585");
        ApplicationCryptogram.Check check = ApplicationCryptogram.verify(IMK, PAN, request);
        assertThat(check.valid()).isFalse();
        assertThat(check.reason()).contains("does not match").contains("Visa CVN 18");
    }

    @Test
    void anotherIssuerKeyFailsTheArqc() {
        EmvData request = visa("06010A03A06010", "29CCA15AE665FA2E");
        assertThat(ApplicationCryptogram.verify(HEX.parseHex("FEDCBA98765432100123456789ABCDEF"), PAN, request).valid()).isFalse();
    }

    @Test
    void missingDataAndUnknownVersionsAreFailuresWithAReason() {
        EmvData noAtc = EmvData.of(List.of(Tlv.of(0x9F26, new byte[8]), Tlv.of(0x9F10, HEX.parseHex("06011203A0B800"))));
        assertThat(ApplicationCryptogram.verify(IMK, PAN, noAtc).reason()).contains("9F36").contains("missing");

        EmvData unknown = visa("06017703A0B800", "7A788EA6B8A3E733");
        assertThat(ApplicationCryptogram.verify(IMK, "4761739001010010", unknown).reason()).contains("unsupported Visa cryptogram version 77");

        EmvData noArqc = visa("06011203A0B800", null);
        assertThat(ApplicationCryptogram.verify(IMK, PAN, noArqc).reason()).contains("9F26");
    }

    @Test
    void theCardAcceptsTheHostsArpcAndRefusesACorruptedOne() {
        EmvData request = visa("06011203A0B800", "7A788EA6B8A3E733");
        byte[] tag91 = ApplicationCryptogram.verify(IMK, PAN, request).issuerAuthenticationData("00");
        assertThat(ApplicationCryptogram.verifyIssuerAuthentication(IMK, PAN, request, tag91)).isTrue();
        tag91[0] ^= 1;
        assertThat(ApplicationCryptogram.verifyIssuerAuthentication(IMK, PAN, request, tag91)).isFalse();
    }
}
