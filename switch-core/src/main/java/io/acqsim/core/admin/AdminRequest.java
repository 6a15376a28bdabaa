package io.acqsim.core.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One admin API call: path parameters from the route pattern, query parameters, the body. */
public record AdminRequest(String method, String path, Map<String, String> params, Map<String, String> query,
                           byte[] body) {

    /** A path parameter ({@code {pan}} in the route pattern). */
    public String param(String name) {
        return params.get(name);
    }

    /** A query parameter, or null. */
    public String query(String name) {
        return query.get(name);
    }

    /** A whole-number query parameter, the default when absent, a 400 when malformed. */
    public int queryInt(String name, int dflt, int min, int max) {
        String v = query.get(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new HttpError(400, "query parameter '" + name + "' must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new HttpError(400, "query parameter '" + name + "' is not a whole number: '" + v + "'");
        }
    }

    /** The JSON body as {@code type}; a 400 naming the problem when it is not. */
    public <T> T json(Class<T> type) {
        if (body.length == 0) {
            throw new HttpError(400, "request body is empty; expected JSON");
        }
        try {
            return Json.MAPPER.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new HttpError(400, "bad JSON body: " + io.acqsim.core.config.ConfigLoader.describe(e));
        } catch (java.io.IOException e) {
            throw new HttpError(400, "unreadable body: " + e.getMessage());
        }
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
