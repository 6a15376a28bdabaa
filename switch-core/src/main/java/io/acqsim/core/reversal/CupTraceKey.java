package io.acqsim.core.reversal;

import java.util.Objects;

/**
 * CUP original key: DE41 + DE42 + batch (DE60.2) + DE11. A reversal 冲正 carries the original's
 * DE11 and 60.2; a void 撤销 names it by 61.1 (batch) and 61.2 (STAN), same terminal only.
 */
public record CupTraceKey(String terminal, String merchant, String batch, String stan) implements TraceKey {
    /**
     * Terminal ids and STANs are short digit strings, and the record's default hash (31 times the
     * previous field's, plus the next) lets their digits cancel out: with 10^6 keys on file nearly
     * every bin of the journal's maps held eight or more, turned into a tree of incomparable keys.
     * Each field's hash is spread by a different odd multiplier instead.
     */
    @Override
    public int hashCode() {
        int h = Objects.hashCode(terminal) * 0x9E3779B1 + Objects.hashCode(merchant) * 0x85EBCA77 + Objects.hashCode(batch) * 0x27D4EB2F
                + Objects.hashCode(stan) * 0xC2B2AE3D;
        return h ^ (h >>> 16);
    }

    @Override
    public String toString() {
        return terminal + "/" + merchant + "/" + batch + "/" + stan;
    }
}
