package io.acqsim.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.acqsim.core.chip.ChipAction;
import io.acqsim.core.config.Durations;
import io.acqsim.core.routing.TxType;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one rule from a YAML or JSON tree, checking every key, so that a mistake is reported as
 * {@code match.amont: unknown key (known: amount, merchant, ...)} rather than silently ignored.
 * The same reader serves {@code config/rules.yaml} and {@code POST /rules}.
 */
public final class RuleParser {
    private static final Set<String> RULE_KEYS = Set.of("name", "match", "action", "times");
    private static final Set<String> MATCH_KEYS = Set.of("mti", "type", "processingCode", "amount", "pan",
            "terminal", "merchant", "field");
    private static final Set<String> ACTION_KEYS = Set.of("respond", "drop", "close", "corruptMac", "garbage",
            "delay", "delayMs", "arpc", "issuerScript", "issuerScripts");
    private static final Set<String> SCRIPT_KEYS = Set.of("template", "id", "commands");
    private static final Set<String> RANGE_KEYS = Set.of("min", "max");

    private RuleParser() {
    }

    /** A rule that cannot be read; the message starts with the key at fault. */
    public static final class RuleException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        RuleException(String key, String problem) {
            super(key + ": " + problem);
        }
    }

    /** Reads a rule; {@code at} is the path prefix for messages (e.g. {@code rules[3]}, or empty). */
    public static Rule parse(JsonNode node, String at) {
        if (node == null || !node.isObject()) {
            throw new RuleException(at.isEmpty() ? "rule" : at, "expected a mapping with match and action");
        }
        keys(node, at, RULE_KEYS);
        String name = text(node, at, "name", false);
        Match match = node.has("match") ? match(node.get("match"), key(at, "match"))
                : new Match(null, null, null, null, null, null, null, null);
        if (!node.has("action")) {
            throw new RuleException(key(at, "action"), "missing (one of " + new TreeSet<>(ACTION_KEYS) + ")");
        }
        Action action = action(node.get("action"), key(at, "action"));
        Integer times = null;
        if (node.has("times")) {
            JsonNode t = node.get("times");
            if (!t.canConvertToInt() || !t.isIntegralNumber() || t.asInt() < 1) {
                throw new RuleException(key(at, "times"), "'" + t.asText() + "' is not a whole number of at least 1");
            }
            times = t.asInt();
        }
        return new Rule(name, match, action, times);
    }

    private static Match match(JsonNode node, String at) {
        if (!node.isObject()) {
            throw new RuleException(at, "expected a mapping (keys " + new TreeSet<>(MATCH_KEYS) + ")");
        }
        keys(node, at, MATCH_KEYS);
        String mti = digits(node, at, "mti", 4, 4);
        TxType type = null;
        String typeName = text(node, at, "type", false);
        if (typeName != null) {
            try {
                type = TxType.valueOf(typeName.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new RuleException(key(at, "type"), "'" + typeName + "' is not one of "
                        + Arrays.stream(TxType.values()).map(t -> t.name().toLowerCase(Locale.ROOT)).toList());
            }
        }
        String processingCode = digits(node, at, "processingCode", 1, 6);
        Long min = null;
        Long max = null;
        if (node.has("amount")) {
            JsonNode a = node.get("amount");
            String k = key(at, "amount");
            if (a.isObject()) {
                keys(a, k, RANGE_KEYS);
                min = a.has("min") ? amount(a.get("min"), key(k, "min")) : null;
                max = a.has("max") ? amount(a.get("max"), key(k, "max")) : null;
                if (min == null && max == null) {
                    throw new RuleException(k, "give min, max or both (minor units)");
                }
                if (min != null && max != null && min > max) {
                    throw new RuleException(k, "min " + min + " is above max " + max);
                }
            } else {
                min = amount(a, k);
                max = min;
            }
        }
        String pan = digits(node, at, "pan", 12, 19);
        String terminal = text(node, at, "terminal", true);
        String merchant = text(node, at, "merchant", true);
        List<FieldMatch> fields = new java.util.ArrayList<>();
        if (node.has("field")) {
            JsonNode f = node.get("field");
            String k = key(at, "field");
            if (!f.isObject() || f.isEmpty()) {
                throw new RuleException(k, "expected a mapping of fields or sub-fields to values, e.g. \"48.2\": \"XYZ\"");
            }
            for (Iterator<String> it = f.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                io.acqsim.codec.layout.FieldRef ref;
                try {
                    ref = io.acqsim.codec.layout.FieldRef.parse(name);
                } catch (IllegalArgumentException e) {
                    throw new RuleException(key(k, name), e.getMessage());
                }
                if (ref.field() < 2) {
                    throw new RuleException(key(k, name), "'" + name + "' is the MTI or the bitmap; match the MTI with mti");
                }
                fields.add(new FieldMatch(ref, text(f, k, name, true)));
            }
        }
        return new Match(mti, type, processingCode, min, max, pan, terminal, merchant, fields);
    }

    private static Action action(JsonNode node, String at) {
        if (!node.isObject()) {
            throw new RuleException(at, "expected a mapping (keys " + new TreeSet<>(ACTION_KEYS) + ")");
        }
        keys(node, at, ACTION_KEYS);
        if (node.isEmpty()) {
            throw new RuleException(at, "empty; give one of " + new TreeSet<>(ACTION_KEYS));
        }
        String respond = null;
        if (node.has("respond")) {
            JsonNode r = node.get("respond");
            if (r.isIntegralNumber() && r.asInt() >= 0 && r.asInt() <= 99) {
                respond = String.format("%02d", r.asInt());
            } else if (r.isTextual() && (r.asText().equals(Action.FROM_AMOUNT)
                    || r.asText().length() == 2 && r.asText().chars().allMatch(Character::isLetterOrDigit))) {
                respond = r.asText();
            } else {
                throw new RuleException(key(at, "respond"), "'" + r.asText()
                        + "' is not a two-character response code or '" + Action.FROM_AMOUNT + "'");
            }
        }
        Action.Fault fault = Action.Fault.NONE;
        String faultKey = null;
        if (node.has("drop")) {
            String d = node.get("drop").asText();
            if (!d.equals("request") && !d.equals("response")) {
                throw new RuleException(key(at, "drop"), "'" + d + "' is not one of [request, response]");
            }
            fault = d.equals("request") ? Action.Fault.DROP_REQUEST : Action.Fault.DROP_RESPONSE;
            faultKey = "drop";
        }
        for (String flag : List.of("close", "corruptMac", "garbage")) {
            if (!node.has(flag)) {
                continue;
            }
            JsonNode f = node.get(flag);
            if (!f.isBoolean()) {
                throw new RuleException(key(at, flag), "expected true or false");
            }
            if (!f.asBoolean()) {
                continue;
            }
            if (faultKey != null) {
                throw new RuleException(key(at, flag), "cannot be combined with " + faultKey);
            }
            faultKey = flag;
            fault = switch (flag) {
                case "close" -> Action.Fault.CLOSE;
                case "corruptMac" -> Action.Fault.CORRUPT_MAC;
                default -> Action.Fault.GARBAGE;
            };
        }
        Duration delay = null;
        boolean late = false;
        if (node.has("delay") && node.has("delayMs")) {
            throw new RuleException(key(at, "delayMs"), "cannot be combined with delay");
        }
        if (node.has("delay")) {
            JsonNode d = node.get("delay");
            if (d.isTextual() && d.asText().trim().equals("late")) {
                late = true;
            } else {
                try {
                    delay = Durations.parse(d.asText());
                } catch (IllegalArgumentException e) {
                    throw new RuleException(key(at, "delay"), e.getMessage() + ", or 'late' (delayMs takes bare milliseconds)");
                }
            }
        } else if (node.has("delayMs")) {
            JsonNode d = node.get("delayMs");
            if (!d.isIntegralNumber()) {
                throw new RuleException(key(at, "delayMs"), "'" + d.asText() + "' is not a whole number of milliseconds");
            }
            delay = Duration.ofMillis(d.asLong());
        }
        if (delay != null && delay.isNegative()) {
            throw new RuleException(key(at, node.has("delay") ? "delay" : "delayMs"), "must not be negative");
        }
        if (fault == Action.Fault.DROP_REQUEST && (respond != null || delay != null || late)) {
            throw new RuleException(key(at, "drop"), "'request' cannot be combined with "
                    + (respond != null ? "respond" : "a delay") + ": the request is never processed");
        }
        if (fault == Action.Fault.DROP_RESPONSE && (delay != null || late)) {
            throw new RuleException(key(at, "drop"), "'response' cannot be combined with a delay: nothing is sent");
        }
        ChipAction chip = chip(node, at);
        if (respond == null && fault == Action.Fault.NONE && delay == null && !late && chip.isNone()) {
            throw new RuleException(at, "does nothing; give one of " + new TreeSet<>(ACTION_KEYS));
        }
        return new Action(respond, fault, delay, late, chip);
    }

    /** {@code arpc: omit|corrupt}, {@code issuerScript: 71|72|{template, id, commands}} or a list of them in {@code issuerScripts}. */
    private static ChipAction chip(JsonNode node, String at) {
        ChipAction.Arpc arpc = ChipAction.Arpc.SEND;
        if (node.has("arpc")) {
            String a = node.get("arpc").asText();
            arpc = switch (a) {
                case "omit" -> ChipAction.Arpc.OMIT;
                case "corrupt" -> ChipAction.Arpc.CORRUPT;
                case "send" -> ChipAction.Arpc.SEND;
                default -> throw new RuleException(key(at, "arpc"), "'" + a + "' is not one of [corrupt, omit, send]");
            };
        }
        if (node.has("issuerScript") && node.has("issuerScripts")) {
            throw new RuleException(key(at, "issuerScripts"), "cannot be combined with issuerScript");
        }
        List<ChipAction.IssuerScript> scripts = new java.util.ArrayList<>();
        if (node.has("issuerScript")) {
            scripts.add(script(node.get("issuerScript"), key(at, "issuerScript")));
        }
        if (node.has("issuerScripts")) {
            JsonNode list = node.get("issuerScripts");
            String k = key(at, "issuerScripts");
            if (!list.isArray() || list.isEmpty()) {
                throw new RuleException(k, "expected a list of scripts");
            }
            for (int i = 0; i < list.size(); i++) {
                scripts.add(script(list.get(i), k + "[" + i + "]"));
            }
        }
        return new ChipAction(arpc, scripts);
    }

    private static ChipAction.IssuerScript script(JsonNode n, String at) {
        if (!n.isObject()) {
            return new ChipAction.IssuerScript(template(n, at), null, null);
        }
        keys(n, at, SCRIPT_KEYS);
        if (!n.has("template")) {
            throw new RuleException(key(at, "template"), "missing (71 or 72)");
        }
        int template = template(n.get("template"), key(at, "template"));
        byte[] id = null;
        if (n.has("id")) {
            id = hex(n.get("id"), key(at, "id"));
            if (id.length != 4) {
                throw new RuleException(key(at, "id"), "a script identifier is 4 bytes (8 hex digits)");
            }
        }
        List<byte[]> commands = new java.util.ArrayList<>();
        if (n.has("commands")) {
            JsonNode c = n.get("commands");
            if (!c.isArray()) {
                throw new RuleException(key(at, "commands"), "expected a list of commands in hex");
            }
            for (int i = 0; i < c.size(); i++) {
                byte[] command = hex(c.get(i), key(at, "commands") + "[" + i + "]");
                if (command.length < 5) {
                    throw new RuleException(key(at, "commands") + "[" + i + "]", "a command APDU has at least 5 bytes");
                }
                commands.add(command);
            }
        }
        return new ChipAction.IssuerScript(template, id, commands);
    }

    private static int template(JsonNode n, String at) {
        String t = n.asText();
        if (!t.equals("71") && !t.equals("72")) {
            throw new RuleException(at, "'" + t + "' is not an issuer script template (71 or 72)");
        }
        return Integer.parseInt(t, 16);
    }

    private static byte[] hex(JsonNode n, String at) {
        String v = n.asText();
        if (!n.isTextual() || v.isEmpty() || v.length() % 2 != 0 || !v.matches("[0-9A-Fa-f]+")) {
            throw new RuleException(at, "'" + v + "' is not hex bytes (write it in quotes)");
        }
        return java.util.HexFormat.of().parseHex(v);
    }

    private static long amount(JsonNode n, String at) {
        if (!n.isIntegralNumber() || n.asLong() < 0) {
            throw new RuleException(at, "'" + n.asText() + "' is not an amount in minor units (910001 = 9100.01)");
        }
        return n.asLong();
    }

    private static String digits(JsonNode node, String at, String field, int min, int max) {
        String v = text(node, at, field, true);
        if (v != null && (v.length() < min || v.length() > max || !v.chars().allMatch(Character::isDigit))) {
            throw new RuleException(key(at, field), "'" + v + "' must be " + (min == max ? min : min + " to " + max)
                    + " digits");
        }
        return v;
    }

    private static String text(JsonNode node, String at, String field, boolean codeLike) {
        if (!node.has(field)) {
            return null;
        }
        JsonNode v = node.get(field);
        if (codeLike && v.isNumber()) {
            throw new RuleException(key(at, field), "write it in quotes (\"" + v.asText()
                    + "\"): unquoted digits lose their leading zeros");
        }
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw new RuleException(key(at, field), "expected text");
        }
        return v.asText();
    }

    private static void keys(JsonNode node, String at, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw new RuleException(key(at, k), "unknown key (known: " + String.join(", ", new TreeSet<>(known))
                        + ")");
            }
        }
    }

    private static String key(String at, String k) {
        return at.isEmpty() ? k : at + "." + k;
    }
}
