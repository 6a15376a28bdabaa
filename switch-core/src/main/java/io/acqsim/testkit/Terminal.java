package io.acqsim.testkit;

import io.acqsim.codec.CodecException;
import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.framing.LengthHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * A blocking terminal over one TCP connection, in a dialect's framing (jPOS packagers client side):
 * what {@code acqsim send}, {@code run} and {@code replay} talk through. Every wait is bounded by
 * the timeout; nothing sleeps.
 */
public final class Terminal implements AutoCloseable {
    private final Dialect dialect;
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    public Terminal(Dialect dialect, String host, int port, Duration timeout) throws IOException {
        this.dialect = dialect;
        this.socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), millis(timeout));
            socket.setSoTimeout(millis(timeout));
            socket.setTcpNoDelay(true);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    private static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }

    public Dialect dialect() {
        return dialect;
    }

    /** How long a receive waits from now on. */
    public void timeout(Duration timeout) throws IOException {
        socket.setSoTimeout(millis(timeout));
    }

    /** Encodes and sends one request with the dialect's length prefix. */
    public void send(IsoFrame request) throws IOException, CodecException {
        sendBody(dialect.encode(request));
    }

    /** Sends a frame body (everything after the length prefix) with the dialect's length prefix. */
    public void sendBody(byte[] body) throws IOException {
        ByteBuf b = Unpooled.buffer(dialect.lengthHeader().size() + body.length);
        try {
            dialect.lengthHeader().write(b, dialect.framing().prefixValue(body.length));
            b.writeBytes(body);
            out.write(b.array(), b.arrayOffset() + b.readerIndex(), b.readableBytes());
            out.flush();
        } finally {
            b.release();
        }
    }

    /** Sends and waits for the answer; the exceptions of {@link #send} and {@link #receive}. */
    public IsoFrame exchange(IsoFrame request) throws IOException, CodecException {
        send(request);
        return dialect.decode(receive());
    }

    /**
     * Reads one frame body. {@link java.net.SocketTimeoutException} when none comes within the
     * timeout, {@link java.io.EOFException} when the host closes the connection first.
     */
    public byte[] receive() throws IOException {
        byte[] prefix = new byte[dialect.lengthHeader().size()];
        in.readFully(prefix);
        ByteBuf b = Unpooled.wrappedBuffer(prefix);
        int length;
        try {
            length = dialect.framing().bodyLength(dialect.lengthHeader().read(b, 0));
        } finally {
            b.release();
        }
        if (length == LengthHeader.INVALID) {
            throw new IOException("the response's length prefix is not a length: "
                    + java.util.HexFormat.of().formatHex(prefix));
        }
        byte[] body = new byte[length];
        in.readFully(body);
        return body;
    }

    /**
     * A frame body if one has (begun to) come in already, else null at once: what a host that
     * says it sent nothing has sent anyway. Does not wait for anything not yet there.
     */
    public byte[] receiveIfArrived() throws IOException {
        return in.available() > 0 ? receive() : null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
