package io.acqsim.core.rules;

import io.acqsim.core.flow.Request;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The one entry point the flow calls per request: notes reversals for the {@link ReversalWatch}
 * and finds the scripted {@link ScriptedOutcome} of the first matching rule. Shared by every listener.
 */
public final class Scripting {
    private static final Scripting NONE = new Scripting(RuleSet.empty(), null, Duration.ZERO);

    private final RuleSet rules;
    private final ReversalWatch watch;
    private final Duration lateDelay;
    private final Consumer<Action> fired;

    /**
     * @param watch     where withheld responses and reversals are tracked, or null for no watch
     * @param lateDelay the delay of a rule's {@code delay: late}
     */
    public Scripting(RuleSet rules, ReversalWatch watch, Duration lateDelay) {
        this(rules, watch, lateDelay, action -> { });
    }

    /** As above, telling {@code fired} the action of every rule that matches (the faults meter). */
    public Scripting(RuleSet rules, ReversalWatch watch, Duration lateDelay, Consumer<Action> fired) {
        this.rules = rules;
        this.watch = watch;
        this.lateDelay = lateDelay;
        this.fired = fired;
    }

    /** No rules, no watch: every request is processed and answered normally. */
    public static Scripting none() {
        return NONE;
    }

    public RuleSet rules() {
        return rules;
    }

    /** Call once per routed, well-formed request, before it touches the ledger. */
    public ScriptedOutcome evaluate(Request request) {
        if (watch != null) {
            watch.arrived(request);
        }
        RuleSet.Hit hit = rules.match(request);
        if (hit != null) {
            fired.accept(hit.rule().action());
        }
        return hit == null ? ScriptedOutcome.NONE : new ScriptedOutcome(request, hit.armed(), lateDelay, watch);
    }
}
