package io.acqsim.core.admin;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;

/** Netty's aggregator with the admin API's own answer to a body over the cap: a JSON 413, then close. */
final class AdminAggregator extends HttpObjectAggregator {
    private final int maxBody;

    AdminAggregator(int maxBody) {
        super(maxBody);
        this.maxBody = maxBody;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(AdminHttp.error(413, "request body over " + maxBody + " bytes"))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
