package io.acqsim.core.flow;

import io.acqsim.codec.IsoFrame;

/**
 * What the flow decided to send back: the response (null when there is none to send) and how to
 * deliver it.
 */
public record Reply(IsoFrame response, Delivery delivery) {
    public static Reply now(IsoFrame response) {
        return new Reply(response, Delivery.NOW);
    }

    public static Reply none() {
        return new Reply(null, Delivery.NOW);
    }

    /** How a response reaches the terminal. Scripted faults add the other ways. */
    public enum Delivery {
        /** Written at once. */
        NOW
    }
}
