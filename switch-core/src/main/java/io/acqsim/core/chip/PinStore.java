package io.acqsim.core.chip;

import io.acqsim.core.flow.ResponseCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * PINs of accounts and their wrong-try counts. A PIN is kept only as a digest of PAN and PIN,
 * never in clear, and never shown. The third wrong PIN in a row locks the card ({@code 75}) until
 * the PIN is set again; a right PIN before that resets the count. Each card's state is its own
 * {@link AtomicReference}, changed by compare-and-set: a PIN check takes no lock (not even the map's
 * bin lock, which two cards can share) and hashes the entered PIN before it touches the state.
 */
public final class PinStore {
    /** Wrong PINs in a row that lock the card. */
    public static final int TRIES = 3;

    private record State(byte[] digest, int wrong) {
    }

    /** The verdict on one PIN entry. */
    public enum Verdict {
        /** The account has no PIN: nothing to check. */
        NO_PIN(null),
        RIGHT(null),
        WRONG(ResponseCode.INCORRECT_PIN.code()),
        /** Wrong for the third time in a row, or the card is already locked. */
        TRIES_EXCEEDED(ResponseCode.PIN_TRIES_EXCEEDED.code());

        private final String responseCode;

        Verdict(String responseCode) {
            this.responseCode = responseCode;
        }

        /** The decline code, or null when the request goes on. */
        public String responseCode() {
            return responseCode;
        }
    }

    private final ConcurrentHashMap<String, AtomicReference<State>> pins = new ConcurrentHashMap<>();

    /** Sets (or replaces) the card's PIN and clears its wrong-try count. */
    public void set(String pan, String pin) {
        if (pin == null || !pin.matches("\\d{4,12}")) {
            throw new IllegalArgumentException("a PIN is 4 to 12 digits");
        }
        pins.put(pan, new AtomicReference<>(new State(digest(pan, pin), 0)));
    }

    public boolean has(String pan) {
        return pan != null && pins.containsKey(pan);
    }

    /** Forgets every PIN ({@code POST /reset}). */
    public void clear() {
        pins.clear();
    }

    /**
     * Counts one PIN entry. {@code entered} null means the PIN block could not be read, which
     * counts as a wrong PIN.
     */
    public Verdict check(String pan, String entered) {
        AtomicReference<State> card = pan == null ? null : pins.get(pan);
        if (card == null) {
            return Verdict.NO_PIN;
        }
        byte[] digest = entered == null ? null : digest(pan, entered);
        while (true) {
            State s = card.get();
            if (s.wrong() >= TRIES) {
                return Verdict.TRIES_EXCEEDED;
            }
            boolean right = digest != null && MessageDigest.isEqual(s.digest(), digest);
            State next = new State(s.digest(), right ? 0 : s.wrong() + 1);
            if (card.compareAndSet(s, next)) {
                return right ? Verdict.RIGHT : next.wrong() >= TRIES ? Verdict.TRIES_EXCEEDED : Verdict.WRONG;
            }
        }
    }

    private static byte[] digest(String pan, String pin) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(pan.getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) '|');
            return sha.digest(pin.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
