package io.acqsim.core.link;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.framing.CupHeader;
import io.acqsim.codec.framing.Tpdu;
import io.acqsim.codec.layout.MessageBuilder;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The echo test a link sends, per dialect: ISO 1987 0800 with DE70 {@code 301}; CUP 0800 with
 * DE60.3 {@code 301}; ISO 1993 1804 with DE24 {@code 831}. Each carries DE7 and a STAN of the
 * link's own, which the answer (0810 / 1814) echoes.
 */
final class EchoMessages {
    private static final DateTimeFormatter MMDDHHMMSS = DateTimeFormatter.ofPattern("MMddHHmmss");
    /** The TPDU of a message the host originates: to NII 0000 from 0000. */
    private static final Tpdu TPDU = new Tpdu(0x60, 0x0000, 0x0000);
    /** A CUP header for host-originated messages: application type 60, version 31, the rest zero. */
    private static final CupHeader CUP_HEADER = CupHeader.ofHex("603100000000");

    private EchoMessages() {
    }

    static MessageBuilder echo(Dialect dialect, String stan, LocalDateTime now) {
        boolean v93 = dialect.is1993();
        MessageBuilder m = dialect.message(v93 ? "1804" : "0800", null);
        m.set(7, now.format(MMDDHHMMSS));
        m.set(11, stan);
        if (v93) {
            m.set(24, "831");
        } else if (dialect.hasCupHeader()) {
            m.set(60, "00000000301");
        } else {
            m.set(70, "301");
        }
        return m.envelope(envelope(dialect));
    }

    /** TPDU (to and from NII 0000), then the CUP header for host messages, or the dialect's own fixed header. */
    private static byte[] envelope(Dialect dialect) {
        byte[] envelope = new byte[dialect.envelopeLength()];
        int at = 0;
        if (dialect.hasTpdu()) {
            TPDU.write(envelope, 0);
            at = Tpdu.LENGTH;
        }
        byte[] header = dialect.hasCupHeader() ? CUP_HEADER.bytes() : dialect.framing().header();
        System.arraycopy(header, 0, envelope, at, Math.min(header.length, envelope.length - at));
        return envelope;
    }

    /** Whether an MTI is a response (0810, 0210, 1814, ...): a link answers requests, never responses. */
    static boolean isResponse(String mti) {
        return mti != null && mti.length() == 4 && (mti.charAt(2) - '0') % 2 == 1;
    }
}
