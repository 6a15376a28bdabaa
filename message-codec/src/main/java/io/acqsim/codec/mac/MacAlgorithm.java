package io.acqsim.codec.mac;

/**
 * A message authentication code over the bytes a dialect says it covers. For CUP POS that is
 * every byte from the MTI up to (not including) DE64: MTI, bitmap and all fields in wire form.
 */
public interface MacAlgorithm {
    /** Length of the MAC in bytes (DE64 is 8). */
    int length();

    /**
     * The MAC of {@code data} under {@code key}.
     *
     * @throws IllegalArgumentException if the key length does not suit the algorithm
     */
    byte[] mac(byte[] key, byte[] data);

    /** Whether {@code mac} is the MAC of {@code data}, compared in constant time. */
    default boolean verify(byte[] key, byte[] data, byte[] mac) {
        return java.security.MessageDigest.isEqual(mac(key, data), mac);
    }
}
