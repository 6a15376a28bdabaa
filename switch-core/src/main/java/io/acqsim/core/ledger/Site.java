package io.acqsim.core.ledger;

/** Where a transaction comes from: its dialect, terminal (DE41) and merchant (DE42). */
record Site(String dialect, String terminal, String merchant) {
}
