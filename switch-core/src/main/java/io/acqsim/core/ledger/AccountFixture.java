package io.acqsim.core.ledger;

/** An account as the fixtures file or {@code PUT /accounts} gives it. */
public record AccountFixture(String pan, long balance, String currency) {
}
