package io.acqsim.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.core.server.AcqsimServer;
import io.acqsim.core.testing.IsoClient;
import io.acqsim.core.testing.Messages;
import io.acqsim.core.testing.RunningServer;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The acqsim.tx lines and the --trace dump, captured from the real loggers of a running server. */
class TransactionLogTest {
    private static final String PAN = "6225880123456789";

    /** Collects formatted messages; appended from event loops, read by the test. */
    static final class Captured extends AppenderBase<ILoggingEvent> {
        final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

        @Override
        protected void append(ILoggingEvent e) {
            String message = e.getFormattedMessage();
            if (e.getLoggerName().equals(TransactionLog.TX.getName())) {
                // a block of lines, each "yyyy-MM-ddTHH:mm:ss.SSS <line>\n"
                for (String line : message.split("\n")) {
                    boolean stamped = line.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3} .*");
                    lines.add(stamped ? line.substring(24) : "NOT STAMPED: " + line);
                }
            } else {
                lines.add(message);
            }
        }

        List<String> containing(String s) {
            return lines.stream().filter(l -> l.contains(s)).toList();
        }
    }

    private final Logger tx = (Logger) TransactionLog.TX;
    private final Logger trace = (Logger) TransactionLog.TRACE;
    private final Captured captured = new Captured();
    private AcqsimServer server;

    @BeforeEach
    void capture() {
        captured.start();
        tx.addAppender(captured);
        trace.addAppender(captured);
        tx.setLevel(Level.INFO);
        tx.setAdditive(false);
        trace.setAdditive(false);
        server = RunningServer.start();
    }

    @AfterEach
    void release() {
        server.close();
        tx.detachAppender(captured);
        trace.detachAppender(captured);
        tx.setLevel(null);
        trace.setLevel(null);
        tx.setAdditive(true);
        trace.setAdditive(true);
    }

    @Test
    void oneLinePerMessageInAndOutWithTheCardMasked() throws Exception {
        Dialect dialect = Dialects.byName("cup-pos");
        try (IsoClient c = new IsoClient(dialect, server.port("cup-pos"))) {
            assertThat(c.exchange(Messages.sale(dialect, PAN, 1050, 4711)).msg().getString(39)).isEqualTo("00");
            c.exchange(Messages.signOn(dialect, 1)); // the sale's out line is queued before this answer
        }
        assertThat(TransactionLog.awaitWritten(5_000)).isTrue();
        List<String> sale = captured.containing("stan=004711");
        assertThat(sale).hasSize(2);
        assertThat(sale.get(0)).matches("in  cup-pos/\\w+ cup-pos 0200 pc=000000 stan=004711 tid=00000001 amt=1050"
                + " rc=-- pan=622588\\*{6}6789");
        assertThat(sale.get(1)).matches("out cup-pos/\\w+ cup-pos 0210 pc=000000 stan=004711 tid=00000001 amt=1050"
                + " rc=00 pan=622588\\*{6}6789 \\d+\\.\\d{3}ms");
        assertThat(captured.lines).noneMatch(l -> l.contains(PAN));
    }

    @Test
    void anUndecodableFrameIsOneLineToo() throws Exception {
        Dialect dialect = Dialects.byName("iso87-ascii");
        try (IsoClient c = new IsoClient(dialect, server.port("iso87-ascii"))) {
            c.sendRaw("0006ZZZZZZ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(c.closedByPeer()).isTrue();
        }
        assertThat(TransactionLog.awaitWritten(5_000)).isTrue();
        assertThat(captured.containing("undecodable")).singleElement().asString()
                .matches("in  iso87-ascii/\\w+ iso87-ascii undecodable 6 bytes: .+");
    }

    @Test
    void traceDumpsEveryFieldAndTheRawBytesMasked() throws Exception {
        TransactionLog.enableTrace();
        Dialect dialect = Dialects.byName("iso87-binary");
        try (IsoClient c = new IsoClient(dialect, server.port("iso87-binary"))) {
            assertThat(c.exchange(Messages.sale(dialect, PAN, 2500, 77)).msg().getString(39)).isEqualTo("00");
            c.exchange(Messages.signOn(dialect, 1));
        }
        List<String> dumps = captured.containing(" fields:");
        assertThat(dumps).anySatisfy(d -> assertThat(d).startsWith("in iso87-binary/").contains(" 0200 fields:")
                .contains("\n      2 622588******6789").contains("\n      4 000000002500")
                .contains("\n     11 000077"));
        assertThat(dumps).anySatisfy(d -> assertThat(d).contains(" 0210 fields:")
                .contains("\n     39 00").contains("\n     38 "));
        List<String> raw = captured.containing(" raw ");
        assertThat(raw).anySatisfy(r -> assertThat(r).startsWith("in  iso87-binary/").matches(".* raw [0-9A-F*]+"));
        assertThat(raw).anySatisfy(r -> assertThat(r).startsWith("out iso87-binary/"));
        // Exact apart from the masked digits: the inbound line carries its length prefix like the
        // outbound one, and only the PAN's middle nibbles are F.
        assertThat(raw).anySatisfy(r -> {
            String hex = r.substring(r.indexOf(" raw ") + 5);
            assertThat(r).startsWith("in  iso87-binary/");
            assertThat(Integer.parseInt(hex.substring(0, 4), 16)).isEqualTo(hex.length() / 2 - 2);
            assertThat(hex.substring(4)).startsWith("60").contains("0200").contains("16622588FFFFFF6789");
        });
        assertThat(raw).anySatisfy(r -> {
            String hex = r.substring(r.indexOf(" raw ") + 5);
            assertThat(r).startsWith("out iso87-binary/");
            assertThat(Integer.parseInt(hex.substring(0, 4), 16)).isEqualTo(hex.length() / 2 - 2);
            assertThat(hex).contains("0210").contains("16622588FFFFFF6789");
        });
        // BCD PAN 6225880123456789 must not appear in the hex, nor the digits anywhere.
        assertThat(captured.lines).noneMatch(l -> l.contains(PAN) || l.contains("6225880123456789".substring(4)));
    }

    /**
     * A host keyed by a Postilion-style DE127 ({@code matching: { terminal: "127.12", stan: "127.2" }},
     * test layout dialects/composite-host.xml): its lines name the terminal and STAN the journal shows,
     * 127.12 and 127.2, not the DE41 it lacks nor the DE11 it also carries; the response's line too.
     */
    @Test
    void linesNameTheTerminalAndStanWhereTheDialectsMatchingReadsThem() throws Exception {
        java.nio.file.Path xml = java.nio.file.Path.of(
                TransactionLogTest.class.getResource("/dialects/composite-host.xml").toURI());
        org.jpos.iso.packager.GenericPackager packager = new org.jpos.iso.packager.GenericPackager(xml.toString());
        try (AcqsimServer keyed = AcqsimServer.start(RunningServer.config("""
                dialects:
                  switch-key-host:
                    extends: iso87-ascii
                    layout: "%s"
                    matching: { terminal: "127.12", stan: "127.2" }
                listeners:
                  switch-key: { dialect: switch-key-host, port: 0 }
                """.formatted(xml)))) {
            String pan = "4111110000128001";
            io.acqsim.core.testing.AdminClient admin = new io.acqsim.core.testing.AdminClient(keyed.adminPort());
            admin.put("/accounts/" + pan, "{\"balance\": 10000}");
            org.jpos.iso.channel.ASCIIChannel channel = new org.jpos.iso.channel.ASCIIChannel("127.0.0.1",
                    keyed.port("switch-key"), packager);
            channel.setTimeout(10_000);
            channel.connect();
            try {
                org.jpos.iso.ISOMsg sale = new org.jpos.iso.ISOMsg("0200");
                sale.setPackager(packager);
                sale.set(2, pan);
                sale.set(3, "000000");
                sale.set(4, "000000000700");
                sale.set(7, "1129103005");
                sale.set(11, "000301");
                sale.set(42, "MERCHANT0000128");
                sale.set(49, "156");
                sale.set("127.2", "SK-20261129-000301");
                sale.set("127.12", "POS-LOG-01");
                channel.send(sale);
                org.jpos.iso.ISOMsg answer = channel.receive();
                assertThat(answer.getString(39)).isEqualTo("00");
            } finally {
                channel.disconnect();
            }
            com.fasterxml.jackson.databind.JsonNode journaled = admin.get("/transactions?terminal=POS-LOG-01").json()
                    .get(0);
            assertThat(journaled.get("stan").asText()).isEqualTo("SK-20261129-000301");
            assertThat(TransactionLog.awaitWritten(5_000)).isTrue();
            List<String> lines = captured.containing("switch-key-host 02");
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).matches("in  switch-key/\\w+ switch-key-host 0200 pc=000000"
                    + " stan=SK-20261129-000301 tid=POS-LOG-01 amt=700 rc=-- pan=411111\\*{6}8001");
            assertThat(lines.get(1)).matches("out switch-key/\\w+ switch-key-host 0210 pc=000000"
                    + " stan=SK-20261129-000301 tid=POS-LOG-01 amt=700 rc=00 pan=411111\\*{6}8001 \\d+\\.\\d{3}ms");
        }
    }
}
