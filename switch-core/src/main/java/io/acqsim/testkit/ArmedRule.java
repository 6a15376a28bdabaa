package io.acqsim.testkit;

import java.util.Map;

/**
 * A rule the host holds: its id (for {@link AcqsimExtension.Rules#remove}), how many matches it has
 * left ({@code null}: no limit) and how many requests it matched so far.
 */
public record ArmedRule(long id, Integer remaining, long matched, Map<String, Object> description) {
}
