package io.acqsim.core.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A scenario file: a readable specification a terminal vendor can follow by hand. Send these
 * fields, expect those; then the accounts and the journal must look like this.
 *
 * @param title     what the scenario shows
 * @param dialect   listener to talk to: {@code iso87-ascii}, {@code iso87-binary}, {@code cup-pos}
 * @param config    YAML merged over the shipped configuration (knobs), or null
 * @param accounts  accounts created before the first step: PAN to balance (minor units)
 * @param defaults  fields every request carries unless the step sets them
 * @param steps     the messages, in order
 * @param then      balances expected after the last step
 * @param journal   journal entries expected after the last step
 */
record JposScenario(String title, String dialect, String config, Jpos jpos, Map<String, Long> accounts,
                Map<String, String> defaults, List<Step> steps, Map<String, Balance> then,
                List<JournalEntry> journal) {

    /**
     * The terminal is a jPOS channel with jPOS's own packager instead of acqsim's codec.
     *
     * @param channel  {@code ascii} (ASCIIChannel), {@code post} (PostChannel, 2-byte binary length),
     *                 {@code raw} (RawChannel, 4-byte binary length) or {@code nac} (NACChannel)
     * @param packager a jPOS packager class name ({@code ISO93APackager}, {@code ISO87APackager},
     *                 {@code ISO87BPackager}) or a GenericPackager XML: a classpath resource
     * @param header   hex bytes the channel sends after the length (RawChannel header, NAC TPDU)
     */
    record Jpos(String channel, String packager, String header) {
    }

    /**
     * One request and what must come back.
     *
     * @param note       a comment shown on failure
     * @param send       field number to value ({@code 0} is the MTI); {@code ${name}} uses a saved value
     * @param expect     field to value; {@code "*"} any value, {@code "-"} absent
     * @param save       name to field: remember a response value for later steps
     * @param noResponse the bank must not answer this request
     * @param connection which terminal connection sends it (1 unless set)
     * @param then       balances right after this step (the ledger checked step by step)
     */
    record Step(String note, Map<String, String> send, Map<String, String> expect, Map<String, String> save,
                @JsonProperty("noResponse") Boolean noResponse, Integer connection, Map<String, Balance> then) {
    }

    record Balance(Long balance, Long available) {
    }

    /**
     * The newest journal entry with this STAN and type must be in this state.
     *
     * @param related how many transactions it is linked with (original, voids, reversals...), if given
     */
    record JournalEntry(String stan, String type, String state, String responseCode, Integer related) {
    }
}
