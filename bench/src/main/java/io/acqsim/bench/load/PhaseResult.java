package io.acqsim.bench.load;

import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one load phase measured and what its terminals expect the ledger to show.
 *
 * @param name          "echo" or "acqsim" (or a user's name for the run)
 * @param plan          what was run
 * @param latency       measured latency per kind, nanoseconds
 * @param all           every kind together
 * @param stats         counters
 * @param seconds       length of the measured window
 * @param expected      per PAN: {balance delta, available delta} the terminals caused
 * @param uncertain     PANs whose effect cannot be known because a void or reversal went unanswered
 * @param unanswered    requests still unanswered when the drain gave up
 */
public record PhaseResult(String name, LoadPlan plan, EnumMap<Kind, Histogram> latency, Histogram all, Stats stats,
                          double seconds, Map<String, long[]> expected, Map<String, Integer> uncertain,
                          long unanswered) {
    /** Responses per second inside the measured window. */
    public double throughput() {
        return stats.answeredInWindow.sum() / seconds;
    }

    public long sent() {
        return stats.sent.sum();
    }

    public long answered() {
        return stats.answered.sum();
    }

    public long timeouts() {
        return stats.timeouts.sum();
    }

    public long errors() {
        return stats.errors.sum();
    }

    public long unexpected() {
        return stats.unexpected.sum();
    }

    public long lostUnanswered() {
        return stats.lostUnanswered.sum();
    }

    public long unsent() {
        return stats.unsent.sum();
    }

    public long repeatMismatches() {
        return stats.repeatMismatches.sum();
    }

    /**
     * True when every request was answered, except the 9100.01 sales whose responses the host
     * drops on purpose (and which were then reversed).
     */
    public boolean everyRequestAnswered() {
        return sent() == answered() + lostUnanswered() && timeouts() == 0 && unanswered == 0 && unsent() == 0;
    }
}
