package io.acqsim.codec.layout;

import java.util.Map;
import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOFieldPackager;
import org.jpos.iso.ISOMsgFieldPackager;

/**
 * Turns a jPOS packager (a built-in table, {@code ISO87APackager}, a {@code GenericPackager} read
 * from XML) into a {@link Layout}, once at start. Each jPOS field packager class maps to one line
 * of the table below (kind, length type, content encoding, prefix encoding); its length and
 * description come from the instance, and the BCD alignment and pad nibble are read off a probe
 * value the instance packs itself. A class not in the table is an error that names the field
 * and the class.
 */
public final class PackagerLayout {
    private record Shape(FieldKind kind, LengthType length, Encoding content, Encoding prefix) {
    }

    private static final Map<String, Shape> SHAPES = Map.ofEntries(
            // ASCII: IFA_* (numerics and prefixes as ASCII digits, binary as hex characters), IF_CHAR
            shape("IFA_NUMERIC", FieldKind.NUMERIC, LengthType.FIXED, Encoding.ASCII, Encoding.NONE),
            shape("IFA_LLNUM", FieldKind.NUMERIC, LengthType.LL, Encoding.ASCII, Encoding.ASCII),
            shape("IFA_LLLNUM", FieldKind.NUMERIC, LengthType.LLL, Encoding.ASCII, Encoding.ASCII),
            shape("IF_CHAR", FieldKind.CHAR, LengthType.FIXED, Encoding.ASCII, Encoding.NONE),
            shape("IFA_LLCHAR", FieldKind.CHAR, LengthType.LL, Encoding.ASCII, Encoding.ASCII),
            shape("IFA_LLLCHAR", FieldKind.CHAR, LengthType.LLL, Encoding.ASCII, Encoding.ASCII),
            shape("IFA_LLLLCHAR", FieldKind.CHAR, LengthType.LLLL, Encoding.ASCII, Encoding.ASCII),
            shape("IFA_AMOUNT", FieldKind.AMOUNT, LengthType.FIXED, Encoding.ASCII, Encoding.NONE),
            shape("IFA_BINARY", FieldKind.BINARY, LengthType.FIXED, Encoding.ASCII_HEX, Encoding.NONE),
            shape("IFA_LLBINARY", FieldKind.BINARY, LengthType.LL, Encoding.BINARY, Encoding.ASCII),
            shape("IFA_LLLBINARY", FieldKind.BINARY, LengthType.LLL, Encoding.BINARY, Encoding.ASCII),
            shape("IFA_LLLLBINARY", FieldKind.BINARY, LengthType.LLLL, Encoding.BINARY, Encoding.ASCII),
            shape("IFA_BITMAP", FieldKind.BITMAP, LengthType.FIXED, Encoding.ASCII_HEX, Encoding.NONE),
            // packed: IFB_* (numerics BCD, text ASCII, prefixes BCD; *H* prefixes binary)
            shape("IFB_NUMERIC", FieldKind.NUMERIC, LengthType.FIXED, Encoding.BCD, Encoding.NONE),
            shape("IFB_LLNUM", FieldKind.NUMERIC, LengthType.LL, Encoding.BCD, Encoding.BCD),
            shape("IFB_LLLNUM", FieldKind.NUMERIC, LengthType.LLL, Encoding.BCD, Encoding.BCD),
            shape("IFB_LLHNUM", FieldKind.NUMERIC, LengthType.LL, Encoding.BCD, Encoding.BINARY),
            shape("IFB_LLLHNUM", FieldKind.NUMERIC, LengthType.LLL, Encoding.BCD, Encoding.BINARY),
            shape("IFB_LLCHAR", FieldKind.CHAR, LengthType.LL, Encoding.ASCII, Encoding.BCD),
            shape("IFB_LLLCHAR", FieldKind.CHAR, LengthType.LLL, Encoding.ASCII, Encoding.BCD),
            shape("IFB_LLLLCHAR", FieldKind.CHAR, LengthType.LLLL, Encoding.ASCII, Encoding.BCD),
            shape("IFB_LLHCHAR", FieldKind.CHAR, LengthType.LL, Encoding.ASCII, Encoding.BINARY),
            shape("IFB_LLLHCHAR", FieldKind.CHAR, LengthType.LLL, Encoding.ASCII, Encoding.BINARY),
            shape("IFB_AMOUNT", FieldKind.AMOUNT, LengthType.FIXED, Encoding.BCD, Encoding.NONE),
            shape("IFB_BINARY", FieldKind.BINARY, LengthType.FIXED, Encoding.BINARY, Encoding.NONE),
            shape("IFB_LLBINARY", FieldKind.BINARY, LengthType.LL, Encoding.BINARY, Encoding.BCD),
            shape("IFB_LLLBINARY", FieldKind.BINARY, LengthType.LLL, Encoding.BINARY, Encoding.BCD),
            shape("IFB_LLLLBINARY", FieldKind.BINARY, LengthType.LLLL, Encoding.BINARY, Encoding.BCD),
            shape("IFB_LLHBINARY", FieldKind.BINARY, LengthType.LL, Encoding.BINARY, Encoding.BINARY),
            shape("IFB_LLLHBINARY", FieldKind.BINARY, LengthType.LLL, Encoding.BINARY, Encoding.BINARY),
            shape("IFB_BITMAP", FieldKind.BITMAP, LengthType.FIXED, Encoding.BINARY, Encoding.NONE),
            // EBCDIC: IFE_* (IBM-1047 text and digits), IFEB_* (EBCDIC prefix counting packed BCD bytes)
            shape("IFE_NUMERIC", FieldKind.NUMERIC, LengthType.FIXED, Encoding.EBCDIC, Encoding.NONE),
            shape("IFE_LLNUM", FieldKind.NUMERIC, LengthType.LL, Encoding.EBCDIC, Encoding.EBCDIC),
            shape("IFE_LLLNUM", FieldKind.NUMERIC, LengthType.LLL, Encoding.EBCDIC, Encoding.EBCDIC),
            shape("IFE_CHAR", FieldKind.CHAR, LengthType.FIXED, Encoding.EBCDIC, Encoding.NONE),
            shape("IF_ECHAR", FieldKind.CHAR, LengthType.FIXED, Encoding.EBCDIC, Encoding.NONE),
            shape("IFE_LLCHAR", FieldKind.CHAR, LengthType.LL, Encoding.EBCDIC, Encoding.EBCDIC),
            shape("IFE_LLLCHAR", FieldKind.CHAR, LengthType.LLL, Encoding.EBCDIC, Encoding.EBCDIC),
            shape("IFE_LLLLCHAR", FieldKind.CHAR, LengthType.LLLL, Encoding.EBCDIC, Encoding.EBCDIC),
            shape("IFE_AMOUNT", FieldKind.AMOUNT, LengthType.FIXED, Encoding.EBCDIC, Encoding.NONE),
            shape("IFE_BINARY", FieldKind.BINARY, LengthType.FIXED, Encoding.EBCDIC_HEX, Encoding.NONE),
            shape("IFE_LLBINARY", FieldKind.BINARY, LengthType.LL, Encoding.BINARY, Encoding.EBCDIC),
            shape("IFE_LLLBINARY", FieldKind.BINARY, LengthType.LLL, Encoding.BINARY, Encoding.EBCDIC),
            shape("IFE_LLLLBINARY", FieldKind.BINARY, LengthType.LLLL, Encoding.BINARY, Encoding.EBCDIC),
            shape("IFE_BITMAP", FieldKind.BITMAP, LengthType.FIXED, Encoding.EBCDIC_HEX, Encoding.NONE),
            shape("IFEB_LLNUM", FieldKind.NUMERIC, LengthType.LL, Encoding.BCD, Encoding.EBCDIC),
            shape("IFEB_LLLNUM", FieldKind.NUMERIC, LengthType.LLL, Encoding.BCD, Encoding.EBCDIC));

