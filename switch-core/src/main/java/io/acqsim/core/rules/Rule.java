package io.acqsim.core.rules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One scripted outcome: when a request {@link Match}es, the {@link Action} happens, at most
 * {@code times} times (null: for ever).
 *
 * @param name   optional label for logs and {@code GET /rules}
 * @param times  how many matches before the rule expires, or null
 */
public record Rule(String name, Match match, Action action, Integer times) {
    public Rule {
        if (times != null && times < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
    }

    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (name != null) {
            m.put("name", name);
        }
        m.put("match", match.describe());
        m.put("action", action.describe());
        if (times != null) {
            m.put("times", times);
        }
        return m;
    }
}
