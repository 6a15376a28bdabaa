package io.acqsim.testkit.replay;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.FieldSpans;
import io.acqsim.codec.framing.LengthHeader;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The frames of a recorded session, in order, each tagged with its connection: read from a hex
 * dump (one frame per line, with or without its length prefix), from acqsim's own {@code --trace}
 * lines, or from a pcap file's TCP payloads ({@link PcapFrames}). Requests are then paired with the
 * responses that answered them.
 */
public final class Capture {
    private static final Pattern TRACE = Pattern.compile("\\b(in|out) +(\\S+)/(\\S+) raw ([0-9A-Fa-f]+)\\s*$");
    private static final HexFormat HEX = HexFormat.of();

    /** One frame body (everything after the length prefix) and the connection it travelled on. */
    public record Frame(String connection, byte[] body) {
    }

    /** A request and the response the capture holds for it (null: none was captured). */
    public record Exchange(int number, String connection, byte[] request, byte[] response) {
    }

    /** What a file holds. */
    public enum Format { HEX, TRACE, PCAP }

    private Capture() {
    }

    /** The format by content: pcap magic, trace lines, else hex. */
    public static Format detect(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4096);
        }
        if (head.length >= 4) {
            int magic = ((head[0] & 0xFF) << 24) | ((head[1] & 0xFF) << 16) | ((head[2] & 0xFF) << 8) | (head[3] & 0xFF);
            if (PcapFrames.isPcapMagic(magic) || magic == PcapFrames.PCAPNG_MAGIC) {
                return Format.PCAP;
            }
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        for (String line : text.split("\n")) {
            if (TRACE.matcher(line).find()) {
                return Format.TRACE;
            }
        }
        return Format.HEX;
    }

    /** Every frame of the file, in the order they were captured. */
    public static List<Frame> frames(Path file, Format format, Dialect dialect) throws IOException {
        return switch (format) {
            case PCAP -> PcapFrames.read(file, dialect);
            case TRACE -> trace(file, dialect);
            case HEX -> hex(file, dialect);
        };
    }

    private static List<Frame> hex(Path file, Dialect dialect) throws IOException {
        List<Frame> out = new ArrayList<>();
        int n = 0;
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            String line = raw.strip();
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash).strip();
            }
            if (line.isEmpty()) {
                continue;
            }
            byte[] bytes;
            try {
                bytes = HEX.parseHex(line.replaceAll("[\\s:]", ""));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " line " + n + ": not hex (" + e.getMessage() + ")");
            }
            out.add(new Frame("1", body(dialect, bytes)));
        }
        return out;
    }

    private static List<Frame> trace(Path file, Dialect dialect) throws IOException {
        List<Frame> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            Matcher m = TRACE.matcher(line);
            if (m.find()) {
                out.add(new Frame(m.group(3), body(dialect, HEX.parseHex(m.group(4)))));
            }
        }
        return out;
    }

    /** The frame body: the length prefix taken off when the bytes start with one that counts the rest. */
    static byte[] body(Dialect dialect, byte[] bytes) {
        LengthHeader h = dialect.lengthHeader();
        if (bytes.length > h.size()) {
            int length = dialect.framing().bodyLength(h.read(Unpooled.wrappedBuffer(bytes), 0));
            if (length == bytes.length - h.size()) {
                return java.util.Arrays.copyOfRange(bytes, h.size(), bytes.length);
            }
        }
        return bytes;
    }

    /**
     * Pairs each request with the response that answered it on the same connection: the first
     * later response whose MTI is the request's plus 10 and whose STAN (DE11) is the same.
     * Frames that are not requests and answer nothing are left out.
     */
    public static List<Exchange> exchanges(List<Frame> frames, Dialect dialect) {
        List<Exchange> out = new ArrayList<>();
        Map<Integer, Frame> open = new LinkedHashMap<>();
        Map<Integer, byte[]> answers = new LinkedHashMap<>();
        List<Integer> order = new ArrayList<>();
        int i = 0;
        for (Frame f : frames) {
            Header h = header(dialect, f.body());
            if (h == null) {
                continue;
            }
            if (h.isRequest()) {
                open.put(i, f);
                order.add(i);
            } else {
                for (Map.Entry<Integer, Frame> e : open.entrySet()) {
                    Header rq = header(dialect, e.getValue().body());
                    if (e.getValue().connection().equals(f.connection()) && !answers.containsKey(e.getKey())
                            && rq != null && rq.answeredBy(h)) {
                        answers.put(e.getKey(), f.body());
                        break;
                    }
                }
            }
            i++;
        }
        int n = 0;
        for (int k : order) {
            Frame rq = open.get(k);
            out.add(new Exchange(++n, rq.connection(), rq.body(), answers.get(k)));
        }
        return out;
    }

    /** MTI and STAN of a frame, read leniently (masked digits do not matter here); null if unreadable. */
    record Header(String mti, String stan) {
        boolean isRequest() {
            return mti.length() == 4 && (mti.charAt(2) - '0') % 2 == 0;
        }

        boolean answeredBy(Header rsp) {
            String want = mti.substring(0, 2) + (char) (mti.charAt(2) + 1) + "0";
            return rsp.mti().startsWith(want.substring(0, 3)) && java.util.Objects.equals(stan, rsp.stan());
        }
    }

    static Header header(Dialect dialect, byte[] body) {
        try {
            String mti = null;
            String stan = null;
            for (FieldSpans.Span s : FieldSpans.of(dialect, body)) {
                if (s.field() == 0) {
                    mti = String.valueOf(s.value());
                } else if (s.field() == 11) {
                    stan = String.valueOf(s.value());
                }
            }
            return mti == null ? null : new Header(mti, stan);
        } catch (Exception e) {
            return null;
        }
    }
}
