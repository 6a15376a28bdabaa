package io.acqsim.core.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Human durations in configuration: a whole number and a unit, {@code 250ms}, {@code 65s},
 * {@code 5m}, {@code 1h}, or ISO-8601 {@code PT65S}; a bare {@code 0} is zero in any unit. Any
 * other bare number ({@code 5}) or a fraction ({@code 2.5}, {@code 2.5s}) is refused: whether {@code 5} meant milliseconds or seconds is
 * exactly the mistake a unit prevents.
 */
public final class Durations {
    /** How a valid duration looks, for error messages. */
    public static final String EXAMPLES = "a whole number and a unit: 250ms, 65s, 5m, 1h";
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d*\\.?\\d+([eE][-+]?\\d+)?");
    private static final Pattern FRACTION = Pattern.compile("[-+]?\\d*\\.\\d+\\s*(ms|s|m|h)");

    private Durations() {
    }

    public static Duration parse(String text) {
        String t = text.trim();
        Matcher m = SIMPLE.matcher(t);
        if (m.matches()) {
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is too long a duration");
            }
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        if (t.equals("0")) {
            return Duration.ZERO; // zero is zero in any unit ("0 = off" in the limits)
        }
        if (NUMBER.matcher(t).matches()) {
            throw new IllegalArgumentException("'" + text + "' has no unit; write " + EXAMPLES);
        }
        if (FRACTION.matcher(t).matches()) {
            throw new IllegalArgumentException("'" + text + "' is a fraction; write " + EXAMPLES
                    + " (2.5s is 2500ms)");
        }
        if (t.startsWith("P") || t.startsWith("p") || t.startsWith("-P") || t.startsWith("+P")) {
            try {
                return Duration.parse(t);
            } catch (RuntimeException e) {
                // falls through to the common message
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration; write " + EXAMPLES);
    }

    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
