package io.acqsim.core.config;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.codec.dialect.Layouts;
import io.acqsim.codec.dialect.TextCharset;
import io.acqsim.codec.framing.Framing;
import io.acqsim.codec.framing.LengthHeader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOException;

/**
 * Turns the built-in dialects and the configuration's {@code dialects:} into the dialects a
 * process speaks, by name. A definition that names an unknown layout, a missing or unreadable
 * file, an impossible framing or a layout without a field the catalogue needs stops the start
 * with a {@link ConfigException} naming the key and the value.
 */
public final class DialectDefinitions {
    /** Fields every ISO catalogue reads to route, match and answer. */
    private static final int[] ISO_FIELDS = {3, 4, 11, 37, 38, 39, 41, 42};
    private static final int[] ISO87_FIELDS = {7, 70, 90};
    private static final int[] ISO93_FIELDS = {24, 56};
    private static final int[] CUP_FIELDS = {3, 4, 11, 37, 38, 39, 41, 42, 60, 61};

    private DialectDefinitions() {
    }

    /** Every dialect by name: the built-in ones, overridden or extended by {@code config.dialects()}. */
    public static Map<String, Dialect> resolve(AcqsimConfig config, String source) {
        Map<String, Dialect> out = new LinkedHashMap<>();
        for (Dialect d : Dialects.all()) {
            out.put(d.name(), d);
        }
        Map<String, DialectConfig> declared = config.dialects();
        for (String name : declared.keySet()) {
            define(name, declared, config, source, out, new LinkedHashSet<>());
        }
        return out;
    }

    private static Dialect define(String name, Map<String, DialectConfig> declared, AcqsimConfig config,
                                  String source, Map<String, Dialect> out, Set<String> visiting) {
        String key = "dialects." + name;
        DialectConfig def = declared.get(name);
        boolean builtIn = Dialects.all().stream().anyMatch(d -> d.name().equals(name));
        if (out.containsKey(name) && !builtIn) {
            return out.get(name);
        }
        if (def == null) {
            def = new DialectConfig(null, null, null, null, null);
        }
        if (!visiting.add(name)) {
            throw new ConfigException(source + ": " + key + ".extends: '" + def.extends_()
                    + "' makes a cycle (" + String.join(" -> ", visiting) + " -> " + name + ")");
        }
        String parentName = def.extends_() != null ? def.extends_() : builtIn ? name : "iso87-ascii";
        Dialect parent;
        if (parentName.equals(name) && builtIn) {
            parent = Dialects.byName(name);
        } else if (declared.containsKey(parentName)) {
            parent = define(parentName, declared, config, source, out, visiting);
        } else if (out.containsKey(parentName)) {
            parent = out.get(parentName);
        } else {
            throw new ConfigException(source + ": " + key + ".extends: unknown dialect '" + parentName + "' (known: "
                    + known(out, declared) + ")");
        }
        Dialect d = build(name, key, def, parent, config, source);
        out.put(name, d);
        visiting.remove(name);
        return d;
    }

    private static List<String> known(Map<String, Dialect> out, Map<String, DialectConfig> declared) {
        Set<String> names = new LinkedHashSet<>(out.keySet());
        names.addAll(declared.keySet());
        return new ArrayList<>(names);
    }

    private static Dialect build(String name, String key, DialectConfig def, Dialect parent, AcqsimConfig config,
                                 String source) {
        int version = parent.version();
        if (def.version() != null) {
            if (def.version() != Dialect.V1987 && def.version() != Dialect.V1993) {
                throw new ConfigException(source + ": " + key + ".version: " + def.version()
                        + " is not one of [1987, 1993]");
            }
            if (parent.isCup() && def.version() == Dialect.V1993) {
                throw new ConfigException(source + ": " + key + ".version: 1993: a dialect extending the China"
                        + " UnionPay catalogue speaks 1987");
            }
            version = def.version();
        }
        TextCharset charset = parent.charset();
        if (def.charset() != null) {
            charset = TextCharset.ofConfigName(def.charset());
            if (charset == null) {
                throw new ConfigException(source + ": " + key + ".charset: '" + def.charset()
                        + "' is not one of [ascii, ebcdic]");
            }
        }
        Framing framing = framing(key, def.framing(), parent.framing(), source);
        ISOBasePackager layout;
        String layoutSource;
        if (def.layout() == null) {
            layoutSource = parent.layoutSource();
            if (charset == parent.charset()) {
                layout = parent.packager();
            } else if (charset == TextCharset.EBCDIC) {
                layout = Layouts.inEbcdic(parent.packager());
            } else {
                throw new ConfigException(source + ": " + key + ".charset: 'ascii': the layout inherited from "
                        + parent.name() + " is EBCDIC; name an ASCII layout in " + key + ".layout");
            }
        } else {
            layoutSource = def.layout();
            layout = layout(key + ".layout", def.layout(), config, source);
            if (charset == TextCharset.EBCDIC) {
                layout = Layouts.inEbcdic(layout);
            }
        }
        Dialect d;
        try {
            d = new Dialect(name, framing, layout, parent.isCup(), version, charset, layoutSource);
        } catch (IllegalArgumentException e) {
            // the engine cannot run one of the layout's field classes (e.g. a composite field)
            throw new ConfigException(source + ": " + key + ".layout: '" + layoutSource + "': " + e.getMessage());
        }
        requireFields(key, d, source);
        return d;
    }

