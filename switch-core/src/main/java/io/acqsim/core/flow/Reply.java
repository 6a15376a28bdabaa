package io.acqsim.core.flow;

import io.acqsim.codec.layout.MessageBuilder;
import java.time.Duration;

/**
 * What the flow decided to send back: the response (null when there is none to send), how to
 * deliver it, and how long to hold it back first (scheduled on the connection's event loop,
 * never slept).
 */
public record Reply(MessageBuilder response, Delivery delivery, Duration delay) {
    private static final Reply NONE = new Reply(null, Delivery.NOW, Duration.ZERO);

    public Reply {
        delivery = delivery == null ? Delivery.NOW : delivery;
        delay = delay == null || delay.isNegative() ? Duration.ZERO : delay;
    }

    public Reply(MessageBuilder response, Delivery delivery) {
        this(response, delivery, Duration.ZERO);
    }

    public static Reply now(MessageBuilder response) {
        return new Reply(response, Delivery.NOW);
    }

    public static Reply none() {
        return NONE;
    }

    /** How a response reaches the terminal; all but {@link #NOW} are scripted faults (PROTOCOL.md §6). */
    public enum Delivery {
        /** Written as built. */
        NOW,
        /** Not written: the response is lost. */
        DROP,
        /** Not written, and the connection is closed. */
        CLOSE,
        /** Written with DE64 spoiled, so its MAC cannot verify. */
        CORRUPT_MAC,
        /** Replaced by a frame with a valid length prefix whose body cannot be decoded. */
        GARBAGE
    }
}
