package io.acqsim.core.reversal;

import java.util.Objects;

/**
 * CUP original key: DE41 + DE42 + batch (DE60.2) + DE11. A reversal 冲正 carries the original's
 * DE11 and 60.2; a void 撤销 names it by 61.1 (batch) and 61.2 (STAN), same terminal only. The
 * STAN is kept as a number (see {@link Stan}).
 */
public final class CupTraceKey implements TraceKey {
    private final String terminal;
    private final String merchant;
    private final String batch;
    private final int stan;
    private final String stanResidue;

    public CupTraceKey(String terminal, String merchant, String batch, String stan) {
        this.terminal = terminal;
        this.merchant = merchant;
        this.batch = batch;
        this.stan = Stan.parse(stan);
        this.stanResidue = Stan.residue(stan, this.stan);
    }

    @Override
    public String terminal() {
        return terminal;
    }

    public String merchant() {
        return merchant;
    }

    public String batch() {
        return batch;
    }

    @Override
    public String stan() {
        return Stan.text(stan, stanResidue);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CupTraceKey k && stan == k.stan && Objects.equals(stanResidue, k.stanResidue)
                && Objects.equals(terminal, k.terminal) && Objects.equals(merchant, k.merchant)
                && Objects.equals(batch, k.batch);
    }

    /** Each field's hash spread by its own odd multiplier, as in {@link IsoTraceKey#hashCode}. */
    @Override
    public int hashCode() {
        int h = Objects.hashCode(terminal) * 0x9E3779B1 + Objects.hashCode(merchant) * 0x85EBCA77
                + Objects.hashCode(batch) * 0x27D4EB2F + (stan * 31 + Objects.hashCode(stanResidue)) * 0xC2B2AE3D;
        return h ^ (h >>> 16);
    }

    @Override
    public String toString() {
        return terminal + "/" + merchant + "/" + batch + "/" + stan();
    }
}
