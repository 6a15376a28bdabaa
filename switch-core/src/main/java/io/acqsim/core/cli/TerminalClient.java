package io.acqsim.core.cli;

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
 * A blocking terminal for one exchange at a time over a plain TCP socket, in a dialect's framing.
 * Every wait is bounded by the timeout given at connection.
 */
final class TerminalClient implements AutoCloseable {
    private final Dialect dialect;
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    TerminalClient(Dialect dialect, String host, int port, Duration timeout) throws IOException {
        this.dialect = dialect;
        this.socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
            socket.setTcpNoDelay(true);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Encodes and sends one request with the dialect's length prefix. */
    void send(IsoFrame request) throws IOException, CodecException {
        byte[] body = dialect.encode(request);
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

    /**
     * Reads one frame body. {@link java.net.SocketTimeoutException} when none comes within the
     * timeout, {@link java.io.EOFException} when the host closes the connection first.
     */
    byte[] receive() throws IOException {
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
            throw new IOException("the response's length prefix is not a length: " + java.util.HexFormat.of().formatHex(prefix));
        }
        byte[] body = new byte[length];
        in.readFully(body);
        return body;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
