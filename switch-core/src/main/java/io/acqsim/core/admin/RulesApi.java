package io.acqsim.core.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.acqsim.core.rules.ReversalWatch;
import io.acqsim.core.rules.RuleParser;
import io.acqsim.core.rules.RuleSet;
import java.util.Map;

/**
 * Scripted outcomes at run time and the reversal watch:
 * {@code GET /rules}, {@code POST /rules}, {@code DELETE /rules/{id}}, {@code DELETE /rules}
 * (every run-time rule), {@code GET /reversal-watch}, {@code GET /terminals/{tid}/reversal-watch}.
 */
public final class RulesApi {
    private RulesApi() {
    }

    public static void register(AdminRoutes routes, RuleSet rules, ReversalWatch watch) {
        register(routes, rules, watch, null);
    }

    /**
     * @param layouts the layouts of the configuration's dialects: a rule whose {@code match.field}
     *                names a field or sub-field none of them defines gets a 400 (null: not checked)
     */
    public static void register(AdminRoutes routes, RuleSet rules, ReversalWatch watch,
                                java.util.List<io.acqsim.codec.layout.Layout> layouts) {
        routes.add("GET", "/rules", r -> rules.list().stream().map(RuleSet.Armed::describe).toList());
        routes.add("POST", "/rules", r -> {
            JsonNode body = r.json(JsonNode.class);
            RuleSet.Armed armed;
            try {
                io.acqsim.core.rules.Rule rule = RuleParser.parse(body, "");
                if (layouts != null) {
                    for (io.acqsim.core.rules.FieldMatch fm : rule.match().fields()) {
                        String why = io.acqsim.core.rules.RulesLoader.problem(fm, layouts);
                        if (why != null) {
                            throw new IllegalArgumentException("match.field." + fm.ref() + ": '" + fm.value()
                                    + "': no dialect of the configuration defines " + fm.ref() + " (" + why + ")");
                        }
                    }
                }
                armed = rules.add(rule);
            } catch (IllegalArgumentException e) {
                throw new HttpError(400, "bad rule: " + e.getMessage());
            }
            return new AdminResponse(201, "application/json", Json.MAPPER.writeValueAsBytes(armed.describe()));
        });
        routes.add("DELETE", "/rules/{id}", r -> {
            long id;
            try {
                id = Long.parseLong(r.param("id"));
            } catch (NumberFormatException e) {
                throw new HttpError(400, "rule id must be a whole number, got '" + r.param("id") + "'");
            }
            if (!rules.remove(id)) {
                throw new HttpError(404, "no rule with id " + id);
            }
            return Map.of("removed", id);
        });
        routes.add("DELETE", "/rules", r -> Map.of("removed", rules.removeAdded()));
        routes.add("GET", "/reversal-watch", r -> watch.summary());
        routes.add("GET", "/terminals/{tid}/reversal-watch", r -> watch.describe(r.param("tid")));
    }
}
