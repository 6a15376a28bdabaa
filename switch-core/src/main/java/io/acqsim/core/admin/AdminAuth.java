package io.acqsim.core.admin;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * With {@code admin.token} set, checks each request's {@code Authorization: Bearer <token>} as soon
 * as its headers are in, before its body is read: a request without the right one is answered
 * {@code 401} and its connection closed, so an anonymous client cannot make the API wait for a body.
 * Calls to open routes (the dashboard's static files) pass without a token.
 */
@ChannelHandler.Sharable
final class AdminAuth extends ChannelInboundHandlerAdapter {
    private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf(AdminAuth.class, "refused");

    private final byte[] expected;
    private final AdminRoutes routes;

    AdminAuth(String token, AdminRoutes routes) {
        this.expected = token == null || token.isEmpty() ? null
                : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.routes = routes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (ctx.channel().hasAttr(REFUSED)) {
            ReferenceCountUtil.release(msg); // the rest of a refused request
            return;
        }
        if (expected != null && msg instanceof HttpRequest req && req.decoderResult().isSuccess()
                && !authorized(req) && !open(req)) {
            ReferenceCountUtil.release(msg);
            ctx.channel().attr(REFUSED).set(Boolean.TRUE);
            FullHttpResponse denied = AdminHttp.error(401, "missing or wrong bearer token");
            denied.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
            ctx.writeAndFlush(denied).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private boolean authorized(HttpRequest req) {
        String given = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        return given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8));
    }

    private boolean open(HttpRequest req) {
        try {
            return routes.isOpen(req.method().name(), AdminHttp.target(req.uri()).getPath());
        } catch (HttpError malformed) {
            return false;
        }
    }
}
