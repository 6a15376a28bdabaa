package io.acqsim.testkit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One transaction of the host's journal, as {@code GET /transactions} shows it (PAN masked).
 *
 * @param type         SALE, AUTH, COMPLETION, VOID, REFUND, REVERSAL, ADVICE, SETTLEMENT, ...
 * @param state        APPROVED, DECLINED, VOIDED, REVERSED, COMPLETED, TOMBSTONE, ...
 * @param amount       minor units as requested
 * @param effective    minor units still in effect (after partial reversals), when the host reports it
 * @param related      ids of the transactions linked with it (its original, voids, reversals)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Transaction(long id, String type, String mti, String dialect, String terminal, String merchant,
                          String stan, String rrn, String authCode, long amount, Long effective,
                          String responseCode, String state, String time, String pan, String batch,
                          List<Long> related) {
}
