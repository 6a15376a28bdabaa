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
        if (file == null || file.isBlank()) {
            return List.of();
        }
        Path path = config.resolve(file);
        List<Rule> rules = load(path);
        check(rules, config.dialectsByName().values().stream().map(io.acqsim.codec.dialect.Dialect::layout).toList(),
                path.toString());
        return rules;
    }

    /**
     * Stops the start when a rule's {@code match.field} names a field or sub-field that none of
     * {@code layouts} defines (a typo, or a sub-field of a field no dialect declares composite),
     * naming the rule's key and value and what the layouts lack.
     */
    public static void check(List<Rule> rules, List<io.acqsim.codec.layout.Layout> layouts, String source) {
        for (int i = 0; i < rules.size(); i++) {
            for (FieldMatch fm : rules.get(i).match().fields()) {
                String why = problem(fm, layouts);
                if (why != null) {
                    throw new ConfigException(source + ": rules[" + i + "].match.field." + fm.ref() + ": '"
                            + fm.value() + "': no dialect of the configuration defines " + fm.ref() + " (" + why + ")");
                }
            }
        }
    }

    /** Null when some layout defines what {@code fm} reads; else the first layout's reason. */
    public static String problem(FieldMatch fm, List<io.acqsim.codec.layout.Layout> layouts) {
        String first = null;
        for (io.acqsim.codec.layout.Layout l : layouts) {
            String why = fm.problemIn(l);
            if (why == null) {
                return null;
            }
            if (first == null || l.composite(fm.ref().field()) != null) {
                first = why; // the layout that declares the field composite says most about a wrong sub-field
            }
        }
        return first == null ? "no dialects" : first;
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
