package io.acqsim.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The repository's {@code config/} folder as the switch-core jar carries it (classpath
 * {@code io/acqsim/testkit/config/}), so that a project depending on the jar starts the host with
 * exactly the configuration {@code ./acqsim} ships. A file that {@code acqsim.yaml} refers to must
 * be listed in {@link #FILES}.
 */
public final class ShippedConfig {
    /** Classpath folder of the shipped configuration. */
    public static final String RESOURCE_DIR = "io/acqsim/testkit/config/";
    /** The files copied out, {@code acqsim.yaml} first. */
    public static final List<String> FILES = List.of("acqsim.yaml", "accounts.yaml", "rules.yaml", "routing.yaml");

    private ShippedConfig() {
    }

    /** The text of one shipped file. */
    public static String read(String name) {
        try (InputStream in = open(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the shipped files into {@code dir} and returns the path of {@code acqsim.yaml} there. */
    public static Path copyTo(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String name : FILES) {
                ClassLoader loader = ShippedConfig.class.getClassLoader();
                try (InputStream in = loader.getResourceAsStream(RESOURCE_DIR + name)) {
                    if (in != null) {
                        Files.copy(in, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return dir.resolve("acqsim.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the shipped configuration to " + dir, e);
        }
    }

    private static InputStream open(String name) throws IOException {
        InputStream in = ShippedConfig.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + name);
        if (in == null) {
            throw new IOException("the shipped configuration " + RESOURCE_DIR + name
                    + " is not on the classpath (is switch-core's jar there?)");
        }
        return in;
    }
}
