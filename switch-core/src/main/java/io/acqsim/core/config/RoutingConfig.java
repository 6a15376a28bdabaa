package io.acqsim.core.config;

/**
 * @param file YAML routing tables per dialect (MTI + DE3 prefix + DE60.1 to transaction type),
 *             relative to the config file; without it the built-in tables of PROTOCOL.md §2 apply
 */
public record RoutingConfig(String file) {
}
