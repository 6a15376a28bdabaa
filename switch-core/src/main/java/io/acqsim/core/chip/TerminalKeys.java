package io.acqsim.core.chip;

import io.acqsim.codec.key.CheckValue;
import io.acqsim.codec.key.TripleDes;
import io.acqsim.core.config.KeysConfig;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Working keys of ISO terminals: the configured TPK and TAK until a terminal (DE41) exchanges
 * keys, then the fresh pair the host sent it under the TMK. Key material never leaves this class
 * except encrypted under the TMK.
 */
public final class TerminalKeys {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private record Pair(byte[] tpk, byte[] tak) {
    }

    private final byte[] tmk;
    private final Pair configured;
    private final ConcurrentHashMap<String, Pair> exchanged = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public TerminalKeys(KeysConfig config) {
        this.tmk = HEX.parseHex(config.tmk());
        this.configured = new Pair(HEX.parseHex(config.tpk()), HEX.parseHex(config.tak()));
    }

    private Pair of(String terminal) {
        Pair p = terminal == null ? null : exchanged.get(terminal);
        return p == null ? configured : p;
    }

    /** The PIN key DE52 of this terminal is under. */
    public byte[] tpk(String terminal) {
        return of(terminal).tpk().clone();
    }

    /** The MAC key of this terminal. */
    public byte[] tak(String terminal) {
        return of(terminal).tak().clone();
    }

    /**
     * A key exchange (0800 DE70 101): fresh TPK and TAK for the terminal, in effect from now on,
     * and the 0810's DE48: TPK under the TMK (32 hex) · its check value (6 hex) · TAK under the
     * TMK (32 hex) · its check value (6 hex), 76 characters.
     */
    public String exchange(String terminal) {
        Pair fresh = new Pair(newKey(), newKey());
        exchanged.put(terminal == null ? "" : terminal, fresh);
        return HEX.formatHex(TripleDes.encrypt(tmk, fresh.tpk())) + HEX.formatHex(CheckValue.des(fresh.tpk()))
                + HEX.formatHex(TripleDes.encrypt(tmk, fresh.tak())) + HEX.formatHex(CheckValue.des(fresh.tak()));
    }

    /** Every terminal back to the configured keys ({@code POST /reset}). */
    public void reset() {
        exchanged.clear();
    }

    private byte[] newKey() {
        byte[] k = new byte[16];
        random.nextBytes(k);
        return TripleDes.withOddParity(k);
    }
}