    private PackagerLayout() {
    }

    private static Map.Entry<String, Shape> shape(String jposClass, FieldKind kind, LengthType length,
                                                  Encoding content, Encoding prefix) {
        return Map.entry(jposClass, new Shape(kind, length, content, prefix));
    }

    /** The jPOS field packager classes this mapping knows, by simple name. */
    public static java.util.Set<String> supportedClasses() {
        return SHAPES.keySet();
    }

    /**
     * The layout of {@code packager}, named {@code name} for error messages.
     *
     * @throws IllegalArgumentException naming the field and the class when a field packager is not supported
     */
    public static Layout of(String name, ISOBasePackager packager) {
        FieldSpec[] specs = new FieldSpec[Layout.MAX_FIELDS + 1];
        SubLayout[] composites = new SubLayout[Layout.MAX_FIELDS + 1];
        for (int f = 0; f <= Layout.MAX_FIELDS; f++) {
            ISOFieldPackager fp = packager.getFieldPackager(f);
            if (fp == null) {
                continue;
            }
            if (fp instanceof ISOMsgFieldPackager composite && f >= 2) {
                specs[f] = spec(name, f, composite.getISOFieldPackager());
                composites[f] = subLayout(name, f, composite);
                continue;
            }
            specs[f] = spec(name, f, fp);
        }
        if (specs[1] == null) {
            throw new IllegalArgumentException(name + ": the packager has no bitmap (field 1)");
        }
        int bitmapBytes = specs[1].maxLength();
        if (bitmapBytes != 8 && bitmapBytes != 16) {
            throw new IllegalArgumentException(name + ": field 1 (" + packager.getFieldPackager(1).getClass().getName()
                    + ") is a " + bitmapBytes + "-byte bitmap; 8 (64 fields) or 16 (128 fields) are supported");
        }
        for (int f = bitmapBytes * 8 + 1; f <= Layout.MAX_FIELDS; f++) {
            specs[f] = null; // fields a 64-bit bitmap cannot announce are unreachable
        }
        return new Layout(name, specs, composites);
    }

