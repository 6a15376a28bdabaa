package io.acqsim.codec.dialect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jpos.iso.IFA_AMOUNT;
import org.jpos.iso.IFA_BINARY;
import org.jpos.iso.IFA_BITMAP;
import org.jpos.iso.IFA_LLBINARY;
import org.jpos.iso.IFA_LLCHAR;
import org.jpos.iso.IFA_LLLCHAR;
import org.jpos.iso.IFA_LLLNUM;
import org.jpos.iso.IFA_LLNUM;
import org.jpos.iso.IFA_NUMERIC;
import org.jpos.iso.IFE_AMOUNT;
import org.jpos.iso.IFE_BINARY;
import org.jpos.iso.IFE_BITMAP;
import org.jpos.iso.IFE_LLBINARY;
import org.jpos.iso.IFE_CHAR;
import org.jpos.iso.IFE_LLCHAR;
import org.jpos.iso.IFE_LLLCHAR;
import org.jpos.iso.IFE_LLLNUM;
import org.jpos.iso.IFE_LLNUM;
import org.jpos.iso.IFE_NUMERIC;
import org.jpos.iso.IF_CHAR;
import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOFieldPackager;
import org.jpos.iso.packager.GenericPackager;
import org.jpos.iso.packager.ISO87APackager;
import org.jpos.iso.packager.ISO87BPackager;
import org.jpos.iso.packager.ISO93APackager;
import org.jpos.iso.packager.ISO93BPackager;

/**
 * Field layouts by name (the built-in ones) or from a jPOS GenericPackager XML file, and the
 * EBCDIC variant of any layout. Each call builds a fresh packager; a dialect builds its own once.
 */
public final class Layouts {
    /** The layout of {@code iso87-ebcdic}: a GenericPackager XML shipped with the codec. */
    public static final String ISO87_EBCDIC_XML = "/io/acqsim/codec/dialect/iso87-ebcdic.xml";

    private static final Map<String, Supplier<ISOBasePackager>> BUILT_IN = Map.of(
            "cup-pos", CupPackager::new,
            "iso87-binary", ISO87BPackager::new,
            "iso87-ascii", ISO87APackager::new,
            "iso93-ascii", ISO93APackager::new,
            "iso93-binary", ISO93BPackager::new,
            "iso87-ebcdic", Layouts::iso87Ebcdic);

    private Layouts() {
    }

    /** The names {@link #builtIn} knows, sorted. */
    public static List<String> builtInNames() {
        return BUILT_IN.keySet().stream().sorted().toList();
    }

    /** A built-in layout, or null for a name that is not one. */
    public static ISOBasePackager builtIn(String name) {
        Supplier<ISOBasePackager> s = BUILT_IN.get(name);
        return s == null ? null : s.get();
    }

    /**
     * A layout read by jPOS's {@link GenericPackager} from an XML file.
     *
     * @throws IOException  the file cannot be read
     * @throws ISOException jPOS cannot make a packager of it
     */
    public static ISOBasePackager fromXml(Path file) throws IOException, ISOException {
        try (InputStream in = Files.newInputStream(file)) {
            return fromXml(in);
        }
    }

    public static ISOBasePackager fromXml(InputStream in) throws ISOException {
        return new GenericPackager(in);
    }

    private static ISOBasePackager iso87Ebcdic() {
        try (InputStream in = Layouts.class.getResourceAsStream(ISO87_EBCDIC_XML)) {
            if (in == null) {
                throw new IllegalStateException(ISO87_EBCDIC_XML + " is missing from the codec jar");
            }
            return fromXml(in);
        } catch (IOException | ISOException e) {
            throw new IllegalStateException("cannot read " + ISO87_EBCDIC_XML + ": " + e.getMessage(), e);
        }
    }

    /**
     * The same layout with its ASCII character and numeric fields (and their length prefixes) in
     * EBCDIC IBM-1047; binary and BCD fields stay as they are. A field kind it does not know
     * stays too, so the result is never less able than the input.
     */
    public static ISOBasePackager inEbcdic(ISOBasePackager layout) {
        ISOFieldPackager[] fields = new ISOFieldPackager[fieldCount(layout)];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = ebcdic(layout.getFieldPackager(i));
        }
        ISOBasePackager p = new ISOBasePackager() {
        };
        p.setFieldPackager(fields);
        return p;
    }

    /** How many field slots a layout has (129 for a layout with a secondary bitmap). */
    static int fieldCount(ISOBasePackager layout) {
        int n = 0;
        try {
            while (n < 193) {
                layout.getFieldPackager(n);
                n++;
            }
        } catch (RuntimeException end) {
            // past the last slot
        }
        return n;
    }

    private static ISOFieldPackager ebcdic(ISOFieldPackager f) {
        if (f == null) {
            return null;
        }
        int n = f.getLength();
        String d = f.getDescription();
        if (f instanceof IFA_NUMERIC) {
            return new IFE_NUMERIC(n, d);
        }
        if (f instanceof IFA_AMOUNT) {
            return new IFE_AMOUNT(n, d);
        }
        if (f instanceof IFA_LLNUM) {
            return new IFE_LLNUM(n, d);
        }
        if (f instanceof IFA_LLLNUM) {
            return new IFE_LLLNUM(n, d);
        }
        if (f instanceof IFA_LLCHAR) {
            return new IFE_LLCHAR(n, d);
        }
        if (f instanceof IFA_LLLCHAR) {
            return new IFE_LLLCHAR(n, d);
        }
        if (f instanceof IFA_BITMAP) {
            return new IFE_BITMAP(n, d);
        }
        if (f instanceof IFA_BINARY) {
            // IFE_BINARY with an interpreter that reads back what it writes (see EbcdicHex)
            IFE_BINARY hex = new IFE_BINARY(n, d);
            hex.setInterpreter(EbcdicHex.INSTANCE);
            return hex;
        }
        if (f instanceof IFA_LLBINARY) {
            return new IFE_LLBINARY(n, d);
        }
        if (f.getClass() == IF_CHAR.class) {
            return new IFE_CHAR(n, d);
        }
        return f;
    }
}
