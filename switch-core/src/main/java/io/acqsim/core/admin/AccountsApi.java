package io.acqsim.core.admin;

import io.acqsim.core.ledger.Account;
import io.acqsim.core.ledger.Ledger;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /health}, {@code GET /accounts}, {@code GET|PUT /accounts/{pan}}. */
public final class AccountsApi {
    private AccountsApi() {
    }

    /** Body of {@code PUT /accounts/{pan}}. */
    record AccountBody(Long balance, String currency) {
    }

    public static void register(AdminRoutes routes, Ledger ledger, java.util.function.BooleanSupplier up) {
        routes.add("GET", "/health", r -> Map.of("status", up.getAsBoolean() ? "UP" : "DOWN"));
        routes.add("GET", "/accounts", r -> ledger.accounts().stream().map(AccountsApi::json).toList());
        routes.add("GET", "/accounts/{pan}", r -> {
            String pan = pan(r);
            return ledger.find(pan).map(AccountsApi::json)
                    .orElseThrow(() -> new HttpError(404, "no account for PAN " + pan));
        });
        routes.add("PUT", "/accounts/{pan}", r -> {
            String pan = pan(r);
            AccountBody body = r.json(AccountBody.class);
            if (body.balance() == null) {
                throw new HttpError(400, "'balance' is required (minor units)");
            }
            if (body.currency() != null && !body.currency().matches("\\d{3}")) {
                throw new HttpError(400, "'currency' must be a 3-digit ISO 4217 code, got '" + body.currency() + "'");
            }
            return json(ledger.put(pan, body.balance(), body.currency()));
        });
    }

    private static String pan(AdminRequest r) {
        String pan = r.param("pan");
        if (!pan.matches("\\d{12,19}")) {
            throw new HttpError(400, "PAN must be 12 to 19 digits");
        }
        return pan;
    }

    static Map<String, Object> json(Account.AccountView a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pan", a.pan());
        m.put("balance", a.balance());
        m.put("available", a.available());
        m.put("currency", a.currency());
        return m;
    }
}
