package io.acqsim.core.reversal;

import java.util.Objects;

/**
 * What every trace key holds: a scope (the ISO dialect, or the CUP batch), terminal, merchant and
 * the STAN as a number (see {@link Stan}). A million keys on file are a million of these, so they
 * keep no text they do not need. Keys of different dialects are never equal.
 */
abstract class KeyFields {
    private final String scope;
    private final String terminal;
    private final String merchant;
    private final int stan;
    private final String stanResidue;

    KeyFields(String scope, String terminal, String merchant, String stan) {
        this.scope = scope;
        this.terminal = terminal;
        this.merchant = merchant;
        this.stan = Stan.parse(stan);
        this.stanResidue = Stan.residue(stan, this.stan);
    }

    /** With a STAN of six digits given as their number: equal to the key made from their text. */
    KeyFields(String scope, String terminal, String merchant, int sixDigitStan) {
        if (sixDigitStan < 0 || sixDigitStan > 999_999) {
            throw new IllegalArgumentException("not a six-digit STAN: " + sixDigitStan);
        }
        this.scope = scope;
        this.terminal = terminal;
        this.merchant = merchant;
        this.stan = sixDigitStan;
        this.stanResidue = null;
    }

    final String scope() {
        return scope;
    }

    public final String terminal() {
        return terminal;
    }

    public final String merchant() {
        return merchant;
    }

    public final String stan() {
        return Stan.text(stan, stanResidue);
    }

    /** The STAN as a number ({@link Stan#parse}), without making its text. */
    public final int stanNumber() {
        return stan;
    }

    /** The STAN's text when the number does not say it all ({@link Stan#residue}), else null. */
    public final String stanResidue() {
        return stanResidue;
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && o instanceof KeyFields k && stan == k.stan
                && Objects.equals(stanResidue, k.stanResidue) && Objects.equals(terminal, k.terminal)
                && Objects.equals(merchant, k.merchant) && Objects.equals(scope, k.scope);
    }

    /**
     * Terminal ids and STANs are short digit strings, and a plain 31-times hash lets their digits
     * cancel out: with 10^6 keys on file nearly every bin of the journal's maps held eight or
     * more. Each field's hash is spread by a different odd multiplier instead.
     */
    @Override
    public final int hashCode() {
        int h = Objects.hashCode(scope) * 0x27D4EB2F + Objects.hashCode(terminal) * 0x9E3779B1
                + Objects.hashCode(merchant) * 0x85EBCA77 + (stan * 31 + Objects.hashCode(stanResidue)) * 0xC2B2AE3D;
        return h ^ (h >>> 16);
    }
}
