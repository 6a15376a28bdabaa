package io.acqsim.core.reversal;

import java.util.Objects;

/**
 * ISO 1987 original key: DE41 + DE42 + the original's DE11, within one dialect (the binary and
 * ASCII listeners share the ledger, not their terminals' STANs). A reversal takes the STAN from
 * DE90 (original data elements) when present, else from its own DE11, since most terminals reuse it.
 */
public record IsoTraceKey(String dialect, String terminal, String merchant, String stan) implements TraceKey {
    /**
     * Terminal ids and STANs are short digit strings, and the record's default hash (31 times the
     * previous field's, plus the next) lets their digits cancel out: with 10^6 keys on file nearly
     * every bin of the journal's maps held eight or more, turned into a tree of incomparable keys.
     * Each field's hash is spread by a different odd multiplier instead.
     */
    @Override
    public int hashCode() {
        int h = Objects.hashCode(dialect) * 0x01000193 + Objects.hashCode(terminal) * 0x9E3779B1 + Objects.hashCode(merchant) * 0x85EBCA77
                + Objects.hashCode(stan) * 0xC2B2AE3D;
        return h ^ (h >>> 16);
    }

    @Override
    public String toString() {
        return dialect + ":" + terminal + "/" + merchant + "/" + stan;
    }
}
