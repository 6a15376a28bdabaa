package io.acqsim.testkit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acqsim.core.admin.AdminResponse;
import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.config.ConfigLoader;
import io.acqsim.core.config.YamlMerge;
import io.acqsim.core.server.AcqsimServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An acqsim host inside a JUnit 5 test: started on free loopback ports (every listener and the
 * admin API on port 0) before the tests, stopped after, driven from Java without HTTP.
 *
 * <pre>{@code
 * class PaymentClientTest {
 *     @RegisterExtension
 *     static final AcqsimExtension acqsim = AcqsimExtension.shipped().resetBeforeEach();
 *
 *     @Test
 *     void saleIsApproved() throws Exception {
 *         acqsim.accounts().put("4111111111111111", 100_00);
 *         PaymentClient client = new PaymentClient("127.0.0.1", acqsim.port("iso87-ascii"));
 *         assertEquals("00", client.sale("4111111111111111", 25_00));
 *         assertEquals(75_00, acqsim.accounts().get("4111111111111111").balance());
 *     }
 * }
 * }</pre>
 *
 * Registered on a {@code static} field, one host serves the whole class; on an instance field,
 * each test gets its own. Every extension instance starts its own host, so two test classes (or two
 * fields) never share ports or ledgers.
 */
public final class AcqsimExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path configFile;
    private final String overrides;
    private final boolean resetBeforeEach;
    private AcqsimServer server;
    private Path tempDir;
    private boolean perTest;

    private AcqsimExtension(Path configFile, String overrides, boolean resetBeforeEach) {
        this.configFile = configFile;
        this.overrides = overrides;
        this.resetBeforeEach = resetBeforeEach;
    }

    /** The configuration {@code ./acqsim} ships ({@code config/acqsim.yaml}, its fixtures and rules). */
    public static AcqsimExtension shipped() {
        return new AcqsimExtension(null, null, false);
    }

    /** A configuration file of your own; files it names are found beside it. Ports are made free ones. */
    public static AcqsimExtension withConfig(Path acqsimYaml) {
        return new AcqsimExtension(acqsimYaml, null, false);
    }

    /**
     * The same configuration with these YAML sections merged over it (mappings key by key), e.g.
     * {@code "reversal: { unknownOriginal: \"25\" }"}.
     */
    public AcqsimExtension withOverrides(String yaml) {
        return new AcqsimExtension(configFile, yaml, resetBeforeEach);
    }

    /** Ledger, rules and reversal watch back to the configuration's fixtures before every test. */
    public AcqsimExtension resetBeforeEach() {
        return new AcqsimExtension(configFile, overrides, true);
    }

    // ---- lifecycle ----

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (server == null) {
            perTest = true;
            start();
        } else if (resetBeforeEach) {
            reset();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            stop();
        }
    }

    /** Starts the host (the extension does it; call it yourself only when using the class without JUnit). */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        server = AcqsimServer.start(config());
    }

    /** Stops the host at once and removes the files it was given. */
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
        if (tempDir != null) {
            try (Stream<Path> files = Files.walk(tempDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary folder left behind is harmless
            }
            tempDir = null;
        }
    }

    private AcqsimConfig config() {
        Path file = configFile;
        try {
            if (file == null) {
                tempDir = Files.createTempDirectory("acqsim-testkit");
                file = ShippedConfig.copyTo(tempDir);
            }
            String yaml = Files.readString(file);
            if (overrides != null && !overrides.isBlank()) {
                yaml = YamlMerge.merge(yaml, overrides);
            }
            return ConfigLoader.parse(yaml, file.toString(), file.toAbsolutePath().getParent()).onEphemeralPorts();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the configuration " + file, e);
        }
    }

    private AcqsimServer server() {
        AcqsimServer s = server;
        if (s == null) {
            throw new IllegalStateException("the acqsim host is not running: register the extension with "
                    + "@RegisterExtension (a static field for the whole class)");
        }
        return s;
    }

    // ---- ports ----

    /** Host name to connect to: the listeners are on loopback. */
    public String host() {
        return "127.0.0.1";
    }

    /** The port a listener is bound to, by its name in the configuration (e.g. {@code iso87-ascii}). */
    public int port(String listener) {
        return server().port(listener);
    }

    /** Every enabled listener and its port. */
    public Map<String, Integer> ports() {
        Map<String, Integer> m = new LinkedHashMap<>();
        server().config().listeners().forEach((name, l) -> {
            if (l.enabled()) {
                m.put(name, server().port(name));
            }
        });
        return m;
    }

    /** The admin API's port, for a tool that wants HTTP ({@code acqsim run --admin}, a browser). */
    public int adminPort() {
        return server().adminPort();
    }

    /**
     * Where a {@link ScenarioRunner} sends to this host: the listener's port and dialect, the admin
     * API, and the listener's own record of what it answered, so a {@code noResponse} step is
     * decided by the host saying it withheld the answer, not by a silent socket.
     */
    public ScenarioRunner.Target target(String listener) {
        AcqsimServer s = server();
        io.acqsim.core.config.ListenerConfig l = s.config().listeners().get(listener);
        if (l == null) {
            throw new IllegalArgumentException("no listener named '" + listener + "' (have "
                    + s.config().listeners().keySet() + ")");
        }
        return new ScenarioRunner.Target(host(), port(listener), s.config().dialectsByName().get(l.dialect()),
                new AdminHttp("http://127.0.0.1:" + adminPort(), s.config().admin().resolvedToken()), answers(listener));
    }

    /**
     * What the listener decides for each request. Open a {@link io.acqsim.core.server.Answers.Watch}
     * before sending, then wait for the decision about your request: "the host dropped its
     * response" is then a fact to assert, not a timeout to sit out.
     */
    public io.acqsim.core.server.Answers answers(String listener) {
        return server().traffic(listener).answers();
    }

    /** The running server itself, for what the typed client does not cover. */
    public AcqsimServer acqsimServer() {
        return server();
    }

    // ---- the client ----

    public Accounts accounts() {
        return new Accounts();
    }

    public Rules rules() {
        return new Rules();
    }

    public Transactions transactions() {
        return new Transactions();
    }

    public ReversalWatch reversalWatch() {
        return new ReversalWatch();
    }

    /** Ledger and journal back to the fixtures, run-time rules removed, reversal watch emptied. */
    public void reset() {
        call("POST", "/reset", Map.of(), null);
    }

    /** Accounts by PAN; amounts in minor units. */
    public final class Accounts {
        private Accounts() {
        }

        /** Creates or replaces the account with this balance in the configured currency. */
        public Account put(String pan, long balance) {
            return put(pan, balance, null);
        }

        /** Creates or replaces the account; {@code currency} is an ISO 4217 numeric code such as {@code 156}. */
        public Account put(String pan, long balance, String currency) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("balance", balance);
            if (currency != null) {
                body.put("currency", currency);
            }
            return as(call("PUT", "/accounts/" + pan, Map.of(), body), Account.class);
        }

        /** The account; {@link AcqsimTestkitException} if the host has none for this PAN. */
        public Account get(String pan) {
            return as(call("GET", "/accounts/" + pan, Map.of(), null), Account.class);
        }

        /** The account, or empty if the host has none for this PAN. */
        public Optional<Account> find(String pan) {
            try {
                return Optional.of(get(pan));
            } catch (AcqsimTestkitException e) {
                return Optional.empty();
            }
        }
    }

    /** Scripted outcomes at run time. */
    public final class Rules {
        private Rules() {
        }

        /** Arms a rule; it applies to the next matching requests (all of them, or {@code times}). */
        public ArmedRule arm(Rule rule) {
            return armed(call("POST", "/rules", Map.of(), rule.toJson()));
        }

        /** Every rule the host holds, those from the rule file first. */
        public List<ArmedRule> list() {
            List<ArmedRule> out = new ArrayList<>();
            for (JsonNode n : call("GET", "/rules", Map.of(), null)) {
                out.add(armed(n));
            }
            return out;
        }

        /** Removes one rule; false if there is none with this id. */
        public boolean remove(long id) {
            try {
                call("DELETE", "/rules/" + id, Map.of(), null);
                return true;
            } catch (AcqsimTestkitException e) {
                return false;
            }
        }

        /** Removes every rule armed at run time (the rule file's rules stay). */
        public void clear() {
            call("DELETE", "/rules", Map.of(), null);
        }

        private ArmedRule armed(JsonNode n) {
            Map<String, Object> description = JSON.convertValue(n, new TypeReference<>() {
            });
            return new ArmedRule(n.path("id").asLong(), n.hasNonNull("remaining") ? n.get("remaining").asInt() : null,
                    n.path("matched").asLong(), description);
        }
    }

    /** The host's journal, newest first. */
    public final class Transactions {
        private Transactions() {
        }

        /** The transactions of a terminal (DE41) with this STAN (DE11), newest first. */
        public List<Transaction> byTerminalAndStan(String terminal, String stan) {
            return list(Map.of("terminal", terminal, "stan", stan));
        }

        /** The transaction whose DE37 (host RRN) is this one. */
        public Optional<Transaction> byRrn(String rrn) {
            return list(Map.of("rrn", rrn)).stream().findFirst();
        }

        /** A terminal's transactions, newest first. */
        public List<Transaction> byTerminal(String terminal) {
            return list(Map.of("terminal", terminal));
        }

        /** The newest transactions, at most {@code limit}. */
        public List<Transaction> latest(int limit) {
            return list(Map.of("limit", String.valueOf(limit)));
        }

        private List<Transaction> list(Map<String, String> query) {
            return JSON.convertValue(call("GET", "/transactions", query, null), new TypeReference<>() {
            });
        }
    }

    /** Responses the host withheld and whether the terminal reversed them. */
    public final class ReversalWatch {
        private ReversalWatch() {
        }

        /** The withheld responses of one terminal, oldest first. */
        public List<WithheldResponse> of(String terminal) {
            return JSON.convertValue(call("GET", "/terminals/" + terminal + "/reversal-watch", Map.of(), null)
                    .path("entries"), new TypeReference<>() {
            });
        }

        /** Withheld responses of this terminal still waiting for their reversal or overdue. */
        public List<WithheldResponse> owed(String terminal) {
            return of(terminal).stream().filter(w -> w.status().equals("WAITING") || w.status().equals("OVERDUE"))
                    .toList();
        }
    }

    private JsonNode call(String method, String path, Map<String, String> query, Object body) {
        try {
            byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
            Object result = server().adminCall(method, path, query, bytes);
            if (result instanceof AdminResponse r) {
                return JSON.readTree(new String(r.body(), StandardCharsets.UTF_8));
            }
            return JSON.valueToTree(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            if (e instanceof IllegalStateException && server == null) {
                throw e;
            }
            throw new AcqsimTestkitException(method + " " + path + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new AcqsimTestkitException(method + " " + path + ": " + e.getMessage(), e);
        }
    }

    private static <T> T as(JsonNode n, Class<T> type) {
        return JSON.convertValue(n, type);
    }
}
