package io.acqsim.core.testing;

import io.acqsim.codec.CodecException;
import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialect;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A plain blocking terminal for tests: a real TCP socket, the dialect's framing and codec, one
 * request at a time. Waits are bounded by the socket timeout, never by sleeping.
 */
public final class IsoClient implements AutoCloseable {
    private final Dialect dialect;
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    public IsoClient(Dialect dialect, int port) throws IOException {
        this(dialect, port, Duration.ofSeconds(10));
    }

    public IsoClient(Dialect dialect, int port, Duration timeout) throws IOException {
        this(dialect, connect(port), timeout);
    }

    /** A terminal over a socket the caller connected, e.g. a {@link javax.net.ssl.SSLSocket}. */
    public IsoClient(Dialect dialect, Socket connected, Duration timeout) throws IOException {
        this.dialect = dialect;
        this.socket = connected;
        socket.setSoTimeout((int) timeout.toMillis());
        socket.setTcpNoDelay(true);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return s;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Sends a request and waits for one response. */
    public IsoFrame exchange(IsoFrame request) throws IOException {
        send(request);
        return receive();
    }

    public void send(IsoFrame request) throws IOException {
        try {
            sendRaw(frame(dialect, dialect.encode(request)));
        } catch (CodecException e) {
            throw new IOException(e);
        }
    }

    /** Writes bytes as they are, length prefix included (or not). */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one response; {@link SocketTimeoutException} if none comes in time, {@link EOFException} if closed. */
    public IsoFrame receive() throws IOException {
        byte[] body = receiveBody();
        try {
            return dialect.decode(body);
        } catch (CodecException e) {
            throw new IOException("response does not decode: " + e.getMessage(), e);
        }
    }

    /** Reads one frame body without decoding it. */
    public byte[] receiveBody() throws IOException {
        int size = dialect.lengthHeader().size();
        byte[] prefix = new byte[size];
        in.readFully(prefix);
        ByteBuf b = Unpooled.wrappedBuffer(prefix);
        int length = dialect.framing().bodyLength(dialect.lengthHeader().read(b, 0));
        b.release();
        byte[] body = new byte[length];
        in.readFully(body);
        return body;
    }

    /** True when the server closed the connection (read returns end of stream within the timeout). */
    public boolean closedByPeer() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** The body with the dialect's length prefix in front. */
    public static byte[] frame(Dialect dialect, byte[] body) {
        ByteBuf b = Unpooled.buffer();
        try {
            dialect.lengthHeader().write(b, dialect.framing().prefixValue(body.length));
            b.writeBytes(body);
            byte[] out = new byte[b.readableBytes()];
            b.readBytes(out);
            return out;
        } finally {
            b.release();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
