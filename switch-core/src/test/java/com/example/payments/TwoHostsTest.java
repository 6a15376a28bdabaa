package com.example.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.testkit.AcqsimExtension;
import io.acqsim.testkit.AcqsimTestkitException;
import java.util.HashSet;
import java.util.Set;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two extensions, two hosts: separate ports, separate ledgers; an instance field gives each test its own. */
class TwoHostsTest {
    @RegisterExtension
    static final AcqsimExtension first = AcqsimExtension.shipped();

    @RegisterExtension
    static final AcqsimExtension second = AcqsimExtension.shipped()
            .withOverrides("accounts: { autoCreate: false }");

    @RegisterExtension
    final AcqsimExtension perTest = AcqsimExtension.shipped();

    @Test
    void everyHostHasItsOwnPortsAndLedger() {
        Set<Integer> ports = new HashSet<>(first.ports().values());
        ports.add(first.adminPort());
        int before = ports.size();
        ports.addAll(second.ports().values());
        ports.add(second.adminPort());
        ports.addAll(perTest.ports().values());
        ports.add(perTest.adminPort());
        assertThat(ports).hasSize(before * 3).doesNotContain(0, 8580, 8583, 8584, 8585);

        first.accounts().put("4000000000000101", 5_00);
        assertThat(first.accounts().get("4000000000000101").balance()).isEqualTo(5_00);
        assertThat(second.accounts().find("4000000000000101")).isEmpty();
        Assertions.assertThatThrownBy(() -> perTest.accounts().get("4000000000000101"))
                .isInstanceOf(AcqsimTestkitException.class).hasMessageContaining("4000000000000101");
    }
}
