package io.acqsim.core.flow;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.mac.CupEcbMac;
import io.acqsim.codec.mac.MacAlgorithm;
import io.acqsim.codec.mac.WorkingKeys;
import io.acqsim.codec.mac.X919Mac;
import io.acqsim.core.config.MacConfig;
import java.util.Arrays;
import java.util.HexFormat;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * CUP message authentication: with {@code mac.enabled}, every request but network management
 * must carry a DE64 that verifies (else {@code A0}), and every response but 0810 gets one. The
 * MAC covers the message from the MTI to the byte before DE64, as packed. Sign-on responses
 * carry the working keys in DE62 whether or not MACs are checked.
 */
final class MacGuard {
    private static final int MAC_LENGTH = 8;

    private final Dialect dialect;
    private final boolean enabled;
    private final MacAlgorithm algorithm;
    private final byte[] mak;
    private final byte[] signOnKeys;

    MacGuard(Dialect dialect, MacConfig config) {
        HexFormat hex = HexFormat.of();
        this.dialect = dialect;
        this.enabled = config.enabled() && dialect.isCup();
        this.algorithm = "x919".equals(config.algorithm()) ? X919Mac.INSTANCE : CupEcbMac.INSTANCE;
        this.mak = hex.parseHex(config.mak());
        this.signOnKeys = WorkingKeys.signOnField(hex.parseHex(config.tmk()), hex.parseHex(config.pik()), mak);
    }

    /** Whether this request must carry a valid MAC and does not. */
    boolean rejects(ISOMsg request) {
        if (!enabled || isNetwork(request)) {
            return false;
        }
        byte[] given = request.getBytes(64);
        return given == null || !algorithm.verify(mak, macData(request), given);
    }

    /** Sets DE64 on a response (CUP, MACs on, not network management). */
    void sign(ISOMsg response) {
        if (!enabled || isNetwork(response)) {
            return;
        }
        response.set(64, new byte[MAC_LENGTH]);
        response.set(64, algorithm.mac(mak, macData(response)));
    }

    /** DE62 for a CUP sign-on response: PIK and MAK under the TMK, with check values. */
    byte[] signOnKeys() {
        return signOnKeys.clone();
    }

    /** The packed message without its trailing 8-byte DE64: what the MAC covers. */
    private byte[] macData(ISOMsg m) {
        try {
            ISOMsg copy = (ISOMsg) m.clone();
            if (!copy.hasField(64)) {
                copy.set(64, new byte[MAC_LENGTH]);
            }
            copy.recalcBitMap();
            byte[] packed = dialect.packager().pack(copy);
            return Arrays.copyOf(packed, packed.length - MAC_LENGTH);
        } catch (ISOException e) {
            throw new IllegalArgumentException("cannot pack the message for its MAC: " + e.getMessage(), e);
        }
    }

    private static boolean isNetwork(ISOMsg m) {
        String mti = m.getString(0);
        return mti != null && mti.startsWith("08");
    }
}
