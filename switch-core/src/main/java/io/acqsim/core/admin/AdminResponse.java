package io.acqsim.core.admin;

import java.nio.charset.StandardCharsets;

/** A response that is not JSON (Prometheus text, the dashboard page), or JSON with a chosen status. */
public record AdminResponse(int status, String contentType, byte[] body) {
    public static AdminResponse text(String contentType, String body) {
        return new AdminResponse(200, contentType, body.getBytes(StandardCharsets.UTF_8));
    }
}