    /**
     * The inside of composite field {@code f}: its sub-packager's fields (any class of the table,
     * none composite again) and whether it emits a sub-bitmap (then sub-field 1 is the bitmap).
     */
    private static SubLayout subLayout(String name, int f, ISOMsgFieldPackager composite) {
        if (!(composite.getISOMsgPackager() instanceof ISOBasePackager sub)) {
            throw new IllegalArgumentException(name + ": composite field " + f + " uses sub-packager "
                    + composite.getISOMsgPackager().getClass().getName() + ", which acqsim cannot run");
        }
        String where = name + " field " + f;
        boolean bitmap;
        int first;
        try {
            java.lang.reflect.Method emits = ISOBasePackager.class.getDeclaredMethod("emitBitMap");
            emits.setAccessible(true);
            bitmap = (Boolean) emits.invoke(sub);
            java.lang.reflect.Method firstField = ISOBasePackager.class.getDeclaredMethod("getFirstField");
            firstField.setAccessible(true);
            first = (Integer) firstField.invoke(sub);
            if (bitmap) {
                java.lang.reflect.Method bitmapPackager = ISOBasePackager.class.getDeclaredMethod("getBitMapfieldPackager");
                bitmapPackager.setAccessible(true);
                if (bitmapPackager.invoke(sub) != sub.getFieldPackager(1)) {
                    throw new IllegalArgumentException(where + ": the sub-bitmap must be sub-field 1 (bitmapField)");
                }
            }
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException(where + ": cannot tell whether the sub-packager emits a bitmap", e);
        }
        FieldSpec[] specs = new FieldSpec[Layout.MAX_FIELDS + 1];
        for (int i = 0; i <= Layout.MAX_FIELDS; i++) {
            ISOFieldPackager fp;
            try {
                fp = sub.getFieldPackager(i);
            } catch (RuntimeException e) {
                break; // past the sub-packager's last field
            }
            if (fp == null) {
                continue;
            }
            if (fp instanceof ISOMsgFieldPackager) {
                throw new IllegalArgumentException(where + ": sub-field " + i
                        + " is composite again, which acqsim cannot run (one level of sub-fields)");
            }
            specs[i] = subSpec(where, i, fp, bitmap);
        }
        try {
            return new SubLayout(where, specs, bitmap, first);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (emitBitmap is set)", e);
        }
    }

