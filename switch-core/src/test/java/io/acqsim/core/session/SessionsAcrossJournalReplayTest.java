package io.acqsim.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.server.AcqsimServer;
import io.acqsim.core.testing.AdminClient;
import io.acqsim.core.testing.IsoClient;
import io.acqsim.core.testing.Messages;
import io.acqsim.core.testing.RunningServer;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code --journal} and {@code session.requireSignOn}, a restarted host replays the sign-ons
 * with the transactions: a terminal signed on before the restart is still signed on after it, and
 * its replayed sale is approved again rather than declined for want of a sign-on.
 */
class SessionsAcrossJournalReplayTest {
    private static final Dialect ASCII = Dialects.byName("iso87-ascii");
    private static final String PAN = "4000000000004001";

    @TempDir
    Path journal;

    private AcqsimServer start() throws Exception {
        AcqsimConfig config = RunningServer.config("session:\n  requireSignOn: true\n");
        return AcqsimServer.start(config, Clock.systemDefaultZone(), journal);
    }

    @Test
    void aSignOnBeforeTheRestartStillCountsAfterIt() throws Exception {
        try (AcqsimServer first = start()) {
            try (IsoClient c = new IsoClient(ASCII, first.port(ASCII.name()))) {
                assertThat(c.exchange(Messages.sale(ASCII, PAN, 500, 1)).msg().getString(39)).isEqualTo("58");
                assertThat(c.exchange(Messages.signOn(ASCII, 2)).msg().getString(39)).isEqualTo("00");
                assertThat(c.exchange(Messages.sale(ASCII, PAN, 700, 3)).msg().getString(39)).isEqualTo("00");
            }
            assertThat(new AdminClient(first.adminPort()).balance(PAN)).isEqualTo(1_000_000 - 700);
        }
        try (AcqsimServer second = start()) {
            AdminClient admin = new AdminClient(second.adminPort());
            assertThat(admin.balance(PAN)).as("the replayed sale approved again, the declined one not").isEqualTo(
                    1_000_000 - 700);
            assertThat(admin.get("/terminals/" + Messages.TERMINAL).json().get("signedOn").asBoolean()).isTrue();
            try (IsoClient c = new IsoClient(ASCII, second.port(ASCII.name()))) {
                IsoFrame sale = Messages.sale(ASCII, PAN, 900, 4);
                assertThat(c.exchange(sale).msg().getString(39)).isEqualTo("00");
            }
            assertThat(admin.balance(PAN)).isEqualTo(1_000_000 - 1_600);
        }
    }
}
