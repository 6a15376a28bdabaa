package io.acqsim.core.config;

import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${NAME}} and {@code ${NAME:-default}} in a configuration value, replaced by the environment
 * variable's value, so that a password need not sit in the file. An unset variable without a
 * default stops the start with a message naming the key and the variable (never the value).
 */
public final class EnvExpansion {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private EnvExpansion() {
    }

    public static String expand(String source, String key, String value) {
        return expand(source, key, value, System.getenv()::get);
    }

    static String expand(String source, String key, String value, Function<String, String> env) {
        if (value == null || value.indexOf("${") < 0) {
            return value;
        }
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = env.apply(m.group(1));
            if (replacement == null) {
                if (m.group(2) == null) {
                    throw new ConfigException(source + ": " + key + ": environment variable " + m.group(1)
                            + " is not set (write ${" + m.group(1) + ":-default} for a fallback)");
                }
                replacement = m.group(2);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String expand(String source, String key, String value, Map<String, String> env) {
        return expand(source, key, value, env::get);
    }
}
