package io.acqsim.core.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.codec.layout.MessageBuilder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The echo test each dialect's link sends, encoded and decoded by the dialect itself. */
class EchoMessagesTest {
    private static final LocalDateTime NOW = LocalDateTime.of(2026, 3, 1, 10, 0, 5);

    /** What jPOS reads from the frame the layout engine writes (length prefix taken off). */
    private static IsoFrame jpos(Dialect d, MessageBuilder m) throws Exception {
        ByteBuf b = d.write(m, UnpooledByteBufAllocator.DEFAULT);
        try {
            b.skipBytes(d.lengthHeader().size());
            return d.decode(ByteBufUtil.getBytes(b));
        } finally {
            b.release();
        }
    }

    @Test
    void cupEchoIs0800WithNetworkCode301() throws Exception {
        var cup = Dialects.byName("cup-pos");
        IsoFrame f = jpos(cup, EchoMessages.echo(cup, "000042", NOW));
        assertThat(f.msg().getMTI()).isEqualTo("0800");
        assertThat(f.msg().getString(60)).isEqualTo("00000000301");
        assertThat(f.msg().getString(11)).isEqualTo("000042");
        assertThat(f.msg().getString(7)).isEqualTo("0301100005");
        assertThat(f.header()).isNotNull();
        assertThat(f.tpdu()).isNotNull();
    }

    @Test
    void iso87EchoIs0800WithDe70301() throws Exception {
        var bin = Dialects.byName("iso87-binary");
        IsoFrame f = jpos(bin, EchoMessages.echo(bin, "000001", NOW));
        assertThat(f.msg().getMTI()).isEqualTo("0800");
        assertThat(f.msg().getString(70)).isEqualTo("301");
        assertThat(f.msg().hasField(60)).isFalse();
    }

    @Test
    void iso93EchoIs1804WithFunctionCode831() throws Exception {
        var v93 = Dialects.byName("iso93-ascii");
        IsoFrame f = jpos(v93, EchoMessages.echo(v93, "000007", NOW));
        assertThat(f.msg().getMTI()).isEqualTo("1804");
        assertThat(f.msg().getString(24)).isEqualTo("831");
        assertThat(f.msg().getString(11)).isEqualTo("000007");
        assertThat(f.msg().hasField(70)).isFalse();
    }

    @Test
    void responsesAreTellableFromRequests() {
        assertThat(EchoMessages.isResponse("0810")).isTrue();
        assertThat(EchoMessages.isResponse("0210")).isTrue();
        assertThat(EchoMessages.isResponse("1814")).isTrue();
        assertThat(EchoMessages.isResponse("0800")).isFalse();
        assertThat(EchoMessages.isResponse("0200")).isFalse();
        assertThat(EchoMessages.isResponse("0420")).isFalse();
    }
}
