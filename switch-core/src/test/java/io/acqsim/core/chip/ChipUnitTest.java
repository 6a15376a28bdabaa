package io.acqsim.core.chip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.acqsim.core.rules.Action;
import io.acqsim.core.rules.RuleParser;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChipUnitTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    @Test
    void theLongestBinPrefixWinsAndStarIsEveryOtherCard() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("*", "00000000000000000000000000000000");
        keys.put("4761", "11111111111111111111111111111111");
        keys.put("476173", "22222222222222222222222222222222");
        IssuerKeys k = new IssuerKeys(keys);
        assertThat(HEX.formatHex(k.imkFor("4761739001010010"))).startsWith("2222");
        assertThat(HEX.formatHex(k.imkFor("4761009001010010"))).startsWith("1111");
        assertThat(HEX.formatHex(k.imkFor("5413330089010434"))).startsWith("0000");
        assertThat(new IssuerKeys(Map.of("4", "11111111111111111111111111111111")).imkFor("5413330089010434")).isNull();
    }

    @Test
    void pinTriesCountOnlyInARowAndLockUntilThePinIsSetAgain() {
        PinStore pins = new PinStore();
        assertThat(pins.check("4761739001010010", "1234")).isEqualTo(PinStore.Verdict.NO_PIN);
        pins.set("4761739001010010", "1234");
        assertThat(pins.check("4761739001010010", "0000")).isEqualTo(PinStore.Verdict.WRONG);
        assertThat(pins.check("4761739001010010", null)).as("an unreadable block").isEqualTo(PinStore.Verdict.WRONG);
        assertThat(pins.check("4761739001010010", "1234")).isEqualTo(PinStore.Verdict.RIGHT);
        assertThat(pins.check("4761739001010010", "0000")).isEqualTo(PinStore.Verdict.WRONG);
        assertThat(pins.check("4761739001010010", "0000")).isEqualTo(PinStore.Verdict.WRONG);
        assertThat(pins.check("4761739001010010", "0000")).isEqualTo(PinStore.Verdict.TRIES_EXCEEDED);
        assertThat(pins.check("4761739001010010", "1234")).isEqualTo(PinStore.Verdict.TRIES_EXCEEDED);
        pins.set("4761739001010010", "1234");
        assertThat(pins.check("4761739001010010", "1234")).isEqualTo(PinStore.Verdict.RIGHT);
        assertThat(pins.check("4761739001010011", "1234")).as("another card").isEqualTo(PinStore.Verdict.NO_PIN);
        assertThatThrownBy(() -> pins.set("4761739001010010", "12a4")).hasMessageContaining("4 to 12 digits");
    }

    @Test
    void wrongPinsRacingOnOneCardAreEachCountedOnce() throws Exception {
        for (int round = 0; round < 50; round++) {
            PinStore pins = new PinStore();
            pins.set("4761739001010012", "1234");
            int threads = 8;
            java.util.List<PinStore.Verdict> verdicts = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(threads);
            for (int i = 0; i < threads; i++) {
                new Thread(() -> {
                    try {
                        start.await();
                        verdicts.add(pins.check("4761739001010012", "0000"));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        done.countDown();
                    }
                }).start();
            }
            start.countDown();
            assertThat(done.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(verdicts).filteredOn(v -> v == PinStore.Verdict.WRONG).as("round %d", round).hasSize(2);
            assertThat(verdicts).filteredOn(v -> v == PinStore.Verdict.TRIES_EXCEEDED).hasSize(threads - 2);
        }
    }

    @Test
    void chipRulesAreReadWithTheirKeysChecked() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Action a = RuleParser.parse(json.readTree("{\"action\":{\"arpc\":\"corrupt\",\"issuerScripts\":[\"71\","
                + "{\"template\":\"72\",\"commands\":[\"8424000008AABBCCDDEEFF0011\"]}]},\"times\":2}"), "").action();
        assertThat(a.chip().arpc()).isEqualTo(ChipAction.Arpc.CORRUPT);
        assertThat(a.chip().scripts()).extracting(ChipAction.IssuerScript::template).containsExactly(0x71, 0x72);
        assertThat(a.chip().scripts().get(0).commands().get(0)).isEqualTo(ChipAction.IssuerScript.DEFAULT_COMMAND);
        assertThat(a.summary()).contains("corrupt ARPC").contains("issuer script 71").contains("issuer script 72");

        assertThatThrownBy(() -> RuleParser.parse(json.readTree("{\"action\":{\"arpc\":\"drop\"}}"), "rules[0]"))
                .hasMessage("rules[0].action.arpc: 'drop' is not one of [corrupt, omit, send]");
        assertThatThrownBy(() -> RuleParser.parse(json.readTree("{\"action\":{\"issuerScript\":\"73\"}}"), ""))
                .hasMessageContaining("action.issuerScript: '73' is not an issuer script template (71 or 72)");
        assertThatThrownBy(() -> RuleParser.parse(json.readTree(
                "{\"action\":{\"issuerScript\":{\"template\":\"71\",\"commands\":[\"84\"]}}}"), ""))
                .hasMessageContaining("at least 5 bytes");
    }

    @Test
    void keyExchangeSendsFreshKeysUnderTheTmkThatReplaceTheConfiguredOnes() {
        io.acqsim.core.config.KeysConfig config = new io.acqsim.core.config.KeysConfig(null, null, null);
        TerminalKeys keys = new TerminalKeys(config);
        assertThat(HEX.formatHex(keys.tpk("T1"))).isEqualTo(config.tpk());
        String de48 = keys.exchange("T1");
        byte[] tmk = HEX.parseHex(config.tmk());
        byte[] tpk = io.acqsim.codec.key.TripleDes.decrypt(tmk, HEX.parseHex(de48.substring(0, 32)));
        assertThat(keys.tpk("T1")).isEqualTo(tpk);
        assertThat(HEX.formatHex(keys.tpk("T2"))).as("other terminals keep theirs").isEqualTo(config.tpk());
        keys.reset();
        assertThat(HEX.formatHex(keys.tpk("T1"))).isEqualTo(config.tpk());
    }
}
