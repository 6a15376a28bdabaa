package io.acqsim.core.rules;

import io.acqsim.codec.field.Masking;
import io.acqsim.core.chip.ChipAction;
import io.acqsim.core.flow.Reply;
import io.acqsim.core.flow.Request;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a matching rule does to one request, in the three places the flow asks: before processing
 * ({@link #dropsRequest}), at the ledger ({@link #responseCode}: answer this code, journaled as a
 * decline with nothing posted), and at delivery ({@link #deliver}: drop, close, corrupt, garbage,
 * delay). Responses withheld on purpose are reported to the {@link ReversalWatch}.
 */
public final class ScriptedOutcome {
    private static final Logger log = LoggerFactory.getLogger(ScriptedOutcome.class);

    /** No rule matched: process and answer normally. */
    static final ScriptedOutcome NONE = new ScriptedOutcome(null, null, Duration.ZERO, null);

    private final Request request;
    private final RuleSet.Armed rule;
    private final Duration delay;
    private final ReversalWatch watch;
    private final String responseCode;

    ScriptedOutcome(Request request, RuleSet.Armed rule, Duration lateDelay, ReversalWatch watch) {
        this.request = request;
        this.rule = rule;
        this.watch = watch;
        this.delay = rule == null ? Duration.ZERO : rule.rule().action().delay(lateDelay);
        String code = rule == null ? null : rule.rule().action().responseCode(request.amount());
        this.responseCode = "00".equals(code) ? null : code;
    }

    private Action action() {
        return rule.rule().action();
    }

    /** Whether the request is lost: not processed, not journaled, never answered. */
    public boolean dropsRequest() {
        return rule != null && action().fault() == Action.Fault.DROP_REQUEST;
    }

    /** The empty reply of a lost request (logged, and noted by the reversal watch). */
    public Reply dropRequest() {
        logOutcome("request dropped: not processed, not journaled");
        note(action().fault().label());
        return Reply.none();
    }

    /**
     * The response code the rule imposes instead of the bank's decision, or null. {@code 00} is
     * never imposed: a rule answering 00 lets the request be processed normally.
     */
    public String responseCode() {
        return responseCode;
    }

    /** What the rule does to a chip response's DE55 ({@link ChipAction#NONE} without a rule). */
    public ChipAction chip() {
        return rule == null ? ChipAction.NONE : action().chip();
    }

    /**
     * Tells the reversal watch that an approved chip response goes out with its ARPC omitted or
     * corrupted: the card declines at its second GENERATE AC and the terminal owes a reversal.
     */
    public void arpcSpoiled() {
        if (rule != null && action().chip().arpc().spoils()) {
            note(action().chip().arpc() == ChipAction.Arpc.OMIT ? "ARPC omitted" : "ARPC corrupted");
        }
    }

    /** The processed reply with the rule's fault and delay applied. */
    public Reply deliver(Reply reply) {
        if (rule == null) {
            return reply;
        }
        logOutcome(action().summary());
        if (reply.response() == null) {
            return reply;
        }
        Action.Fault fault = action().fault();
        Reply.Delivery how = switch (fault) {
            case DROP_RESPONSE -> Reply.Delivery.DROP;
            case CLOSE -> Reply.Delivery.CLOSE;
            case CORRUPT_MAC -> Reply.Delivery.CORRUPT_MAC;
            case GARBAGE -> Reply.Delivery.GARBAGE;
            default -> reply.delivery();
        };
        if (fault.withholds()) {
            note(fault.label());
        } else if (action().late()) {
            note("late response");
        }
        return new Reply(reply.response(), how, delay.plus(reply.delay()));
    }

    private void note(String fault) {
        if (watch != null) {
            watch.withheld(request, fault, String.valueOf(rule.id()));
        }
    }

    private void logOutcome(String what) {
        Request r = request;
        log.info("{} on {} {} {} terminal {} stan {} amount {} pan {}: {}", rule.label(), r.dialect().name(), r.mti(),
                r.type(), r.terminal(), r.stan(), r.amount(), Masking.pan(r.pan()), what);
    }
}
