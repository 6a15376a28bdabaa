package io.acqsim.core.admin;

import io.acqsim.core.link.Links;

/** {@code GET /links}: each connect-out link's state, since when, reconnects and echo tests. */
public final class LinksApi {
    private LinksApi() {
    }

    public static void register(AdminRoutes routes, Links links) {
        routes.add("GET", "/links", r -> links.describe());
    }
}
