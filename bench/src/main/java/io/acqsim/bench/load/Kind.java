package io.acqsim.bench.load;

/** The kinds of request the load generator sends, each with its own latency histogram. */
public enum Kind {
    /** 0200 purchase with a random amount. */
    SALE("sale"),
    /** 0100 pre-authorization: places a hold. */
    AUTH("auth"),
    /** Void of an approved sale this terminal sent earlier. */
    VOID("void"),
    /** 0400 reversal of an approved sale or pre-authorization this terminal sent earlier. */
    REVERSAL("reversal"),
    /** The same reversal again (0401 in ISO, 0400 again in CUP): must be answered as the first was. */
    REPEAT("repeat"),
    /**
     * A chip sale: 0200 of {@link io.acqsim.bench.wire.Requests#CHIP_AMOUNT} with DE55 carrying an
     * ARQC under the shipped test IMK-AC, which the host verifies and answers with an ARPC.
     */
    CHIP("chip"),
    /** A sale of 9100.01, whose response the host drops on purpose: the terminal reverses it. */
    LOST("lost"),
    /** The reversal a terminal sends for a request that got no answer (lost or timed out). */
    RECOVERY("recovery");

    private final String label;

    Kind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Kind byLabel(String label) {
        for (Kind k : values()) {
            if (k.label.equals(label) && k != RECOVERY) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown transaction type '" + label
                + "' (known: sale, chip, auth, void, reversal, repeat, lost)");
    }
}
