package io.acqsim.core.routing;

import io.acqsim.codec.dialect.Dialect;
import java.util.List;
import java.util.Optional;

/**
 * Decides the transaction type of a request from its MTI, DE3 and (CUP) DE60.1: the first
 * matching line of the dialect's table wins; no match means response code {@code 40}.
 */
public final class Router {
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

    public Optional<TxType> route(String mti, String de3, String de60Type) {
        for (Route r : routes) {
            if (r.matches(mti, de3, de60Type)) {
                return Optional.of(r.type());
            }
        }
        return Optional.empty();
    }

    /**
     * The response MTI: function plus one, origin kept without its repeat bit: {@code 0200 -> 0210},
     * {@code 0401 -> 0410}, {@code 0421 -> 0430}, {@code 1804 -> 1814}, {@code 1401 -> 1410}.
     */
    public static String responseMti(String mti) {
        char[] c = mti.toCharArray();
        c[2] = (char) (c[2] + 1);
        c[3] = (char) ('0' + ((c[3] - '0') & ~1));
        return new String(c);
    }
}
