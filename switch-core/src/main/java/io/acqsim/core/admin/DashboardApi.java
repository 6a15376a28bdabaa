package io.acqsim.core.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The dashboard: {@code GET /} is a page that polls the admin API and shows live traffic. Its
 * three files are resources of this jar, read once, served from memory; nothing comes from
 * outside, so the page works on a machine without network. They hold no data, so they are served
 * without the admin token; with {@code admin.token} set, the page asks for it (or takes it from
 * {@code /#token=...}) and sends it on every API call.
 */
public final class DashboardApi {
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "style.css", "text/css; charset=utf-8");

    private DashboardApi() {
    }

    public static void register(AdminRoutes routes) {
        for (Map.Entry<String, String> e : FILES.entrySet()) {
            AdminResponse file = new AdminResponse(200, e.getValue(), load(e.getKey()));
            routes.addOpen("GET", "/dashboard/" + e.getKey(), r -> file);
            if (e.getKey().equals("index.html")) {
                routes.addOpen("GET", "/", r -> file);
            }
        }
    }

    private static byte[] load(String name) {
        String path = "/dashboard/" + name;
        try (InputStream in = DashboardApi.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("dashboard resource " + path + " missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
