package io.acqsim.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.core.metrics.TransactionLog;
import io.acqsim.testkit.AcqsimExtension;
import io.acqsim.testkit.Envelope;
import io.acqsim.testkit.Rule;
import io.acqsim.testkit.Terminal;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code acqsim replay}: captures made by the test (acqsim's own trace, a hex dump, a pcap file
 * written here with TCP segments split and retransmitted) sent to another host, compared field by
 * field: one replay that matches, one that names the fields that differ.
 */
class ReplayCommandTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /** The host the session is recorded against. */
    @RegisterExtension
    static final AcqsimExtension recorded = AcqsimExtension.shipped();

    /** A fresh host with the same configuration: the replay matches. */
    @RegisterExtension
    static final AcqsimExtension fresh = AcqsimExtension.shipped();

    /** A host that opens no account on first use: sales answer 14, the replay differs. */
    @RegisterExtension
    static final AcqsimExtension strict = AcqsimExtension.shipped().withOverrides("accounts: { autoCreate: false }");

    record Run(int exit, String out, String err) {
    }

    static Run replay(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = AcqsimCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("replay"));
        all.addAll(List.of(args));
        return new Run(cl.execute(all.toArray(String[]::new)), out.toString(), err.toString());
    }

    /** Collects the trace's raw lines from the real logger. */
    static final class RawLines extends AppenderBase<ILoggingEvent> {
        final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

        @Override
        protected void append(ILoggingEvent e) {
            if (e.getFormattedMessage().contains(" raw ")) {
                lines.add(e.getFormattedMessage());
            }
        }
    }

    static IsoFrame iso(Dialect d, String mti, String pan, long amount, int stan, String terminal) {
        IsoFrame f = Envelope.request(d, mti);
        ISOMsg m = f.msg();
        if (pan != null) {
            m.set(2, pan);
            m.set(3, "000000");
            m.set(4, String.format("%012d", amount));
            m.set(49, "156");
            m.set(42, "MERCHANT0000001");
        } else {
            m.set(70, "001");
        }
        m.set(7, "1122334455");
        m.set(11, String.format("%06d", stan));
        m.set(41, terminal);
        return f;
    }

    @Test
    void acqsimsOwnTraceReplaysAgainstAnotherHostWithATestCardForTheMaskedPan(@TempDir Path dir) throws Exception {
        Dialect d = Dialects.byName("iso87-ascii");
        String pan = "4761739001010010";
        Logger trace = (Logger) TransactionLog.TRACE;
        RawLines raw = new RawLines();
        raw.start();
        trace.addAppender(raw);
        Level before = trace.getLevel();
        trace.setLevel(Level.DEBUG);
        boolean additive = trace.isAdditive();
        trace.setAdditive(false);
        try (Terminal t = new Terminal(d, "127.0.0.1", recorded.port("iso87-ascii"), Duration.ofSeconds(10))) {
            assertThat(t.exchange(iso(d, "0800", null, 0, 1, "REPLAY01")).msg().getString(39)).isEqualTo("00");
            assertThat(t.exchange(iso(d, "0200", pan, 25_00, 2, "REPLAY01")).msg().getString(39)).isEqualTo("00");
            assertThat(t.exchange(iso(d, "0200", pan, 9000_51, 3, "REPLAY01")).msg().getString(39)).isEqualTo("51");
            assertThat(t.exchange(iso(d, "0400", pan, 25_00, 2, "REPLAY01")).msg().getString(39)).isEqualTo("00");
        } finally {
            trace.setLevel(before);
            trace.setAdditive(additive);
            trace.detachAppender(raw);
        }
        Path file = dir.resolve("session.trace");
        List<String> lines = new ArrayList<>();
        for (String l : raw.lines) {
            lines.add("2026-11-29 17:00:00.000 DEBUG [epollEventLoopGroup-3-1] acqsim.trace - " + l);
        }
        Files.write(file, lines);
        String text = Files.readString(file);
        assertThat(lines).hasSize(8);
        assertThat(text).doesNotContain(pan).doesNotContain(HEX.formatHex(pan.getBytes()))
                .contains(HEX.formatHex("476173******0010".getBytes()));

        Run match = replay(file.toString(), "--target", "127.0.0.1:" + fresh.port("iso87-ascii"), "--ignore", "37,38");

        assertThat(match.exit()).as(match.out() + match.err()).isZero();
        assertThat(match.out()).contains("replaying 4 request(s) of " + file + " (trace, iso87-ascii)")
                .contains("ok   #2 conn ").contains("0200 STAN 000002 -> 0210 39=00")
                .contains("4 request(s) replayed: 4 matched, 0 differed");
        // the masked PAN became the test card 476173 000000 0010: opened, debited, reversed
        assertThat(fresh.accounts().get("4761730000000010").balance()).isEqualTo(1_000_000);
        assertThat(fresh.transactions().byTerminalAndStan("REPLAY01", "000002"))
                .extracting(io.acqsim.testkit.Transaction::state).contains("REVERSED");

        Run differ = replay(file.toString(), "--target", "127.0.0.1:" + strict.port("iso87-ascii"),
                "--ignore", "37");

        assertThat(differ.exit()).as(differ.out() + differ.err()).isEqualTo(1);
        assertThat(differ.out()).contains("DIFF #2 conn ")
                .contains("0200 STAN 000002 -> 0210 39=14: DE38 captured '")
                .contains("DE39 captured '00', replayed '14'")
                .containsPattern("4 request\\(s\\) replayed: \\d matched, \\d differed \\(DE38 x\\d, DE39 x\\d\\)");
    }

    @Test
    void aHexDumpOneFramePerLineWithOrWithoutLengthPrefix(@TempDir Path dir) throws Exception {
        Dialect d = Dialects.byName("cup-pos");
        List<String> lines = new ArrayList<>(List.of("# cup-pos session: sign-on, then a sale"));
        try (Terminal t = new Terminal(d, "127.0.0.1", recorded.port("cup-pos"), Duration.ofSeconds(10))) {
            IsoFrame signOn = Envelope.request(d, "0800");
            signOn.msg().set(11, "000001");
            signOn.msg().set(41, "HEXDUMP1");
            signOn.msg().set(42, "898310000000001");
            signOn.msg().set(60, "00000001003");
            IsoFrame sale = Envelope.request(d, "0200");
            ISOMsg m = sale.msg();
            m.set(2, "6222020000000777");
            m.set(3, "000000");
            m.set(4, "000000000500");
            m.set(11, "000002");
            m.set(22, "021");
            m.set(25, "00");
            m.set(41, "HEXDUMP1");
            m.set(42, "898310000000001");
            m.set(49, "156");
            m.set(60, "22000001000");
            for (IsoFrame f : List.of(signOn, sale)) {
                byte[] body = d.encode(f);
                t.sendBody(body);
                byte[] rsp = t.receive();
                lines.add(HEX.formatHex(withLength(d, body)) + "   # request, length prefix included");
                lines.add(spaced(HEX.formatHex(rsp)));
            }
        }
        Path file = dir.resolve("session.hex");
        Files.write(file, lines);

        Run match = replay(file.toString(), "--dialect", "cup-pos", "--target", "127.0.0.1:" + fresh.port("cup-pos"),
                "--ignore", "12,13,37,38");

        assertThat(match.exit()).as(match.out() + match.err()).isZero();
        assertThat(match.out()).contains("(hex, cup-pos)").contains("2 request(s) replayed: 2 matched, 0 differed");
        assertThat(fresh.accounts().get("6222020000000777").balance()).isEqualTo(1_000_000 - 500);
    }

    @Test
    void aRequestCapturedWithoutAResponseIsJudgedByTheHostsRecordNotBySilence(@TempDir Path dir) throws Exception {
        Dialect d = Dialects.byName("iso87-ascii");
        fresh.rules().arm(Rule.when().terminal("REPLNR01").amount(12_34).dropResponse().times(1));
        Path file = dir.resolve("unanswered.hex");
        Files.write(file, List.of(
                "# two sales whose responses the capture does not hold",
                HEX.formatHex(d.encode(iso(d, "0200", "4761739001010099", 12_34, 11, "REPLNR01"))),
                HEX.formatHex(d.encode(iso(d, "0200", "4761739001010099", 5_00, 12, "REPLNR01")))));

        // a silence window of 1 ms would take the second sale's answer for none
        Run r = replay(file.toString(), "--target", "127.0.0.1:" + fresh.port("iso87-ascii"), "--silence", "1ms");

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).containsPattern("ok   #1 conn .*: 0200 STAN 000011 -> no response, as captured "
                        + "\\(the host dropped its response\\)")
                .containsPattern("DIFF #2 conn .*: 0200 STAN 000012 -> 0210 39=00: answered, but the capture holds no response")
                .contains("2 request(s) replayed: 1 matched, 1 differed");
    }

    @Test
    void aPcapWithSplitAndRetransmittedSegmentsReplays(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("session.pcap");
        Files.write(file, pcap(recordedExchanges("PCAPTERM")));
        replaysAndReportsTheDifference(file);
    }

    @Test
    void aPcapngWithTheSameSegmentsReplaysThroughPcapngdecoder(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("session.pcapng");
        Files.write(file, pcapng(recordedExchanges("PCAPNGTM")));
        replaysAndReportsTheDifference(file);
    }

    private List<byte[][]> recordedExchanges(String terminal) throws Exception {
        Dialect d = Dialects.byName("iso87-binary");
        List<byte[][]> exchanges = new ArrayList<>();
        try (Terminal t = new Terminal(d, "127.0.0.1", recorded.port("iso87-binary"), Duration.ofSeconds(10))) {
            for (IsoFrame f : List.of(iso(d, "0200", "4111110000000888", 12_00, 1, terminal),
                    iso(d, "0200", "4111110000000888", 9000_05, 2, terminal),
                    iso(d, "0400", "4111110000000888", 12_00, 1, terminal))) {
                byte[] body = d.encode(f);
                t.sendBody(body);
                exchanges.add(new byte[][] {withLength(d, body), withLength(d, t.receive())});
            }
        }
        return exchanges;
    }

    private void replaysAndReportsTheDifference(Path file) throws Exception {
        Run match = replay(file.toString(), "--dialect", "iso87-binary",
                "--target", "127.0.0.1:" + fresh.port("iso87-binary"), "--ignore", "37,38");

        assertThat(match.exit()).as(match.out() + match.err()).isZero();
        assertThat(match.out()).contains("replaying 3 request(s)").contains("(pcap, iso87-binary)")
                .contains("0200 STAN 000002 -> 0210 39=05")
                .contains("3 request(s) replayed: 3 matched, 0 differed");

        Run differ = replay(file.toString(), "--dialect", "iso87-binary",
                "--target", "127.0.0.1:" + strict.port("iso87-binary"), "--ignore", "37,38");

        assertThat(differ.exit()).isEqualTo(1);
        assertThat(differ.out()).contains("DIFF #1 conn 10.0.0.1:40000-10.0.0.2:8584: 0200 STAN 000001 -> 0210 39=14: "
                + "DE39 captured '00', replayed '14'");
    }

    @Test
    void badCapturesAndArgumentsAreUsageErrors(@TempDir Path dir) throws Exception {
        Path ng = dir.resolve("capture.pcapng");
        Files.write(ng, new byte[] {0x0A, 0x0D, 0x0D, 0x0A, 0, 0, 0, 28});
        Run pcapng = replay(ng.toString(), "--target", "127.0.0.1:1");
        assertThat(pcapng.exit()).isEqualTo(2);
        assertThat(pcapng.err()).contains("capture.pcapng: not a pcapng file pcapngdecoder can read");

        Path notHex = dir.resolve("x.hex");
        Files.writeString(notHex, "0200 zz\n");
        Run hex = replay(notHex.toString(), "--target", "127.0.0.1:1");
        assertThat(hex.exit()).isEqualTo(2);
        assertThat(hex.err()).contains("line 1: not hex");

        Run missing = replay(dir.resolve("none").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");

        Run format = replay(notHex.toString(), "--format", "wav", "--target", "127.0.0.1:1");
        assertThat(format.exit()).isEqualTo(2);
        assertThat(format.err()).contains("--format 'wav' is not one of [hex, trace, pcap]");
    }

    private static String spaced(String hex) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            sb.append(i == 0 ? "" : " ").append(hex, i, i + 2);
        }
        return sb.toString();
    }

    private static byte[] withLength(Dialect d, byte[] body) {
        ByteBuf b = Unpooled.buffer();
        d.lengthHeader().write(b, body.length);
        b.writeBytes(body);
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }

    /**
     * The Ethernet/IPv4/TCP frames of the exchanges on one connection 10.0.0.1:40000 to
     * 10.0.0.2:8584: each request split in two segments, the second sent twice (a retransmission).
     * Frame i was captured at second i + 1.
     */
    private static List<byte[]> segments(List<byte[][]> exchanges) {
        List<byte[]> frames = new ArrayList<>();
        long clientSeq = 1000;
        long serverSeq = 5000;
        for (byte[][] x : exchanges) {
            byte[] rq = x[0];
            int half = rq.length / 2;
            frames.add(packet(frames.size() + 1, true, clientSeq, java.util.Arrays.copyOfRange(rq, 0, half)));
            byte[] rest = java.util.Arrays.copyOfRange(rq, half, rq.length);
            frames.add(packet(frames.size() + 1, true, clientSeq + half, rest));
            frames.add(packet(frames.size() + 1, true, clientSeq + half, rest)); // retransmitted
            clientSeq += rq.length;
            frames.add(packet(frames.size() + 1, false, serverSeq, x[1]));
            serverSeq += x[1].length;
        }
        return frames;
    }

    /** A classic pcap (LINKTYPE_ETHERNET) of {@link #segments}. */
    private static byte[] pcap(List<byte[][]> exchanges) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer gh = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        gh.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        out.writeBytes(gh.array());
        int time = 1;
        for (byte[] frame : segments(exchanges)) {
            ByteBuffer rec = ByteBuffer.allocate(16 + frame.length).order(ByteOrder.LITTLE_ENDIAN);
            rec.putInt(1_700_000_000 + time++).putInt(0).putInt(frame.length).putInt(frame.length).put(frame);
            out.writeBytes(rec.array());
        }
        return out.toByteArray();
    }

    /**
     * A pcapng of {@link #segments} (block layout from the pcapng specification,
     * draft-ietf-opsawg-pcapng): a Section Header Block, an Interface Description Block with
     * LINKTYPE_ETHERNET (1), then one Enhanced Packet Block per frame (interface 0, timestamp in
     * microseconds, data padded to 32 bits), all little-endian.
     */
    private static byte[] pcapng(List<byte[][]> exchanges) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(block(0x0A0D0D0A, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L).array()));
        out.writeBytes(block(0x00000001, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 1).putShort((short) 0).putInt(65535).array()));
        int time = 1;
        for (byte[] frame : segments(exchanges)) {
            long micros = (1_700_000_000L + time++) * 1_000_000L;
            int padded = (frame.length + 3) & ~3;
            ByteBuffer epb = ByteBuffer.allocate(20 + padded).order(ByteOrder.LITTLE_ENDIAN);
            epb.putInt(0).putInt((int) (micros >>> 32)).putInt((int) micros).putInt(frame.length).putInt(frame.length)
                    .put(frame);
            out.writeBytes(block(0x00000006, epb.array()));
        }
        return out.toByteArray();
    }

    private static byte[] block(int type, byte[] body) {
        int total = 12 + body.length;
        return ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(type).putInt(total).put(body).putInt(total).array();
    }

    private static byte[] packet(int time, boolean fromClient, long seq, byte[] payload) {
        int ipLength = 20 + 20 + payload.length;
        ByteBuffer p = ByteBuffer.allocate(14 + ipLength).order(ByteOrder.BIG_ENDIAN);
        p.put(new byte[] {0, 1, 2, 3, 4, 5}).put(new byte[] {0, 1, 2, 3, 4, 6}).putShort((short) 0x0800);
        byte[] client = {10, 0, 0, 1};
        byte[] server = {10, 0, 0, 2};
        p.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) time).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 6).putShort((short) 0)
                .put(fromClient ? client : server).put(fromClient ? server : client);
        p.putShort((short) (fromClient ? 40000 : 8584)).putShort((short) (fromClient ? 8584 : 40000))
                .putInt((int) seq).putInt(0).put((byte) 0x50).put((byte) 0x18).putShort((short) 65535)
                .putShort((short) 0).putShort((short) 0).put(payload);
        return p.array();
    }
}
