package io.acqsim.codec.pin;

/** A PIN block that does not decode: says what is wrong, never the PIN or the block. */
public final class PinBlockException extends Exception {
    private static final long serialVersionUID = 1L;

    public PinBlockException(String reason) {
        super(reason);
    }
}
