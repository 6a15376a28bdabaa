package io.acqsim.core.routing;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.layout.MessageView;
import java.util.List;
import java.util.Optional;

/**
 * Decides the transaction type of a request from its MTI, DE3 and (CUP) DE60.1: the first
 * matching line of the dialect's table wins; no match means response code {@code 40}.
 */
public final class Router {
    @SuppressWarnings("unchecked")
    private static final Optional<TxType>[] TYPES = java.util.Arrays.stream(TxType.values()).map(Optional::of)
            .toArray(Optional[]::new);

    private final List<Route> routes;

    public Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /** The default table of PROTOCOL.md §2 for a dialect. */
    public static Router defaultFor(Dialect dialect) {
        return new Router(RoutingTables.builtIn(dialect));
    }

    public List<Route> routes() {
        return routes;
    }

    /** The route of a decoded request: DE3 and DE60.1 compared in place. */
    public Optional<TxType> route(String mti, MessageView request) {
        for (int i = 0; i < routes.size(); i++) { // indexed: no iterator per request
            Route r = routes.get(i);
            if (r.matches(mti, request)) {
                return TYPES[r.type().ordinal()];
            }
        }
        return Optional.empty();
    }

    public Optional<TxType> route(String mti, String de3, String de60Type) {
        for (Route r : routes) {
            if (r.matches(mti, de3, de60Type)) {
                return TYPES[r.type().ordinal()];
            }
        }
        return Optional.empty();
    }

    /**
     * The response MTI: function plus one, origin kept without its repeat bit: {@code 0200 -> 0210},
     * {@code 0401 -> 0410}, {@code 0421 -> 0430}, {@code 1804 -> 1814}, {@code 1401 -> 1410}.
     */
    public static String responseMti(String mti) {
        int version = mti.charAt(0) - '0';
        int type = mti.charAt(1) - '0';
        int function = mti.charAt(2) - '0' + 1;
        int origin = (mti.charAt(3) - '0') & ~1;
        if (version < 0 || version > 9 || type < 0 || type > 9 || function < 1 || function > 9 || origin < 0
                || origin > 9) {
            throw new IllegalArgumentException("no response MTI for '" + mti + "'");
        }
        return MessageView.mtiName(version * 1000 + type * 100 + function * 10 + origin); // shared, not allocated
    }
}
