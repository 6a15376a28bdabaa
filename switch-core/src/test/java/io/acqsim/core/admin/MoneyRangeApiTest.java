package io.acqsim.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.core.ledger.Money;
import io.acqsim.core.testing.AdminClient;
import io.acqsim.core.testing.SharedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 15, finding 1: {@code PUT /accounts/{pan}} took any {@code long} (so a refund at
 * {@code Long.MAX_VALUE} wrapped, and a balance of {@code Long.MIN_VALUE} with a hold made
 * {@code available} huge) and truncated {@code 12.5} to 12. Now each is a 400 that says why, and
 * the account is left as it was.
 */
class MoneyRangeApiTest {
    @RegisterExtension
    static final SharedServer acqsim = new SharedServer();

    private static final String PAN = "6011000000000151";

    private static AdminClient.Result put(String body) throws Exception {
        return acqsim.admin().put("/accounts/" + PAN, body);
    }

    @Test
    void outOfRangeFractionalAndNonNumericBalancesAre400() throws Exception {
        assertThat(put("{\"balance\": 5000}").status()).isEqualTo(200);
        for (String bad : new String[] {"12.5", "9223372036854775807", "-9223372036854775808",
                "1000000000000000", "-1000000000000000", "99999999999999999999999", "\"12\"", "\"lots\"", "true", "1e3"}) {
            AdminClient.Result r = put("{\"balance\": " + bad + "}");
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().get("error").asText()).as(bad).contains("balance");
        }
        assertThat(acqsim.admin().get("/accounts/" + PAN).json().get("balance").asLong()).isEqualTo(5000);
    }

    @Test
    void theLimitsThemselvesAreAccepted() throws Exception {
        assertThat(put("{\"balance\": " + Money.MAX_BALANCE + "}").status()).isEqualTo(200);
        assertThat(acqsim.admin().get("/accounts/" + PAN).json().get("balance").asLong()).isEqualTo(Money.MAX_BALANCE);
        assertThat(put("{\"balance\": -" + Money.MAX_BALANCE + "}").status()).isEqualTo(200);
        assertThat(acqsim.admin().get("/accounts/" + PAN).json().get("available").asLong())
                .isEqualTo(-Money.MAX_BALANCE);
        assertThat(put("{\"balance\": 0}").status()).isEqualTo(200);
        AdminClient.Result r = put("{\"balance\": 12.5}");
        assertThat(r.json().get("error").asText()).contains("whole number");
    }
}
