package io.acqsim.core.link;

import io.acqsim.codec.layout.MessageView;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A link's own place in the listener's pipeline, before the traffic meter: tells the {@link Link}
 * when the connection comes and goes, takes the answers to its echo tests (and any other response
 * the partner sends: a link answers requests, it never answers a response), and passes every
 * request on to be answered as on any listener. Echo tests are written from here, so they pass
 * through the codec and framing but not the listener's request accounting.
 */
final class LinkHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(LinkHandler.class);

    private final Link link;

    LinkHandler(Link link) {
        this.link = link;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        link.connected(ctx.channel());
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        link.disconnected(ctx.channel());
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MessageView frame) {
            String mti = frame.mti();
            if (EchoMessages.isResponse(mti)) {
                if (mti.charAt(1) == '8') {
                    link.echoAnswered(frame.string(11), frame.string(39));
                } else {
                    log.info("link {}: unexpected {} response (STAN {}) from the partner; ignored", link.name(), mti,
                            frame.string(11));
                }
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }
}
