package io.acqsim.core.config;

import java.time.Duration;

/**
 * Scripted outcomes.
 *
 * @param file      YAML rule set loaded at start and on reset, relative to the config file
 * @param lateDelay delay of the "late response" action
 */
public record RulesConfig(String file, Duration lateDelay) {
    public RulesConfig {
        lateDelay = lateDelay == null ? Duration.ofSeconds(65) : lateDelay;
    }
}
