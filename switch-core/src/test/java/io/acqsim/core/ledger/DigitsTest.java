package io.acqsim.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DigitsTest {
    @Test
    void padsOnTheLeftToTheWidth() {
        assertThat(Digits.pad(42, 6)).isEqualTo("000042");
        assertThat(Digits.pad(0, 2)).isEqualTo("00");
        assertThat(Digits.pad(123456789012L, 12)).isEqualTo("123456789012");
        assertThat(Digits.pad(1_234_567, 6)).isEqualTo("234567");
    }

    @Test
    void refusesNegativeNumbers() {
        assertThatThrownBy(() -> Digits.pad(-1, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesExactlyTheGivenNumberOfDigits() {
        assertThat(Digits.parse("000000000042", 12)).isEqualTo(42);
        assertThat(Digits.parse("1122334455", 10)).isEqualTo(1122334455L);
        assertThat(Digits.parse("00000000042", 12)).isEqualTo(-1);
        assertThat(Digits.parse("ABC123456789", 12)).isEqualTo(-1);
        assertThat(Digits.parse(null, 12)).isEqualTo(-1);
    }
}
