package io.acqsim.core.reversal;

import io.acqsim.codec.field.De90;
import io.acqsim.core.ledger.Names;
import org.jpos.iso.ISOMsg;

/**
 * ISO 1987: reversals by DE90's original STAN (or DE11) with DE41 + DE42; voids and completions
 * by DE37 on the same terminal (DE41), checked against DE38 when present; refunds by DE37 from
 * any terminal, or unreferenced without DE37.
 */
final class IsoKeyRules implements KeyRules {
    private final String dialect;

    IsoKeyRules(String dialect) {
        this.dialect = dialect;
    }

    @Override
    public TraceKey own(ISOMsg m) {
        return new IsoTraceKey(dialect, Names.intern(m.getString(41)), Names.intern(m.getString(42)), m.getString(11));
    }

    @Override
    public String duplicateDiscriminator(ISOMsg m) {
        return m.getString(7);
    }

    @Override
    public String batch(ISOMsg m) {
        return null;
    }

    @Override
    public TraceKey reversalTarget(ISOMsg m) {
        if (m.hasField(90)) {
            De90 de90 = De90.parse(m.getString(90));
            return new IsoTraceKey(dialect, Names.intern(m.getString(41)), Names.intern(m.getString(42)), de90.originalStan());
        }
        return own(m);
    }

    @Override
    public Target voidTarget(ISOMsg m) {
        return Target.of(Reference.byRrn(m.getString(37), m.getString(41), m.getString(38)));
    }

    @Override
    public Target completionTarget(ISOMsg m) {
        if (m.hasField(90)) {
            return Target.of(reversalTarget(m));
        }
        return Target.of(Reference.byRrn(m.getString(37), m.getString(41), m.getString(38)));
    }

    @Override
    public Target cancelTarget(ISOMsg m) {
        return completionTarget(m);
    }

    @Override
    public Target refundTarget(ISOMsg m) {
        String rrn = m.getString(37);
        return rrn == null ? null : Target.of(Reference.byRrn(rrn, null, null));
    }
}
