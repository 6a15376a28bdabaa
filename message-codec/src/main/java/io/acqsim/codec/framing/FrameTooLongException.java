package io.acqsim.codec.framing;

import io.netty.handler.codec.DecoderException;

/** A length prefix announced more bytes than the listener accepts, or was not a length at all. */
public final class FrameTooLongException extends DecoderException {
    private static final long serialVersionUID = 1L;

    public FrameTooLongException(String message) {
        super(message);
    }
}
