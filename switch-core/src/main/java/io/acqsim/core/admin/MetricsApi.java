package io.acqsim.core.admin;

import io.acqsim.core.metrics.AcqsimMetrics;

/** {@code GET /metrics}: every meter in the Prometheus text format. */
public final class MetricsApi {
    /** The content type Prometheus expects of the text format. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private MetricsApi() {
    }

    public static void register(AdminRoutes routes, AcqsimMetrics metrics) {
        routes.add("GET", "/metrics", r -> AdminResponse.text(PROMETHEUS_TEXT, metrics.scrape()));
    }
}
