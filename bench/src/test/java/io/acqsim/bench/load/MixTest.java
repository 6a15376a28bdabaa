package io.acqsim.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MixTest {
    @Test
    void picksEachTypeInProportionToItsWeight() {
        Mix mix = Mix.parse("sale=70, void=10,reversal=10,auth=10");
        EnumMap<Kind, Integer> counts = new EnumMap<>(Kind.class);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            counts.merge(mix.pick(random), 1, Integer::sum);
        }
        assertThat(counts.keySet()).containsExactlyInAnyOrder(Kind.SALE, Kind.VOID, Kind.REVERSAL, Kind.AUTH);
        assertThat(counts.get(Kind.SALE)).isBetween(69_000, 71_000);
        assertThat(counts.get(Kind.VOID)).isBetween(9_500, 10_500);
    }

    @Test
    void rejectsUnknownTypesAndBadWeightsByName() {
        assertThatThrownBy(() -> Mix.parse("sale=70,refnd=5")).hasMessageContaining("'refnd'");
        assertThatThrownBy(() -> Mix.parse("sale=x")).hasMessageContaining("sale");
        assertThatThrownBy(() -> Mix.parse("sale=0")).hasMessageContaining("no positive weight");
    }

    @Test
    void generatedPansPassTheLuhnCheck() {
        for (String pan : MoneyCheck.pans("999001", 20)) {
            assertThat(pan).hasSize(16);
            assertThat(MoneyCheck.luhn(pan.substring(0, 15))).isEqualTo(pan.charAt(15) - '0');
        }
        assertThat(MoneyCheck.pans("999001", 3)).doesNotHaveDuplicates();
    }
}
