package io.acqsim.core.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.acqsim.core.config.AdminConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP API on the JDK's HTTP server, JSON in and out, on its own small thread pool (never
 * a Netty event loop). Errors are always {@code {"error": "..."}} with a 4xx or 5xx status. With a
 * token configured, every call must carry {@code Authorization: Bearer <token>}.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    private static final int MAX_BODY = 1 << 20;

    private final HttpServer http;
    private final ExecutorService executor;
    private final AdminRoutes routes;
    private final byte[] token;

    private AdminServer(HttpServer http, ExecutorService executor, AdminRoutes routes, String token) {
        this.http = http;
        this.executor = executor;
        this.routes = routes;
        this.token = token == null || token.isEmpty() ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    public static AdminServer start(AdminConfig config, AdminRoutes routes) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "acqsim-admin");
            t.setDaemon(true);
            return t;
        });
        AdminServer server = new AdminServer(http, executor, routes, config.token());
        http.createContext("/", server::exchange);
        http.setExecutor(executor);
        http.start();
        return server;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    private void exchange(HttpExchange ex) throws IOException {
        try (ex) {
            Object result;
            int status = 200;
            try {
                String path = ex.getRequestURI().getPath();
                if (!routes.isOpen(ex.getRequestMethod(), path)) {
                    authorize(ex);
                }
                AdminRoutes.Match match = routes.resolve(ex.getRequestMethod(), path);
                byte[] body = readBody(ex.getRequestBody());
                AdminRequest request = new AdminRequest(ex.getRequestMethod(), path, match.params(),
                        query(ex.getRequestURI().getRawQuery()), body);
                result = match.handler().handle(request);
            } catch (HttpError e) {
                status = e.status();
                result = Map.of("error", e.getMessage());
            } catch (IllegalArgumentException e) {
                status = 400;
                result = Map.of("error", String.valueOf(e.getMessage()));
            } catch (Exception e) {
                log.warn("admin {} {} failed", ex.getRequestMethod(), ex.getRequestURI().getPath(), e);
                status = 500;
                result = Map.of("error", "internal error: " + e);
            }
            if (result instanceof AdminResponse r) {
                write(ex, r.status(), r.contentType(), r.body());
            } else {
                write(ex, status, "application/json", Json.MAPPER.writeValueAsBytes(result));
            }
        }
    }

    private void authorize(HttpExchange ex) {
        if (token == null) {
            return;
        }
        String given = ex.getRequestHeaders().getFirst("Authorization");
        if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            ex.getResponseHeaders().add("WWW-Authenticate", "Bearer");
            throw new HttpError(401, "missing or wrong bearer token");
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new HttpError(413, "request body over " + MAX_BODY + " bytes");
        }
        return body;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            q.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return q;
    }

    private static void write(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        if ("HEAD".equals(ex.getRequestMethod())) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