    private static ISOBasePackager layout(String key, String value, AcqsimConfig config, String source) {
        ISOBasePackager builtIn = Layouts.builtIn(value);
        if (builtIn != null) {
            return builtIn;
        }
        Path file = config.resolve(value);
        if (!value.endsWith(".xml") && !Files.exists(file)) {
            throw new ConfigException(source + ": " + key + ": unknown layout '" + value + "' (built-in: "
                    + Layouts.builtInNames() + ", or a jPOS GenericPackager XML file)");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ConfigException(source + ": " + key + ": '" + value + "': no readable file " + file);
        }
        try {
            return Layouts.fromXml(file);
        } catch (IOException | ISOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new ConfigException(source + ": " + key + ": '" + value + "' is not a jPOS GenericPackager"
                    + " layout jPOS can read: " + why);
        }
    }

    private static Framing framing(String key, DialectConfig.FramingConfig f, Framing parent, String source) {
        if (f == null) {
            return parent;
        }
        LengthHeader length = parent.length();
        if (f.length() != null) {
            length = LengthHeader.ofConfigName(f.length());
            if (length == null) {
                throw new ConfigException(source + ": " + key + ".framing.length: '" + f.length()
                        + "' is not one of " + Arrays.stream(LengthHeader.values()).map(LengthHeader::configName)
                        .toList());
            }
        }
        boolean countsItself = f.lengthCountsItself() != null ? f.lengthCountsItself()
                : parent.lengthCountsItself() && length != LengthHeader.NONE;
        if (countsItself && length == LengthHeader.NONE) {
            throw new ConfigException(source + ": " + key + ".framing.lengthCountsItself: true: there is no"
                    + " length to count with length 'none'");
        }
        boolean tpdu = f.tpdu() != null ? f.tpdu() : parent.tpdu();
        byte[] header = parent.header();
        if (f.header() != null) {
            String hex = f.header().replace(" ", "");
            try {
                header = HexFormat.of().parseHex(hex);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source + ": " + key + ".framing.header: '" + f.header()
                        + "' is not hex bytes (an even number of 0-9, A-F)");
            }
        }
        return new Framing(length, countsItself, tpdu, header);
    }

    /** The layout must define what the catalogue reads: routing, matching keys, the response code. */
    private static void requireFields(String key, Dialect d, String source) {
        List<Integer> needed = new ArrayList<>();
        if (d.isCup()) {
            Arrays.stream(CUP_FIELDS).forEach(needed::add);
        } else {
            Arrays.stream(ISO_FIELDS).forEach(needed::add);
            Arrays.stream(d.is1993() ? ISO93_FIELDS : ISO87_FIELDS).forEach(needed::add);
        }
        for (int field : needed) {
            if (fieldPackager(d.packager(), field) == null) {
                throw new ConfigException(source + ": " + key + ".layout: '" + d.layoutSource()
                        + "' does not define DE" + field + ", which the " + catalogue(d) + " catalogue reads ("
                        + why(field) + ")");
            }
        }
    }

    private static Object fieldPackager(ISOBasePackager p, int field) {
        try {
            return p.getFieldPackager(field);
        } catch (RuntimeException beyondTheLayout) {
            return null;
        }
    }

    private static String catalogue(Dialect d) {
        return d.isCup() ? "China UnionPay" : d.is1993() ? "ISO 8583:1993" : "ISO 8583:1987";
    }

    private static String why(int field) {
        return switch (field) {
            case 3 -> "routing: processing code";
            case 4 -> "amount";
            case 11, 41, 42 -> "matching key";
            case 37, 38 -> "references";
            case 39 -> "response code";
            case 24 -> "routing: function code";
            case 56 -> "original data of reversals";
            case 7 -> "duplicate detection";
            case 70 -> "network management code";
            case 90 -> "original data of reversals";
            case 60, 61 -> "routing and matching keys";
            default -> "catalogue";
        };
    }
}
