package io.acqsim.core.reversal;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.layout.MessageView;

/**
 * A dialect's original-lookup rules (PROTOCOL.md §2): which fields make a message's own key and
 * how voids, completions, cancels, refunds and reversals name their originals. Malformed
 * sub-fields raise {@link IllegalArgumentException} naming the sub-field (a format error).
 */
public interface KeyRules {
    /** The rules of PROTOCOL.md §2 for {@code dialect}. */
    static KeyRules of(Dialect dialect) {
        return of(dialect, Matching.defaults(dialect));
    }

    /** The rules of {@code dialect}, with the key's parts read where {@code matching} says. */
    static KeyRules of(Dialect dialect, Matching matching) {
        return dialect.isCup() ? new CupKeyRules(matching) : new IsoKeyRules(dialect.name(), dialect.is1993(), matching);
    }

    /** Where this dialect's key parts are read. */
    Matching matching();

    /** The key the terminal would use to name this message later (reversal, CUP void). */
    TraceKey own(MessageView m);

    /** What, besides the key, tells a duplicate from a new message that reuses the STAN: ISO DE7. */
    String duplicateDiscriminator(MessageView m);

    /** The terminal's batch for this message (CUP DE60.2), or null when the host keeps an implicit one. */
    String batch(MessageView m);

    /** The original a reversal or advice undoes. */
    TraceKey reversalTarget(MessageView m);

    /** The sale a void 消费撤销 names (or, for a completion void, the completion). */
    Target voidTarget(MessageView m);

    /** The authorization a completion captures. */
    Target completionTarget(MessageView m);

    /** The authorization a pre-auth cancel releases. */
    Target cancelTarget(MessageView m);

    /** The sale a refund returns money from, or null for an unreferenced refund. */
    Target refundTarget(MessageView m);
}
