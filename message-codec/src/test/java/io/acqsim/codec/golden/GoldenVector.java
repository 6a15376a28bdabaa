package io.acqsim.codec.golden;

import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.codec.framing.CupHeader;
import io.acqsim.codec.framing.Tpdu;
import java.util.Arrays;
import java.util.Collections;
import io.acqsim.codec.layout.FieldKind;
import io.acqsim.codec.layout.MessageBuilder;
import io.acqsim.codec.layout.MessageView;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * One golden byte vector: a complete frame as it travels on the wire (length prefix, TPDU, CUP
 * header, message) and the fields it carries. Stored as two classpath resources under
 * {@code golden/<dialect>/}:
 * <ul>
 *   <li>{@code <name>.hex}: the frame in hex; whitespace is ignored and {@code #} starts a comment
 *       that runs to the end of the line;</li>
 *   <li>{@code <name>.fields}: one {@code key=value} per line ({@code #} comment lines and blank
 *       lines ignored; the value is everything after the first {@code =}, not trimmed). Keys are
 *       {@code mti}, {@code tpdu} (10 hex digits), {@code header} (CUP, 12 hex digits) and field
 *       numbers; a binary field's value is {@code hex:} followed by its bytes in hex.</li>
 * </ul>
 * Load them with {@link GoldenVectors}. {@link #fields()} is in the canonical form that
 * {@link #fieldsOf(IsoFrame)} produces, so a decoded frame can be compared with one map equality.
 *
 * @param dialect the dialect's configuration name, e.g. {@code cup-pos}
 * @param name    the vector's file name without extension, e.g. {@code 0200-sale}
 * @param frame   the complete frame, length prefix included (a copy on every call)
 * @param body    the frame without its length prefix: what {@link Dialect#decode} takes (a copy)
 * @param fields  the expected fields, canonical form, unmodifiable
 */
public record GoldenVector(String dialect, String name, byte[] frame, byte[] body, Map<String, String> fields) {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    public GoldenVector {
        frame = frame.clone();
        body = body.clone();
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** Reads a vector from the text of its two files. */
    public static GoldenVector parse(String dialect, String name, String hexText, String fieldsText) {
        Dialect d = Dialects.byName(dialect);
        byte[] frame = parseHex(hexText);
        int prefix = d.lengthHeader().size();
        if (frame.length < prefix) {
            throw new IllegalArgumentException(dialect + "/" + name + ": frame shorter than its length prefix");
        }
        return new GoldenVector(dialect, name, frame, Arrays.copyOfRange(frame, prefix, frame.length),
                canonical(parseFields(dialect + "/" + name, fieldsText)));
    }

    @Override
    public byte[] frame() {
        return frame.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The dialect object this vector belongs to. */
    public Dialect codec() {
        return Dialects.byName(dialect);
    }

    public String mti() {
        return fields.get("mti");
    }

    /** A fresh frame (new, mutable ISOMsg every call) holding exactly this vector's fields. */
    public IsoFrame toIsoFrame() {
        ISOMsg msg = new ISOMsg();
        Tpdu tpdu = null;
        CupHeader header = null;
        try {
            for (Map.Entry<String, String> e : fields.entrySet()) {
                String key = e.getKey();
                String value = e.getValue();
                switch (key) {
                    case "mti" -> msg.setMTI(value);
                    case "tpdu" -> tpdu = Tpdu.read(HEX.parseHex(value), 0);
                    case "header" -> header = CupHeader.ofHex(value);
                    default -> {
                        int field = Integer.parseInt(key);
                        if (value.startsWith("hex:")) {
                            msg.set(field, HEX.parseHex(value.substring(4)));
                        } else {
                            msg.set(field, value);
                        }
                    }
                }
            }
        } catch (ISOException e) {
            throw new IllegalStateException(this + ": " + e.getMessage(), e);
        }
        return new IsoFrame(tpdu, header, msg);
    }

    /**
     * The fields of a decoded frame in the canonical form of {@link #fields()}: {@code mti}, then
     * {@code tpdu} and {@code header} when present, then the data elements in ascending order
     * (bitmaps left out), binary values as {@code hex:} plus upper-case hex.
     */
    public static Map<String, String> fieldsOf(IsoFrame frame) {
        Map<String, String> out = new LinkedHashMap<>();
        ISOMsg msg = frame.msg();
        out.put("mti", msg.getString(0));
        if (frame.tpdu() != null) {
            byte[] b = new byte[Tpdu.LENGTH];
            frame.tpdu().write(b, 0);
            out.put("tpdu", HEX.formatHex(b));
        }
        if (frame.header() != null) {
            out.put("header", frame.header().toString());
        }
        for (int i = 2; i <= msg.getMaxField(); i++) {
            ISOComponent c = msg.getComponent(i);
            if (c == null) {
                continue;
            }
            try {
                Object value = c.getValue();
                out.put(Integer.toString(i), value instanceof byte[] b ? "hex:" + HEX.formatHex(b) : (String) value);
            } catch (ISOException e) {
                throw new IllegalStateException("field " + i + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The fields of a {@link MessageView} in the canonical form of {@link #fields()}. */
    public static Map<String, String> fieldsOf(MessageView view) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("mti", view.mti());
        byte[] frame = view.frame();
        Dialect d = io.acqsim.codec.dialect.Dialects.all().stream()
                .filter(x -> x.layout() == view.layout()).findFirst().orElseThrow();
        if (d.hasTpdu()) {
            out.put("tpdu", HEX.formatHex(frame, 0, Tpdu.LENGTH));
        }
        if (d.hasCupHeader()) {
            int at = d.hasTpdu() ? Tpdu.LENGTH : 0;
            out.put("header", HEX.formatHex(frame, at, at + 6));
        }
        for (int f : view.fieldNumbers()) {
            boolean binary = view.layout().field(f).kind() == FieldKind.BINARY;
            out.put(Integer.toString(f), binary ? "hex:" + view.string(f) : view.string(f));
        }
        return out;
    }

    /** A message built from this vector's values (no echo), in the vector's envelope. */
    public MessageBuilder toMessage() {
        Dialect d = codec();
        MessageBuilder m = d.message(fields.get("mti"), null);
        String envelope = (fields.containsKey("tpdu") ? fields.get("tpdu") : "")
                + (fields.containsKey("header") ? fields.get("header") : "");
        m.envelope(HexFormat.of().parseHex(envelope));
        fields.forEach((k, v) -> {
            if (Character.isDigit(k.charAt(0))) {
                int f = Integer.parseInt(k);
                if (v.startsWith("hex:")) {
                    m.set(f, HexFormat.of().parseHex(v.substring(4)));
                } else {
                    m.set(f, v);
                }
            }
        });
        return m;
    }

    /** Hex digits with whitespace and {@code #} comments (to the end of the line) ignored. */
    public static byte[] parseHex(String text) {
        StringBuilder digits = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            int comment = line.indexOf('#');
            String data = comment < 0 ? line : line.substring(0, comment);
            for (int i = 0; i < data.length(); i++) {
                char c = data.charAt(i);
                if (!Character.isWhitespace(c)) {
                    digits.append(c);
                }
            }
        }
        return HEX.parseHex(digits);
    }

    private static Map<String, String> parseFields(String where, String text) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].endsWith("\r") ? lines[n].substring(0, lines[n].length() - 1) : lines[n];
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(where + ".fields line " + (n + 1) + ": expected key=value: " + line);
            }
            String key = line.substring(0, eq).strip();
            if (out.put(key, line.substring(eq + 1)) != null) {
                throw new IllegalArgumentException(where + ".fields line " + (n + 1) + ": " + key + " given twice");
            }
        }
        if (!out.containsKey("mti")) {
            throw new IllegalArgumentException(where + ".fields has no mti");
        }
        return out;
    }

    private static Map<String, String> canonical(Map<String, String> raw) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("mti", raw.get("mti"));
        if (raw.containsKey("tpdu")) {
            out.put("tpdu", raw.get("tpdu").toUpperCase());
        }
        if (raw.containsKey("header")) {
            out.put("header", raw.get("header").toUpperCase());
        }
        Map<Integer, String> numbered = new TreeMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String key = e.getKey();
            if (key.equals("mti") || key.equals("tpdu") || key.equals("header")) {
                continue;
            }
            int field;
            try {
                field = Integer.parseInt(key);
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("unknown key '" + key + "' (mti, tpdu, header or a field number)");
            }
            if (field < 2 || field > 128) {
                throw new IllegalArgumentException("field number out of range: " + key);
            }
            String value = e.getValue();
            numbered.put(field, value.startsWith("hex:") ? "hex:" + value.substring(4).toUpperCase() : value);
        }
        numbered.forEach((k, v) -> out.put(Integer.toString(k), v));
        return out;
    }

    @Override
    public String toString() {
        return dialect + "/" + name;
    }
}
