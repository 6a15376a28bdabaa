package io.acqsim.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Deep-merges one YAML document over another (mappings merge key by key; anything else replaces):
 * a scenario's or a test's knobs over a whole configuration.
 */
public final class YamlMerge {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private YamlMerge() {
    }

    public static String merge(String base, String override) throws IOException {
        JsonNode b = YAML.readTree(base);
        JsonNode o = YAML.readTree(override);
        if (o == null || o.isMissingNode() || o.isNull()) {
            return base;
        }
        return YAML.writeValueAsString(mergeNode((ObjectNode) b, o));
    }

    private static JsonNode mergeNode(ObjectNode base, JsonNode override) {
        Iterator<Map.Entry<String, JsonNode>> it = override.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = base.get(e.getKey());
            if (existing instanceof ObjectNode en && e.getValue().isObject()) {
                mergeNode(en, e.getValue());
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
        return base;
    }
}
