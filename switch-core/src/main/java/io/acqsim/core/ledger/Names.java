package io.acqsim.core.ledger;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared instance of the short strings every journaled transaction repeats: MTIs, terminal
 * and merchant ids, batch numbers. A million transactions from a hundred terminals then hold a
 * hundred terminal ids, not a million copies. Bounded: past {@link #LIMIT} distinct names (a
 * fuzzer inventing terminal ids), new ones are simply not shared.
 */
public final class Names {
    static final int LIMIT = 100_000;
    private static final ConcurrentHashMap<String, String> NAMES = new ConcurrentHashMap<>();

    private Names() {
    }

    /** The shared instance equal to {@code name}, or {@code name} itself; null stays null. */
    public static String intern(String name) {
        if (name == null) {
            return null;
        }
        String shared = NAMES.get(name);
        if (shared != null) {
            return shared;
        }
        if (NAMES.size() >= LIMIT) {
            return name;
        }
        shared = NAMES.putIfAbsent(name, name);
        return shared == null ? name : shared;
    }
}
