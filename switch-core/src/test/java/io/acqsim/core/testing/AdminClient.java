package io.acqsim.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The admin API over real HTTP, for tests. */
public final class AdminClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String token;

    public AdminClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public AdminClient withToken(String bearer) {
        this.token = bearer;
        return this;
    }

    /** Status code and body of a call. */
    public record Result(int status, String body, String contentType) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    public Result get(String path) throws IOException, InterruptedException {
        return call("GET", path, null);
    }

    public Result put(String path, String json) throws IOException, InterruptedException {
        return call("PUT", path, json);
    }

    public Result post(String path, String json) throws IOException, InterruptedException {
        return call("POST", path, json);
    }

    public Result delete(String path) throws IOException, InterruptedException {
        return call("DELETE", path, null);
    }

    public Result call(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Result(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
    }

    /** The account's balance in minor units, from {@code GET /accounts/{pan}}. */
    public long balance(String pan) throws IOException, InterruptedException {
        Result r = get("/accounts/" + pan);
        if (r.status() != 200) {
            throw new AssertionError("GET /accounts/" + pan + " -> " + r.status() + " " + r.body());
        }
        return r.json().get("balance").asLong();
    }

    public long available(String pan) throws IOException, InterruptedException {
        return get("/accounts/" + pan).json().get("available").asLong();
    }
}
