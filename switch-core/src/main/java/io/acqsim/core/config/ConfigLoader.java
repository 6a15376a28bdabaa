package io.acqsim.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and validates {@code acqsim.yaml}. Unknown keys, wrong types and impossible values stop
 * the start with one line naming the file, the key and the problem.
 */
public final class ConfigLoader {
    private static final Set<String> RESPONSE_CODES_FOR_UNKNOWN = Set.of("00", "25", "12");

    private ConfigLoader() {
    }

    /** A YAML mapper that rejects unknown keys and reads human durations; shared by the other YAML files. */
    public static ObjectMapper yamlMapper() {
        SimpleModule durations = new SimpleModule("durations");
        durations.addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                String text = p.getValueAsString();
                if (text == null) {
                    return (Duration) ctx.handleUnexpectedToken(Duration.class, p);
                }
                try {
                    // A bare YAML number (5, 2.5) goes through the same check as text: it has no unit.
                    return Durations.parse(text);
                } catch (IllegalArgumentException e) {
                    throw InvalidFormatException.from(p, e.getMessage(), text, Duration.class);
                }
            }
        });
        return new ObjectMapper(new YAMLFactory())
                .registerModule(durations)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    public static AcqsimConfig load(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(yaml, file.toString(), dir);
    }

    /** Parses YAML text; {@code source} names it in errors, {@code baseDir} resolves relative files. */
    public static AcqsimConfig parse(String yaml, String source, Path baseDir) {
        AcqsimConfig raw;
        try {
            raw = yaml.isBlank() ? AcqsimConfig.defaults() : yamlMapper().readValue(yaml, AcqsimConfig.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": " + describe(e));
        }
        AcqsimConfig config = raw.withBaseDir(baseDir);
        validate(config, source);
        return config;
    }

    /** Turns a Jackson error into "key: what is wrong". */
    public static String describe(JsonProcessingException e) {
        String key = e instanceof JsonMappingException jme ? path(jme) : "";
        String prefix = key.isEmpty() ? "" : key + ": ";
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : " (known: " + u.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
            return prefix + "unknown key" + known;
        }
        if (e instanceof InvalidFormatException f) {
            if (f.getTargetType() == Duration.class) {
                return prefix + f.getOriginalMessage();
            }
            return prefix + "'" + f.getValue() + "' is not a valid " + simpleType(f.getTargetType());
        }
        if (e instanceof MismatchedInputException m) {
            return prefix + "expected " + simpleType(m.getTargetType());
        }
        String msg = e.getOriginalMessage();
        int nl = msg == null ? -1 : msg.indexOf('\n');
        return prefix + (nl > 0 ? msg.substring(0, nl) : msg);
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Duration.class) {
            return "duration (e.g. 250ms, 65s, 5m)";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a mapping";
        }
        return type.getSimpleName().replaceAll("Config$", "").toLowerCase() + (type.isRecord() ? " section" : "");
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static void validate(AcqsimConfig c, String source) {
        Map<String, io.acqsim.codec.dialect.Dialect> dialects = DialectDefinitions.resolve(c, source);
        c.listeners().forEach((name, l) -> {
            String key = "listeners." + name;
            if (l == null) {
                throw new ConfigException(source + ": " + key + ": empty listener");
            }
            if (l.dialect() == null) {
                throw new ConfigException(source + ": " + key + ".dialect: missing (one of "
                        + dialects.keySet() + ")");
            }
            if (!dialects.containsKey(l.dialect())) {
                throw new ConfigException(source + ": " + key + ".dialect: unknown dialect '" + l.dialect()
                        + "' (known: " + dialects.keySet() + ")");
            }
            if (l.connectsOut()) {
                connectOut(source, key, l);
            } else if (l.port() == null) {
                throw new ConfigException(source + ": " + key + ".port: missing (or connect: host:port to dial out)");
            } else {
                port(source, key + ".port", l.port());
            }
            oneOf(source, key + ".tpduResponse", l.tpduResponse(), Set.of("swap", "echo"));
            if (l.tls() != null) {
                readableFile(c, source, key + ".tls.certificate", l.tls().certificate());
                readableFile(c, source, key + ".tls.key", l.tls().key());
            }
        });
        port(source, "admin.port", c.admin().port());
        EnvExpansion.expand(source, "admin.token", c.admin().token()); // an unset variable stops the start here
        positive(source, "admin.maxConnections", c.admin().maxConnections(), false);
        positiveDuration(source, "admin.requestTimeout", c.admin().requestTimeout());
        positiveDuration(source, "admin.idleTimeout", c.admin().idleTimeout());
        positive(source, "accounts.openingBalance", c.accounts().openingBalance(), true);
        if (c.accounts().openingBalance() > io.acqsim.core.ledger.Money.MAX_BALANCE) {
            throw new ConfigException(source + ": accounts.openingBalance: " + c.accounts().openingBalance()
                    + " is above the largest balance, " + io.acqsim.core.ledger.Money.MAX_BALANCE + " (minor units)");
        }
        digits(source, "accounts.currency", c.accounts().currency(), 3);
        oneOf(source, "reversal.unknownOriginal", c.reversal().unknownOriginal(), RESPONSE_CODES_FOR_UNKNOWN);
        String dup = c.reversal().duplicate();
        if (!dup.equals("replay") && !(dup.startsWith("decline:") && isResponseCode(dup.substring(8)))) {
            throw new ConfigException(source + ": reversal.duplicate: '" + dup
                    + "' is not 'replay' or 'decline:<code>'");
        }
        code(source, "reversal.ofVoided", c.reversal().ofVoided());
        code(source, "lateOriginal.responseCode", c.lateOriginal().responseCode());
        String advice = c.advice().failure();
        if (!advice.equals("none") && !advice.equals("drop") && !isResponseCode(advice)) {
            throw new ConfigException(source + ": advice.failure: '" + advice
                    + "' is not 'none', 'drop' or a response code");
        }
        code(source, "afterSettlement", c.afterSettlement());
        oneOf(source, "duplicate.policy", c.duplicate().policy(), Set.of("decline94", "replay"));
        nonNegative(source, "duplicate.window", c.duplicate().window());
        nonNegative(source, "rules.lateDelay", c.rules().lateDelay());
        if (c.reversalWatch().within().isZero() || c.reversalWatch().within().isNegative()) {
            throw new ConfigException(source + ": reversalWatch.within: " + c.reversalWatch().within()
                    + " must be positive");
        }
        oneOf(source, "mac.algorithm", c.mac().algorithm(), Set.of("cup-ecb", "x919"));
        for (String[] key : new String[][] {{"mac.mak", c.mac().mak()}, {"mac.pik", c.mac().pik()},
                {"mac.tmk", c.mac().tmk()}}) {
            if (!key[1].matches("([0-9A-Fa-f]{16}){1,2}")) {
                throw new ConfigException(source + ": " + key[0] + ": must be 16 or 32 hex digits");
            }
        }
        if ("x919".equals(c.mac().algorithm()) && c.mac().mak().length() != 32) {
            throw new ConfigException(source + ": mac.mak: x919 needs a double-length key (32 hex digits)");
        }
        positive(source, "limits.maxFrameLength", c.limits().maxFrameLength(), false);
        if (c.limits().maxFrameLength() > 65535) {
            throw new ConfigException(source + ": limits.maxFrameLength: " + c.limits().maxFrameLength()
                    + " is above 65535, the most a 2-byte length prefix can say");
        }
        positive(source, "limits.maxConnections", c.limits().maxConnections(), false);
        positive(source, "limits.maxInFlight", c.limits().maxInFlight(), false);
        nonNegative(source, "limits.idleTimeout", c.limits().idleTimeout());
        nonNegative(source, "limits.readTimeout", c.limits().readTimeout());
        positive(source, "limits.writeBufferLimit", c.limits().writeBufferLimit(), false);
        nonNegative(source, "limits.shutdownGrace", c.limits().shutdownGrace());
        nonNegative(source, "limits.writeTimeout", c.limits().writeTimeout());
        positive(source, "ledger.retention", c.ledger().retention(), false);
        if (c.session().notSignedOn() != null) {
            code(source, "session.notSignedOn", c.session().notSignedOn());
        }
        ledgerStore(source, c.ledger());
        code(source, "emv.arqcFailure", c.emv().arqcFailure());
        c.emv().imkAc().forEach((prefix, key) -> {
            if (prefix == null || !(prefix.equals("*") || prefix.matches("\\d{1,11}"))) {
                throw new ConfigException(source + ": emv.imkAc: '" + prefix + "' is not a BIN prefix (1 to 11 digits) or '*'");
            }
            if (key == null || !key.matches("[0-9A-Fa-f]{32}")) {
                throw new ConfigException(source + ": emv.imkAc." + prefix + ": must be 32 hex digits");
            }
        });
        for (String[] key : new String[][] {{"keys.tmk", c.keys().tmk()}, {"keys.tpk", c.keys().tpk()},
                {"keys.tak", c.keys().tak()}}) {
            if (!key[1].matches("[0-9A-Fa-f]{32}")) {
                throw new ConfigException(source + ": " + key[0] + ": must be 32 hex digits (a double-length DES key)");
            }
        }
    }

    private static void ledgerStore(String source, LedgerConfig l) {
        oneOf(source, "ledger.store", l.store(), Set.of(LedgerConfig.MEMORY, LedgerConfig.POSTGRESQL));
        if (l.node() != null && (l.node() < 1 || l.node() > 99)) {
            throw new ConfigException(source + ": ledger.node: " + l.node()
                    + " is not a node number (1..99, the first two digits of the node's RRNs)");
        }
        PostgresqlConfig pg = l.postgresql();
        String url = EnvExpansion.expand(source, "ledger.postgresql.url", pg.url());
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new ConfigException(source + ": ledger.postgresql.url: '" + url
                    + "' is not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
        }
        EnvExpansion.expand(source, "ledger.postgresql.user", pg.user());
        EnvExpansion.expand(source, "ledger.postgresql.password", pg.password());
        positive(source, "ledger.postgresql.poolSize", pg.poolSize(), false);
        positive(source, "ledger.postgresql.workers", pg.workers(), false);
        positive(source, "ledger.postgresql.maxBatch", pg.maxBatch(), false);
        if (pg.poolSize() < pg.workers() + 1) {
            throw new ConfigException(source + ": ledger.postgresql.poolSize: " + pg.poolSize()
                    + " must be at least workers + 1 = " + (pg.workers() + 1)
                    + " (one connection per commit worker, one for the admin API)");
        }
        if (pg.connectTimeout().compareTo(java.time.Duration.ofMillis(250)) < 0) {
            throw new ConfigException(source + ": ledger.postgresql.connectTimeout: " + pg.connectTimeout()
                    + " must be at least 250ms");
        }
    }

    /** A connect-out listener: {@code connect} is host:port, no port or TLS beside it, sane timings. */
    private static void connectOut(String source, String key, ListenerConfig l) {
        String c = l.connect();
        int colon = c.lastIndexOf(':');
        int port = -1;
        if (colon > 0) {
            try {
                port = Integer.parseInt(c.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        if (colon <= 0 || port < 1 || port > 65535) {
            throw new ConfigException(source + ": " + key + ".connect: '" + c + "' is not host:port (port 1-65535)");
        }
        if (l.port() != null && l.port() != 0) {
            throw new ConfigException(source + ": " + key + ": port " + l.port() + " and connect '" + c
                    + "' both set: a listener either listens (port) or dials (connect)");
        }
        if (l.tls() != null) {
            throw new ConfigException(source + ": " + key + ".tls: not supported on a connect-out listener (connect '"
                    + c + "')");
        }
        nonNegative(source, key + ".echoInterval", l.echoInterval());
        positiveDuration(source, key + ".echoTimeout", l.echoTimeout());
        positiveDuration(source, key + ".reconnectDelay", l.reconnectDelay());
        positiveDuration(source, key + ".reconnectMaxDelay", l.reconnectMaxDelay());
        if (l.reconnectMaxDelay().compareTo(l.reconnectDelay()) < 0) {
            throw new ConfigException(source + ": " + key + ".reconnectMaxDelay: " + Durations.format(l.reconnectMaxDelay())
                    + " is shorter than reconnectDelay " + Durations.format(l.reconnectDelay()));
        }
    }

    private static void positiveDuration(String source, String key, Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new ConfigException(source + ": " + key + ": " + Durations.format(d) + " must be positive");
        }
    }

    private static void readableFile(AcqsimConfig c, String source, String key, String file) {
        if (file == null || file.isBlank()) {
            throw new ConfigException(source + ": " + key + ": missing (a PEM file)");
        }
        Path p = c.resolve(file);
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new ConfigException(source + ": " + key + ": no readable file " + p);
        }
    }

    private static void port(String source, String key, int port) {
        if (port < 0 || port > 65535) {
            throw new ConfigException(source + ": " + key + ": " + port + " is not a TCP port (0-65535)");
        }
    }

    private static void positive(String source, String key, long value, boolean zeroAllowed) {
        if (value < 0 || value == 0 && !zeroAllowed) {
            throw new ConfigException(source + ": " + key + ": " + value + " must be "
                    + (zeroAllowed ? "zero or more" : "positive"));
        }
    }

    private static void nonNegative(String source, String key, Duration d) {
        if (d.isNegative()) {
            throw new ConfigException(source + ": " + key + ": " + d + " must not be negative");
        }
    }

    private static void oneOf(String source, String key, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw new ConfigException(source + ": " + key + ": '" + value + "' is not one of "
                    + allowed.stream().sorted().toList());
        }
    }

    private static void code(String source, String key, String value) {
        if (!isResponseCode(value)) {
            throw new ConfigException(source + ": " + key + ": '" + value + "' is not a two-character response code");
        }
    }

    private static void digits(String source, String key, String value, int length) {
        if (value.length() != length || !value.chars().allMatch(Character::isDigit)) {
            throw new ConfigException(source + ": " + key + ": '" + value + "' must be " + length + " digits");
        }
    }

    static boolean isResponseCode(String s) {
        return s != null && s.length() == 2 && s.chars().allMatch(Character::isLetterOrDigit);
    }
}
