package io.acqsim.codec.emv;

import java.util.List;

/**
 * One BER-TLV data object: its tag (the tag bytes read as a big-endian number, e.g. {@code 0x9F26})
 * and its value. A constructed object (bit 6 of the first tag byte, e.g. {@code 70}, {@code 71},
 * {@code 77}) also holds its decoded children.
 */
public final class Tlv {
    private final int tag;
    private final byte[] value;
    private final List<Tlv> children;

    private Tlv(int tag, byte[] value, List<Tlv> children) {
        this.tag = tag;
        this.value = value;
        this.children = children;
    }

    /** A primitive object; the value is copied. */
    public static Tlv of(int tag, byte[] value) {
        Tags.check(tag);
        return new Tlv(tag, value.clone(), List.of());
    }

    /** A constructed object whose value is the encoding of its children. */
    public static Tlv constructed(int tag, List<Tlv> children) {
        Tags.check(tag);
        if (!Tags.isConstructed(tag)) {
            throw new IllegalArgumentException("tag " + Tags.hex(tag) + " is not a constructed tag");
        }
        return new Tlv(tag, BerTlv.encode(children), List.copyOf(children));
    }

    static Tlv decoded(int tag, byte[] value, List<Tlv> children) {
        return new Tlv(tag, value, children);
    }

    public int tag() {
        return tag;
    }

    /** The tag as upper-case hex, {@code 9F26}. */
    public String tagHex() {
        return Tags.hex(tag);
    }

    /** A copy of the value bytes. */
    public byte[] value() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    public boolean isConstructed() {
        return Tags.isConstructed(tag);
    }

    /** The decoded children of a constructed object; empty for a primitive one. */
    public List<Tlv> children() {
        return children;
    }

    byte[] rawValue() {
        return value;
    }

    /** Tag and length only: a value may be card data. */
    @Override
    public String toString() {
        return tagHex() + "[" + value.length + "]";
    }
}
