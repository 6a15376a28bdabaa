package io.acqsim.core.ledger;

import io.acqsim.core.reversal.TraceKey;
import io.acqsim.core.routing.TxType;

/**
 * The ledger as one unit of work sees it (see {@link LedgerStore#apply}): look-ups, then money
 * movements over the {@link Transaction} and {@link Account} handles the look-ups returned. Valid
 * only inside the unit it was handed to.
 *
 * <p>The contract every store keeps, and every flow relies on:
 * <ul>
 *   <li><b>Look-ups first.</b> A unit does all its look-ups ({@link #account}, {@link #byKey},
 *       {@link #byRrn}, ...) before its first change ({@link #record} and everything after it).
 *       A store may abort and re-run the unit at any look-up, with nothing applied.</li>
 *   <li><b>All or nothing.</b> Each posting method checks everything first (the transitions with
 *       {@link TxState#canBecome}, the money range with {@link Money}) and only then changes
 *       balances, holds, states, links and indexes. A posting whose money would leave the range
 *       declines the message {@link Money#OUT_OF_RANGE} instead, with no effect.</li>
 *   <li><b>One outcome per recorded message.</b> After {@link #record}, exactly one of
 *       {@link #decline}, {@link #approve}, the {@code post*} methods, {@link #reverse},
 *       {@link #reverseNothing} or {@link #tombstone} decides it.</li>
 *   <li><b>The deciding call is the unit's last change.</b> A unit that fails after {@link #record}
 *       has its rows taken out again, but a store does not undo money a posting already moved: so
 *       nothing that can fail (a check, a parse) comes after the posting. Every flow returns the
 *       posting's outcome directly.</li>
 * </ul>
 */
public interface Book {
    // ---- look-ups ----

    /** The account for a PAN (auto-created when configured), or null when unknown. */
    Account account(String pan);

    /** The latest original (or tombstone) a terminal named by this key, or null. */
    Transaction byKey(TraceKey key);

    /** The first approved reversal of the original with this key, or null. */
    Transaction reversalOf(TraceKey key);

    /** The original with this retrieval reference number (the host's or its own), or null. */
    Transaction byRrn(String rrn);

    /** The approved authorization of this card with this approval code, or null. */
    Transaction byAuthCode(String pan, String authCode);

    /** Whether the batch a transaction belongs to has been settled. */
    boolean isSettled(Transaction t);

    /** The batch a new message of a terminal belongs to: the terminal's own (CUP), or the host's implicit one. */
    String batchFor(String dialect, String terminal, String merchant, String terminalBatch);

    /** Totals of a terminal's batch, as settlement compares them; kept as transactions change, never summed. */
    BatchTotals batchTotals(String dialect, String terminal, String merchant, String batch);

    // ---- journal entries ----

    /** Journals a message; one outcome method then decides it. {@code key} may be null. */
    Transaction record(TxType type, String mti, String dialect, String terminal, String merchant, String stan,
                       String batch, Account account, long amount, TraceKey key, String discriminator);

    /** Declines with a code; nothing is posted. The RRN is the request's, or a new one. */
    Transaction decline(Transaction t, String responseCode, String requestRrn);

    /** Approves with no ledger effect (sign-on, balance inquiry, settlement). */
    Transaction approve(Transaction t, String requestRrn);

    /** Makes an original findable by the key its terminal will name it by (reversal, duplicate, CUP void). */
    void indexOriginal(Transaction t);

    /** Links a journal entry (a late original, a duplicate, a refused reversal) to the one it was refused because of. */
    void relate(Transaction to, Transaction entry);

    // ---- originals ----

    /** Sale: debit if available, else {@code 51}. */
    Transaction postSale(Transaction t, String requestRrn);

    /** Pre-authorization: hold if available, else {@code 51}. */
    Transaction postAuth(Transaction t, String requestRrn);

    /** Completion: the authorization's hold is released and the completion amount debited. */
    Transaction postCompletion(Transaction completion, Transaction auth, String requestRrn);

    /** Pre-auth cancel: the authorization's hold is released. */
    Transaction postCancel(Transaction cancel, Transaction auth, String requestRrn);

    /** Void of a sale (or CUP completion void): the amount is credited back and the target VOIDED. */
    Transaction postVoid(Transaction v, Transaction target, String requestRrn);

    /** Refund: credit, counted against the target sale (if any) so refunds never exceed it. */
    Transaction postRefund(Transaction r, Transaction target, String requestRrn);

    // ---- reversals ----

    /**
     * Undoes {@code target} so that only {@code remaining} of it stays in effect (0 for a full
     * reversal). The caller has checked that the target is in a state a reversal can undo.
     */
    Transaction reverse(Transaction reversal, Transaction target, long remaining, String requestRrn);

    /** A reversal approved without anything to undo (its original was declined or had no effect). */
    Transaction reverseNothing(Transaction reversal, Transaction target, String requestRrn);

    /**
     * A reversal of an original the host never saw: answered with {@code responseCode}, and a
     * tombstone under the key so that a late original is refused and repeats are replayed.
     */
    Transaction tombstone(Transaction reversal, String responseCode, String requestRrn);

    /** Counts a replayed repeat of a reversal. */
    void repeated(Transaction reversal);

    // ---- settlement ----

    /** Closes a terminal's batch (after {@link #batchTotals}); an ISO implicit batch moves on to the next. */
    void settle(String dialect, String terminal, String merchant, String batch, boolean implicitBatch);

    /** Totals of a terminal's batch: debits are sales and completions in effect, credits approved refunds. */
    record BatchTotals(long debitAmount, int debitCount, long creditAmount, int creditCount) {
    }
}
