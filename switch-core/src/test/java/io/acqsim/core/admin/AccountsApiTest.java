package io.acqsim.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.core.testing.AdminClient;
import io.acqsim.core.testing.SharedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Health and accounts over real HTTP, including the errors bad input gets. */
class AccountsApiTest {
    @RegisterExtension
    static final SharedServer acqsim = new SharedServer();

    @Test
    void healthIsUpOnceListenersAreBound() throws Exception {
        AdminClient.Result r = acqsim.admin().get("/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void fixtureAccountsAreLoaded() throws Exception {
        AdminClient.Result r = acqsim.admin().get("/accounts/4000000000000002");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("balance").asLong()).isZero();
        assertThat(r.json().get("available").asLong()).isZero();
        assertThat(r.json().get("currency").asText()).isEqualTo("156");
    }

    @Test
    void putCreatesAndReplacesAnAccount() throws Exception {
        AdminClient.Result created = acqsim.admin().put("/accounts/6011000000000004", "{\"balance\": 1234, \"currency\": \"840\"}");
        assertThat(created.status()).isEqualTo(200);
        assertThat(acqsim.admin().get("/accounts/6011000000000004").json().get("balance").asLong()).isEqualTo(1234);
        acqsim.admin().put("/accounts/6011000000000004", "{\"balance\": 99}");
        AdminClient.Result r = acqsim.admin().get("/accounts/6011000000000004");
        assertThat(r.json().get("balance").asLong()).isEqualTo(99);
        assertThat(r.json().get("currency").asText()).isEqualTo("156");
    }

    @Test
    void unknownAccountIs404WithJsonError() throws Exception {
        AdminClient.Result r = acqsim.admin().get("/accounts/6011999999999999");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").asText()).contains("6011999999999999");
    }

    @Test
    void badJsonIs400NamingTheProblem() throws Exception {
        AdminClient.Result r = acqsim.admin().put("/accounts/6011000000000012", "{\"balance\": ");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("bad JSON");
        AdminClient.Result wrongType = acqsim.admin().put("/accounts/6011000000000012", "{\"balance\": \"lots\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("error").asText()).contains("balance");
        AdminClient.Result unknownKey = acqsim.admin().put("/accounts/6011000000000012", "{\"balance\": 1, \"colour\": \"red\"}");
        assertThat(unknownKey.status()).isEqualTo(400);
        assertThat(unknownKey.json().get("error").asText()).contains("colour");
        assertThat(acqsim.admin().get("/accounts/6011000000000012").status()).isEqualTo(404);
    }

    @Test
    void malformedPanIs400() throws Exception {
        AdminClient.Result r = acqsim.admin().get("/accounts/12ab");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("PAN");
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() throws Exception {
        assertThat(acqsim.admin().get("/nope").status()).isEqualTo(404);
        assertThat(acqsim.admin().delete("/health").status()).isEqualTo(405);
    }
}
