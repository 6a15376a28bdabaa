package io.acqsim.testkit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A scenario file (README "Scenario files"): a readable specification a terminal vendor can follow
 * by hand. Send these fields, expect those; then the accounts and the journal must look like this.
 *
 * @param title     what the scenario shows
 * @param dialect   dialect (and default listener) to talk to, e.g. {@code iso87-ascii}, {@code cup-pos}
 * @param config    YAML merged over the host's configuration (knobs) when acqsim starts the host itself
 * @param accounts  accounts created before the first step: PAN to balance (minor units)
 * @param defaults  fields every request carries unless the step sets them
 * @param steps     the messages, in order
 * @param then      balances expected after the last step
 * @param journal   journal entries expected after the last step
 * @param pins      PINs set on accounts before the first step (PAN to PIN), as {@code PUT /accounts/{pan}} does
 * @param rules     rules added before the first step, as {@code POST /rules} takes them
 */
public record Scenario(String title, String dialect, String config, Map<String, Long> accounts,
                       Map<String, String> defaults, List<Step> steps, Map<String, Balance> then,
                       List<JournalEntry> journal, Map<String, String> pins,
                       List<com.fasterxml.jackson.databind.JsonNode> rules) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Reads a scenario file; an {@link IOException} names the file and what is wrong. */
    public static Scenario read(Path file) throws IOException {
        Scenario s;
        try {
            s = YAML.readValue(file.toFile(), Scenario.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": " + io.acqsim.core.config.ConfigLoader.describe(e), e);
        }
        if (s == null || s.steps() == null || s.steps().isEmpty()) {
            throw new IOException(file + ": steps: at least one step is needed");
        }
        for (int i = 0; i < s.steps().size(); i++) {
            Step st = s.steps().get(i);
            if (st.send() == null || st.send().get("0") == null) {
                throw new IOException(file + ": steps[" + i + "].send: needs field 0 (the MTI)");
            }
        }
        return s;
    }

    /**
     * One request and what must come back.
     *
     * @param note       a comment shown with the step
     * @param send       field number to value ({@code 0} is the MTI); {@code ${name}} uses a saved value,
     *                   {@code "-"} leaves out a default, {@code hex:...} gives a binary field's bytes;
     *                   DE55 {@code emv:VERSION} (visa10, visa18, visa22, mc16, mc17, mc20, mc21, and
     *                   {@code emv:VERSION:wrong}) is a chip card's DE55 with an ARQC under the shipped
     *                   test IMK-AC for DE2/DE4/DE49; DE52 {@code pin:DIGITS} a format-0 PIN block under
     *                   the shipped PIN key (ISO {@code keys.tpk}, CUP {@code mac.pik})
     * @param expect     field to value; {@code "*"} any value, {@code "-"} absent; DE55 {@code arpc}: tag 91
     *                   is the issuer's ARPC for the request (the card accepts it), {@code no-arpc}: it is not
     * @param save       name to field: remember a response value for later steps
     * @param noResponse the bank must not answer this request
     * @param connection which terminal connection sends it (1 unless set)
     */
    public record Step(String note, Map<String, String> send, Map<String, String> expect, Map<String, String> save,
                       @JsonProperty("noResponse") Boolean noResponse, Integer connection) {
    }

    public record Balance(Long balance, Long available) {
    }

    /**
     * The newest journal entry with this STAN and type must be in this state.
     *
     * @param related how many transactions it is linked with (original, voids, reversals...), if given
     */
    public record JournalEntry(String stan, String type, String state, String responseCode, Integer related) {
    }
}
