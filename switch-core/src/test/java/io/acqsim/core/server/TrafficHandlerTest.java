package io.acqsim.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.CodecException;
import io.acqsim.codec.layout.Encoding;
import io.acqsim.codec.layout.FieldKind;
import io.acqsim.codec.layout.FieldSpec;
import io.acqsim.codec.layout.Layout;
import io.acqsim.codec.layout.LengthType;
import io.acqsim.codec.layout.MessageBuilder;
import io.acqsim.codec.layout.MessageView;
import io.acqsim.core.metrics.AcqsimMetrics;
import io.acqsim.core.testing.PrometheusText;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** The traffic handler alone, in an {@link EmbeddedChannel}: what it counts and how it pairs responses. */
class TrafficHandlerTest {
    private final AcqsimMetrics metrics = new AcqsimMetrics();
    private final EmbeddedChannel channel = new EmbeddedChannel(
            new TrafficHandler("test", "iso87-binary", metrics.dialect("iso87-binary")));

    /** MTI, DE11 and a DE39 of any length (LL), so that odd codes can be sent too. */
    private static final Layout LAYOUT = testLayout();

    private static Layout testLayout() {
        FieldSpec[] f = new FieldSpec[40];
        f[0] = new FieldSpec(0, FieldKind.NUMERIC, LengthType.FIXED, Encoding.ASCII, Encoding.NONE, 4, true, 0, false,
                "MTI", "test");
        f[1] = new FieldSpec(1, FieldKind.BITMAP, LengthType.FIXED, Encoding.BINARY, Encoding.NONE, 8, true, 0, false,
                "bitmap", "test");
        f[11] = new FieldSpec(11, FieldKind.NUMERIC, LengthType.FIXED, Encoding.ASCII, Encoding.NONE, 6, true, 0,
                false, "STAN", "test");
        f[39] = new FieldSpec(39, FieldKind.CHAR, LengthType.LL, Encoding.ASCII, Encoding.ASCII, 99, true, 0, false,
                "response code", "test");
        return new Layout("test", f);
    }

    private static MessageBuilder msg(String mti, String stan, String code) {
        return new MessageBuilder(LAYOUT, mti, null).set(11, stan).set(39, code);
    }

    private static MessageView request(String mti, String stan) {
        MessageBuilder m = msg(mti, stan, null);
        ByteBuf b = Unpooled.buffer();
        LAYOUT.write(m, b);
        try {
            return LAYOUT.decode(ByteBufUtil.getBytes(b), 0);
        } catch (CodecException e) {
            throw new AssertionError(e);
        } finally {
            b.release();
        }
    }

    private PrometheusText scrape() {
        return PrometheusText.parse(metrics.scrape());
    }

    @Test
    void aReversalReusingTheSaleStanIsPairedWithItsOwnResponse() {
        channel.writeInbound(request("0200", "000001"));
        channel.writeInbound(request("0400", "000001"));
        channel.writeOutbound(msg("0410", "000001", "00"));
        channel.writeOutbound(msg("0210", "000001", "00"));

        PrometheusText t = scrape();
        assertThat(t.value("acqsim_processing_latency_seconds_count", "dialect", "iso87-binary", "mti", "0400"))
                .isEqualTo(1);
        assertThat(t.value("acqsim_processing_latency_seconds_count", "dialect", "iso87-binary", "mti", "0200"))
                .isEqualTo(1);
        assertThat(t.value("acqsim_messages_out_total", "code", "00", "dialect", "iso87-binary", "mti", "0410"))
                .isEqualTo(1);
        channel.finishAndReleaseAll();
    }

    @Test
    void aResponseWithoutItsRequestIsCountedButNotTimed() {
        channel.writeOutbound(msg("0810", "000009", "00"));
        PrometheusText t = scrape();
        assertThat(t.value("acqsim_messages_out_total", "code", "00", "dialect", "iso87-binary", "mti", "0810"))
                .isEqualTo(1);
        assertThat(t.has("acqsim_processing_latency_seconds_count")).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void unknownMtisAndOddCodesCollapseIntoBoundedTags() {
        for (int i = 0; i < 50; i++) {
            channel.writeInbound(request(String.format("9%03d", i), "000001"));
            channel.writeOutbound(msg(String.format("9%03d", i), "000001", "Z" + i));
        }
        PrometheusText t = scrape();
        assertThat(t.value("acqsim_messages_in_total", "dialect", "iso87-binary", "mti", "other")).isEqualTo(50);
        assertThat(t.value("acqsim_messages_out_total", "code", "other", "dialect", "iso87-binary", "mti", "other"))
                .isEqualTo(40);
        assertThat(t.samples().stream().filter(s -> s.name().equals("acqsim_messages_out_total")).count())
                .isEqualTo(11); // "Z0".."Z9" are two-character codes, kept; the 40 longer ones are one "other"
        channel.finishAndReleaseAll();
    }

    @Test
    void connectionsAreCountedOpenUntilClosedAndRawFaultFramesCountAsOther() {
        PrometheusText open = scrape();
        assertThat(open.value("acqsim_connections_open", "dialect", "iso87-binary")).isEqualTo(1);
        channel.writeOutbound(Unpooled.wrappedBuffer(new byte[] {0, 2, 1, 2}));
        channel.close();
        PrometheusText closed = scrape();
        assertThat(closed.value("acqsim_connections_open", "dialect", "iso87-binary")).isZero();
        assertThat(closed.value("acqsim_connections_accepted_total", "dialect", "iso87-binary")).isEqualTo(1);
        assertThat(closed.value("acqsim_messages_out_total", "code", "none", "dialect", "iso87-binary",
                "mti", "other")).isEqualTo(1);
        channel.finishAndReleaseAll();
    }

    @Test
    void anUnansweredRequestIsForgottenAfterMaxPendingNewerOnes() {
        channel.writeInbound(request("0200", "000001"));
        for (int i = 0; i < TrafficHandler.MAX_PENDING; i++) {
            channel.writeInbound(request("0100", String.format("%06d", i + 2)));
        }
        channel.writeOutbound(msg("0210", "000001", "00"));
        assertThat(scrape().has("acqsim_processing_latency_seconds_count")).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void responseMtiFollowsTheFunctionDigit() {
        assertThat(TrafficHandler.responseMti("0200")).isEqualTo("0210");
        assertThat(TrafficHandler.responseMti("0401")).isEqualTo("0410");
        assertThat(TrafficHandler.responseMti("0421")).isEqualTo("0430");
        assertThat(TrafficHandler.responseMti("0220")).isEqualTo("0230");
        assertThat(TrafficHandler.responseMti("0210")).isNull();
        assertThat(TrafficHandler.responseMti("02")).isNull();
    }
}
