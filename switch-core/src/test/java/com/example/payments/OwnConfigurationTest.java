package com.example.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.testkit.AcqsimExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A project's own configuration file (with its own fixtures beside it), on free ports. */
class OwnConfigurationTest {
    static final Path DIR = write();

    @RegisterExtension
    static final AcqsimExtension acqsim = AcqsimExtension.withConfig(DIR.resolve("acqsim.yaml"));

    private static Path write() {
        try {
            Path dir = Files.createTempDirectory("own-config");
            Files.writeString(dir.resolve("acqsim.yaml"), """
                    listeners:
                      pos: { dialect: iso87-ascii, port: 9585 }
                    admin: { port: 9580 }
                    accounts: { fixtures: cards.yaml }
                    """);
            Files.writeString(dir.resolve("cards.yaml"), """
                    accounts:
                      - { pan: "4999990000000001", balance: 4200 }
                    """);
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void listenersOfTheFileOnFreePortsAndItsFixturesLoaded() {
        Map<String, Integer> ports = acqsim.ports();
        assertThat(ports).containsOnlyKeys("pos");
        assertThat(ports.get("pos")).isNotIn(0, 9585);
        assertThat(acqsim.adminPort()).isNotIn(0, 9580);
        assertThat(acqsim.accounts().get("4999990000000001").balance()).isEqualTo(4200);
    }
}
