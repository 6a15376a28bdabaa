package io.acqsim.core.flow;

import io.acqsim.core.config.AcqsimConfig;
import java.time.Duration;

/**
 * The behaviour knobs of PROTOCOL.md §3, read once from configuration.
 *
 * @param unknownOriginal     response to a reversal of an original never seen
 * @param duplicateReversal   {@code null} to replay a repeated reversal's first response, else the code to decline it with
 * @param ofVoided            response to a reversal of a voided sale
 * @param strictAmount        decline 64 a reversal whose DE4 differs from the original
 * @param lateOriginal        response to an original that arrives after its tombstone
 * @param adviceFailure       {@code null} (acknowledge), {@code drop}, or a response code
 * @param afterSettlement     response to a reversal or void of a settled batch
 * @param replayDuplicates    answer a duplicate original with the first response instead of 94
 * @param duplicateWindow     how long an original counts for duplicate detection
 */
record Policy(String unknownOriginal, String duplicateReversal, String ofVoided, boolean strictAmount,
              String lateOriginal, String adviceFailure, String afterSettlement, boolean replayDuplicates,
              Duration duplicateWindow) {

    static Policy of(AcqsimConfig c) {
        String dup = c.reversal().duplicate();
        String advice = c.advice().failure();
        return new Policy(c.reversal().unknownOriginal(),
                dup.startsWith("decline:") ? dup.substring("decline:".length()) : null,
                c.reversal().ofVoided(), c.reversal().strictAmount(), c.lateOriginal().responseCode(),
                "none".equals(advice) ? null : advice, c.afterSettlement(),
                "replay".equals(c.duplicate().policy()), c.duplicate().window());
    }
}
