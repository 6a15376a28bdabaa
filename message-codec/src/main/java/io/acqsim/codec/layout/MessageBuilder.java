package io.acqsim.codec.layout;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * A message to encode: an MTI and fields, each either copied from a request's view as its wire
 * bytes ({@link #echo}) or set from a String, a number or bytes. Values are checked against the layout when
 * set, so a wrong value fails where it is made, naming the field; {@link Layout#write} then cannot
 * fail. Nothing is encoded until written. An echoed field is one bit (its bytes stay in the
 * request's frame); only the values set take a slot, in field order, in one small array (numbers
 * in a second one, made when the first number is set), so a typical response allocates the
 * builder and one array of four.
 *
 * <p>Fixed-length values are padded as jPOS pads them: numerics with leading zeros, text with
 * trailing spaces. A String for a binary field is hex.
 */
public final class MessageBuilder implements IsoFields {
    /** The value of a field set as a number: the number is in {@code numbers} at the same index. */
    private static final Object NUMBER = new Object();

    private final Layout layout;
    private MessageView source;
    private String mti;
    private byte[] envelope;
    private boolean echoTpdu;
    /** Every field present, echoed or set. */
    private long lo;
    private long hi;
    /** The fields echoed from {@code source} (a subset of {@code lo}/{@code hi}). */
    private long echoLo;
    private long echoHi;
    /** Values of the fields set (not echoed) in field order: String, byte[] or {@link #NUMBER}. */
    private Object[] values;
    /** Numbers of the fields set as {@link #NUMBER}, same index as {@code values}; null until one is. */
    private long[] numbers;
    private int count;

    /**
     * @param source the request whose fields {@link #echo} copies (same layout), or null
     */
    public MessageBuilder(Layout layout, String mti, MessageView source) {
        this.layout = layout;
        this.source = source;
        this.values = new Object[4];
        mti(mti);
    }

    public Layout layout() {
        return layout;
    }

    /** The request this message answers, or null. */
    public MessageView source() {
        return source;
    }

    /** Envelope bytes (TPDU, header) of its own, or null to take the request's. */
    public byte[] envelope() {
        return envelope;
    }

    /** Gives the message its own envelope (TPDU and header bytes, in wire order) instead of the request's. */
    public MessageBuilder envelope(byte[] bytes) {
        this.envelope = bytes == null ? null : bytes.clone();
        return this;
    }

    /** Whether the request's TPDU is echoed as it came rather than with destination and source exchanged. */
    public boolean echoTpdu() {
        return echoTpdu;
    }

    public MessageBuilder echoTpdu(boolean echo) {
        this.echoTpdu = echo;
        return this;
    }

    public String mti() {
        return mti;
    }

    public MessageBuilder mti(String value) {
        if (value == null || value.length() != 4 || !isDigits(value)) {
            throw new IllegalArgumentException("MTI must be four digits, got '" + value + "'");
        }
        this.mti = value;
        return this;
    }

    /**
     * Makes this builder a new, empty message answering {@code source}, keeping its arrays: for a
     * connection that answers one request at a time and reuses its builder once the previous
     * response was written. Whoever calls this must own the builder: a response still waiting to
     * be sent (delayed, or built on another thread) must have a builder of its own.
     *
     * @param source the request (same layout), or null
     */
    public MessageBuilder reset(String mti, MessageView source) {
        mti(mti);
        this.source = source;
        this.envelope = null;
        this.echoTpdu = false;
        this.lo = 0;
        this.hi = 0;
        this.echoLo = 0;
        this.echoHi = 0;
        Arrays.fill(values, 0, count, null);
        this.count = 0;
        return this;
    }

    /** An independent copy (same source request, same envelope). */
    public MessageBuilder copy() {
        MessageBuilder c = new MessageBuilder(layout, mti, source);
        c.envelope = envelope;
        c.echoTpdu = echoTpdu;
        c.lo = lo;
        c.hi = hi;
        c.echoLo = echoLo;
        c.echoHi = echoHi;
        c.values = values.clone();
        c.numbers = numbers == null ? null : numbers.clone();
        c.count = count;
        return c;
    }

    /** Copies field {@code f} of the source request as it is on the wire; nothing when the request lacks it. */
    public MessageBuilder echo(int f) {
        if (source == null || !source.has(f)) {
            return this;
        }
        if (source.layout() != layout) {
            FieldSpec spec = layout.field(f);
            return spec != null && spec.kind() == FieldKind.BINARY ? set(f, source.bytes(f)) : set(f, source.string(f));
        }
        removeValue(f);
        if (f <= 64) {
            lo |= 1L << (f - 1);
            echoLo |= 1L << (f - 1);
        } else {
            hi |= 1L << (f - 65);
            echoHi |= 1L << (f - 65);
        }
        return this;
    }

    /** Echoes each of {@code fields} the request carries. */
    public MessageBuilder echo(int... fields) {
        for (int f : fields) {
            echo(f);
        }
        return this;
    }

    /** Sets field {@code f}; a null value removes it. */
    public MessageBuilder set(int f, String value) {
        if (value == null) {
            return remove(f);
        }
        put(f, checked(spec(f), value));
        return this;
    }

    /**
     * Sets numeric or text field {@code f} to a number, zero-padded on the left to a fixed field's
     * length, without making a String of it. Negative numbers, and other kinds of field, are set
     * as their decimal text.
     */
    public MessageBuilder set(int f, long value) {
        FieldSpec spec = spec(f);
        if (value < 0 || spec.kind() != FieldKind.NUMERIC && spec.kind() != FieldKind.CHAR) {
            return set(f, Long.toString(value));
        }
        int digits = FieldCodec.digits(value);
        if (digits > spec.maxLength()) {
            throw new IllegalArgumentException("field " + f + " takes " + (spec.isFixed() ? "exactly " : "at most ")
                    + spec.maxLength() + " characters, got " + digits);
        }
        if (!FieldCodec.writesNumbers(spec)) {
            return set(f, FieldCodec.numberText(spec, value));
        }
        int i = put(f, NUMBER);
        if (numbers == null) {
            numbers = new long[values.length];
        }
        numbers[i] = value;
        return this;
    }

    /** Sets binary field {@code f}; a null value removes it. */
    public MessageBuilder set(int f, byte[] value) {
        if (value == null) {
            return remove(f);
        }
        FieldSpec spec = spec(f);
        if (spec.kind() != FieldKind.BINARY) {
            return set(f, new String(value, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        checkUnits(spec, value.length);
        put(f, value.clone());
        return this;
    }

    public MessageBuilder remove(int f) {
        if (f < 2 || f > Layout.MAX_FIELDS) {
            return this;
        }
        removeValue(f);
        if (f <= 64) {
            lo &= ~(1L << (f - 1));
            echoLo &= ~(1L << (f - 1));
        } else {
            hi &= ~(1L << (f - 65));
            echoHi &= ~(1L << (f - 65));
        }
        return this;
    }

    public boolean has(int f) {
        return f >= 2 && f <= Layout.MAX_FIELDS && (f <= 64 ? (lo & (1L << (f - 1))) != 0 : (hi & (1L << (f - 65))) != 0);
    }

    /** Field {@code f} as a String (binary as upper-case hex), or null when not set. */
    public String string(int f) {
        if (echoed(f)) {
            return source.string(f);
        }
        int i = indexOf(f);
        if (i < 0) {
            return null;
        }
        Object v = values[i];
        if (v == NUMBER) {
            return FieldCodec.numberText(layout.field(f), numbers[i]);
        }
        if (v instanceof byte[] b) {
            return java.util.HexFormat.of().withUpperCase().formatHex(b);
        }
        return (String) v;
    }

    @Override
    public boolean appendTo(StringBuilder out, int f) {
        if (echoed(f)) {
            return source.appendTo(out, f);
        }
        int i = indexOf(f);
        if (i < 0) {
            return false;
        }
        Object v = values[i];
        if (v instanceof String s) {
            out.append(s);
        } else {
            out.append(string(f));
        }
        return true;
    }

    /** An echoed field as the request's {@link MessageView#shared} gives it, else {@link #string}. */
    @Override
    public String shared(int f) {
        return echoed(f) ? source.shared(f) : string(f);
    }

    /** Whether field {@code f} is set to exactly {@code value} (binary fields compare as hex). */
    public boolean is(int f, CharSequence value) {
        if (echoed(f)) {
            return source.is(f, value);
        }
        int i = indexOf(f);
        if (i < 0) {
            return false;
        }
        Object v = values[i];
        if (v == NUMBER) {
            return string(f).contentEquals(value);
        }
        return v instanceof String s ? s.contentEquals(value) : value.toString().equalsIgnoreCase(string(f));
    }

    /** Field {@code f} as a number, {@code fallback} when not set or not 1..18 digits. */
    public long number(int f, long fallback) {
        if (echoed(f)) {
            try {
                return source.number(f, fallback);
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        int i = indexOf(f);
        if (i < 0) {
            return fallback;
        }
        Object v = values[i];
        if (v == NUMBER) {
            return numbers[i];
        }
        if (v instanceof String s && !s.isEmpty() && s.length() <= 18) {
            long n = 0;
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                if (c < '0' || c > '9') {
                    return fallback;
                }
                n = n * 10 + (c - '0');
            }
            return n;
        }
        return fallback;
    }

    /** The MTI as a number ({@code 0210} is 210). */
    public int mtiCode() {
        return Integer.parseInt(mti);
    }

    /** A binary field's bytes (a copy), a text field's characters; null when not set. */
    public byte[] bytes(int f) {
        if (echoed(f)) {
            return source.bytes(f);
        }
        int i = indexOf(f);
        if (i < 0) {
            return null;
        }
        Object v = values[i];
        if (v instanceof byte[] b) {
            return b.clone();
        }
        if (v == NUMBER) {
            return string(f).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        FieldSpec spec = layout.field(f);
        return spec.kind() == FieldKind.BINARY ? java.util.HexFormat.of().parseHex((String) v)
                : ((String) v).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** The numbers of the fields set, in order. */
    public int[] fieldNumbers() {
        int[] out = new int[Long.bitCount(lo) + Long.bitCount(hi)];
        long l = lo;
        long h = hi;
        int i = 0;
        while (l != 0) {
            out[i++] = Long.numberOfTrailingZeros(l) + 1;
            l &= l - 1;
        }
        while (h != 0) {
            out[i++] = Long.numberOfTrailingZeros(h) + 65;
            h &= h - 1;
        }
        return out;
    }

    // ---- for Layout.write ------------------------------------------------------------------------

    long lo() {
        return lo;
    }

    long hi() {
        return hi;
    }

    boolean hasSecondary() {
        return hi != 0;
    }

    /** Wire bytes of present field {@code f}. */
    int wireLength(int f) {
        if (echoed(f)) {
            return source.wireLength(f);
        }
        int i = indexOf(f);
        Object v = values[i];
        FieldSpec spec = layout.field(f);
        int units = v == NUMBER ? FieldCodec.numberUnits(spec, numbers[i])
                : v instanceof byte[] b ? b.length : FieldCodec.units(spec, (String) v);
        return FieldCodec.wireLength(spec, units);
    }

    /** Writes present field {@code f}. */
    void writeField(int f, ByteBuf out) {
        if (echoed(f)) {
            out.writeBytes(source.frame(), source.wireStart(f), source.wireLength(f));
            return;
        }
        int i = indexOf(f);
        Object v = values[i];
        FieldSpec spec = layout.field(f);
        if (v == NUMBER) {
            int units = FieldCodec.numberUnits(spec, numbers[i]);
            FieldCodec.writePrefix(spec, out, units);
            FieldCodec.writeNumber(spec, out, numbers[i], units);
        } else if (v instanceof byte[] b) {
            FieldCodec.writePrefix(spec, out, b.length);
            FieldCodec.writeBytes(spec, out, b);
        } else {
            String s = (String) v;
            FieldCodec.writePrefix(spec, out, FieldCodec.units(spec, s));
            FieldCodec.writeContent(spec, out, s);
        }
    }

    // ---- internals -------------------------------------------------------------------------------

    private FieldSpec spec(int f) {
        FieldSpec spec = f >= 2 ? layout.field(f) : null;
        if (spec == null) {
            throw new IllegalArgumentException("field " + f + " is not defined in the " + layout.name() + " layout");
        }
        return spec;
    }

    private static String checked(FieldSpec spec, String value) {
        int f = spec.number();
        String v = value;
        switch (spec.kind()) {
            case NUMERIC -> {
                if (spec.isFixed() && v.length() < spec.maxLength()) {
                    v = "0".repeat(spec.maxLength() - v.length()) + v;
                }
                for (int i = 0; i < v.length(); i++) {
                    char c = v.charAt(i);
                    if ((c < '0' || c > '9') && !(c == '=' && (f == 35 || f == 36))) {
                        throw new IllegalArgumentException("field " + f + " is numeric; its value has a non-digit at "
                                + i);
                    }
                }
            }
            case AMOUNT -> {
                if (v.length() != spec.maxLength() || (v.charAt(0) != 'C' && v.charAt(0) != 'D')
                        || !isDigits(v.substring(1))) {
                    throw new IllegalArgumentException("field " + f + " is an amount: C or D and "
                            + (spec.maxLength() - 1) + " digits, got " + v.length() + " characters");
                }
            }
            case CHAR -> {
                if (spec.isFixed() && v.length() < spec.maxLength()) {
                    v = v + " ".repeat(spec.maxLength() - v.length());
                }
                for (int i = 0; i < v.length(); i++) {
                    if (v.charAt(i) > 0xFF) {
                        throw new IllegalArgumentException("field " + f + " holds a character outside Latin-1 at " + i);
                    }
                }
            }
            case BINARY -> {
                if ((v.length() & 1) == 1) {
                    throw new IllegalArgumentException("field " + f + " is binary: give an even number of hex digits");
                }
                for (int i = 0; i < v.length(); i++) {
                    if (FieldCodec.hexValue(Encoding.ASCII_HEX, (byte) v.charAt(i)) < 0 || v.charAt(i) > 0x7F) {
                        throw new IllegalArgumentException("field " + f + " is binary: not a hex digit at " + i);
                    }
                }
                v = v.toUpperCase(java.util.Locale.ROOT);
            }
            default -> throw new IllegalArgumentException("field " + f + " cannot be set");
        }
        checkUnits(spec, FieldCodec.units(spec, v));
        return v;
    }

    private static void checkUnits(FieldSpec spec, int units) {
        if (spec.isFixed() ? units != spec.maxLength() : units > spec.maxLength()) {
            throw new IllegalArgumentException("field " + spec.number() + " takes " + (spec.isFixed() ? "exactly " : "at most ")
                    + spec.maxLength() + (spec.kind() == FieldKind.BINARY ? " bytes" : " characters") + ", got " + units);
        }
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private boolean echoed(int f) {
        if (f < 2 || f > Layout.MAX_FIELDS) {
            return false;
        }
        return f <= 64 ? (echoLo & (1L << (f - 1))) != 0 : (echoHi & (1L << (f - 65))) != 0;
    }

    /** Index in {@code values} of a field set (not echoed), or -1. */
    private int indexOf(int f) {
        if (f < 2 || f > Layout.MAX_FIELDS) {
            return -1;
        }
        long setLo = lo & ~echoLo;
        long setHi = hi & ~echoHi;
        boolean set = f <= 64 ? (setLo & (1L << (f - 1))) != 0 : (setHi & (1L << (f - 65))) != 0;
        if (!set) {
            return -1;
        }
        return slotOf(f, setLo, setHi);
    }

    private static int slotOf(int f, long setLo, long setHi) {
        return f <= 64 ? Long.bitCount(setLo & ((1L << (f - 1)) - 1))
                : Long.bitCount(setLo) + Long.bitCount(setHi & ((1L << (f - 65)) - 1));
    }

    /** Stores a set value for field {@code f} (no longer echoed); its index in {@code values}. */
    private int put(int f, Object value) {
        int i = indexOf(f);
        if (i >= 0) {
            values[i] = value;
            return i;
        }
        if (f <= 64) {
            echoLo &= ~(1L << (f - 1));
        } else {
            echoHi &= ~(1L << (f - 65));
        }
        i = slotOf(f, lo & ~echoLo, hi & ~echoHi);
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
            if (numbers != null) {
                numbers = Arrays.copyOf(numbers, count * 2);
            }
        }
        System.arraycopy(values, i, values, i + 1, count - i);
        if (numbers != null) {
            System.arraycopy(numbers, i, numbers, i + 1, count - i);
        }
        values[i] = value;
        count++;
        if (f <= 64) {
            lo |= 1L << (f - 1);
        } else {
            hi |= 1L << (f - 65);
        }
        return i;
    }

    /** Drops field {@code f}'s set value, if it has one (its bit in {@code lo}/{@code hi} stays). */
    private void removeValue(int f) {
        int i = indexOf(f);
        if (i < 0) {
            return;
        }
        System.arraycopy(values, i + 1, values, i, count - i - 1);
        if (numbers != null) {
            System.arraycopy(numbers, i + 1, numbers, i, count - i - 1);
        }
        values[--count] = null;
        if (f <= 64) {
            lo &= ~(1L << (f - 1));
        } else {
            hi &= ~(1L << (f - 65));
        }
    }
}
