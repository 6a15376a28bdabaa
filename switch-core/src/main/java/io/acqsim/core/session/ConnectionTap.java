package io.acqsim.core.session;

import io.acqsim.codec.layout.MessageView;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;

/**
 * Notes, for each request, which connection its terminal (DE41) spoke on, so that
 * {@code GET /terminals/{tid}} can show it. One per connection; it only reads DE41 and writes one
 * volatile field of the terminal, then passes the request on.
 */
public final class ConnectionTap extends ChannelInboundHandlerAdapter {
    /** The name of this handler in a listener's pipeline. */
    public static final String NAME = "connectionTap";

    private final TerminalSessions sessions;
    private final String listener;
    private String label;

    private ConnectionTap(TerminalSessions sessions, String listener) {
        this.sessions = sessions;
        this.listener = listener;
    }

    /**
     * A listener's pipeline with the tap in front of its request handler: {@code pipeline} is the
     * listener's own initializer, run first, then the tap goes in before {@code before}.
     */
    public static ChannelHandler around(ChannelHandler pipeline, String before, String listener,
                                        TerminalSessions sessions) {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(pipeline);
                ch.pipeline().addBefore(before, NAME, new ConnectionTap(sessions, listener));
            }
        };
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MessageView frame) {
            if (label == null) {
                label = listener + " " + addressOf(ctx.channel());
            }
            sessions.connection(frame.shared(41), label);
        }
        ctx.fireChannelRead(msg);
    }

    private static String addressOf(Channel ch) {
        Object a = ch.remoteAddress();
        if (a instanceof java.net.InetSocketAddress isa) {
            return (isa.getAddress() == null ? isa.getHostString() : isa.getAddress().getHostAddress()) + ":"
                    + isa.getPort();
        }
        return String.valueOf(a);
    }
}
