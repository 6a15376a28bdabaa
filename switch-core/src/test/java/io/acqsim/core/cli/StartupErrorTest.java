package io.acqsim.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A configuration that cannot work stops {@code acqsim} with one line naming file, key and problem, no stack trace. */
class StartupErrorTest {
    private record Run(int exit, String err) {
    }

    private static Run run(Path config) {
        StringWriter err = new StringWriter();
        CommandLine cl = AcqsimCommand.commandLine();
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute("--config", config.toString());
        return new Run(exit, err.toString());
    }

    private static void assertOneLine(Run r, String... parts) {
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).startsWith("acqsim: configuration error: ").doesNotContain("Exception").doesNotContain("\tat ");
        for (String part : parts) {
            assertThat(r.err()).contains(part);
        }
    }

    @Test
    void portInUseNamesTheListener(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path config = Files.writeString(dir.resolve("acqsim.yaml"), "listeners:\n"
                    + "  iso87-ascii: { dialect: iso87-ascii, host: 127.0.0.1, port: " + taken.getLocalPort() + " }\n"
                    + "admin: { port: 0 }\n");
            assertOneLine(run(config), "listeners.iso87-ascii", String.valueOf(taken.getLocalPort()), "port in use");
        }
    }

    @Test
    void adminPortInUseNamesTheAdminKey(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path config = Files.writeString(dir.resolve("acqsim.yaml"), "listeners:\n"
                    + "  iso87-ascii: { dialect: iso87-ascii, host: 127.0.0.1, port: 0 }\n"
                    + "admin: { port: " + taken.getLocalPort() + " }\n");
            assertOneLine(run(config), "admin", String.valueOf(taken.getLocalPort()));
        }
    }

    @Test
    void unknownKeyWrongTypeAndNegativeLimitEachGiveOneLine(@TempDir Path dir) throws Exception {
        Path unknown = Files.writeString(dir.resolve("a.yaml"), "limits:\n  maxConnexions: 5\n");
        assertOneLine(run(unknown), unknown.toString(), "limits.maxConnexions", "unknown key");
        Path wrongType = Files.writeString(dir.resolve("b.yaml"), "limits:\n  idleTimeout: soon\n");
        assertOneLine(run(wrongType), wrongType.toString(), "limits.idleTimeout", "soon");
        Path negative = Files.writeString(dir.resolve("c.yaml"), "limits:\n  maxInFlight: -3\n");
        assertOneLine(run(negative), negative.toString(), "limits.maxInFlight", "-3");
    }

    @Test
    void missingFileIsOneLine(@TempDir Path dir) {
        assertOneLine(run(dir.resolve("nope.yaml")), "nope.yaml", "no such file");
    }
}
