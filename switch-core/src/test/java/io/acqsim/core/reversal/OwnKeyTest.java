package io.acqsim.core.reversal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.codec.layout.MessageBuilder;
import io.acqsim.codec.layout.MessageView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A message's own key is built from the STAN's number and shared terminal and merchant ids, and
 * must equal the key built from their text, as every key was before.
 */
class OwnKeyTest {
    static Iterable<Dialect> dialects() {
        return Dialects.all();
    }

    private static MessageView sale(Dialect d, String stan, String de60) throws Exception {
        MessageBuilder m = d.message(d.is1993() ? "1200" : "0200", null).set(3, "000000").set(11, stan)
                .set(41, "TERM0042").set(42, "MERCHANT0000042");
        if (de60 != null) {
            m.set(60, de60);
        }
        ByteBuf frame = d.write(m, UnpooledByteBufAllocator.DEFAULT);
        byte[] body = ByteBufUtil.getBytes(frame, d.lengthHeader().size(),
                frame.readableBytes() - d.lengthHeader().size());
        frame.release();
        return d.read(body);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void theOwnKeyEqualsTheKeyMadeFromTheFieldsText(Dialect d) throws Exception {
        KeyRules keys = KeyRules.of(d);
        MessageView first = sale(d, "000123", d.isCup() ? "22000001000" : null);
        MessageView second = sale(d, "000124", d.isCup() ? "22000001000" : null);
        TraceKey expected = d.isCup() ? new CupTraceKey("TERM0042", "MERCHANT0000042", "000001", "000123")
                : new IsoTraceKey(d.name(), "TERM0042", "MERCHANT0000042", "000123");

        TraceKey key = keys.own(first);
        assertThat(key).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(key.stan()).isEqualTo("000123");
        assertThat(key.terminal()).isSameAs(keys.own(second).terminal());
        assertThat(keys.own(second)).isNotEqualTo(key);
        assertThat(keys.reversalTarget(first)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void aCupDe60TooShortForItsBatchIsStillAFormatErrorNamingTheSubField(Dialect d) throws Exception {
        if (!d.isCup()) {
            return;
        }
        KeyRules keys = KeyRules.of(d);
        assertThat(keys.batch(sale(d, "000001", "22000007000"))).isEqualTo("000007");
        MessageView shortDe60 = sale(d, "000001", "2200");
        assertThatThrownBy(() -> keys.own(shortDe60)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DE60.2 (batch number) is missing");
    }
}
