package io.acqsim.core.flow;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.layout.FieldRef;
import io.acqsim.codec.layout.FieldSpec;
import io.acqsim.codec.layout.IsoFields;
import io.acqsim.codec.layout.Layout;
import io.acqsim.codec.layout.MessageBuilder;
import io.acqsim.codec.layout.MessageView;
import io.acqsim.codec.mac.CupEcbMac;
import io.acqsim.codec.mac.MacAlgorithm;
import io.acqsim.codec.mac.WorkingKeys;
import io.acqsim.codec.mac.X919Mac;
import io.acqsim.core.chip.TerminalKeys;
import io.acqsim.core.config.MacConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Message authentication with {@code mac.enabled}: every request but network management must
 * carry a MAC that verifies, and every response but 0810 gets one. The MAC covers the message
 * from the MTI to the byte before the MAC field, as on the wire.
 * <ul>
 *   <li>CUP: DE64 under the configured MAK (CUP ECB or X9.19), a failure answers {@code A0};
 *       sign-on responses carry the working keys in DE62 whether or not MACs are checked.</li>
 *   <li>ISO dialects: an X9.19 MAC in DE64 (DE128 when the message has a secondary bitmap) under
 *       the terminal's TAK (from key exchange, else {@code keys.tak}); a failure answers {@code 63}.</li>
 * </ul>
 */
final class MacGuard {
    private static final int MAC_LENGTH = 8;

    private final Dialect dialect;
    private final boolean enabled;
    private final boolean cup;
    private final MacAlgorithm algorithm;
    private final byte[] mak;
    private final byte[] signOnKeys;
    private final TerminalKeys terminalKeys;
    /** Where the terminal id (whose TAK signs ISO messages) is read: DE41 unless {@code matching.terminal} says. */
    private final FieldRef terminal;

    MacGuard(Dialect dialect, MacConfig config, TerminalKeys terminalKeys, FieldRef terminal) {
        this.terminal = terminal;
        HexFormat hex = HexFormat.of();
        this.dialect = dialect;
        this.cup = dialect.isCup();
        this.enabled = config.enabled();
        this.algorithm = !cup || "x919".equals(config.algorithm()) ? X919Mac.INSTANCE : CupEcbMac.INSTANCE;
        this.mak = hex.parseHex(config.mak());
        this.signOnKeys = WorkingKeys.signOnField(hex.parseHex(config.tmk()), hex.parseHex(config.pik()), mak);
        this.terminalKeys = terminalKeys;
    }

    /** The answer to a request whose MAC is missing or wrong: {@code A0} on CUP, {@code 63} on ISO. */
    ResponseCode failureCode() {
        return cup ? ResponseCode.MAC_FAILURE : ResponseCode.SECURITY_VIOLATION;
    }

    /** Whether this request must carry a valid MAC and does not. */
    boolean rejects(MessageView request) {
        if (!enabled || isNetwork(request.mti())) {
            return false;
        }
        int field = macField(request);
        byte[] given = request.bytes(field);
        if (given == null || given.length != MAC_LENGTH) {
            return true;
        }
        // the MAC field is the message's last: it covers everything from the MTI to where the MAC starts
        byte[] data = Arrays.copyOfRange(request.frame(), request.messageStart(), request.wireStart(field));
        return !algorithm.verify(key(request), data, given);
    }

    /** Sets DE64 (or DE128) on a response (MACs on, not network management). */
    void sign(MessageBuilder response) {
        if (!enabled || isNetwork(response.mti())) {
            return;
        }
        int field = macField(response);
        response.set(field, new byte[MAC_LENGTH]);
        Layout layout = dialect.layout();
        FieldSpec spec = layout.field(field);
        ByteBuf packed = Unpooled.buffer(layout.encodedLength(response));
        try {
            layout.write(response, packed);
            byte[] data = new byte[packed.readableBytes() - spec.prefixBytes() - spec.contentBytes(MAC_LENGTH)];
            packed.getBytes(0, data);
            response.set(field, algorithm.mac(key(response), data));
        } finally {
            packed.release();
        }
    }

    /** DE62 for a CUP sign-on response: PIK and MAK under the TMK, with check values. */
    byte[] signOnKeys() {
        return signOnKeys.clone();
    }

    private byte[] key(IsoFields m) {
        return cup ? mak : terminalKeys.tak(terminalOf(m));
    }

    /** The terminal id of a request, or of the request a response answers. */
    private String terminalOf(IsoFields m) {
        if (!terminal.isSub()) {
            return m.string(terminal.field());
        }
        MessageView request = m instanceof MessageView v ? v : m instanceof MessageBuilder b ? b.source() : null;
        try {
            return request == null ? null : request.string(terminal);
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }

    /** DE64 on CUP and on ISO messages without fields above 64; DE128 on those with. */
    private int macField(IsoFields m) {
        if (cup) {
            return 64;
        }
        for (int f = 65; f <= 128; f++) {
            if (m.has(f)) {
                return 128;
            }
        }
        return 64;
    }

    private static boolean isNetwork(String mti) {
        return mti != null && mti.startsWith("08");
    }
}
