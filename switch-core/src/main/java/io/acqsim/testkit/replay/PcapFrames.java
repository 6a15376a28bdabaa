package io.acqsim.testkit.replay;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.framing.LengthHeader;
import io.netty.buffer.Unpooled;
import io.pkts.Pcap;
import io.pkts.packet.TCPPacket;
import io.pkts.protocol.Protocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ISO 8583 frames in a pcap file's TCP payloads, read with pkts (io.pkts:pkts-core): each
 * direction of each TCP connection is put back together in sequence order (retransmitted bytes
 * dropped) and cut into frames by the dialect's length prefix. Frames are ordered by the time
 * their last byte was captured. pcapng files are read by {@link PcapngFrames} (pcapngdecoder), which
 * hands over the link-layer frames; the same pkts parsing and reassembly then apply.
 */
final class PcapFrames {
    static final int PCAPNG_MAGIC = 0x0A0D0D0A;

    private PcapFrames() {
    }

    static boolean isPcapMagic(int magic) {
        return magic == 0xA1B2C3D4 || magic == 0xD4C3B2A1 || magic == 0xA1B23C4D || magic == 0x4D3CB2A1;
    }

    /** One direction of one TCP connection: its bytes so far and when each byte arrived. */
    private static final class Stream {
        final String connection;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<long[]> arrivals = new ArrayList<>(); // {end offset, time}
        long nextSeq = -1;

        Stream(String connection) {
            this.connection = connection;
        }

        void add(long seq, byte[] payload, long time) {
            if (payload.length == 0) {
                return;
            }
            int skip = 0;
            if (nextSeq >= 0) {
                long d = seq - nextSeq;
                if (d < 0) {
                    skip = (int) Math.min(payload.length, -d); // retransmitted bytes we have
                }
            }
            if (skip < payload.length) {
                bytes.write(payload, skip, payload.length - skip);
                arrivals.add(new long[] {bytes.size(), time});
            }
            nextSeq = Math.max(nextSeq, seq + payload.length);
        }

        long timeOf(int endOffset) {
            for (long[] a : arrivals) {
                if (a[0] >= endOffset) {
                    return a[1];
                }
            }
            return Long.MAX_VALUE;
        }
    }

    private record Timed(long time, int seq, Capture.Frame frame) {
    }

    static List<Capture.Frame> read(Path file, Dialect dialect) throws IOException {
        byte[] all = java.nio.file.Files.readAllBytes(file);
        Map<String, Stream> streams = new LinkedHashMap<>();
        if (all.length >= 4 && ((all[0] & 0xFF) << 24 | (all[1] & 0xFF) << 16 | (all[2] & 0xFF) << 8
                | (all[3] & 0xFF)) == PCAPNG_MAGIC) {
            for (byte[] pcap : PcapngFrames.asPcaps(file, all)) {
                collect(file, new java.io.ByteArrayInputStream(pcap), streams);
            }
        } else {
            collect(file, new java.io.ByteArrayInputStream(all), streams);
        }
        return frames(streams, dialect);
    }

    /** Every TCP payload pkts finds in a classic pcap image, added to its stream. */
    private static void collect(Path file, java.io.InputStream in, Map<String, Stream> streams) throws IOException {
        Pcap pcap = Pcap.openStream(in);
        try {
            pcap.loop(packet -> {
                if (packet.hasProtocol(Protocol.TCP)) {
                    TCPPacket tcp = (TCPPacket) packet.getPacket(Protocol.TCP);
                    String from = tcp.getParentPacket().getSourceIP() + ":" + tcp.getSourcePort();
                    String to = tcp.getParentPacket().getDestinationIP() + ":" + tcp.getDestinationPort();
                    String key = from + ">" + to;
                    String connection = from.compareTo(to) < 0 ? from + "-" + to : to + "-" + from;
                    io.pkts.buffer.Buffer payload = tcp.getPayload();
                    byte[] data = payload == null ? new byte[0] : payload.getArray();
                    streams.computeIfAbsent(key, k -> new Stream(connection))
                            .add(tcp.getSequenceNumber(), data, packet.getArrivalTime());
                }
                return true;
            });
        } catch (io.pkts.framer.FramingException e) {
            throw new IOException(file + ": not a capture pkts can read: " + e.getMessage(), e);
        } finally {
            pcap.close();
        }
    }

    private static List<Capture.Frame> frames(Map<String, Stream> streams, Dialect dialect) {
        List<Timed> timed = new ArrayList<>();
        int seq = 0;
        for (Stream s : streams.values()) {
            byte[] all = s.bytes.toByteArray();
            LengthHeader h = dialect.lengthHeader();
            int at = 0;
            while (at + h.size() <= all.length) {
                int length = dialect.framing().bodyLength(h.read(Unpooled.wrappedBuffer(all), at));
                if (length == LengthHeader.INVALID || at + h.size() + length > all.length) {
                    break; // not this dialect's framing, or a frame cut off by the end of the capture
                }
                byte[] body = java.util.Arrays.copyOfRange(all, at + h.size(), at + h.size() + length);
                at += h.size() + length;
                timed.add(new Timed(s.timeOf(at), seq++, new Capture.Frame(s.connection, body)));
            }
        }
        timed.sort(Comparator.comparingLong(Timed::time).thenComparingInt(Timed::seq));
        return timed.stream().map(Timed::frame).toList();
    }
}