    private static FieldSpec subSpec(String where, int i, ISOFieldPackager fp, boolean bitmap) {
        boolean isBitmap = fp instanceof org.jpos.iso.ISOBitMapPackager;
        if (isBitmap && (!bitmap || i != 1)) {
            throw new IllegalArgumentException(where + ": sub-field " + i + " is a bitmap; acqsim reads a sub-bitmap"
                    + " only as sub-field 1 of a sub-packager with emitBitmap=\"true\"");
        }
        if (i == 1 && bitmap) {
            return spec(where, 1, fp); // checked there to be a bitmap class
        }
        // spec() insists that field 1 is a bitmap; a sub-field 1 without sub-bitmap is an ordinary field
        FieldSpec s = spec(where, i == 1 ? 2 : i, fp);
        return i == 1 ? new FieldSpec(1, s.kind(), s.lengthType(), s.content(), s.prefix(), s.maxLength(),
                s.rightAligned(), s.padNibble(), s.prefixCountsBytes(), s.description(), s.source()) : s;
    }

    private static FieldSpec spec(String name, int f, ISOFieldPackager fp) {
        String cls = fp.getClass().getSimpleName();
        Shape shape = fp.getClass().getPackageName().equals("org.jpos.iso") ? SHAPES.get(cls) : null;
        if (shape == null) {
            throw new IllegalArgumentException(name + ": field " + f + " uses " + fp.getClass().getName()
                    + ", which acqsim cannot run (supported: " + new java.util.TreeSet<>(SHAPES.keySet()) + ")");
        }
        int length = fp.getLength();
        if (shape.kind() == FieldKind.BITMAP && shape.content() != Encoding.BINARY && length > 16) {
            length = length / 2; // some hex bitmaps give their length in characters
        }
        if (f == 1 && shape.kind() != FieldKind.BITMAP || f != 1 && shape.kind() == FieldKind.BITMAP) {
            throw new IllegalArgumentException(name + ": field " + f + " uses " + cls
                    + (f == 1 ? ", which is not a bitmap" : ", a bitmap packager, outside field 1"));
        }
        boolean rightAligned = true;
        int pad = 0;
        if (shape.content() == Encoding.BCD && shape.kind() == FieldKind.NUMERIC) {
            int[] probe = probeAlignment(name, f, fp, shape, length);
            rightAligned = probe[0] == 1;
            pad = probe[1];
        }
        boolean countsBytes = cls.startsWith("IFEB_");
        String description = fp.getDescription() == null ? "" : fp.getDescription();
        try {
            return new FieldSpec(f, shape.kind(), shape.length(), shape.content(), shape.prefix(), length,
                    rightAligned, pad, countsBytes, description, cls);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage() + " (" + cls + ")", e);
        }
    }

    /**
     * Where a BCD numeric puts the pad nibble of an odd digit count, read off the bytes the field
     * packager itself produces for an odd run of {@code 1}s: {rightAligned ? 1 : 0, pad nibble}.
     */
    private static int[] probeAlignment(String name, int f, ISOFieldPackager fp, Shape shape, int length) {
        int digits = shape.length() == LengthType.FIXED ? (length % 2 == 1 ? length : -1) : 1;
        if (digits < 0) {
            return new int[] {1, 0}; // an even fixed length has no pad nibble
        }
        byte[] packed;
        try {
            ISOComponent c = fp.createComponent(f);
            c.setValue("1".repeat(digits));
            packed = fp.pack(c);
        } catch (ISOException | RuntimeException e) {
            throw new IllegalArgumentException(name + ": field " + f + " (" + fp.getClass().getSimpleName()
                    + ") could not pack a probe value: " + e.getMessage(), e);
        }
        int last = packed[packed.length - 1] & 0xFF;
        if ((last & 0x0F) == 1) { // ...11 or 01: the value ends the field, the pad leads it
            int first = packed[packed.length - (digits + 1) / 2] & 0xFF;
            return new int[] {1, first >> 4};
        }
        return new int[] {0, last & 0x0F};
    }
}
