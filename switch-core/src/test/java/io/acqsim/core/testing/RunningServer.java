package io.acqsim.core.testing;

import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.config.ConfigLoader;
import io.acqsim.core.config.YamlMerge;
import io.acqsim.core.server.AcqsimServer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Starts acqsim for a test with the shipped configuration (or YAML overrides), every port ephemeral. */
public final class RunningServer {
    /** The repository's {@code config/} folder, found from the module's working directory. */
    public static final Path CONFIG_DIR = findConfigDir();

    private RunningServer() {
    }

    private static Path findConfigDir() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("config/acqsim.yaml"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("config/acqsim.yaml not found above " + Path.of("").toAbsolutePath());
        }
        return p.resolve("config");
    }

    /** The shipped configuration on ephemeral loopback ports. */
    public static AcqsimConfig shippedConfig() {
        return ConfigLoader.load(CONFIG_DIR.resolve("acqsim.yaml")).onEphemeralPorts();
    }

    /** The shipped configuration with the YAML text's sections replacing the shipped ones. */
    public static AcqsimConfig config(String overrideYaml) throws java.io.IOException {
        String shipped = Files.readString(CONFIG_DIR.resolve("acqsim.yaml"));
        String merged = YamlMerge.merge(shipped, overrideYaml);
        return ConfigLoader.parse(merged, "test config", CONFIG_DIR).onEphemeralPorts();
    }

    public static AcqsimServer start() {
        return AcqsimServer.start(shippedConfig());
    }
}
