package io.acqsim.core.config;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.codec.dialect.Layouts;
import io.acqsim.codec.dialect.TextCharset;
import io.acqsim.codec.framing.Framing;
import io.acqsim.codec.framing.LengthHeader;
import io.acqsim.codec.layout.FieldRef;
import io.acqsim.core.reversal.Matching;
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
        Matching matching = matching(config.dialects(), d, source);
        requireFields(key, d, matching, source);
        return d;
    }

    /**
     * Where {@code dialect} reads each part of its trace key: its definition's {@code matching:},
     * then those of the dialects it extends, then PROTOCOL.md §2's. A value that is not {@code N}
     * or {@code N.M}, or that the dialect's layout does not define (a sub-field of a field it does
     * not declare composite), is a {@link ConfigException} naming the key and the value.
     */
    public static Matching matching(AcqsimConfig config, Dialect dialect) {
        return matching(config.dialects(), dialect, "configuration");
    }

    private static final String[] MATCHING_KEYS = {"terminal", "merchant", "stan", "originalStan", "originalData"};

    private static Matching matching(Map<String, DialectConfig> declared, Dialect d, String source) {
        String[] value = new String[MATCHING_KEYS.length];
        String[] where = new String[MATCHING_KEYS.length];
        Set<String> seen = new LinkedHashSet<>();
        for (String name = d.name(); name != null && seen.add(name); ) {
            DialectConfig def = declared.get(name);
            if (def == null) {
                break; // a built-in: PROTOCOL.md §2's keys
            }
            DialectConfig.MatchingConfig m = def.matching();
            if (m != null) {
                String[] own = {m.terminal(), m.merchant(), m.stan(), m.originalStan(), m.originalData()};
                for (int i = 0; i < own.length; i++) {
                    if (value[i] == null && own[i] != null) {
                        value[i] = own[i];
                        where[i] = "dialects." + name + ".matching." + MATCHING_KEYS[i];
                    }
                }
            }
            String parent = def.extends_() != null ? def.extends_() : isBuiltIn(name) ? name : "iso87-ascii";
            if (parent.equals(name)) {
                break; // a built-in declared again: PROTOCOL.md §2's keys beneath
            }
            name = parent;
        }
        FieldRef terminal = ref(value[0], where[0], d, source, Matching.DE41);
        FieldRef merchant = ref(value[1], where[1], d, source, Matching.DE42);
        FieldRef stan = ref(value[2], where[2], d, source, Matching.DE11);
        FieldRef originalStan = ref(value[3], where[3], d, source, null);
        FieldRef originalData;
        if (value[4] == null) {
            originalData = stan.equals(Matching.DE11) ? Matching.defaultOriginalData(d) : null;
        } else if ("none".equals(value[4].trim())) {
            originalData = null;
        } else if (d.isCup()) {
            throw new ConfigException(source + ": " + where[4] + ": '" + value[4] + "': the China UnionPay catalogue"
                    + " has no original data elements (a reversal carries its original's DE11 and 60.2); name the"
                    + " original's STAN with originalStan, or say none");
        } else {
            originalData = ref(value[4], where[4], d, source, null);
        }
        return new Matching(terminal, merchant, stan, originalStan, originalData);
    }

    private static boolean isBuiltIn(String name) {
        return Dialects.all().stream().anyMatch(d -> d.name().equals(name));
    }

    private static FieldRef ref(String value, String key, Dialect d, String source, FieldRef otherwise) {
        if (value == null) {
            return otherwise;
        }
        FieldRef ref;
        try {
            ref = FieldRef.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + key + ": " + e.getMessage());
        }
        String why = ref.field() < 2 ? "the MTI and the bitmap cannot name a transaction"
                : ref.problemIn(d.layout());
        if (ref.isSub() && ref.sub() == 1 && d.layout().field(ref.field()) != null
                && d.layout().composite(ref.field()) != null && d.layout().composite(ref.field()).hasBitmap()) {
            why = "sub-field 1 of composite field " + ref.field() + " of the " + d.layout().name()
                    + " layout is its sub-bitmap";
        }
        if (why != null) {
            throw new ConfigException(source + ": " + key + ": '" + value + "': " + why
                    + (key.startsWith("dialects." + d.name() + ".") ? "" : " (dialect " + d.name() + ")"));
        }
        return ref;
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
    private static void requireFields(String key, Dialect d, Matching matching, String source) {
        List<Integer> needed = new ArrayList<>();
        if (d.isCup()) {
            Arrays.stream(CUP_FIELDS).forEach(needed::add);
        } else {
            Arrays.stream(ISO_FIELDS).forEach(needed::add);
            Arrays.stream(d.is1993() ? ISO93_FIELDS : ISO87_FIELDS).forEach(needed::add);
        }
        // the key's parts read elsewhere need not be in the layout where §2 reads them
        if (!matching.terminal().equals(Matching.DE41)) {
            needed.remove(Integer.valueOf(41));
        }
        if (!matching.merchant().equals(Matching.DE42)) {
            needed.remove(Integer.valueOf(42));
        }
        FieldRef originalData = Matching.defaultOriginalData(d);
        if (originalData != null && !originalData.equals(matching.originalData())) {
            needed.remove(Integer.valueOf(originalData.field()));
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
