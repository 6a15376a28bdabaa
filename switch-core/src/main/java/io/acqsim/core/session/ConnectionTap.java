package io.acqsim.core.session;

import io.acqsim.codec.layout.FieldRef;
import io.acqsim.codec.layout.MessageView;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;

/**
 * Notes, for each request, which connection its terminal (DE41, or where the dialect's
 * {@code matching.terminal} reads it) spoke on, so that {@code GET /terminals/{tid}} can show it. One
 * per connection; it only reads the terminal id and writes one volatile field of the terminal, then
 * passes the request on.
 */
public final class ConnectionTap extends ChannelInboundHandlerAdapter {
    /** The name of this handler in a listener's pipeline. */
    public static final String NAME = "connectionTap";

    private final TerminalSessions sessions;
    private final String listener;
    private final FieldRef terminal;
    private String label;

    private ConnectionTap(TerminalSessions sessions, String listener, FieldRef terminal) {
        this.sessions = sessions;
        this.listener = listener;
        this.terminal = terminal;
    }

    /**
     * A listener's pipeline with the tap in front of its request handler: {@code pipeline} is the
     * listener's own initializer, run first, then the tap goes in before {@code before}.
     */
    public static ChannelHandler around(ChannelHandler pipeline, String before, String listener,
                                        TerminalSessions sessions) {
        return around(pipeline, before, listener, sessions, new FieldRef(41, -1));
    }

    /** As {@link #around(ChannelHandler, String, String, TerminalSessions)}, the terminal id read from {@code terminal}. */
    public static ChannelHandler around(ChannelHandler pipeline, String before, String listener,
                                        TerminalSessions sessions, FieldRef terminal) {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(pipeline);
                ch.pipeline().addBefore(before, NAME, new ConnectionTap(sessions, listener, terminal));
            }
        };
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MessageView frame) {
            if (label == null) {
                label = listener + " " + addressOf(ctx.channel());
            }
            sessions.connection(terminalOf(frame), label);
        }
        ctx.fireChannelRead(msg);
    }

    private String terminalOf(MessageView frame) {
        if (!terminal.isSub()) {
            return frame.shared(terminal.field());
        }
        try {
            return frame.string(terminal);
        } catch (IllegalArgumentException unreadable) {
            return null; // the request handler answers it 30
        }
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
