package io.acqsim.core.ledger;

/**
 * How the memory store spreads its state over {@link #COUNT} lock stripes: a journal entry, its
 * trace keys, its terminal's batches and totals belong to the stripe of its terminal id; an
 * account to the stripe of its PAN. A unit of work holds the stripes of what it touches (a
 * {@code long} bit set, so at most 64).
 */
final class Stripes {
    static final int COUNT = 64;

    private Stripes() {
    }

    /** The stripe of a terminal id or PAN (null: stripe 0). */
    static int of(String name) {
        if (name == null) {
            return 0;
        }
        int h = name.hashCode() * 0x9E3779B1;
        return (h ^ (h >>> 15)) >>> 26;
    }
}
