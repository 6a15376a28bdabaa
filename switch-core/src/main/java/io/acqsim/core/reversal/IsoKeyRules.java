package io.acqsim.core.reversal;

import io.acqsim.codec.field.De56;
import io.acqsim.codec.field.De90;
import io.acqsim.codec.layout.MessageView;

/**
 * ISO: reversals by the original STAN of the original data elements (1987 DE90, 1993 DE56) or by
 * DE11, with DE41 + DE42; voids and completions by DE37 on the same terminal (DE41), checked
 * against DE38 when present; refunds by DE37 from any terminal, or unreferenced without DE37.
 * Duplicates are told apart by DE7 (both versions carry it), else the 1993 DE12. The dialect's
 * {@link Matching} may read terminal, merchant, STAN and the original's STAN elsewhere.
 */
final class IsoKeyRules implements KeyRules {
    private final String dialect;
    private final boolean iso1993;
    private final Matching matching;

    IsoKeyRules(String dialect, boolean iso1993, Matching matching) {
        this.dialect = dialect;
        this.iso1993 = iso1993;
        this.matching = matching;
    }

    @Override
    public Matching matching() {
        return matching;
    }

    @Override
    public TraceKey own(MessageView m) {
        String terminal = matching.terminal(m);
        String merchant = matching.merchant(m);
        int stan = matching.sixDigitStan(m);
        return stan != Stan.NOT_NUMERIC ? new IsoTraceKey(dialect, terminal, merchant, stan)
                : new IsoTraceKey(dialect, terminal, merchant, matching.stan(m));
    }

    @Override
    public String duplicateDiscriminator(MessageView m) {
        // DE7 counts seconds: every message a terminal sends within one has the same, so it is read shared
        String de7 = m.shared(7);
        return de7 != null || !iso1993 ? de7 : m.shared(12);
    }

    @Override
    public String batch(MessageView m) {
        return null;
    }

    @Override
    public TraceKey reversalTarget(MessageView m) {
        String stan = originalStan(m);
        return stan != null ? named(m, stan) : own(m);
    }

    private TraceKey named(MessageView m, String originalStan) {
        return new IsoTraceKey(dialect, matching.terminal(m), matching.merchant(m),
                originalStan);
    }

    /** The original's STAN a reversal (or a completion) names, or null when it names none but its own. */
    private String originalStan(MessageView m) {
        String stan = matching.originalStan(m);
        if (stan != null) {
            return stan;
        }
        String data = matching.originalData(m);
        if (data == null) {
            return null;
        }
        return iso1993 ? De56.parse(data).originalStan() : De90.parse(data).originalStan();
    }

    @Override
    public Target voidTarget(MessageView m) {
        return Target.of(Reference.byRrn(m.string(37), matching.terminal(m), m.string(38)));
    }

    @Override
    public Target completionTarget(MessageView m) {
        String stan = originalStan(m);
        if (stan != null) {
            return Target.of(named(m, stan));
        }
        return Target.of(Reference.byRrn(m.string(37), matching.terminal(m), m.string(38)));
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
