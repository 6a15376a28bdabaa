package io.acqsim.testkit;

/**
 * An account as the host keeps it, in minor units.
 *
 * @param available balance minus the holds of open authorizations
 */
public record Account(String pan, long balance, long available, String currency) {
}
