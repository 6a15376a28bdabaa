package io.acqsim.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.codec.field.Masking;
import io.acqsim.codec.layout.IsoFields;
import io.acqsim.codec.layout.MessageBuilder;
import io.acqsim.codec.layout.MessageView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A transaction-log line is built by appending each field where it lies; it must read exactly as
 * the line built from each field's String did.
 */
class TransactionLogLineTest {
    static Iterable<Dialect> dialects() {
        return Dialects.all();
    }

    /** The line as it was built before: a String per field. */
    private static String reference(String direction, IsoFields m, long elapsed) {
        String de4 = m.string(4);
        String amount = "-";
        if (de4 != null) {
            int i = 0;
            while (i < de4.length() - 1 && de4.charAt(i) == '0') {
                i++;
            }
            amount = de4.substring(i);
        }
        String pan = m.string(2);
        if (pan == null && m.has(35)) {
            String track = m.string(35);
            int sep = 0;
            while (sep < track.length() && Character.isDigit(track.charAt(sep))) {
                sep++;
            }
            pan = track.substring(0, sep);
        }
        StringBuilder sb = new StringBuilder().append(direction).append(" c/1 d ").append(dash(m.mti()))
                .append(" pc=").append(dash(m.string(3))).append(" stan=").append(dash(m.string(11)))
                .append(" tid=").append(dash(m.string(41))).append(" amt=").append(amount)
                .append(" rc=").append(m.has(39) ? m.string(39) : "--").append(" pan=").append(dash(Masking.pan(pan)));
        if (elapsed >= 0) {
            sb.append(' ').append(String.format("%d.%03dms", elapsed / 1_000_000, elapsed / 1000 % 1000));
        }
        return sb.toString();
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    private static MessageView read(Dialect d, MessageBuilder m) throws Exception {
        ByteBuf frame = d.write(m, UnpooledByteBufAllocator.DEFAULT);
        byte[] body = ByteBufUtil.getBytes(frame, d.lengthHeader().size(), frame.readableBytes() - d.lengthHeader().size());
        frame.release();
        return d.read(body);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void linesReadAsTheyDidWithAStringPerField(Dialect d) throws Exception {
        String request = d.is1993() ? "1200" : "0200";
        MessageView sale = read(d, d.message(request, null).set(2, "6225880123456789").set(3, "000000")
                .set(4, "000000001050").set(11, "000042").set(41, "TERM0001"));
        MessageView zero = read(d, d.message(request, null).set(4, "000000000000").set(2, "12345"));
        MessageView bare = read(d, d.message(d.is1993() ? "1800" : "0800", null).set(11, "000001"));
        MessageBuilder answer = d.message(d.is1993() ? "1210" : "0210", sale).echo(2, 3, 4, 11, 41).set(39, "00");
        MessageBuilder noCode = d.message(d.is1993() ? "1810" : "0810", bare).echo(11);

        StringBuilder reused = new StringBuilder();
        for (IsoFields m : new IsoFields[] {sale, zero, bare, answer, noCode}) {
            assertThat(TransactionLog.line(reused, "in ", "c/1", "d", m, -1)).isEqualTo(reference("in ", m, -1));
            assertThat(TransactionLog.line(reused, "out", "c/1", "d", m, 12_345_678))
                    .isEqualTo(reference("out", m, 12_345_678));
        }
        assertThat(TransactionLog.line("in ", "c/1", "d", sale, -1)).contains("pan=622588******6789", "amt=1050");
    }
}
