package io.acqsim.core.admin;

import io.acqsim.core.chip.PinStore;
import io.acqsim.core.ledger.Account;
import io.acqsim.core.ledger.Ledger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health}, {@code GET /accounts}, {@code GET|PUT /accounts/{pan}}. A PIN set with
 * {@code "pin"} is never returned: an account shows only {@code "hasPin"}.
 */
public final class AccountsApi {
    private AccountsApi() {
    }

    /** Body of {@code PUT /accounts/{pan}}. */
    record AccountBody(Long balance, String currency, String pin) {
    }

    public static void register(AdminRoutes routes, Ledger ledger, java.util.function.BooleanSupplier up) {
        register(routes, ledger, up, new PinStore());
    }

    /** @param pins where {@code "pin"} goes (PROTOCOL.md §8) */
    public static void register(AdminRoutes routes, Ledger ledger, java.util.function.BooleanSupplier up,
                                PinStore pins) {
        routes.add("GET", "/health", r -> Map.of("status", up.getAsBoolean() ? "UP" : "DOWN"));
        routes.add("GET", "/accounts", r -> ledger.accounts().stream().map(AccountsApi::json).toList());
        routes.add("GET", "/accounts/{pan}", r -> {
            String pan = pan(r);
            return ledger.find(pan).map(a -> withPin(json(a), pins, pan))
                    .orElseThrow(() -> new HttpError(404, "no account for PAN " + pan));
        });
        routes.add("PUT", "/accounts/{pan}", r -> {
            String pan = pan(r);
            AccountBody body = r.json(AccountBody.class);
            if (body.pin() != null && !body.pin().matches("\\d{4,12}")) {
                throw new HttpError(400, "'pin' must be 4 to 12 digits");
            }
            if (body.balance() == null && body.pin() != null) {
                Account.AccountView a = ledger.find(pan)
                        .orElseThrow(() -> new HttpError(404, "no account for PAN " + pan + " (give a balance to open one)"));
                pins.set(pan, body.pin());
                return withPin(json(a), pins, pan);
            }
            if (body.balance() == null) {
                throw new HttpError(400, "'balance' is required (minor units)");
            }
            if (body.currency() != null && !body.currency().matches("\\d{3}")) {
                throw new HttpError(400, "'currency' must be a 3-digit ISO 4217 code, got '" + body.currency() + "'");
            }
            Map<String, Object> account = json(ledger.put(pan, body.balance(), body.currency()));
            if (body.pin() != null) {
                pins.set(pan, body.pin());
            }
            return withPin(account, pins, pan);
        });
    }

    private static String pan(AdminRequest r) {
        String pan = r.param("pan");
        if (!pan.matches("\\d{12,19}")) {
            throw new HttpError(400, "PAN must be 12 to 19 digits");
        }
        return pan;
    }

    private static Map<String, Object> withPin(Map<String, Object> account, PinStore pins, String pan) {
        account.put("hasPin", pins.has(pan));
        return account;
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
