package io.acqsim.core.reversal;

import io.acqsim.codec.field.De56;
import io.acqsim.codec.field.De90;
import io.acqsim.core.ledger.Names;
import org.jpos.iso.ISOMsg;

/**
 * ISO: reversals by the original STAN of the original data elements (1987 DE90, 1993 DE56) or by
 * DE11, with DE41 + DE42; voids and completions by DE37 on the same terminal (DE41), checked
 * against DE38 when present; refunds by DE37 from any terminal, or unreferenced without DE37.
 * Duplicates are told apart by DE7 (both versions carry it), else the 1993 DE12.
 */
final class IsoKeyRules implements KeyRules {
    private final String dialect;
    private final int originalData;

    IsoKeyRules(String dialect, boolean iso1993) {
        this.dialect = dialect;
        this.originalData = iso1993 ? 56 : 90;
    }

    @Override
    public TraceKey own(ISOMsg m) {
        return new IsoTraceKey(dialect, Names.intern(m.getString(41)), Names.intern(m.getString(42)), m.getString(11));
    }

    @Override
    public String duplicateDiscriminator(ISOMsg m) {
        String de7 = m.getString(7);
        return de7 != null || originalData == 90 ? de7 : m.getString(12);
    }

    @Override
    public String batch(ISOMsg m) {
        return null;
    }

    @Override
    public TraceKey reversalTarget(ISOMsg m) {
        if (m.hasField(originalData)) {
            String stan = originalData == 90 ? De90.parse(m.getString(90)).originalStan()
                    : De56.parse(m.getString(56)).originalStan();
            return new IsoTraceKey(dialect, Names.intern(m.getString(41)), Names.intern(m.getString(42)), stan);
        }
        return own(m);
    }

    @Override
    public Target voidTarget(ISOMsg m) {
        return Target.of(Reference.byRrn(m.getString(37), m.getString(41), m.getString(38)));
    }

    @Override
    public Target completionTarget(ISOMsg m) {
        if (m.hasField(originalData)) {
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
