package io.acqsim.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.acqsim.codec.CodecException;
import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.field.Masking;
import io.acqsim.core.server.Answers;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jpos.iso.ISOMsg;

/**
 * Runs a {@link Scenario} against any host over TCP, printing one line per step (and per check of
 * balances and journal), and tells what passed. The admin API (for {@code accounts}, {@code then}
 * and {@code journal}) is reached over HTTP; without it those parts fail with a clear reason.
 * {@code acqsim run} and the project's own ScenarioTest both use it.
 *
 * <p>How a {@code noResponse} step is judged depends on where the host runs. In this process (the
 * target carries the listener's {@link Answers}), the host's own record decides: the step passes
 * when the host says it withheld the answer (dropped the request or the response, closed the
 * connection, advice failure {@code drop}) and nothing arrived, and fails as soon as the host says
 * it answered (at once or after a delay), naming the response; the only wait is for that record,
 * bounded by the response timeout. In another process only the socket can tell: nothing (or the
 * connection closed) within the silence window counts as no response.
 */
public final class ScenarioRunner {
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /**
     * Where to send: a listener's address in the scenario's dialect, the host's admin API (or
     * null), and the listener's record of what it decides for each request when the host runs in
     * this process (or null: {@code noResponse} is then judged by the silence window).
     */
    public record Target(String host, int port, Dialect dialect, AdminHttp admin, Answers answers) {
        /** A host in another process: no record to read. */
        public Target(String host, int port, Dialect dialect, AdminHttp admin) {
            this(host, port, dialect, admin, null);
        }

        /** The same target, with the record of a host running in this process if one listens on {@code port}. */
        public Target withAnswersIfInProcess() {
            if (answers != null || !loopback(host)) {
                return this;
            }
            return new Target(host, port, dialect, admin, io.acqsim.core.server.AcqsimServer.answersOnPort(port)
                    .orElse(null));
        }

