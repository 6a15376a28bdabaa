package io.acqsim.codec.golden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The golden vectors shipped in this module's test jar (classpath {@code golden/}). Every vector
 * is listed in {@code golden/index.txt} as {@code <dialect>/<name>}, so loading works the same
 * from a directory and from a jar:
 * <pre>{@code
 * for (GoldenVector v : GoldenVectors.all()) { ... }
 * GoldenVector sale = GoldenVectors.of("cup-pos", "0200-sale");
 * }</pre>
 */
public final class GoldenVectors {
    public static final String ROOT = "golden/";
    public static final String INDEX = ROOT + "index.txt";

    private GoldenVectors() {
    }

    /** Every vector in the index, in index order. */
    public static List<GoldenVector> all() {
        List<GoldenVector> out = new ArrayList<>();
        for (String line : read(INDEX).split("\n")) {
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            int slash = entry.indexOf('/');
            out.add(of(entry.substring(0, slash), entry.substring(slash + 1)));
        }
        return out;
    }

    /** Every vector of one dialect. */
    public static List<GoldenVector> of(String dialect) {
        return all().stream().filter(v -> v.dialect().equals(dialect)).toList();
    }

    /** One vector, e.g. {@code of("iso87-ascii", "0800-sign-on")}. */
    public static GoldenVector of(String dialect, String name) {
        String base = ROOT + dialect + "/" + name;
        return GoldenVector.parse(dialect, name, read(base + ".hex"), read(base + ".fields"));
    }

    private static String read(String resource) {
        ClassLoader loader = GoldenVectors.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden resource " + resource + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }
}
