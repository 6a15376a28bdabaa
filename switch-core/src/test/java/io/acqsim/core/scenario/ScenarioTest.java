package io.acqsim.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.core.server.AcqsimServer;
import io.acqsim.core.testing.AdminClient;
import io.acqsim.core.testing.IsoClient;
import io.acqsim.core.testing.Messages;
import io.acqsim.core.testing.RunningServer;
import java.io.IOException;
import java.net.SocketTimeoutException;
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
 * Runs every scenario file under {@code src/test/resources/scenarios} against a freshly started
 * acqsim over real TCP, and checks the responses, the balances and the journal afterwards.
 */
class ScenarioTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    @TestFactory
    Stream<DynamicTest> scenarios() throws IOException, URISyntaxException {
        Path root = Path.of(ScenarioTest.class.getResource("/scenarios").toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream()
                    .map(p -> DynamicTest.dynamicTest(root.relativize(p).toString(), p.toUri(), () -> run(p)));
        }
    }

    private static void run(Path file) throws Exception {
        Scenario s = YAML.readValue(file.toFile(), Scenario.class);
        Dialect dialect = Dialects.byName(s.dialect());
        try (AcqsimServer server = AcqsimServer.start(RunningServer.config(s.config() == null ? "" : s.config()))) {
            AdminClient admin = new AdminClient(server.adminPort());
            if (s.accounts() != null) {
                for (Map.Entry<String, Long> a : s.accounts().entrySet()) {
                    admin.put("/accounts/" + a.getKey(), "{\"balance\": " + a.getValue() + "}");
                }
            }
            Map<String, String> vars = new HashMap<>();
            vars.put("today", String.format("%02d%02d", LocalDate.now().getMonthValue(),
                    LocalDate.now().getDayOfMonth()));
            Map<Integer, IsoClient> connections = new HashMap<>();
            try {
                int n = 0;
                for (Scenario.Step step : s.steps()) {
                    n++;
                    String where = file.getFileName() + " step " + n + (step.note() == null ? "" : " (" + step.note() + ")");
                    int c = step.connection() == null ? 1 : step.connection();
                    IsoClient client = connections.computeIfAbsent(c, k -> open(dialect, server, step));
                    runStep(dialect, s, step, client, vars, where);
                }
            } finally {
                for (IsoClient c : connections.values()) {
                    c.close();
                }
            }
            checkBalances(s, admin, file);
            checkJournal(s, admin, file);
        }
    }

    private static IsoClient open(Dialect dialect, AcqsimServer server, Scenario.Step step) {
        try {
            return new IsoClient(dialect, server.port(dialect.name()),
                    Boolean.TRUE.equals(step.noResponse()) ? Duration.ofMillis(700) : Duration.ofSeconds(10));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void runStep(Dialect dialect, Scenario s, Scenario.Step step, IsoClient client,
                                Map<String, String> vars, String where) throws Exception {
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
            client.send(request);
            try {
                IsoFrame unexpected = client.receive();
                fail(where + ": expected no response, got " + unexpected.msg().getString(39));
            } catch (SocketTimeoutException expected) {
                return;
            }
        }
        ISOMsg rsp = client.exchange(request).msg();
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

    private static void checkBalances(Scenario s, AdminClient admin, Path file) throws Exception {
        if (s.then() == null) {
            return;
        }
        for (Map.Entry<String, Scenario.Balance> e : s.then().entrySet()) {
            JsonNode a = admin.get("/accounts/" + e.getKey()).json();
            if (e.getValue().balance() != null) {
                assertThat(a.get("balance").asLong()).as(file.getFileName() + ": balance of " + e.getKey())
                        .isEqualTo(e.getValue().balance());
            }
            if (e.getValue().available() != null) {
                assertThat(a.get("available").asLong()).as(file.getFileName() + ": available of " + e.getKey())
                        .isEqualTo(e.getValue().available());
            }
        }
    }

    private static void checkJournal(Scenario s, AdminClient admin, Path file) throws Exception {
        if (s.journal() == null) {
            return;
        }
        for (Scenario.JournalEntry want : s.journal()) {
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
