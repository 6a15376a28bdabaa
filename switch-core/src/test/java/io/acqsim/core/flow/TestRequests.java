package io.acqsim.core.flow;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.core.routing.TxType;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/** Routed requests made outside a processor, for tests of the parts a processor calls (no envelope dialects). */
public final class TestRequests {
    private TestRequests() {
    }

    /** {@code msg} packed by the dialect's packager, read back as the hot path reads it, routed as {@code type}. */
    public static Request of(Dialect dialect, ISOMsg msg, TxType type) {
        try {
            ISOMsg copy = (ISOMsg) msg.clone();
            copy.setPackager(dialect.packager());
            return new Request(dialect, dialect.read(copy.pack()), type);
        } catch (ISOException | io.acqsim.codec.CodecException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
