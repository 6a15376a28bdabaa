package io.acqsim.core.rules;

import io.acqsim.core.chip.ChipAction;
import io.acqsim.core.config.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a matching rule does to the exchange. A response code replaces the bank's decision (and
 * the ledger is not touched); a fault changes how, or whether, the response travels; a delay
 * holds the response back on the event loop's timer.
 *
 * @param respond  DE39 to answer with instead of processing, {@link #FROM_AMOUNT} for the last two
 *                 digits of DE4 (9000.51 answers 51), or null to process normally
 * @param fault    how the response travels
 * @param delay    how long to hold the response back; null for none
 * @param late     hold it back by {@code rules.lateDelay} instead of a fixed delay
 * @param chip     what happens to a chip response's DE55 (ARPC omitted or corrupted, issuer scripts)
 */
public record Action(String respond, Fault fault, Duration delay, boolean late, ChipAction chip) {
    /** {@link #respond} value meaning "the last two digits of DE4". */
    public static final String FROM_AMOUNT = "fromAmount";

    public Action {
        fault = fault == null ? Fault.NONE : fault;
        chip = chip == null ? ChipAction.NONE : chip;
    }

    /** An action that leaves chip data alone. */
    public Action(String respond, Fault fault, Duration delay, boolean late) {
        this(respond, fault, delay, late, ChipAction.NONE);
    }

    /** The ways a response can be withheld or spoiled. */
    public enum Fault {
        /** The response is sent as built. */
        NONE("none", false),
        /** The request is lost: not processed, not journaled, no response. */
        DROP_REQUEST("drop request", true),
        /** The response is lost: processed and posted, nothing sent. */
        DROP_RESPONSE("drop response", true),
        /** Processed, then the connection is closed without a response. */
        CLOSE("close", true),
        /** Processed, the response carries a DE64 that cannot verify. */
        CORRUPT_MAC("corrupt MAC", true),
        /** Processed, the response is a frame with a valid length prefix that cannot be decoded. */
        GARBAGE("garbage frame", true);

        private final String label;
        private final boolean withholds;

        Fault(String label, boolean withholds) {
            this.label = label;
            this.withholds = withholds;
        }

        /** Whether the terminal gets no usable response, so owes a reversal. */
        public boolean withholds() {
            return withholds;
        }

        public String label() {
            return label;
        }
    }

    /** The delay this action asks for, with {@code lateDelay} standing in for "late". */
    public Duration delay(Duration lateDelay) {
        if (late) {
            return lateDelay;
        }
        return delay == null ? Duration.ZERO : delay;
    }

    /** The response code for a request of this amount, or null when the bank decides. */
    String responseCode(long amount) {
        if (FROM_AMOUNT.equals(respond)) {
            return amount < 0 ? null : String.format("%02d", amount % 100);
        }
        return respond;
    }

    /** A short human description for logs: {@code respond 05}, {@code drop response}, {@code delay 5s}. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        if (respond != null) {
            sb.append("respond ").append(FROM_AMOUNT.equals(respond) ? "<last two digits of DE4>" : respond);
        }
        if (fault != Fault.NONE) {
            sb.append(sb.isEmpty() ? "" : ", ").append(fault.label());
        }
        if (!chip.isNone()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(chip.summary());
        }
        if (late) {
            sb.append(sb.isEmpty() ? "" : ", ").append("late (rules.lateDelay)");
        } else if (delay != null) {
            sb.append(sb.isEmpty() ? "" : ", ").append("delay ").append(Durations.format(delay));
        }
        return sb.toString();
    }

    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (respond != null) {
            m.put("respond", respond);
        }
        switch (fault) {
            case DROP_REQUEST -> m.put("drop", "request");
            case DROP_RESPONSE -> m.put("drop", "response");
            case CLOSE -> m.put("close", true);
            case CORRUPT_MAC -> m.put("corruptMac", true);
            case GARBAGE -> m.put("garbage", true);
            default -> {
            }
        }
        if (chip.arpc() != ChipAction.Arpc.SEND) {
            m.put("arpc", chip.arpc().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (!chip.scripts().isEmpty()) {
            java.util.HexFormat hex = java.util.HexFormat.of().withUpperCase();
            m.put("issuerScripts", chip.scripts().stream().map(s -> {
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("template", Integer.toHexString(s.template()));
                sm.put("id", hex.formatHex(s.id()));
                sm.put("commands", s.commands().stream().map(hex::formatHex).toList());
                return sm;
            }).toList());
        }
        if (late) {
            m.put("delay", "late");
        } else if (delay != null) {
            m.put("delay", Durations.format(delay));
        }
        return m;
    }
}
