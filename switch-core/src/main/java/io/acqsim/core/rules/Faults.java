package io.acqsim.core.rules;

import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialect;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Arrays;
import org.jpos.iso.ISOMsg;

/** The spoiled responses of scripted faults. */
public final class Faults {
    /** Length of a garbage frame's body. */
    static final int GARBAGE_LENGTH = 24;
    private static final byte[] GARBAGE_BODY = garbageBody();

    private Faults() {
    }

    /**
     * A copy of the response whose DE64 cannot verify: every bit of an existing MAC flipped, or,
     * when the response has none, a DE64 of eight 0xFF bytes added.
     */
    public static IsoFrame corruptMac(IsoFrame response) {
        ISOMsg m = (ISOMsg) response.msg().clone();
        byte[] mac = m.hasField(64) ? m.getBytes(64) : null;
        byte[] bad = new byte[8];
        for (int i = 0; i < bad.length; i++) {
            bad[i] = (byte) ~(mac != null && i < mac.length ? mac[i] : 0);
        }
        m.set(64, bad);
        return response.with(m);
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
