package io.acqsim.core.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.acqsim.core.chip.PinStore;
import io.acqsim.core.ledger.Account;
import io.acqsim.core.ledger.LedgerStore;
import io.acqsim.core.ledger.Money;
import java.math.BigInteger;
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

    public static void register(AdminRoutes routes, LedgerStore ledger, java.util.function.BooleanSupplier up) {
        register(routes, ledger, up, new PinStore());
    }

    /** @param pins where {@code "pin"} goes (PROTOCOL.md §8) */
    public static void register(AdminRoutes routes, LedgerStore ledger, java.util.function.BooleanSupplier up,
                                PinStore pins) {
        register(routes, ledger, up, pins, Map.of());
    }

    /**
     * @param identity what {@code GET /health} adds to the status: with a shared ledger, the node
     *                 number and the store ({@code {"node": 1, "ledger": "postgresql"}})
     */
    public static void register(AdminRoutes routes, LedgerStore ledger, java.util.function.BooleanSupplier up,
                                PinStore pins, Map<String, Object> identity) {
        routes.add("GET", "/health", r -> {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("status", up.getAsBoolean() ? "UP" : "DOWN");
            m.putAll(identity);
            return m;
        });
        routes.add("GET", "/accounts", r -> ledger.accounts().stream().map(AccountsApi::json).toList());
        routes.add("GET", "/accounts/{pan}", r -> {
            String pan = pan(r);
            return ledger.find(pan).map(a -> withPin(json(a), pins, pan))
                    .orElseThrow(() -> new HttpError(404, "no account for PAN " + pan));
        });
        routes.add("PUT", "/accounts/{pan}", r -> {
            String pan = pan(r);
            JsonNode tree = r.json(JsonNode.class);
            if (tree.hasNonNull("balance")) {
                balance(tree); // refused here, with a message about the balance, before the body is bound
            }
            AccountBody body = r.json(AccountBody.class);
            if (body.pin() != null && !body.pin().matches("\\d{4,12}")) {
                throw new HttpError(400, "'pin' must be 4 to 12 digits");
            }
            if (!tree.hasNonNull("balance") && body.pin() != null) {
                Account.AccountView a = ledger.find(pan)
                        .orElseThrow(() -> new HttpError(404, "no account for PAN " + pan + " (give a balance to open one)"));
                pins.set(pan, body.pin());
                return withPin(json(a), pins, pan);
            }
            long balance = balance(tree);
            if (body.currency() != null && !body.currency().matches("\\d{3}")) {
                throw new HttpError(400, "'currency' must be a 3-digit ISO 4217 code, got '" + body.currency() + "'");
            }
            Map<String, Object> account = json(ledger.put(pan, balance, body.currency()));
            if (body.pin() != null) {
                pins.set(pan, body.pin());
            }
            return withPin(account, pins, pan);
        });
    }

    /**
     * The new balance: a whole JSON number of minor units within ±{@link Money#MAX_BALANCE} (a
     * negative one simulates an overdrawn card: every debit answers 51). A fraction
     * ({@code 12.5}), a string or an out-of-range number is refused, never rounded or wrapped.
     */
    static long balance(JsonNode body) {
        JsonNode b = body == null || !body.isObject() ? null : body.get("balance");
        if (b == null || b.isNull()) {
            throw new HttpError(400, "'balance' is required (minor units)");
        }
        if (!b.isNumber()) {
            throw new HttpError(400, "'balance' must be a number of minor units, got " + b);
        }
        if (!b.isIntegralNumber()) {
            throw new HttpError(400, "'balance' must be a whole number of minor units, got " + b.asText());
        }
        BigInteger v = b.bigIntegerValue();
        if (v.abs().compareTo(BigInteger.valueOf(Money.MAX_BALANCE)) > 0) {
            throw new HttpError(400, "'balance' must be between -" + Money.MAX_BALANCE + " and " + Money.MAX_BALANCE
                    + " minor units, got " + v);
        }
        return v.longValueExact();
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
