package io.acqsim.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A hand-driven HTTP connection for tests that misbehave on purpose: partial requests, trickles, stalls. */
public final class RawHttp implements AutoCloseable {
    private final Socket socket = new Socket();
    private final OutputStream out;

    public RawHttp(int port, Duration readTimeout) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout((int) readTimeout.toMillis());
        out = socket.getOutputStream();
    }

    public RawHttp send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return this;
    }

    /**
     * Everything the server sends until it closes the connection (a reset counts as a close); a
     * {@link java.net.SocketTimeoutException} if it neither answers nor closes within the read timeout.
     */
    public String readUntilClosed() throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                got.write(buf, 0, n);
            }
        } catch (SocketException reset) {
            // the server closed with bytes of ours unread
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    /** The status code of an HTTP response text. */
    public static int status(String response) {
        if (!response.startsWith("HTTP/1.1 ")) {
            throw new AssertionError("not an HTTP response: '" + response + "'");
        }
        return Integer.parseInt(response.substring(9, 12));
    }

    /** The body of an HTTP response text. */
    public static String body(String response) {
        int i = response.indexOf("\r\n\r\n");
        return i < 0 ? "" : response.substring(i + 4);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
