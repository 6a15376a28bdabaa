package io.acqsim.core.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole configuration, as read from {@code config/acqsim.yaml}. Every section is optional;
 * what is missing takes the default of PROTOCOL.md. {@link #baseDir} is where relative file
 * names (fixtures, rules) are resolved; it is not read from YAML.
 */
public record AcqsimConfig(
        Map<String, ListenerConfig> listeners,
        AdminConfig admin,
        AccountsConfig accounts,
        RulesConfig rules,
        ReversalConfig reversal,
        LateOriginalConfig lateOriginal,
        AdviceConfig advice,
        String afterSettlement,
        DuplicateConfig duplicate,
        MacConfig mac,
        LimitsConfig limits,
        LedgerConfig ledger,
        ReversalWatchConfig reversalWatch,
        RoutingConfig routing,
        SessionConfig session,
        Map<String, DialectConfig> dialects,
        EmvConfig emv,
        KeysConfig keys,
        Path baseDir) {

    public AcqsimConfig {
        listeners = listeners == null ? defaultListeners() : new LinkedHashMap<>(listeners);
        admin = admin == null ? AdminConfig.defaults() : admin;
        accounts = accounts == null ? new AccountsConfig(null, null, null, null) : accounts;
        rules = rules == null ? new RulesConfig(null, null) : rules;
        reversal = reversal == null ? new ReversalConfig(null, null, null, null) : reversal;
        lateOriginal = lateOriginal == null ? new LateOriginalConfig(null) : lateOriginal;
        advice = advice == null ? new AdviceConfig(null) : advice;
        afterSettlement = afterSettlement == null ? "12" : afterSettlement;
        duplicate = duplicate == null ? new DuplicateConfig(null, null) : duplicate;
        mac = mac == null ? new MacConfig(null, null, null, null, null) : mac;
        limits = limits == null ? LimitsConfig.defaults() : limits;
        ledger = ledger == null ? new LedgerConfig(null) : ledger;
        reversalWatch = reversalWatch == null ? new ReversalWatchConfig(null) : reversalWatch;
        routing = routing == null ? new RoutingConfig(null) : routing;
        session = session == null ? new SessionConfig(null, null) : session;
        dialects = dialects == null ? Map.of() : new LinkedHashMap<>(dialects);
        emv = emv == null ? new EmvConfig(null, null) : emv;
        keys = keys == null ? new KeysConfig(null, null, null) : keys;
    }

    /** Every default of PROTOCOL.md, no fixtures, no rule file. */
    public static AcqsimConfig defaults() {
        return new AcqsimConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    private static Map<String, ListenerConfig> defaultListeners() {
        Map<String, ListenerConfig> m = new LinkedHashMap<>();
        m.put("cup-pos", new ListenerConfig("cup-pos", null, 8583, null, null, null));
        m.put("iso87-binary", new ListenerConfig("iso87-binary", null, 8584, null, null, null));
        m.put("iso87-ascii", new ListenerConfig("iso87-ascii", null, 8585, null, null, null));
        m.put("iso93-ascii", new ListenerConfig("iso93-ascii", null, 8586, null, null, null));
        m.put("iso87-ebcdic", new ListenerConfig("iso87-ebcdic", null, 8587, null, null, null));
        return m;
    }

    /** The same configuration with every listener and the admin API on port 0 and loopback (tests). */
    public AcqsimConfig onEphemeralPorts() {
        Map<String, ListenerConfig> m = new LinkedHashMap<>();
        listeners.forEach((name, l) -> m.put(name,
                new ListenerConfig(l.dialect(), "127.0.0.1", 0, l.tpduResponse(), l.enabled(), l.tls(), l.connect(),
                        l.echoInterval(), l.echoTimeout(), l.reconnectDelay(), l.reconnectMaxDelay())));
        return new AcqsimConfig(m, admin.withPort(0), accounts, rules, reversal, lateOriginal, advice,
                afterSettlement, duplicate, mac, limits, ledger, reversalWatch, routing, session, dialects, emv, keys,
                baseDir);
    }

    /** The same configuration with relative file names resolved against {@code dir}. */
    public AcqsimConfig withBaseDir(Path dir) {
        return new AcqsimConfig(listeners, admin, accounts, rules, reversal, lateOriginal, advice, afterSettlement,
                duplicate, mac, limits, ledger, reversalWatch, routing, session, dialects, emv, keys, dir);
    }

    /** Every dialect this configuration speaks, by name: the built-in ones and {@link #dialects} ({@link DialectDefinitions}). */
    public Map<String, io.acqsim.codec.dialect.Dialect> dialectsByName() {
        return DialectDefinitions.resolve(this, "configuration");
    }

    /** Resolves a file name from the configuration against the configuration's folder. */
    public Path resolve(String file) {
        Path p = Path.of(file);
        return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p);
    }
}
