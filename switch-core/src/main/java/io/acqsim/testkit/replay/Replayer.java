package io.acqsim.testkit.replay;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.FieldSpans;
import io.acqsim.codec.dialect.FrameMasking;
import io.acqsim.core.server.AcqsimServer;
import io.acqsim.core.server.Answers;
import io.acqsim.testkit.Terminal;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Sends the requests of a capture to a host in their captured order, one connection per captured
 * connection, and compares each response field by field with the captured one. When the captured
 * response is masked (a trace), the replayed one is masked the same way before the comparison, so
 * masked fields compare like for like; the card fields of a request whose card was substituted are
 * not compared.
 *
 * <p>A captured request without a response is replayed expecting none. When the host runs in this
 * process (a test's, on a loopback port), its own record of what it did with the request decides;
 * otherwise nothing within the silence window counts as no response.
 */
public final class Replayer {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final Set<Integer> CARD_FIELDS = Set.of(2, 34, 35, 36);

    /** One field that differs ({@code null}: absent on that side). */
    public record Difference(int field, String captured, String replayed) {
        @Override
        public String toString() {
            return (field == 0 ? "MTI" : "DE" + field) + " captured " + show(captured) + ", replayed " + show(replayed);
        }

        private static String show(String v) {
            return v == null ? "none" : "'" + v + "'";
        }
    }

    /** What became of one request. */
    public record Outcome(int number, String connection, String request, String response, List<Difference> differences,
                          String problem) {
        public boolean matched() {
            return differences.isEmpty() && problem == null;
        }
    }

    /** The whole replay. */
    public record Report(List<Outcome> outcomes) {
        public long matched() {
            return outcomes.stream().filter(Outcome::matched).count();
        }

        public long differed() {
            return outcomes.size() - matched();
        }

        /** How often each field differed, by field number. */
        public Map<Integer, Integer> fieldCounts() {
            Map<Integer, Integer> m = new TreeMap<>();
            outcomes.forEach(o -> o.differences().forEach(d -> m.merge(d.field(), 1, Integer::sum)));
            return m;
        }
    }

    private final Dialect dialect;
    private final String host;
    private final int port;
    private final Set<Integer> ignore;
    private final TestCard card;
    private final Duration timeout;
    private final Duration silence;
    private final PrintWriter out;
    private final Answers answers;

    public Replayer(Dialect dialect, String host, int port, Set<Integer> ignore, TestCard card, Duration timeout,
                    Duration silence, PrintWriter out) {
        this.answers = loopback(host) ? AcqsimServer.answersOnPort(port).orElse(null) : null;
        this.dialect = dialect;
        this.host = host;
        this.port = port;
        this.ignore = ignore;
        this.card = card;
        this.timeout = timeout;
        this.silence = silence;
        this.out = out;
    }

    private static boolean loopback(String host) {
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    public Report replay(List<Capture.Exchange> exchanges) throws IOException {
        Map<String, Terminal> terminals = new HashMap<>();
        List<Outcome> outcomes = new ArrayList<>();
        try {
            for (Capture.Exchange x : exchanges) {
                Outcome o = one(x, terminals);
                outcomes.add(o);
                out.printf("%-4s #%d conn %s: %s -> %s%s%n", o.matched() ? "ok" : "DIFF", o.number(), o.connection(),
                        o.request(), o.response(), o.matched() ? ""
                                : ": " + (o.problem() != null ? o.problem() : String.join("; ",
                                o.differences().stream().map(Difference::toString).toList())));
                out.flush();
            }
        } finally {
            for (Terminal t : terminals.values()) {
                t.close();
            }
        }
        Report r = new Report(outcomes);
        StringBuilder fields = new StringBuilder();
        r.fieldCounts().forEach((f, n) -> fields.append(fields.length() == 0 ? "" : ", ")
                .append(f == 0 ? "MTI" : "DE" + f).append(" x").append(n));
        out.printf("%d request(s) replayed: %d matched, %d differed%s%n", outcomes.size(), r.matched(), r.differed(),
                fields.length() == 0 ? "" : " (" + fields + ")");
        out.flush();
        return r;
    }

    private Outcome one(Capture.Exchange x, Map<String, Terminal> terminals) throws IOException {
        Map<Integer, String> capturedRequest = fields(x.request());
        String label = capturedRequest.getOrDefault(0, "????") + " STAN " + capturedRequest.getOrDefault(11, "-");
        byte[] request;
        try {
            request = card.apply(dialect, x.request());
        } catch (Exception e) {
            return new Outcome(x.number(), x.connection(), label, "not sent", List.of(),
                    "the captured request does not follow the " + dialect.name() + " layout: " + e.getMessage());
        }
        boolean substituted = request != x.request();
        Terminal t = terminals.get(x.connection());
        if (t == null) {
            t = new Terminal(dialect, host, port, timeout);
            terminals.put(x.connection(), t);
        }
        if (x.response() == null && answers != null) {
            return withheldByRecord(x, terminals, request, label, capturedRequest);
        }
        t.timeout(x.response() == null ? silence : timeout);
        t.sendBody(request);
        byte[] replayed;
        try {
            replayed = t.receive();
        } catch (SocketTimeoutException | EOFException e) {
            replayed = null;
            if (e instanceof EOFException) {
                terminals.remove(x.connection()).close();
            }
        }
        if (x.response() == null) {
            return replayed == null
                    ? new Outcome(x.number(), x.connection(), label, "no response, as captured", List.of(), null)
                    : new Outcome(x.number(), x.connection(), label, summary(fields(FrameMasking.body(dialect, replayed))),
                    List.of(), "answered, but the capture holds no response");
        }
        Map<Integer, String> want = fields(x.response());
        if (replayed == null) {
            return new Outcome(x.number(), x.connection(), label, "no response", List.of(),
                    "no response within " + timeout.toMillis() + " ms; the capture holds " + summary(want));
        }
        // Like with like: a masked capture (a trace) is compared with the replayed response masked the same way.
        boolean capturedMasked = java.util.Arrays.equals(FrameMasking.body(dialect, x.response()), x.response());
        Map<Integer, String> got = fields(capturedMasked ? FrameMasking.body(dialect, replayed) : replayed);
        List<Difference> diffs = new ArrayList<>();
        Set<Integer> all = new TreeSet<>(want.keySet());
        all.addAll(got.keySet());
        for (int f : all) {
            if (f == 1 || ignore.contains(f) || (substituted && CARD_FIELDS.contains(f))) {
                continue;
            }
            if (!java.util.Objects.equals(want.get(f), got.get(f))) {
                diffs.add(new Difference(f, want.get(f), got.get(f)));
            }
        }
        return new Outcome(x.number(), x.connection(), label, summary(got), diffs, null);
    }

    /** A request captured without a response, sent to a host in this process: its record of the request decides. */
    private Outcome withheldByRecord(Capture.Exchange x, Map<String, Terminal> terminals, byte[] request, String label,
                                     Map<Integer, String> captured) throws IOException {
        Terminal t = terminals.get(x.connection());
        Answers.Decision d;
        t.timeout(timeout);
        try (Answers.Watch watch = answers.watch()) {
            t.sendBody(request);
            d = watch.await(captured.get(0), captured.get(11), captured.get(41), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the host's decision", e);
        }
        if (d == null) {
            return new Outcome(x.number(), x.connection(), label, "no decision", List.of(),
                    "the host recorded no decision about the request within " + timeout.toMillis() + " ms");
        }
        byte[] replayed = null;
        if (d.fate() == Answers.Fate.CONNECTION_CLOSED) {
            terminals.remove(x.connection()).close(); // the next request of this connection opens a new one
        } else if (d.fate().answered()) {
            try {
                replayed = t.receive();
            } catch (SocketTimeoutException | EOFException e) {
                return new Outcome(x.number(), x.connection(), label, "no response", List.of(),
                        "the host " + d.fate().words() + ", but nothing came within " + timeout.toMillis() + " ms");
            }
        } else {
            replayed = t.receiveIfArrived();
        }
        return replayed == null
                ? new Outcome(x.number(), x.connection(), label, "no response, as captured (the host " + d.fate().words()
                + ")", List.of(), null)
                : new Outcome(x.number(), x.connection(), label, summary(fields(FrameMasking.body(dialect, replayed))),
                List.of(), "answered, but the capture holds no response");
    }

    private static String summary(Map<Integer, String> m) {
        return m.getOrDefault(0, "????") + (m.containsKey(39) ? " 39=" + m.get(39) : "");
    }

    /** Field number to value (hex for bytes), read leniently; an unreadable frame is one pseudo-field. */
    private Map<Integer, String> fields(byte[] body) {
        Map<Integer, String> m = new TreeMap<>();
        try {
            for (FieldSpans.Span s : FieldSpans.of(dialect, body)) {
                if (s.field() != 1) {
                    m.put(s.field(), s.value() instanceof byte[] b ? HEX.formatHex(b) : String.valueOf(s.value()));
                }
            }
        } catch (Exception e) {
            m.clear();
            m.put(-1, "undecodable " + HEX.formatHex(FrameMasking.body(dialect, body)));
        }
        return m;
    }
}
