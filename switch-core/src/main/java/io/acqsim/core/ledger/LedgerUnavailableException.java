package io.acqsim.core.ledger;

/**
 * A unit of work a {@link LedgerStore} could not apply because the store itself failed (a database
 * that went away), as opposed to the unit's own error. {@link #outcomeUnknown()} tells the two
 * cases a caller must answer differently:
 * <ul>
 *   <li>false: nothing of the unit was applied; the caller answers {@code 96} (system malfunction);</li>
 *   <li>true: the commit was sent and its answer lost, so the unit may or may not be applied; the
 *       caller sends no response at all, as if the response was lost on the way, and the terminal
 *       reverses (which finds the original if it was applied, and leaves a tombstone if not).</li>
 * </ul>
 */
public final class LedgerUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean outcomeUnknown;

    public LedgerUnavailableException(String message, Throwable cause, boolean outcomeUnknown) {
        super(message, cause);
        this.outcomeUnknown = outcomeUnknown;
    }

    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
