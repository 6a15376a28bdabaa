package io.acqsim.core.scenario;

import io.acqsim.codec.IsoFrame;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.HexFormat;
import org.jpos.iso.BaseChannel;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.channel.ASCIIChannel;
import org.jpos.iso.channel.NACChannel;
import org.jpos.iso.channel.PostChannel;
import org.jpos.iso.channel.RawChannel;
import org.jpos.iso.packager.GenericPackager;
import org.jpos.iso.packager.ISO87APackager;
import org.jpos.iso.packager.ISO87BPackager;
import org.jpos.iso.packager.ISO93APackager;

/** A scenario terminal that is a real jPOS channel with jPOS's own packager: what a jPOS user runs. */
final class JposTerminal implements ScenarioTerminal {
    private final BaseChannel channel;

    private JposTerminal(BaseChannel channel) {
        this.channel = channel;
    }

    static JposTerminal open(JposScenario.Jpos spec, int port, Duration timeout) throws IOException, ISOException {
        ISOPackager packager = packager(spec.packager());
        byte[] header = spec.header() == null ? null : HexFormat.of().parseHex(spec.header());
        BaseChannel c = switch (spec.channel()) {
            case "ascii" -> new ASCIIChannel("127.0.0.1", port, packager);
            case "post" -> new PostChannel("127.0.0.1", port, packager);
            case "raw" -> new RawChannel("127.0.0.1", port, packager, header);
            case "nac" -> new NACChannel("127.0.0.1", port, packager, header);
            default -> throw new IllegalArgumentException("unknown jPOS channel '" + spec.channel() + "'");
        };
        c.setTimeout((int) timeout.toMillis());
        c.connect();
        return new JposTerminal(c);
    }

    private static ISOPackager packager(String name) throws IOException, ISOException {
        switch (name) {
            case "ISO93APackager":
                return new ISO93APackager();
            case "ISO87APackager":
                return new ISO87APackager();
            case "ISO87BPackager":
                return new ISO87BPackager();
            default:
                try (InputStream in = JposTerminal.class.getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IllegalArgumentException("no packager resource " + name);
                    }
                    return new GenericPackager(in);
                }
        }
    }

    @Override
    public void send(IsoFrame request) throws IOException {
        try {
            channel.send(request.msg());
        } catch (ISOException e) {
            throw new IOException("jPOS cannot send: " + e.getMessage(), e);
        }
    }

    @Override
    public ISOMsg receive() throws IOException {
        try {
            return channel.receive();
        } catch (InterruptedIOException e) {
            throw new SocketTimeoutException("no response: " + e.getMessage());
        } catch (ISOException e) {
            throw new IOException("jPOS cannot unpack the response: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.disconnect();
    }
}
