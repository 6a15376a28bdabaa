package io.acqsim.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.core.server.AcqsimServer;
import io.acqsim.core.testing.AdminClient;
import io.acqsim.core.testing.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard's files over real HTTP, on a server that wants an admin token. */
class DashboardApiTest {
    private static AcqsimServer server;
    private static AdminClient anonymous;

    @BeforeAll
    static void start() throws Exception {
        server = AcqsimServer.start(RunningServer.config("admin:\n  token: s3cret\n"));
        anonymous = new AdminClient(server.adminPort());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void thePageAndItsFilesNeedNoTokenAndLoadNothingFromOutside() throws Exception {
        AdminClient.Result page = anonymous.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(page.body()).contains("<title>acqsim dashboard</title>", "/dashboard/app.js", "/dashboard/style.css");
        assertThat(page.body()).doesNotContain("http://", "https://", "//cdn");
        AdminClient.Result script = anonymous.get("/dashboard/app.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.contentType()).startsWith("text/javascript");
        assertThat(script.body()).contains("function chains(").doesNotContain("http://", "https://");
        assertThat(anonymous.get("/dashboard/style.css").contentType()).startsWith("text/css");
    }

    @Test
    void theDataStillNeedsTheToken() throws Exception {
        assertThat(anonymous.get("/transactions").status()).isEqualTo(401);
        assertThat(anonymous.get("/metrics").status()).isEqualTo(401);
        assertThat(anonymous.get("/dashboard/secrets.txt").status()).isEqualTo(401);
        assertThat(new AdminClient(server.adminPort()).withToken("s3cret").get("/transactions").status())
                .isEqualTo(200);
    }
}
