package io.acqsim.core.chip;

import java.util.HexFormat;
import java.util.List;

/**
 * What a rule does to a chip response's DE55 (PROTOCOL.md §8): send the ARPC in tag 91 as it
 * should be, omit it, or corrupt it (the card then declines at its second GENERATE AC and the
 * terminal owes a reversal), and add issuer scripts.
 *
 * @param arpc    what happens to tag 91
 * @param scripts issuer script templates (71 before, 72 after the second GENERATE AC) to add
 */
public record ChipAction(Arpc arpc, List<IssuerScript> scripts) {
    /** Nothing changed: tag 91 as computed, no scripts. */
    public static final ChipAction NONE = new ChipAction(Arpc.SEND, List.of());

    public ChipAction {
        arpc = arpc == null ? Arpc.SEND : arpc;
        scripts = scripts == null ? List.of() : List.copyOf(scripts);
    }

    /** Tag 91 handling. */
    public enum Arpc {
        SEND, OMIT, CORRUPT;

        /** Whether the card will refuse the host's answer. */
        public boolean spoils() {
            return this != SEND;
        }
    }

    public boolean isNone() {
        return arpc == Arpc.SEND && scripts.isEmpty();
    }

    /**
     * One issuer script: template 71 or 72, a 4-byte script identifier (9F18) and its commands (86).
     * Without commands it carries APPLICATION UNBLOCK ({@code 84 18 00 00 04} and a zero MAC): the
     * card rejects its MAC, which is what a terminal must then report, not a key the host holds.
     */
    public record IssuerScript(int template, byte[] id, List<byte[]> commands) {
        public static final byte[] DEFAULT_COMMAND = HexFormat.of().parseHex("841800000400000000");

        public IssuerScript {
            if (template != 0x71 && template != 0x72) {
                throw new IllegalArgumentException("an issuer script template is 71 or 72, got " + Integer.toHexString(template));
            }
            id = id == null ? new byte[] {0, 0, 0, 1} : id.clone();
            commands = commands == null || commands.isEmpty() ? List.of(DEFAULT_COMMAND) : List.copyOf(commands);
        }

        public String describe() {
            return Integer.toHexString(template) + " (" + commands.size() + " command" + (commands.size() == 1 ? "" : "s") + ")";
        }
    }

    /** For logs and {@code GET /rules}. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        if (arpc != Arpc.SEND) {
            sb.append(arpc == Arpc.OMIT ? "omit ARPC" : "corrupt ARPC");
        }
        for (IssuerScript s : scripts) {
            sb.append(sb.isEmpty() ? "" : ", ").append("issuer script ").append(s.describe());
        }
        return sb.toString();
    }
}
