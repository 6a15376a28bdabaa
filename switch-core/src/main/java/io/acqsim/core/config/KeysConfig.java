package io.acqsim.core.config;

/**
 * Terminal keys on the ISO dialects, test keys in clear as hex (32 digits, double-length DES).
 * A key exchange (0800 DE70 101) replaces a terminal's TPK and TAK with fresh ones sent under
 * the TMK; until then a terminal uses these.
 *
 * @param tmk terminal master key that working keys travel under at key exchange
 * @param tpk PIN key DE52 is encrypted under
 * @param tak MAC key for X9.19 MACs in DE64/DE128 when {@code mac.enabled}
 */
public record KeysConfig(String tmk, String tpk, String tak) {
    public KeysConfig {
        tmk = tmk == null ? "0123456789ABCDEFFEDCBA9876543210" : tmk;
        tpk = tpk == null ? "1C1C1C1C1C1C1C1C2D2D2D2D2D2D2D2D" : tpk;
        tak = tak == null ? "3E3E3E3E3E3E3E3E4F4F4F4F4F4F4F4F" : tak;
    }
}
