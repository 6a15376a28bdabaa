package io.acqsim.codec.emv;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * DE55 read once: the objects in order, and every primitive value by tag (the first one found,
 * looking inside constructed templates), for the cryptogram checks.
 */
public final class EmvData {
    private final List<Tlv> objects;
    private final Map<Integer, byte[]> byTag = new HashMap<>();

    private EmvData(List<Tlv> objects) {
        this.objects = objects;
        index(objects);
    }

    /** Reads DE55. */
    public static EmvData parse(byte[] de55) throws TlvFormatException {
        return new EmvData(BerTlv.decode(de55));
    }

    /** Wraps objects built in code (a client assembling a request). */
    public static EmvData of(List<Tlv> objects) {
        return new EmvData(List.copyOf(objects));
    }

    private void index(List<Tlv> list) {
        for (Tlv t : list) {
            if (t.isConstructed()) {
                index(t.children());
            } else {
                byTag.putIfAbsent(t.tag(), t.rawValue());
            }
        }
    }

    /** The objects as they came, top level. */
    public List<Tlv> objects() {
        return objects;
    }

    public boolean has(int tag) {
        return byTag.containsKey(tag);
    }

    /** A copy of the tag's value, or null when it is absent. */
    public byte[] get(int tag) {
        byte[] v = byTag.get(tag);
        return v == null ? null : v.clone();
    }

    /** The encoding of the objects. */
    public byte[] encode() {
        return BerTlv.encode(objects);
    }
}
