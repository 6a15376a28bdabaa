package io.acqsim.core.ledger;

import io.acqsim.core.reversal.TraceKey;
import org.agrona.collections.LongArrayList;

/**
 * What a journal row rarely needs and its columns do not hold: text that is not the usual number,
 * a request's own RRN, the key of a reversal, what acted on it. Kept beside the row (in its
 * stripe, by id) only when one of them is set, so that a plain sale costs no object at all.
 */
final class Extra {
    /** The STAN as sent, when it is not six digits. */
    String stan;
    /** DE7 as sent, when it is not a number of at most ten digits that fits an int. */
    String discriminator;
    /** The batch, when it is not six digits. */
    String batch;
    /** The MTI, when it is not four digits. */
    String mti;
    /** The RRN, when it is not the host's (the request's own DE37). */
    String rrn;
    /** The site, when the site table is full. */
    Site site;
    /** DE39, when the code table is full. */
    String responseCode;
    /** The key the terminal names this transaction by, when it is not made of the row's own fields. */
    TraceKey key;
    /** Sum of approved refunds against this sale or completion. */
    long refunded;
    /** How many repeats of this reversal were replayed. */
    int repeats;
    /** Ids of the voids, reversals, completions, refunds and cancels that acted on it, oldest first. */
    LongArrayList related;
}
