package io.acqsim.core.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.config.ConfigException;
import io.acqsim.core.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads {@code rules.yaml}: a top-level {@code rules:} list of rules (see {@link RuleParser}).
 * A mistake stops the start with the file, the rule's position and the key, e.g.
 * {@code rules.yaml: rules[2].action.drop: 'requests' is not one of [request, response]}.
 */
public final class RulesLoader {
    private RulesLoader() {
    }

    /** The rules of the configured file, or none when {@code rules.file} is not set. */
    public static List<Rule> load(AcqsimConfig config) {
        String file = config.rules().file();
        return file == null || file.isBlank() ? List.of() : load(config.resolve(file));
    }

    public static List<Rule> load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new ConfigException("rules.file: " + file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
    }

    public static List<Rule> parse(String yaml, String source) {
        JsonNode root;
        try {
            root = ConfigLoader.yamlMapper().readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": " + ConfigLoader.describe(e));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return List.of();
        }
        if (!root.isObject()) {
            throw new ConfigException(source + ": expected a mapping with a 'rules' list");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("rules")) {
                throw new ConfigException(source + ": " + k + ": unknown key (known: rules)");
            }
        }
        JsonNode list = root.get("rules");
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new ConfigException(source + ": rules: expected a list");
        }
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            try {
                rules.add(RuleParser.parse(list.get(i), "rules[" + i + "]"));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source + ": " + e.getMessage());
            }
        }
        return List.copyOf(rules);
    }
}
