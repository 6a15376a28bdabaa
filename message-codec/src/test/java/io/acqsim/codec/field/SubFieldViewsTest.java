package io.acqsim.codec.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SubFieldViewsTest {
    @Nested
    class De60View {
        @Test
        void signOnValueSplitsIntoTypeBatchAndNetworkCode() {
            De60 de60 = De60.parse("00000001003");

            assertThat(de60.type()).isEqualTo("00");
            assertThat(de60.batch()).isEqualTo("000001");
            assertThat(de60.networkCode()).isEqualTo("003");
            assertThat(de60.optional()).isEmpty();
        }

        @Test
        void trailingOneDigitSubFieldsAreKeptAndFormattedBack() {
            De60 de60 = De60.parse("2200004500050");

            assertThat(de60.type()).isEqualTo("22");
            assertThat(de60.batch()).isEqualTo("000045");
            assertThat(de60.optional()).isEqualTo("50");
            assertThat(de60.format()).isEqualTo("2200004500050");
            assertThat(de60).hasToString("2200004500050");
        }

        @Test
        void withBatchReplacesOnlyTheBatch() {
            assertThat(De60.parse("22000001000").withBatch("000002").format()).isEqualTo("22000002000");
        }

        @Test
        void missingNetworkCodeIsNamed() {
            assertThatThrownBy(() -> De60.parse("22000001"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DE60.3");
        }

        @Test
        void nonDigitBatchIsNamed() {
            assertThatThrownBy(() -> De60.parse("2200A001000"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DE60.2")
                    .hasMessageContaining("00A001");
        }

        @Test
        void nonDigitOptionalSubFieldIsNamed() {
            assertThatThrownBy(() -> De60.parse("22000001000X"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DE60.4");
        }
    }

    @Nested
    class De61View {
        @Test
        void voidCarriesBatchAndStanOnly() {
            De61 de61 = De61.parse("000001000123");

            assertThat(de61.originalBatch()).isEqualTo("000001");
            assertThat(de61.originalStan()).isEqualTo("000123");
            assertThat(de61.originalDate()).isNull();
            assertThat(de61.format()).isEqualTo("000001000123");
        }

        @Test
        void refundCarriesTheOriginalDateAndKeepsTheRest() {
            De61 de61 = De61.parse("0000010001230612" + "000");

            assertThat(de61.originalDate()).isEqualTo("0612");
            assertThat(de61.rest()).isEqualTo("000");
            assertThat(de61).hasToString("0000010001230612000");
        }

        @Test
        void truncatedDateIsNamed() {
            assertThatThrownBy(() -> De61.parse("00000100012306"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DE61.3");
        }

        @Test
        void shortStanIsNamed() {
            assertThatThrownBy(() -> De61.parse("00000100012"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DE61.2");
        }

        @Test
        void restWithoutDateIsRejected() {
            assertThatThrownBy(() -> new De61("000001", "000123", null, "9"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DE61.3");
        }
    }

    @Nested
    class De90View {
        private static final String WIRE = "0200" + "000002" + "0612103005" + "12345678901" + "00000000000";

        @Test
        void splitsIntoTheFiveOriginalDataElements() {
            De90 de90 = De90.parse(WIRE);

            assertThat(de90.originalMti()).isEqualTo("0200");
            assertThat(de90.originalStan()).isEqualTo("000002");
            assertThat(de90.originalTransmissionTime()).isEqualTo("0612103005");
            assertThat(de90.originalAcquirer()).isEqualTo("12345678901");
            assertThat(de90.originalForwarder()).isEqualTo("00000000000");
            assertThat(de90.format()).isEqualTo(WIRE);
        }

        @Test
        void shortValueNamesTheMissingSubField() {
            assertThatThrownBy(() -> De90.parse(WIRE.substring(0, 30)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DE90.4");
        }

        @Test
        void nonDigitStanIsNamed() {
            assertThatThrownBy(() -> De90.parse("0200" + "00000X" + WIRE.substring(10)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DE90.2");
        }

        @Test
        void overlongValueIsRejected() {
            assertThatThrownBy(() -> De90.parse(WIRE + "0"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("42");
        }
    }

    @Nested
    class De95View {
        @Test
        void actualAmountIsReadAndTheRestKept() {
            De95 de95 = De95.parse("000000000500" + "000000000500" + "C00000000" + "C00000000");

            assertThat(de95.actualAmount()).isEqualTo("000000000500");
            assertThat(de95.actualAmountMinor()).isEqualTo(500L);
            assertThat(de95.rest()).isEqualTo("000000000500C00000000C00000000");
            assertThat(de95.format()).hasSize(42);
        }

        @Test
        void ofAmountZeroFillsToFortyTwo() {
            assertThat(De95.ofAmount(750).format()).isEqualTo("000000000750" + "0".repeat(30));
        }

        @Test
        void nonDigitAmountIsNamed() {
            assertThatThrownBy(() -> De95.parse("0000000005X0"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DE95.1");
        }

        @Test
        void shortAmountIsNamed() {
            assertThatThrownBy(() -> De95.parse("500"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DE95.1");
        }
    }

    @Nested
    class MtiView {
        @Test
        void responseRaisesTheFunctionDigitAndClearsTheOrigin() {
            assertThat(Mti.parse("0200").response()).hasToString("0210");
            assertThat(Mti.parse("0100").response()).hasToString("0110");
            assertThat(Mti.parse("0220").response()).hasToString("0230");
            assertThat(Mti.parse("0800").response()).hasToString("0810");
        }

        @Test
        void repeatsAreAnsweredLikeTheirOriginal() {
            assertThat(Mti.parse("0401").response()).hasToString("0410");
            assertThat(Mti.parse("0421").response()).hasToString("0430");
            assertThat(Mti.parse("0101").response()).hasToString("0110");
        }

        @Test
        void baseDropsTheRepeatMark() {
            assertThat(Mti.parse("0421").base()).hasToString("0420");
            assertThat(Mti.parse("0400").base()).hasToString("0400");
            assertThat(Mti.parse("0401").isRepeat()).isTrue();
            assertThat(Mti.parse("0400").isRepeat()).isFalse();
        }

        @Test
        void classAndKindAreRead() {
            assertThat(Mti.parse("0420").messageClass()).isEqualTo('4');
            assertThat(Mti.parse("0420").isAdvice()).isTrue();
            assertThat(Mti.parse("0400").isAdvice()).isFalse();
            assertThat(Mti.parse("0210").isResponse()).isTrue();
        }

        @Test
        void responseOfAResponseIsRejected() {
            assertThatThrownBy(() -> Mti.parse("0210").response())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0210");
        }

        @Test
        void nonDigitMtiIsRejected() {
            assertThatThrownBy(() -> Mti.parse("02A0")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("MTI");
        }
    }
}
