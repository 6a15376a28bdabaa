package io.acqsim.core.reversal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TraceKeyHashTest {
    private static final int TERMINALS = 200;
    private static final int STANS = 5000;

    @Test
    void isoKeysOfAFleetOfTerminalsHardlyEverShareAHash() {
        Set<Integer> hashes = new HashSet<>();
        for (int t = 0; t < TERMINALS; t++) {
            for (int s = 1; s <= STANS; s++) {
                hashes.add(new IsoTraceKey("iso87-binary", String.format("%08d", t), "123456789012345",
                        String.format("%06d", s)).hashCode());
            }
        }
        assertThat(hashes.size()).isGreaterThan(TERMINALS * STANS * 99 / 100);
    }

    @Test
    void cupKeysOfAFleetOfTerminalsHardlyEverShareAHash() {
        Set<Integer> hashes = new HashSet<>();
        for (int t = 0; t < TERMINALS; t++) {
            for (int s = 1; s <= STANS; s++) {
                hashes.add(new CupTraceKey(String.format("%08d", t), "123456789012345", "000001",
                        String.format("%06d", s)).hashCode());
            }
        }
        assertThat(hashes.size()).isGreaterThan(TERMINALS * STANS * 99 / 100);
    }
}
