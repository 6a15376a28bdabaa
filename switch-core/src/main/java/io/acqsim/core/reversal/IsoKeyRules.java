package io.acqsim.core.reversal;

import io.acqsim.codec.field.De56;
import io.acqsim.codec.field.De90;
import io.acqsim.core.ledger.Names;
import io.acqsim.codec.layout.MessageView;

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
    public TraceKey own(MessageView m) {
        return new IsoTraceKey(dialect, Names.intern(m.string(41)), Names.intern(m.string(42)), m.string(11));
    }

    @Override
    public String duplicateDiscriminator(MessageView m) {
        String de7 = m.string(7);
        return de7 != null || originalData == 90 ? de7 : m.string(12);
    }

    @Override
    public String batch(MessageView m) {
        return null;
    }

    @Override
    public TraceKey reversalTarget(MessageView m) {
        if (m.has(originalData)) {
            String stan = originalData == 90 ? De90.parse(m.string(90)).originalStan()
                    : De56.parse(m.string(56)).originalStan();
            return new IsoTraceKey(dialect, Names.intern(m.string(41)), Names.intern(m.string(42)), stan);
        }
        return own(m);
    }

    @Override
    public Target voidTarget(MessageView m) {
        return Target.of(Reference.byRrn(m.string(37), m.string(41), m.string(38)));
    }

    @Override
    public Target completionTarget(MessageView m) {
        if (m.has(originalData)) {
            return Target.of(reversalTarget(m));
        }
        return Target.of(Reference.byRrn(m.string(37), m.string(41), m.string(38)));
    }

    @Override
    public Target cancelTarget(MessageView m) {
        return completionTarget(m);
    }

    @Override
    public Target refundTarget(MessageView m) {
        String rrn = m.string(37);
        return rrn == null ? null : Target.of(Reference.byRrn(rrn, null, null));
    }
}
