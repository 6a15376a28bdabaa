package io.acqsim.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.codec.dialect.Iso87Ascii;
import io.acqsim.core.testing.IsoClient;
import io.acqsim.core.testing.Messages;
import io.acqsim.core.testing.SharedServer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Undecodable frames and oversized length headers close one connection; the server carries on. */
class BadInputOverTcpTest {
    @RegisterExtension
    static final SharedServer acqsim = new SharedServer();

    static Stream<Dialect> dialects() {
        return Dialects.all().stream();
    }

    private static IsoClient client(Dialect d) throws Exception {
        return new IsoClient(d, acqsim.server().port(d.name()));
    }

    private static String signedOn(Dialect d) {
        return d.is1993() ? "800" : "00";
    }

    private static void nextConnectionStillWorks(Dialect d) throws Exception {
        try (IsoClient c = client(d)) {
            assertThat(c.exchange(Messages.signOn(d, 99)).msg().getString(39)).isEqualTo(signedOn(d));
        }
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void garbageFrameClosesOnlyThatConnection(Dialect d) throws Exception {
        try (IsoClient other = client(d); IsoClient bad = client(d)) {
            byte[] garbage = "\u00ff\u00feNOT ISO 8583 AT ALL".getBytes(StandardCharsets.ISO_8859_1);
            bad.sendRaw(IsoClient.frame(d, garbage));
            assertThat(bad.closedByPeer()).isTrue();
            assertThat(other.exchange(Messages.signOn(d, 1)).msg().getString(39)).isEqualTo(signedOn(d));
        }
        nextConnectionStillWorks(d);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void oversizedLengthHeaderClosesTheConnectionBeforeTheBodyArrives(Dialect d) throws Exception {
        try (IsoClient bad = client(d)) {
            // Only the prefix is sent: the server must not wait for 9000 bytes of body.
            byte[] prefix = d.lengthHeader().size() == 4 ? "9000".getBytes(StandardCharsets.US_ASCII)
                    : new byte[] {(byte) 0x23, (byte) 0x28};
            bad.sendRaw(prefix);
            assertThat(bad.closedByPeer()).isTrue();
        }
        nextConnectionStillWorks(d);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void frameBrokenAfterStanAndTerminalIsAnsweredFormatError30(Dialect d) throws Exception {
        IsoFrame sale = Messages.sale(d, "4111111111111111", 100, 55);
        byte[] body = d.encode(sale);
        // Drop the last 2 bytes: the final field (DE49 or DE60) can no longer be read, DE11 and DE41 can.
        byte[] truncated = Arrays.copyOf(body, body.length - 2);
        try (IsoClient c = client(d)) {
            c.sendRaw(IsoClient.frame(d, truncated));
            ISOMsg m = c.receive().msg();
            assertThat(m.getMTI()).isEqualTo(Messages.mti(d, "0210"));
            assertThat(m.getString(39)).isEqualTo(Messages.code(d, "30"));
            assertThat(m.getString(11)).isEqualTo("000055");
            assertThat(m.getString(41)).isEqualTo(Messages.TERMINAL);
            assertThat(m.hasField(38)).isFalse();
        }
        assertThat(acqsim.server().ledger().find("4111111111111111").orElseThrow().balance()).isEqualTo(1_000_000);
    }

    @Test
    void malformedAsciiLengthPrefixClosesTheConnection() throws Exception {
        Dialect d = Iso87Ascii.INSTANCE;
        try (IsoClient bad = client(d)) {
            bad.sendRaw("12X4".getBytes(StandardCharsets.US_ASCII));
            assertThat(bad.closedByPeer()).isTrue();
        }
        nextConnectionStillWorks(d);
    }

    @Test
    void unroutedMessageIsAnswered40() throws Exception {
        Dialect d = Iso87Ascii.INSTANCE;
        try (IsoClient c = client(d)) {
            IsoFrame f = Messages.sale(d, "4111111111111111", 100, 56);
            f.msg().set(3, "990000");
            assertThat(c.exchange(f).msg().getString(39)).isEqualTo("40");
        }
    }

    @Test
    void saleWithoutAmountIsAnswered30() throws Exception {
        Dialect d = Iso87Ascii.INSTANCE;
        try (IsoClient c = client(d)) {
            IsoFrame f = Messages.sale(d, "4111111111111111", 100, 57);
            f.msg().unset(4);
            ISOMsg m = c.exchange(f).msg();
            assertThat(m.getString(39)).isEqualTo("30");
            assertThat(m.hasField(38)).isFalse();
        }
    }
}
