package io.acqsim.testkit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A response the host withheld (a rule dropped it, closed the connection, sent garbage...) and
 * whether the terminal reversed the transaction afterwards: the reversal watch.
 *
 * @param status       WAITING, REVERSED, REVERSED_LATE or OVERDUE
 * @param reversals    how many reversals (0400/0401/0420/0421) arrived for it
 * @param reversalMtis their MTIs in order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WithheldResponse(long id, String status, String mti, String type, String stan, String batch,
                               String merchant, long amount, String fault, String rule, String withheldAt,
                               int reversals, int retries, List<String> reversalMtis, Long reversedAfterMs) {
}
