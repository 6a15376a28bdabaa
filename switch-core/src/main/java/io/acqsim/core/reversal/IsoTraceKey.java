package io.acqsim.core.reversal;

import java.util.Objects;

/**
 * ISO 1987 original key: DE41 + DE42 + the original's DE11, within one dialect (the binary and
 * ASCII listeners share the ledger, not their terminals' STANs). A reversal takes the STAN from
 * DE90 (original data elements) when present, else from its own DE11, since most terminals reuse it.
 * The STAN is kept as a number (see {@link Stan}): a million keys on file are a million objects.
 */
public final class IsoTraceKey implements TraceKey {
    private final String dialect;
    private final String terminal;
    private final String merchant;
    private final int stan;
    private final String stanResidue;

    public IsoTraceKey(String dialect, String terminal, String merchant, String stan) {
        this.dialect = dialect;
        this.terminal = terminal;
        this.merchant = merchant;
        this.stan = Stan.parse(stan);
        this.stanResidue = Stan.residue(stan, this.stan);
    }

    public String dialect() {
        return dialect;
    }

    @Override
    public String terminal() {
        return terminal;
    }

    public String merchant() {
        return merchant;
    }

    @Override
    public String stan() {
        return Stan.text(stan, stanResidue);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IsoTraceKey k && stan == k.stan && Objects.equals(stanResidue, k.stanResidue)
                && Objects.equals(terminal, k.terminal) && Objects.equals(merchant, k.merchant)
                && Objects.equals(dialect, k.dialect);
    }

    /**
     * Terminal ids and STANs are short digit strings, and a plain 31-times hash lets their digits
     * cancel out: with 10^6 keys on file nearly every bin of the journal's maps held eight or
     * more. Each field's hash is spread by a different odd multiplier instead.
     */
    @Override
    public int hashCode() {
        int h = Objects.hashCode(dialect) * 0x01000193 + Objects.hashCode(terminal) * 0x9E3779B1
                + Objects.hashCode(merchant) * 0x85EBCA77 + (stan * 31 + Objects.hashCode(stanResidue)) * 0xC2B2AE3D;
        return h ^ (h >>> 16);
    }

    @Override
    public String toString() {
        return dialect + ":" + terminal + "/" + merchant + "/" + stan();
    }
}
