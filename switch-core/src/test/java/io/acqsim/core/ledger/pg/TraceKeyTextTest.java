package io.acqsim.core.ledger.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.core.reversal.CupTraceKey;
import io.acqsim.core.reversal.IsoTraceKey;
import io.acqsim.core.reversal.TraceKey;
import org.junit.jupiter.api.Test;

/** Trace keys as the database stores them: equal keys give equal text, and the text gives the key back. */
class TraceKeyTextTest {
    @Test
    void isoAndCupKeysRoundTrip() {
        TraceKey iso = new IsoTraceKey("iso87-ascii", "TERM0001", "123456789012345", "000042");
        TraceKey cup = new CupTraceKey("TERM0001", "123456789012345", "000007", "000042");
        assertThat(TraceKeyText.parse(TraceKeyText.format(iso))).isEqualTo(iso);
        assertThat(TraceKeyText.parse(TraceKeyText.format(cup))).isEqualTo(cup);
        assertThat(TraceKeyText.format(iso)).isNotEqualTo(TraceKeyText.format(cup));
    }

    @Test
    void aMissingMerchantIsNotAnEmptyOne() {
        TraceKey none = new IsoTraceKey("iso87-ascii", "TERM0001", null, "000042");
        TraceKey empty = new IsoTraceKey("iso87-ascii", "TERM0001", "", "000042");
        assertThat(TraceKeyText.format(none)).isNotEqualTo(TraceKeyText.format(empty));
        assertThat(TraceKeyText.parse(TraceKeyText.format(none))).isEqualTo(none);
    }

    @Test
    void theSameStanFromAnotherDialectIsAnotherKey() {
        assertThat(TraceKeyText.format(new IsoTraceKey("iso87-ascii", "T", "M", "000001")))
                .isNotEqualTo(TraceKeyText.format(new IsoTraceKey("iso87-binary", "T", "M", "000001")));
        assertThat(TraceKeyText.format(null)).isNull();
    }
}
