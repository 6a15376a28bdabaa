package io.acqsim.codec.framing;

/**
 * Tells where a message ends when the framing has no length prefix ({@link LengthHeader#NONE}):
 * the layout reads MTI, bitmap and each present field's length without keeping the values.
 */
@FunctionalInterface
public interface FrameMeasure {
    /** What {@link #measure} returns while the bytes so far do not hold a whole message. */
    int INCOMPLETE = -1;
    /** What {@link #measure} returns when the bytes cannot be the start of a message at all. */
    int MALFORMED = -2;

    /** The frame length in {@code bytes[0..length)}, {@link #INCOMPLETE} or {@link #MALFORMED}. */
    int measure(byte[] bytes, int length);
}
