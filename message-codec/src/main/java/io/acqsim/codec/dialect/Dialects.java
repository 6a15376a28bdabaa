package io.acqsim.codec.dialect;

import java.util.List;

/** The dialects acqsim speaks, by configuration name. */
public final class Dialects {
    private static final List<Dialect> ALL = List.of(CupPos.INSTANCE, Iso87Binary.INSTANCE, Iso87Ascii.INSTANCE);

    private Dialects() {
    }

    public static List<Dialect> all() {
        return ALL;
    }

    /** The dialect with this name, or an exception listing the known names. */
    public static Dialect byName(String name) {
        for (Dialect d : ALL) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dialect '" + name + "' (known: "
                + ALL.stream().map(Dialect::name).toList() + ")");
    }
}
