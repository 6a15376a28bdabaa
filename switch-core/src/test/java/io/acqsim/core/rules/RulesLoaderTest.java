package io.acqsim.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acqsim.core.config.ConfigException;
import io.acqsim.core.routing.TxType;
import io.acqsim.core.testing.RunningServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulesLoaderTest {

    @Test
    void shippedRuleFileHoldsTheDefaultAmountsOfProtocolSection6() {
        List<Rule> rules = RulesLoader.load(RunningServer.CONFIG_DIR.resolve("rules.yaml"));
        assertThat(rules).hasSize(8);
        Rule codes = rules.get(0);
        assertThat(codes.match().amountMin()).isEqualTo(900000);
        assertThat(codes.match().amountMax()).isEqualTo(900099);
        assertThat(codes.action().responseCode(900051)).isEqualTo("51");
        assertThat(rules.get(1).action().fault()).isEqualTo(Action.Fault.DROP_REQUEST);
        assertThat(rules.get(2).action().fault()).isEqualTo(Action.Fault.DROP_RESPONSE);
        assertThat(rules.get(3).action().delay(Duration.ofSeconds(65))).isEqualTo(Duration.ofSeconds(65));
        assertThat(rules.get(4).action().fault()).isEqualTo(Action.Fault.CLOSE);
        assertThat(rules.get(5).action().fault()).isEqualTo(Action.Fault.CORRUPT_MAC);
        assertThat(rules.get(6).action().fault()).isEqualTo(Action.Fault.GARBAGE);
        assertThat(rules.get(7).action().delay(Duration.ofSeconds(65))).isEqualTo(Duration.ofSeconds(5));
        assertThat(rules).allMatch(r -> r.match().amountMin() != null && r.times() == null);
    }

    @Test
    void everyKeyOfARuleIsRead() {
        Rule r = RulesLoader.parse("""
                rules:
                  - name: drop two reversal responses
                    match: { mti: "0400", type: reversal, processingCode: "00", amount: { min: 5 }, pan: "4111111111111111",
                             terminal: "00000001", merchant: "123456789012345" }
                    action: { delayMs: 250, corruptMac: true }
                    times: 2
                """, "t.yaml").get(0);
        assertThat(r.name()).isEqualTo("drop two reversal responses");
        assertThat(r.match()).isEqualTo(new Match("0400", TxType.REVERSAL, "00", 5L, null, "4111111111111111",
                "00000001", "123456789012345"));
        assertThat(r.action()).isEqualTo(new Action(null, Action.Fault.CORRUPT_MAC, Duration.ofMillis(250), false));
        assertThat(r.times()).isEqualTo(2);
    }

    @Test
    void mistakesNameTheFileTheRuleAndTheKey() {
        assertThatThrownBy(() -> RulesLoader.parse("rules:\n  - match: {amount: 1}\n    action: {drop: requests}\n",
                "r.yaml")).isInstanceOf(ConfigException.class)
                .hasMessage("r.yaml: rules[0].action.drop: 'requests' is not one of [request, response]");
        assertThatThrownBy(() -> RulesLoader.parse("rules:\n  - action: {respond: \"05\"}\n  - match: {termnal: \"1\"}\n"
                + "    action: {close: true}\n", "r.yaml"))
                .hasMessageStartingWith("r.yaml: rules[1].match.termnal: unknown key (known: amount, field, merchant, mti,");
        assertThatThrownBy(() -> RulesLoader.parse("rules:\n  - action: {respond: 5xx}\n", "r.yaml"))
                .hasMessageContaining("rules[0].action.respond: '5xx' is not a two-character response code");
        assertThatThrownBy(() -> RulesLoader.parse("rules:\n  - match: {terminal: 00000001}\n    action: {close: true}\n",
                "r.yaml")).hasMessageContaining("rules[0].match.terminal: write it in quotes");
        assertThatThrownBy(() -> RulesLoader.parse("rules:\n  - action: {drop: request, delay: 5s}\n", "r.yaml"))
                .hasMessageContaining("rules[0].action.drop: 'request' cannot be combined with a delay");
        assertThatThrownBy(() -> RulesLoader.parse("rules:\n  - action: {close: true}\n    times: 0\n", "r.yaml"))
                .hasMessageContaining("rules[0].times: '0' is not a whole number of at least 1");
        assertThatThrownBy(() -> RulesLoader.parse("rules:\n  - match: {amount: 1}\n", "r.yaml"))
                .hasMessageContaining("rules[0].action: missing");
        assertThatThrownBy(() -> RulesLoader.parse("rule:\n  - {}\n", "r.yaml"))
                .hasMessage("r.yaml: rule: unknown key (known: rules)");
    }

    @Test
    void emptyFileMeansNoRules() {
        assertThat(RulesLoader.parse("", "r.yaml")).isEmpty();
        assertThat(RulesLoader.parse("rules: []", "r.yaml")).isEmpty();
    }
}
