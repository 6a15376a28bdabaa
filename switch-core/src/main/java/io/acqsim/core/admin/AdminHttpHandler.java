package io.acqsim.core.admin;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last on an admin connection: routes each complete request to its {@link AdminHandler} on the
 * handler pool and writes the answer back on the connection's event loop. One request of a
 * connection at a time, in order (a pipelining client gets its answers in the order it asked).
 */
final class AdminHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    private static final int MAX_QUEUED = 16;

    private final AdminRoutes routes;
    private final Executor handlers;
    private final AdminDeadline deadline;
    private final ArrayDeque<FullHttpRequest> queued = new ArrayDeque<>();
    private boolean busy;

    /** What a call produced, ready to write. */
    private record Answer(int status, String contentType, byte[] body) {
    }

    AdminHttpHandler(AdminRoutes routes, Executor handlers, AdminDeadline deadline) {
        this.routes = routes;
        this.handlers = handlers;
        this.deadline = deadline;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (busy) {
            if (queued.size() >= MAX_QUEUED) {
                ctx.close();
                return;
            }
            queued.add(req.retain());
            return;
        }
        process(ctx, req);
    }

    private void process(ChannelHandlerContext ctx, FullHttpRequest req) {
        busy = true;
        deadline.requestComplete();
        DecoderResult decoded = req.decoderResult();
        if (decoded.isFailure()) {
            Throwable why = decoded.cause();
            int status = why instanceof TooLongHttpHeaderException ? 431
                    : why instanceof TooLongHttpLineException ? 414 : 400;
            write(ctx, new Answer(status, AdminHttp.JSON, AdminHttp.errorBody("bad HTTP request: " + why.getMessage())),
                    false);
            return;
        }
        String method = req.method().name();
        String uri = req.uri();
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        byte[] body = ByteBufUtil.getBytes(req.content());
        try {
            handlers.execute(() -> {
                Answer answer = call(method, uri, body);
                ctx.executor().execute(() -> write(ctx, answer, keepAlive));
            });
        } catch (RejectedExecutionException stopping) {
            ctx.close();
        }
    }

    private void write(ChannelHandlerContext ctx, Answer a, boolean keepAlive) {
        deadline.responseWriting();
        ctx.writeAndFlush(AdminHttp.response(a.status(), a.contentType(), a.body(), keepAlive)).addListener(
                (ChannelFutureListener) f -> {
                    if (!keepAlive || !f.isSuccess()) {
                        ctx.close();
                        return;
                    }
                    busy = false;
                    deadline.responseSent();
                    FullHttpRequest next = queued.poll();
                    if (next != null) {
                        try {
                            process(ctx, next);
                        } finally {
                            next.release();
                        }
                    }
                });
    }

    /** Runs one call on the handler pool: the route's answer, or the JSON error naming what is wrong. */
    private Answer call(String method, String uri, byte[] body) {
        Object result;
        int status = 200;
        String path = uri;
        try {
            URI target = AdminHttp.target(uri);
            path = target.getPath();
            AdminRoutes.Match match = routes.resolve(method, path);
            result = match.handler().handle(new AdminRequest(method, path, match.params(),
                    query(target.getRawQuery()), body));
        } catch (HttpError e) {
            status = e.status();
            result = Map.of("error", e.getMessage());
        } catch (IllegalArgumentException e) {
            status = 400;
            result = Map.of("error", String.valueOf(e.getMessage()));
        } catch (Exception e) {
            log.warn("admin {} {} failed", method, path, e);
            status = 500;
            result = Map.of("error", "internal error: " + e);
        }
        if (result instanceof AdminResponse r) {
            return new Answer(r.status(), r.contentType(), r.body());
        }
        try {
            return new Answer(status, AdminHttp.JSON, Json.MAPPER.writeValueAsBytes(result));
        } catch (Exception e) {
            log.warn("admin {} {}: answer not serializable", method, path, e);
            return new Answer(500, AdminHttp.JSON, AdminHttp.errorBody("internal error: " + e));
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            q.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return q;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        FullHttpRequest r;
        while ((r = queued.poll()) != null) {
            r.release();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof java.io.IOException || cause instanceof PrematureChannelClosureException) {
            log.debug("admin {}: {}", ctx.channel().id(), cause.toString());
        } else {
            log.warn("admin {}: closing after error: {}", ctx.channel().id(), cause.toString());
        }
        ctx.close();
    }
}
