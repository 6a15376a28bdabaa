package io.acqsim.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few admin API calls the load generator makes: create its accounts, read them back. */
public final class AdminApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    /** What {@code GET /accounts/{pan}} says, in minor units. */
    public record Balance(long balance, long available) {
    }

    public AdminApi(String baseUrl, String token) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    public void putAccount(String pan, long balance, String currency) throws IOException, InterruptedException {
        call("PUT", "/accounts/" + pan, "{\"balance\":" + balance + ",\"currency\":\"" + currency + "\"}");
    }

    public Balance account(String pan) throws IOException, InterruptedException {
        JsonNode n = JSON.readTree(call("GET", "/accounts/" + pan, null));
        return new Balance(n.get("balance").asLong(), n.get("available").asLong());
    }

    /** {@code GET /metrics}, the Prometheus text; returns its length in characters. */
    public int metrics() throws IOException, InterruptedException {
        return call("GET", "/metrics", null).length();
    }

    private String call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException(method + " " + base + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
