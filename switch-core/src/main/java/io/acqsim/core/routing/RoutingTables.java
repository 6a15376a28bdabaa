package io.acqsim.core.routing;

import static io.acqsim.core.routing.TxType.ADVICE;
import static io.acqsim.core.routing.TxType.AUTH;
import static io.acqsim.core.routing.TxType.AUTH_CANCEL;
import static io.acqsim.core.routing.TxType.BALANCE;
import static io.acqsim.core.routing.TxType.BATCH_UPLOAD;
import static io.acqsim.core.routing.TxType.COMPLETION;
import static io.acqsim.core.routing.TxType.COMPLETION_VOID;
import static io.acqsim.core.routing.TxType.NETWORK;
import static io.acqsim.core.routing.TxType.REFUND;
import static io.acqsim.core.routing.TxType.REVERSAL;
import static io.acqsim.core.routing.TxType.SALE;
import static io.acqsim.core.routing.TxType.SETTLEMENT;
import static io.acqsim.core.routing.TxType.VOID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.config.ConfigException;
import io.acqsim.core.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The transaction catalogues of PROTOCOL.md §2 as routing tables (MTI, DE3 prefix, DE60.1, type),
 * built in, and replaceable per dialect from the YAML file {@code routing.file} names.
 */
public final class RoutingTables {
    static final List<Route> ISO87 = List.of(
            new Route("0800", "*", "*", NETWORK),
            new Route("0100", "31", "*", BALANCE),
            new Route("0100", "00", "*", AUTH),
            new Route("0101", "00", "*", AUTH),
            new Route("0200", "31", "*", BALANCE),
            new Route("0200", "00", "*", SALE),
            new Route("0200", "02", "*", VOID),
            new Route("0200", "20", "*", REFUND),
            new Route("0220", "00", "*", COMPLETION),
            new Route("0220", "20", "*", REFUND),
            new Route("0400", "*", "*", REVERSAL),
            new Route("0401", "*", "*", REVERSAL),
            new Route("0420", "*", "*", ADVICE),
            new Route("0421", "*", "*", ADVICE),
            new Route("0500", "*", "*", SETTLEMENT));

    /**
     * ISO 8583:1993: the 1987 catalogue in 1xxx MTIs. Network management is 1804 (DE24 function
     * code 801 sign-on, 802 sign-off, 831 echo); reconciliation 1500.
     */
    static final List<Route> ISO93 = List.of(
            new Route("1804", "*", "*", NETWORK),
            new Route("1820", "*", "*", NETWORK),
            new Route("1100", "31", "*", BALANCE),
            new Route("1100", "00", "*", AUTH),
            new Route("1101", "00", "*", AUTH),
            new Route("1200", "31", "*", BALANCE),
            new Route("1200", "00", "*", SALE),
            new Route("1200", "02", "*", VOID),
            new Route("1200", "20", "*", REFUND),
            new Route("1201", "00", "*", SALE),
            new Route("1220", "00", "*", COMPLETION),
            new Route("1220", "20", "*", REFUND),
            new Route("1400", "*", "*", REVERSAL),
            new Route("1401", "*", "*", REVERSAL),
            new Route("1420", "*", "*", ADVICE),
            new Route("1421", "*", "*", ADVICE),
            new Route("1500", "*", "*", SETTLEMENT),
            new Route("1501", "*", "*", SETTLEMENT));

    static final List<Route> CUP = List.of(
            new Route("0800", "*", "*", NETWORK),
            new Route("0200", "310000", "01", BALANCE),
            new Route("0100", "030000", "10", AUTH),
            new Route("0100", "200000", "11", AUTH_CANCEL),
            new Route("0200", "000000", "20", COMPLETION),
            new Route("0200", "200000", "21", COMPLETION_VOID),
            new Route("0200", "000000", "22", SALE),
            new Route("0200", "200000", "23", VOID),
            new Route("0220", "200000", "25", REFUND),
            new Route("0400", "*", "*", REVERSAL),
            new Route("0500", "*", "*", SETTLEMENT),
            new Route("0320", "*", "*", BATCH_UPLOAD));

    private RoutingTables() {
    }

    /** The built-in table of a dialect. */
    public static List<Route> builtIn(Dialect dialect) {
        return dialect.isCup() ? CUP : dialect.is1993() ? ISO93 : ISO87;
    }

    /**
     * The routing table of every dialect: those the routing file defines, the built-in ones for
     * the rest. Errors name the file, the dialect, the line and the key.
     */
    public static Map<String, List<Route>> load(AcqsimConfig config) {
        return load(config, config.dialectsByName());
    }

    /** As {@link #load(AcqsimConfig)}, for the dialects already resolved from the configuration. */
    public static Map<String, List<Route>> load(AcqsimConfig config, Map<String, Dialect> dialects) {
        Map<String, List<Route>> tables = new HashMap<>();
        for (Dialect d : dialects.values()) {
            tables.put(d.name(), builtIn(d));
        }
        String file = config.routing().file();
        if (file == null) {
            return tables;
        }
        Path path = config.resolve(file);
        Map<String, List<Route>> read;
        try {
            read = ConfigLoader.yamlMapper().readValue(Files.readString(path), new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new ConfigException(path + ": " + ConfigLoader.describe(e));
        } catch (IOException e) {
            throw new ConfigException(path + " (routing.file): cannot read: " + e);
        }
        if (read == null) {
            return tables;
        }
        for (Map.Entry<String, List<Route>> e : read.entrySet()) {
            if (!dialects.containsKey(e.getKey())) {
                throw new ConfigException(path + ": " + e.getKey() + ": unknown dialect '" + e.getKey()
                        + "' (known: " + dialects.keySet() + ")");
            }
            List<Route> routes = e.getValue() == null ? List.of() : e.getValue();
            for (int i = 0; i < routes.size(); i++) {
                Route r = routes.get(i);
                String key = path + ": " + e.getKey() + "[" + i + "]";
                if (r.mti() == null || !r.mti().matches("\\d{4}")) {
                    throw new ConfigException(key + ".mti: '" + r.mti() + "' is not a 4-digit MTI");
                }
                if (r.type() == null) {
                    throw new ConfigException(key + ".type: missing (one of " + List.of(TxType.values()) + ")");
                }
                if (!"*".equals(r.processingCode()) && !r.processingCode().matches("\\d{1,6}")) {
                    throw new ConfigException(key + ".processingCode: '" + r.processingCode()
                            + "' is not '*' or a DE3 prefix of 1 to 6 digits");
                }
                if (!"*".equals(r.type60()) && !r.type60().matches("\\d{2}")) {
                    throw new ConfigException(key + ".type60: '" + r.type60() + "' is not '*' or two digits");
                }
                for (Map.Entry<io.acqsim.codec.layout.FieldRef, String> f : r.field().entrySet()) {
                    String why = f.getKey().field() < 2 ? "the MTI and the bitmap are matched by mti"
                            : f.getKey().problemIn(dialects.get(e.getKey()).layout());
                    if (why == null && f.getValue() == null) {
                        why = "a value is required";
                    }
                    if (why != null) {
                        throw new ConfigException(key + ".field." + f.getKey() + ": '" + f.getValue() + "': " + why);
                    }
                }
            }
            tables.put(e.getKey(), List.copyOf(routes));
        }
        return tables;
    }
}
