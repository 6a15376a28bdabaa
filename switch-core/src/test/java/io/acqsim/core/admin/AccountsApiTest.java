package io.acqsim.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.core.server.AcqsimServer;
import io.acqsim.core.testing.AdminClient;
import io.acqsim.core.testing.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Health and accounts over real HTTP, including the errors bad input gets. */
class AccountsApiTest {
    private static AcqsimServer server;
    private static AdminClient admin;

    @BeforeAll
    static void start() {
        server = RunningServer.start();
        admin = new AdminClient(server.adminPort());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void healthIsUpOnceListenersAreBound() throws Exception {
        AdminClient.Result r = admin.get("/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void fixtureAccountsAreLoaded() throws Exception {
        AdminClient.Result r = admin.get("/accounts/4000000000000002");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("balance").asLong()).isZero();
        assertThat(r.json().get("available").asLong()).isZero();
        assertThat(r.json().get("currency").asText()).isEqualTo("156");
    }

    @Test
    void putCreatesAndReplacesAnAccount() throws Exception {
        AdminClient.Result created = admin.put("/accounts/6011000000000004", "{\"balance\": 1234, \"currency\": \"840\"}");
        assertThat(created.status()).isEqualTo(200);
        assertThat(admin.get("/accounts/6011000000000004").json().get("balance").asLong()).isEqualTo(1234);
        admin.put("/accounts/6011000000000004", "{\"balance\": 99}");
        AdminClient.Result r = admin.get("/accounts/6011000000000004");
        assertThat(r.json().get("balance").asLong()).isEqualTo(99);
        assertThat(r.json().get("currency").asText()).isEqualTo("156");
    }

    @Test
    void unknownAccountIs404WithJsonError() throws Exception {
        AdminClient.Result r = admin.get("/accounts/6011999999999999");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").asText()).contains("6011999999999999");
    }

    @Test
    void badJsonIs400NamingTheProblem() throws Exception {
        AdminClient.Result r = admin.put("/accounts/6011000000000012", "{\"balance\": ");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("bad JSON");
        AdminClient.Result wrongType = admin.put("/accounts/6011000000000012", "{\"balance\": \"lots\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("error").asText()).contains("balance");
        AdminClient.Result unknownKey = admin.put("/accounts/6011000000000012", "{\"balance\": 1, \"colour\": \"red\"}");
        assertThat(unknownKey.status()).isEqualTo(400);
        assertThat(unknownKey.json().get("error").asText()).contains("colour");
        assertThat(admin.get("/accounts/6011000000000012").status()).isEqualTo(404);
    }

    @Test
    void malformedPanIs400() throws Exception {
        AdminClient.Result r = admin.get("/accounts/12ab");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("PAN");
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() throws Exception {
        assertThat(admin.get("/nope").status()).isEqualTo(404);
        assertThat(admin.delete("/health").status()).isEqualTo(405);
    }
}
