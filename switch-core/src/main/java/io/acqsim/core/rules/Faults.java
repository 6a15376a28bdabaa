package io.acqsim.core.rules;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.layout.MessageBuilder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Arrays;

/** The spoiled responses of scripted faults. */
public final class Faults {
    /** Length of a garbage frame's body. */
    static final int GARBAGE_LENGTH = 24;
    private static final byte[] GARBAGE_BODY = garbageBody();

    private Faults() {
    }

    /**
     * A copy of the response with a DE64 that cannot verify: every bit of an existing MAC flipped, or, when
     * the response has none, a DE64 of eight 0xFF bytes added.
     */
    public static MessageBuilder corruptMac(MessageBuilder response) {
        byte[] mac = response.bytes(64);
        byte[] bad = new byte[8];
        for (int i = 0; i < bad.length; i++) {
            bad[i] = (byte) ~(mac != null && i < mac.length ? mac[i] : 0);
        }
        return response.copy().set(64, bad);
    }

    /**
     * A frame with a valid length prefix whose body no dialect decodes: {@value #GARBAGE_LENGTH}
     * bytes of 0xFF, which can be neither a BCD nor an ASCII MTI.
     */
    public static ByteBuf garbage(Dialect dialect, ByteBufAllocator alloc) {
        ByteBuf b = alloc.buffer(dialect.lengthHeader().size() + GARBAGE_LENGTH);
        dialect.lengthHeader().write(b, dialect.framing().prefixValue(GARBAGE_LENGTH));
        b.writeBytes(GARBAGE_BODY);
        return b;
    }

    private static byte[] garbageBody() {
        byte[] body = new byte[GARBAGE_LENGTH];
        Arrays.fill(body, (byte) 0xFF);
        return body;
    }
}
