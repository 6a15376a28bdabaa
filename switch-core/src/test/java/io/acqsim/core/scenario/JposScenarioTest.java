package io.acqsim.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.server.AcqsimServer;
import io.acqsim.core.server.Answers;
import io.acqsim.core.testing.AdminClient;
import io.acqsim.core.testing.IsoClient;
import io.acqsim.core.testing.Messages;
import io.acqsim.core.testing.RunningServer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every scenario file under {@code src/test/resources/jpos-scenarios} against a freshly started
 * acqsim over real TCP, and checks the responses, the balances after each step that names them,
 * and the journal afterwards. A scenario's terminal may be a real jPOS channel with jPOS's own
 * packager ({@code jpos:}), so the new dialects are proven against what jPOS users run; a
 * scenario's {@code config} may name test resources as {@code ${resources}}.
 */
class JposScenarioTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    @TestFactory
    Stream<DynamicTest> scenarios() throws IOException, URISyntaxException {
        Path root = Path.of(JposScenarioTest.class.getResource("/jpos-scenarios").toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream()
                    .map(p -> DynamicTest.dynamicTest(root.relativize(p).toString(), p.toUri(), () -> run(p)));
        }
    }

    private static void run(Path file) throws Exception {
        JposScenario s = YAML.readValue(file.toFile(), JposScenario.class);
        String resources = Path.of(JposScenarioTest.class.getResource("/jpos-scenarios").toURI()).getParent().toString();
        AcqsimConfig config = RunningServer.config(s.config() == null ? ""
                : s.config().replace("${resources}", resources));
        Dialect dialect = config.dialectsByName().get(s.dialect());
        assertThat(dialect).as(file.getFileName() + ": dialect " + s.dialect()).isNotNull();
        try (AcqsimServer server = AcqsimServer.start(config)) {
            AdminClient admin = new AdminClient(server.adminPort());
            if (s.accounts() != null) {
                for (Map.Entry<String, Long> a : s.accounts().entrySet()) {
                    admin.put("/accounts/" + a.getKey(), "{\"balance\": " + a.getValue() + "}");
                }
            }
            Map<String, String> vars = new HashMap<>();
            vars.put("today", String.format("%02d%02d", LocalDate.now().getMonthValue(),
                    LocalDate.now().getDayOfMonth()));
            Map<Integer, ScenarioTerminal> connections = new HashMap<>();
            try {
                int n = 0;
                for (JposScenario.Step step : s.steps()) {
                    n++;
                    String where = file.getFileName() + " step " + n + (step.note() == null ? "" : " (" + step.note() + ")");
                    int c = step.connection() == null ? 1 : step.connection();
                    ScenarioTerminal client = connections.computeIfAbsent(c, k -> open(s, dialect, server, step));
                    runStep(dialect, s, step, client, server.traffic(s.dialect()).answers(), vars, where);
                    checkBalances(step.then(), admin, where);
                }
            } finally {
                for (ScenarioTerminal c : connections.values()) {
                    c.close();
                }
            }
            checkBalances(s.then(), admin, file.getFileName().toString());
            checkJournal(s, admin, file);
        }
    }

    private static ScenarioTerminal open(JposScenario s, Dialect dialect, AcqsimServer server, JposScenario.Step step) {
        Duration timeout = Duration.ofSeconds(10);
        int port = server.port(s.dialect());
        try {
            return s.jpos() == null ? ScenarioTerminal.of(new IsoClient(dialect, port, timeout))
                    : JposTerminal.open(s.jpos(), port, timeout);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One step; a {@code noResponse} step is judged by the listener's record of what it did with
     * the request (withheld, or answered), never by a silent socket.
     */
    private static void runStep(Dialect dialect, JposScenario s, JposScenario.Step step, ScenarioTerminal client,
                                Answers answers, Map<String, String> vars, String where) throws Exception {
        Map<String, String> fields = new HashMap<>();
        if (s.defaults() != null) {
            fields.putAll(s.defaults());
        }
        fields.putAll(step.send());
        IsoFrame request = Messages.frame(dialect, expand(fields.get("0"), vars));
        for (Map.Entry<String, String> f : fields.entrySet()) {
            if (!f.getKey().equals("0") && f.getValue() != null && !f.getValue().equals("-")) {
                request.msg().set(Integer.parseInt(f.getKey()), expand(f.getValue(), vars));
            }
        }
        if (Boolean.TRUE.equals(step.noResponse())) {
            Answers.Decision d;
            try (Answers.Watch watch = answers.watch()) {
                client.send(request);
                d = watch.await(request.msg().getString(0), request.msg().getString(11), request.msg().getString(41),
                        Duration.ofSeconds(10));
            }
            assertThat(d).as(where + ": the host's decision about the request").isNotNull();
            if (d.fate().answered()) {
                ISOMsg unexpected = client.receive();
                fail(where + ": expected no response, the host " + d.fate().words() + ": " + unexpected.getString(39));
            }
            return;
        }
        ISOMsg rsp = client.exchange(request);
        if (step.expect() != null) {
            for (Map.Entry<String, String> e : step.expect().entrySet()) {
                int field = Integer.parseInt(e.getKey());
                String want = e.getValue();
                String got = rsp.getString(field);
                String what = where + ": DE" + field;
                switch (want) {
                    case "*" -> assertThat(got).as(what + " present").isNotNull();
                    case "-" -> assertThat(got).as(what + " absent").isNull();
                    default -> assertThat(got).as(what).isEqualTo(expand(want, vars));
                }
            }
        }
        if (step.save() != null) {
            step.save().forEach((name, field) -> vars.put(name, rsp.getString(Integer.parseInt(field))));
        }
    }

    private static String expand(String value, Map<String, String> vars) {
        Matcher m = VAR.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = vars.get(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException("no saved value named '" + m.group(1) + "'");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static void checkBalances(Map<String, JposScenario.Balance> then, AdminClient admin, String where)
            throws Exception {
        if (then == null) {
            return;
        }
        for (Map.Entry<String, JposScenario.Balance> e : then.entrySet()) {
            JsonNode a = admin.get("/accounts/" + e.getKey()).json();
            if (e.getValue().balance() != null) {
                assertThat(a.get("balance").asLong()).as(where + ": balance of " + e.getKey())
                        .isEqualTo(e.getValue().balance());
            }
            if (e.getValue().available() != null) {
                assertThat(a.get("available").asLong()).as(where + ": available of " + e.getKey())
                        .isEqualTo(e.getValue().available());
            }
        }
    }

    private static void checkJournal(JposScenario s, AdminClient admin, Path file) throws Exception {
        if (s.journal() == null) {
            return;
        }
        for (JposScenario.JournalEntry want : s.journal()) {
            JsonNode entries = admin.get("/transactions?stan=" + want.stan()).json();
            JsonNode found = null;
            for (JsonNode e : entries) {
                if (e.get("type").asText().equals(want.type())) {
                    found = e;
                    break;
                }
            }
            String what = file.getFileName() + ": journal " + want.type() + " STAN " + want.stan();
            assertThat(found).as(what + " exists (journal: " + entries + ")").isNotNull();
            if (want.state() != null) {
                assertThat(found.get("state").asText()).as(what + " state").isEqualTo(want.state());
            }
            if (want.responseCode() != null) {
                assertThat(found.get("responseCode").asText()).as(what + " response code").isEqualTo(want.responseCode());
            }
            if (want.related() != null) {
                assertThat(found.get("related")).as(what + " related").hasSize(want.related());
            }
        }
    }
}
