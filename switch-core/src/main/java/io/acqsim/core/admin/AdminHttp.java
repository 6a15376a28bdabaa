package io.acqsim.core.admin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The admin API's responses as Netty builds them: JSON errors, and raw ones for before the HTTP codec. */
final class AdminHttp {
    static final String JSON = "application/json";

    private AdminHttp() {
    }

    /** A complete response; {@code keepAlive} false adds {@code Connection: close}. */
    static FullHttpResponse response(int status, String contentType, byte[] body, boolean keepAlive) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (!keepAlive) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return r;
    }

    /** {@code {"error": message}} with the status, closing the connection after it. */
    static FullHttpResponse error(int status, String message) {
        return response(status, JSON, errorBody(message), false);
    }

    static byte[] errorBody(String message) {
        try {
            return Json.MAPPER.writeValueAsBytes(Map.of("error", message));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The same JSON error as bytes on the wire, for handlers in front of the HTTP codec (a refused
     * or timed-out connection that never had a complete request).
     */
    static ByteBuf rawError(ByteBufAllocator alloc, int status, String message) {
        byte[] body = errorBody(message);
        HttpResponseStatus s = HttpResponseStatus.valueOf(status);
        String head = "HTTP/1.1 " + s.code() + " " + s.reasonPhrase() + "\r\n"
                + "Content-Type: " + JSON + "\r\nCache-Control: no-store\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        ByteBuf buf = alloc.buffer(head.length() + body.length);
        buf.writeCharSequence(head, StandardCharsets.US_ASCII);
        buf.writeBytes(body);
        return buf;
    }

    /** The request target as a URI (origin form, or absolute form); a 400 when it is not one. */
    static URI target(String uri) {
        try {
            URI u = new URI(uri);
            if (u.getPath() == null || !u.getPath().startsWith("/")) {
                throw new HttpError(400, "request target must be a path starting with '/': '" + uri + "'");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new HttpError(400, "malformed request target: " + e.getMessage());
        }
    }
}
