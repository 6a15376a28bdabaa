package io.acqsim.core.reversal;

import io.acqsim.codec.field.De60;
import io.acqsim.codec.field.De61;
import io.acqsim.codec.layout.MessageView;

/**
 * CUP: a message's key is DE41 + DE42 + 60.2 + DE11 and a reversal 冲正 carries its original's;
 * voids name the original by 61.1 + 61.2 on the same terminal; completions and pre-auth cancels
 * name the authorization by card and approval code (DE2 + DE38); refunds 退货 by DE37 + 61.3, from
 * any terminal. The dialect's {@link Matching} may read terminal, merchant, STAN and a reversal's
 * original STAN elsewhere.
 */
final class CupKeyRules implements KeyRules {
    private final Matching matching;

    CupKeyRules(Matching matching) {
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
        return stan != Stan.NOT_NUMERIC ? new CupTraceKey(terminal, merchant, batch(m), stan)
                : new CupTraceKey(terminal, merchant, batch(m), matching.stan(m));
    }

    @Override
    public String duplicateDiscriminator(MessageView m) {
        return null;
    }

    @Override
    public String batch(MessageView m) {
        if (isDigits(m, 60, 11)) {
            // a well-formed DE60 (as De60.parse checks it): 60.2 read in place, a shared String
            return m.shared(60, 2, 8);
        }
        return De60.parse(m.string(60)).batch();
    }

    /** Whether field {@code f} is present, at least {@code min} characters long and all digits. */
    private static boolean isDigits(MessageView m, int f, int min) {
        int length = m.length(f);
        if (length < min || m.layout().field(f).kind() == io.acqsim.codec.layout.FieldKind.BINARY) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            int c = m.charAt(f, i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public TraceKey reversalTarget(MessageView m) {
        String stan = matching.originalStan(m);
        return stan == null ? own(m)
                : new CupTraceKey(matching.terminal(m), matching.merchant(m), batch(m), stan);
    }

    @Override
    public Target voidTarget(MessageView m) {
        De61 de61 = De61.parse(m.string(61));
        return Target.of(new CupTraceKey(matching.terminal(m), matching.merchant(m),
                de61.originalBatch(),
                de61.originalStan()));
    }

    @Override
    public Target completionTarget(MessageView m) {
        return Target.of(new Reference(null, null, m.string(38), null, pan(m)));
    }

    @Override
    public Target cancelTarget(MessageView m) {
        return completionTarget(m);
    }

    @Override
    public Target refundTarget(MessageView m) {
        String date = m.has(61) ? emptyToNull(De61.parse(m.string(61)).originalDate()) : null;
        return Target.of(new Reference(m.string(37), null, null, date, null));
    }

    private static String pan(MessageView m) {
        String pan = m.string(2);
        if (pan == null && m.has(35)) {
            String t = m.string(35);
            int sep = t.indexOf('=');
            pan = sep < 0 ? t : t.substring(0, sep);
        }
        return pan;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
