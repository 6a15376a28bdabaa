package io.acqsim.core.admin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin API's route table: method plus a path pattern whose {@code {name}} segments become
 * parameters. Parts of acqsim add their endpoints here before the server starts.
 */
public final class AdminRoutes {
    private record Route(String method, String[] segments, AdminHandler handler, boolean open) {
    }

    /** What a path resolved to. */
    record Match(AdminHandler handler, Map<String, String> params) {
    }

    /** Runs around every call that may change state (any method but GET and HEAD). */
    @FunctionalInterface
    public interface Interceptor {
        Object around(AdminRequest request, AdminHandler handler) throws Exception;
    }

    private final List<Route> routes = new ArrayList<>();
    private Interceptor mutations;

    /** Sets what runs around every state-changing call (the durable journal); call before serving. */
    public AdminRoutes interceptMutations(Interceptor interceptor) {
        this.mutations = interceptor;
        return this;
    }

    /** Calls a route directly, without the interceptor (journal replay). */
    public Object invoke(String method, String path, Map<String, String> query, byte[] body) throws Exception {
        Match m = resolveRaw(method, path);
        return m.handler().handle(new AdminRequest(method, path, m.params(), query, body));
    }

    public AdminRoutes add(String method, String pattern, AdminHandler handler) {
        routes.add(new Route(method, split(pattern), handler, false));
        return this;
    }

    /**
     * A route served without the admin token: only for content that holds no data and changes
     * nothing (the dashboard's page, script and style sheet, which then ask for the token).
     */
    public AdminRoutes addOpen(String method, String pattern, AdminHandler handler) {
        routes.add(new Route(method, split(pattern), handler, true));
        return this;
    }

    /** Whether a call goes to an open route, so needs no token. */
    boolean isOpen(String method, String path) {
        String[] segs = split(path);
        for (Route r : routes) {
            if (r.open() && r.method().equals(method) && match(r.segments(), segs) != null) {
                return true;
            }
        }
        return false;
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    /** The handler for a call; a 404 if no pattern matches the path, a 405 if only the method is wrong. */
    Match resolve(String method, String path) {
        Match m = resolveRaw(method, path);
        Interceptor around = mutations;
        if (around == null || method.equals("GET") || method.equals("HEAD")) {
            return m;
        }
        AdminHandler inner = m.handler();
        return new Match(r -> around.around(r, inner), m.params());
    }

    private Match resolveRaw(String method, String path) {
        String[] segs = split(path);
        boolean pathKnown = false;
        for (Route r : routes) {
            Map<String, String> params = match(r.segments(), segs);
            if (params != null) {
                pathKnown = true;
                if (r.method().equals(method)) {
                    return new Match(r.handler(), params);
                }
            }
        }
        if (pathKnown) {
            throw new HttpError(405, "method " + method + " not allowed on " + path);
        }
        throw new HttpError(404, "no such endpoint: " + path);
    }

    private static Map<String, String> match(String[] pattern, String[] segs) {
        if (pattern.length != segs.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                if (segs[i].isEmpty()) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 1), segs[i]);
            } else if (!p.equals(segs[i])) {
                return null;
            }
        }
        return params;
    }
}
