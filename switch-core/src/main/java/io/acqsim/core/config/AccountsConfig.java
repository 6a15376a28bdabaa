package io.acqsim.core.config;

/**
 * Accounts keyed by PAN.
 *
 * @param autoCreate     open an unknown PAN on first use (off: answer {@code 14})
 * @param openingBalance balance of an auto-created account, minor units (default 1,000,000 = 10,000.00)
 * @param currency       ISO 4217 numeric currency of auto-created accounts
 * @param fixtures       YAML file of accounts loaded at start and on reset, relative to the config file
 */
public record AccountsConfig(Boolean autoCreate, Long openingBalance, String currency, String fixtures) {
    public AccountsConfig {
        autoCreate = autoCreate == null || autoCreate;
        openingBalance = openingBalance == null ? 1_000_000L : openingBalance;
        currency = currency == null ? "156" : currency;
    }
}
