package io.acqsim.testkit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * A scripted outcome to arm on the host, built in code; the same rule as a {@code config/rules.yaml}
 * entry or a {@code POST /rules} body (README "Scripted outcomes and faults"):
 * <pre>{@code
 * acqsim.rules().arm(Rule.when().mti("0200").terminal("TERM0001").respond("05").times(1));
 * acqsim.rules().arm(Rule.when().amount(1234).dropResponse());
 * }</pre>
 * Every request matches until a condition is added; the host checks the rule when it is armed and
 * refuses one that does nothing or contradicts itself.
 */
public final class Rule {
    private final ObjectNode match = JsonNodeFactory.instance.objectNode();
    private final ObjectNode action = JsonNodeFactory.instance.objectNode();
    private String name;
    private Integer times;

    private Rule() {
    }

    /** A rule that matches every request until conditions are added. */
    public static Rule when() {
        return new Rule();
    }

    /** Request MTI, e.g. {@code 0200} or {@code 0400}. */
    public Rule mti(String mti) {
        match.put("mti", mti);
        return this;
    }

    /** Transaction type, e.g. {@code SALE}, {@code REVERSAL}. */
    public Rule type(String type) {
        match.put("type", type);
        return this;
    }

    /** DE3 starts with these digits. */
    public Rule processingCode(String prefix) {
        match.put("processingCode", prefix);
        return this;
    }

    /** DE4 equals this amount in minor units. */
    public Rule amount(long minor) {
        match.put("amount", minor);
        return this;
    }

    /** DE4 lies in this range of minor units (inclusive). */
    public Rule amountBetween(long min, long max) {
        match.putObject("amount").put("min", min).put("max", max);
        return this;
    }

    public Rule pan(String pan) {
        match.put("pan", pan);
        return this;
    }

    /** DE41. */
    public Rule terminal(String terminal) {
        match.put("terminal", terminal);
        return this;
    }

    /** DE42. */
    public Rule merchant(String merchant) {
        match.put("merchant", merchant);
        return this;
    }

    /** Answer with this DE39 (no ledger effect unless {@code 00}). */
    public Rule respond(String responseCode) {
        action.put("respond", responseCode);
        return this;
    }

    /** The request is lost: not processed, not answered. */
    public Rule dropRequest() {
        action.put("drop", "request");
        return this;
    }

    /** The response is lost: processed and posted, never sent (the terminal must reverse). */
    public Rule dropResponse() {
        action.put("drop", "response");
        return this;
    }

    /** Processed, then the connection is closed without a response. */
    public Rule close() {
        action.put("close", true);
        return this;
    }

    /** Processed, answered with a MAC that does not verify. */
    public Rule corruptMac() {
        action.put("corruptMac", true);
        return this;
    }

    /** Processed, answered with a frame that does not decode. */
    public Rule garbage() {
        action.put("garbage", true);
        return this;
    }

    /** Answered after this delay (scheduled by the host, never blocking it). */
    public Rule delay(Duration delay) {
        action.put("delayMs", delay.toMillis());
        return this;
    }

    /** Expires after matching this many requests. */
    public Rule times(int times) {
        this.times = times;
        return this;
    }

    /** A name shown in the host's log and rule list. */
    public Rule named(String name) {
        this.name = name;
        return this;
    }

    /** The rule as the JSON body of {@code POST /rules}. */
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        if (name != null) {
            n.put("name", name);
        }
        n.set("match", match.deepCopy());
        n.set("action", action.deepCopy());
        if (times != null) {
            n.put("times", times);
        }
        return n;
    }

    @Override
    public String toString() {
        return toJson().toString();
    }
}