        private static boolean loopback(String host) {
            try {
                return java.net.InetAddress.getByName(host).isLoopbackAddress();
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
    }

    /** One line of the report. */
    public record Check(String what, boolean passed, String detail) {
    }

    /** A scenario's outcome: every check in order. */
    public record Result(String name, List<Check> checks) {
        public boolean passed() {
            return checks.stream().allMatch(Check::passed);
        }

        public long failed() {
            return checks.stream().filter(c -> !c.passed()).count();
        }

        /** The first failure's line, or null. */
        public String firstFailure() {
            return checks.stream().filter(c -> !c.passed()).map(c -> c.what() + ": " + c.detail()).findFirst()
                    .orElse(null);
        }
    }

    private final PrintWriter out;
    private final Duration timeout;
    private final Duration silence;

    /** How long a {@code noResponse} step listens to a host in another process, unless told otherwise. */
    public static final Duration DEFAULT_SILENCE = Duration.ofSeconds(2);

    /**
     * @param timeout how long to wait for each response, and for an in-process host's record of a
     *                request it did not answer
     * @param silence how long a {@code noResponse} step listens to a host in another process to be
     *                sure nothing comes (a host in this process is not judged by silence)
     */
    public ScenarioRunner(PrintWriter out, Duration timeout, Duration silence) {
        if (timeout.isNegative() || timeout.isZero() || silence.isNegative() || silence.isZero()) {
            throw new IllegalArgumentException("timeout " + timeout + " and silence " + silence + " must be positive");
        }
        this.out = out;
        this.timeout = timeout;
        this.silence = silence;
    }

    public ScenarioRunner(PrintWriter out) {
        this(out, Duration.ofSeconds(10), DEFAULT_SILENCE);
    }

    /** Runs every step, then the balance and journal checks; prints as it goes. */
    public Result run(String name, Scenario s, Target target) {
        List<Check> checks = new ArrayList<>();
        out.printf("%s: %s%n", name, s.title() == null ? "" : s.title());
        out.printf("  %s at %s:%d%s%n", target.dialect().name(), target.host(), target.port(),
                target.admin() == null ? "" : ", admin " + target.admin().base());
        out.flush();
        if (s.accounts() != null && !s.accounts().isEmpty()) {
            for (Map.Entry<String, Long> a : s.accounts().entrySet()) {
                report(checks, "account " + Masking.pan(a.getKey()), () -> {
                    admin(target).call("PUT", "/accounts/" + a.getKey(), "{\"balance\": " + a.getValue() + "}");
                    return "set to " + a.getValue();
                });
            }
        }
        if (s.pins() != null) {
            for (Map.Entry<String, String> p : s.pins().entrySet()) {
                report(checks, "PIN of " + Masking.pan(p.getKey()), () -> {
                    admin(target).call("PUT", "/accounts/" + p.getKey(), "{\"pin\": \"" + p.getValue() + "\"}");
                    return "set";
                });
            }
        }
        if (s.rules() != null) {
            for (com.fasterxml.jackson.databind.JsonNode rule : s.rules()) {
                report(checks, "rule", () -> {
                    admin(target).call("POST", "/rules", rule.toString());
                    return "added " + rule;
                });
            }
        }
        Map<String, String> vars = new HashMap<>();
        LocalDate today = LocalDate.now();
        vars.put("today", String.format("%02d%02d", today.getMonthValue(), today.getDayOfMonth()));
        Map<Integer, Terminal> connections = new HashMap<>();
        try {
            int n = 0;
            for (Scenario.Step step : s.steps()) {
                n++;
                String label = "step " + n + (step.note() == null ? "" : " (" + step.note() + ")");
                report(checks, label, () -> step(s, step, target, connections, vars));
            }
        } finally {
            for (Terminal t : connections.values()) {
                try {
                    t.close();
                } catch (IOException ignored) {
                    // closing a finished terminal
                }
            }
        }
        if (s.then() != null) {
            for (Map.Entry<String, Scenario.Balance> e : s.then().entrySet()) {
                report(checks, "then " + Masking.pan(e.getKey()), () -> balance(target, e.getKey(), e.getValue()));
            }
        }
        if (s.journal() != null) {
            for (Scenario.JournalEntry want : s.journal()) {
                report(checks, "journal " + want.type() + " STAN " + want.stan(), () -> journal(target, want));
            }
        }
        Result r = new Result(name, checks);
        out.printf("%s %s: %d checks, %d failed%n%n", r.passed() ? "PASS" : "FAIL", name, checks.size(), r.failed());
        out.flush();
        return r;
    }

    /** A check that fails by throwing {@link Failure} (or any exception, reported by its message). */
    @FunctionalInterface
    private interface Body {
        String run() throws Exception;
    }

    /** A check that did not hold; the message names the field and both values. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private void report(List<Check> checks, String what, Body body) {
        Check c;
        try {
            c = new Check(what, true, body.run());
        } catch (Failure e) {
            c = new Check(what, false, e.getMessage());
        } catch (Exception e) {
            c = new Check(what, false, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        checks.add(c);
        out.printf("  %-4s %s: %s%n", c.passed() ? "ok" : "FAIL", c.what(), c.detail());
        out.flush();
    }

    private String step(Scenario s, Scenario.Step step, Target target, Map<Integer, Terminal> connections,
                        Map<String, String> vars) throws Exception {
        Map<String, String> fields = new TreeMap<>((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        if (s.defaults() != null) {
            fields.putAll(s.defaults());
        }
        fields.putAll(step.send());
        Dialect dialect = target.dialect();
        IsoFrame request = Envelope.request(dialect, expand(fields.get("0"), vars));
        ScenarioChip chip = null;
        for (Map.Entry<String, String> f : fields.entrySet()) {
            int field = Integer.parseInt(f.getKey());
            String v = f.getValue();
            if (field != 0 && v != null && !v.equals("-")) {
                String value = expand(v, vars);
                if (ScenarioChip.generates(field, value)) {
                    chip = chip == null ? new ScenarioChip(fields, vars, dialect) : chip;
                    request.msg().set(field, chip.value(field, value));
                } else if (value.startsWith("hex:")) {
                    request.msg().set(field, HEX.parseHex(value.substring(4)));
                } else {
                    request.msg().set(field, value);
                }
            }
        }
        int c = step.connection() == null ? 1 : step.connection();
        Terminal terminal = connections.get(c);
        if (terminal == null) {
            terminal = new Terminal(dialect, target.host(), target.port(), timeout);
            connections.put(c, terminal);
        }
        String sent = request.msg().getString(0);
        if (Boolean.TRUE.equals(step.noResponse())) {
            return target.answers() != null ? withheldByRecord(target.answers(), terminal, request)
                    : withheldBySilence(terminal, request);
        }
        terminal.send(request);
        ISOMsg rsp;
        try {
            rsp = dialect.decode(terminal.receive()).msg();
        } catch (SocketTimeoutException e) {
            throw new Failure(sent + ": no response within " + timeout.toMillis() + " ms");
        } catch (EOFException e) {
            throw new Failure(sent + ": the host closed the connection without a response");
        } catch (CodecException e) {
            throw new Failure(sent + ": the response does not decode: " + e.getMessage());
        }
        List<String> wrong = new ArrayList<>();
        if (step.expect() != null) {
            for (Map.Entry<String, String> e : step.expect().entrySet()) {
                int field = Integer.parseInt(e.getKey());
                String want = e.getValue();
                String got = rsp.getString(field);
                String shown = field == 0 ? got : Masking.field(rsp, field);
                if (field == 55 && (want.equals("arpc") || want.equals("no-arpc"))) {
                    boolean accepted = chip != null && chip.cardAccepts(rsp.getBytes(55));
                    if (accepted != want.equals("arpc")) {
                        wrong.add("DE55 expected " + (accepted ? "no valid ARPC" : "an ARPC the card accepts")
                                + ", got " + (got == null ? "none" : "'" + shown + "'"));
                    }
                    continue;
                }
                switch (want) {
                    case "*" -> {
                        if (got == null) {
                            wrong.add((field == 0 ? "MTI" : "DE" + field) + " expected present, absent");
                        }
                    }
                    case "-" -> {
                        if (got != null) {
                            wrong.add((field == 0 ? "MTI" : "DE" + field) + " expected absent, got '" + shown + "'");
                        }
                    }
                    default -> {
                        String expanded = expand(want, vars);
                        if (!expanded.equals(got)) {
                            wrong.add((field == 0 ? "MTI" : "DE" + field) + " expected '" + expanded + "', got "
                                    + (got == null ? "none" : "'" + shown + "'"));
                        }
                    }
                }
            }
        }
        String summary = sent + " -> " + rsp.getString(0) + (rsp.hasField(39) ? " 39=" + rsp.getString(39) : "");
        if (!wrong.isEmpty()) {
            throw new Failure(summary + ": " + String.join("; ", wrong));
        }
        if (step.save() != null) {
            for (Map.Entry<String, String> sv : step.save().entrySet()) {
                String v = rsp.getString(Integer.parseInt(sv.getValue()));
                if (v == null) {
                    throw new Failure(summary + ": DE" + sv.getValue() + " to save as '" + sv.getKey() + "' is absent");
                }
                vars.put(sv.getKey(), v);
            }
        }
        return summary;
    }

    /**
     * A {@code noResponse} step against a host in this process: its own record says whether it
     * answered the request, and nothing else is waited for.
     */
    private String withheldByRecord(Answers answers, Terminal terminal, IsoFrame request) throws Exception {
        ISOMsg m = request.msg();
        String sent = m.getString(0);
        Answers.Decision d;
        try (Answers.Watch watch = answers.watch()) {
            terminal.send(request);
            d = watch.await(sent, m.getString(11), m.getString(41), timeout);
        }
        if (d == null) {
            byte[] early = terminal.receiveIfArrived();
            throw new Failure(sent + ": expected no response; the host recorded no decision about it within "
                    + timeout.toMillis() + " ms" + (early == null ? "" : ", and sent " + decodeQuietly(terminal.dialect(), early)));
        }
        if (d.fate().answered()) {
            String got;
            try {
                got = decodeQuietly(terminal.dialect(), terminal.receive());
            } catch (SocketTimeoutException e) {
                got = "nothing within " + timeout.toMillis() + " ms";
            } catch (EOFException e) {
                got = "the connection closed";
            }
            throw new Failure(sent + ": expected no response, but the host " + d.fate().words() + ": " + got);
        }
        byte[] stray = terminal.receiveIfArrived();
        if (stray != null) {
            throw new Failure(sent + ": expected no response, got " + decodeQuietly(terminal.dialect(), stray));
        }
        return sent + " -> no response: the host " + d.fate().words() + ", as expected";
    }

    /**
     * A {@code noResponse} step against a host in another process: nothing within the silence
     * window (or the connection closed) is taken as no response. A response slower than the
     * window passes this step and reaches the next one on the connection.
     */
    private String withheldBySilence(Terminal terminal, IsoFrame request) throws Exception {
        String sent = request.msg().getString(0);
        terminal.send(request);
        terminal.timeout(silence);
        try {
            byte[] body = terminal.receive();
            throw new Failure(sent + ": expected no response, got " + decodeQuietly(terminal.dialect(), body));
        } catch (SocketTimeoutException expected) {
            return sent + " -> no response within the " + silence.toMillis() + " ms silence window, as expected";
        } catch (EOFException closed) {
            return sent + " -> no response: the host closed the connection, as expected";
        } finally {
            terminal.timeout(timeout);
        }
    }

    private static String decodeQuietly(Dialect dialect, byte[] body) {
        try {
            ISOMsg m = dialect.decode(body).msg();
            return m.getString(0) + (m.hasField(39) ? " 39=" + m.getString(39) : "");
        } catch (CodecException e) {
            return "an undecodable frame of " + body.length + " bytes";
        }
    }

    private static AdminHttp admin(Target target) throws Failure {
        if (target.admin() == null) {
            throw new Failure("needs the host's admin API: give --admin URL");
        }
        return target.admin();
    }

    private static String balance(Target target, String pan, Scenario.Balance want) throws Exception {
        JsonNode a = admin(target).call("GET", "/accounts/" + pan, null);
        List<String> wrong = new ArrayList<>();
        Map<String, Object> seen = new LinkedHashMap<>();
        if (want.balance() != null) {
            seen.put("balance", a.path("balance").asLong());
            if (a.path("balance").asLong() != want.balance()) {
                wrong.add("balance expected " + want.balance() + ", got " + a.path("balance").asLong());
            }
        }
        if (want.available() != null) {
            seen.put("available", a.path("available").asLong());
            if (a.path("available").asLong() != want.available()) {
                wrong.add("available expected " + want.available() + ", got " + a.path("available").asLong());
            }
        }
        if (!wrong.isEmpty()) {
            throw new Failure(String.join("; ", wrong));
        }
        return seen.toString();
    }

    private static String journal(Target target, Scenario.JournalEntry want) throws Exception {
        JsonNode entries = admin(target).call("GET", "/transactions?stan=" + want.stan(), null);
        JsonNode found = null;
        for (JsonNode e : entries) {
            if (e.path("type").asText().equals(want.type())) {
                found = e;
                break;
            }
        }
        if (found == null) {
            List<String> seen = new ArrayList<>();
            entries.forEach(e -> seen.add(e.path("type").asText() + "/" + e.path("state").asText()));
            throw new Failure("no " + want.type() + " with STAN " + want.stan() + " (journal has " + seen + ")");
        }
        List<String> wrong = new ArrayList<>();
        if (want.state() != null && !found.path("state").asText().equals(want.state())) {
            wrong.add("state expected " + want.state() + ", got " + found.path("state").asText());
        }
        if (want.responseCode() != null && !found.path("responseCode").asText().equals(want.responseCode())) {
            wrong.add("responseCode expected " + want.responseCode() + ", got " + found.path("responseCode").asText());
        }
        if (want.related() != null && found.path("related").size() != want.related()) {
            wrong.add("related expected " + want.related() + ", got " + found.path("related").size());
        }
        if (!wrong.isEmpty()) {
            throw new Failure(String.join("; ", wrong));
        }
        return found.path("state").asText() + " " + found.path("responseCode").asText();
    }

    private static String expand(String value, Map<String, String> vars) throws Failure {
        Matcher m = VAR.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = vars.get(m.group(1));
            if (v == null) {
                throw new Failure("no saved value named '" + m.group(1) + "' (saved: " + vars.keySet() + ")");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
