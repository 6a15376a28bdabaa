package io.acqsim.core.server;

import io.acqsim.codec.CodecException;
import io.acqsim.codec.DecodeFailure;
import io.acqsim.codec.ViewDecoder;
import io.acqsim.codec.field.Masking;
import io.acqsim.codec.layout.MessageView;
import io.acqsim.codec.framing.FrameTooLongException;
import io.acqsim.core.flow.Reply;
import io.acqsim.core.flow.Scratch;
import io.acqsim.core.flow.TransactionProcessor;
import io.acqsim.core.persist.Durability;
import io.acqsim.core.rules.Faults;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last inbound handler of a listener: hands each decoded request to the
 * {@link TransactionProcessor} and writes the reply. Responses are flushed once per read batch.
 * Bad input never escapes this handler: an undecodable frame gets a format error when its MTI,
 * DE11 and DE41 were readable, otherwise a masked hex dump in the log and this one connection
 * closed.
 */
final class RequestHandler extends SimpleChannelInboundHandler<Object> {
    private static final Logger log = LoggerFactory.getLogger(RequestHandler.class);

    private final TransactionProcessor processor;
    private final String listener;
    private final Durability durability;
    private final BackpressureHandler backpressure;
    private final Answers answers;
    private Consumer<Reply> later;
    /** What this connection's next request may reuse; given away with a request answered later ({@link Scratch}). */
    private Scratch scratch = new Scratch();
    private final ViewDecoder decoder;

    /**
     * @param durability   the durable journal, or null when the ledger lives in memory only
     * @param backpressure this connection's backpressure handler, told when each request is done
     * @param answers      the listener's record of what it decided for each request
     * @param decoder      this connection's decoder, given back each view whose request was answered at once
     */
    RequestHandler(TransactionProcessor processor, String listener, Durability durability,
                   BackpressureHandler backpressure, Answers answers, ViewDecoder decoder) {
        this.decoder = decoder;
        this.backpressure = backpressure;
        this.answers = answers;
        this.processor = processor;
        this.listener = listener;
        this.durability = durability;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MessageView frame) {
            if (durability == null) {
                // A ledger step that cannot run at once (a database store, a busy stripe) answers later, on this loop.
                Reply now = processor.process(frame, ctx.executor(), later(ctx, frame), scratch);
                if (now != null) {
                    send(ctx, now, frame);
                }
                if (!Scratch.freedBy(now)) {
                    scratch = new Scratch(); // the request or its reply lives on and keeps the old one
                } else if (decoder != null) {
                    decoder.recycle(frame); // written: nothing reads this request's view any more
                }
            } else {
                // Processed and journaled on the journal thread; the reply comes back to this event loop.
                durability.process(listener, processor, frame,
                        reply -> onLoop(ctx, () -> send(ctx, reply, frame)),
                        error -> onLoop(ctx, () -> {
                            backpressure.requestDone(ctx.channel());
                            ctx.close();
                        }));
            }
        } else if (msg instanceof DecodeFailure failure) {
            decodeFailed(ctx, failure);
        }
    }

    /**
     * What a reply that comes later does: made once per connection, not per request, unless
     * someone watches the listener's {@link Answers} (a test), who needs to know which request
     * each late reply answers.
     */
    private Consumer<Reply> later(ChannelHandlerContext ctx, MessageView request) {
        if (answers.watched()) {
            return reply -> {
                send(ctx, reply, request);
                ctx.flush();
            };
        }
        if (later == null) {
            later = reply -> {
                send(ctx, reply, null);
                ctx.flush();
            };
        }
        return later;
    }

    private static void onLoop(ChannelHandlerContext ctx, Runnable task) {
        try {
            ctx.executor().execute(() -> {
                task.run();
                ctx.flush();
            });
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            log.debug("event loop stopped before a journaled reply could be sent");
        }
    }

    /** Sends (now or after its delay) the reply to {@code request}, and tells the listener's {@link Answers} what became of it. */
    private void send(ChannelHandlerContext ctx, Reply reply, MessageView request) {
        if (reply.response() == null || reply.delay().isZero()) {
            if (reply.response() != null) {
                deliver(ctx, reply, request);
            } else {
                answers.decided(request, Answers.Fate.NOT_ANSWERED);
            }
            backpressure.requestDone(ctx.channel());
            return;
        }
        if (writes(reply.delivery())) {
            answers.decided(request, Answers.Fate.ANSWERED_LATER);
        }
        ctx.executor().schedule(() -> deliverLate(ctx, reply, request), reply.delay().toNanos(), TimeUnit.NANOSECONDS);
    }

    private static boolean writes(Reply.Delivery delivery) {
        return delivery != Reply.Delivery.DROP && delivery != Reply.Delivery.CLOSE;
    }

    /**
     * A delayed reply, on the connection's event loop: flushed at once, or dropped if the terminal
     * hung up meanwhile (its in-flight count went with the connection).
     */
    private void deliverLate(ChannelHandlerContext ctx, Reply reply, MessageView request) {
        if (!ctx.channel().isActive()) {
            log.info("{} {}: delayed {} response (stan {}) not sent: the connection is already closed", listener,
                    ctx.channel().id(), reply.response().mti(), reply.response().string(11));
            return;
        }
        deliver(ctx, reply, writes(reply.delivery()) ? null : request);
        ctx.flush();
        backpressure.requestDone(ctx.channel());
    }

    /**
     * Writes (or deliberately does not write) a reply as its {@link Reply.Delivery} says, and
     * tells the {@link Answers} so (not when {@code request} is null: already told).
     */
    private void deliver(ChannelHandlerContext ctx, Reply reply, MessageView request) {
        if (request != null) {
            answers.decided(request, switch (reply.delivery()) {
                case DROP -> Answers.Fate.RESPONSE_DROPPED;
                case CLOSE -> Answers.Fate.CONNECTION_CLOSED;
                default -> Answers.Fate.ANSWERED;
            });
        }
        switch (reply.delivery()) {
            case NOW -> ctx.write(reply.response(), ctx.voidPromise());
            case DROP -> log.debug("{} {}: response dropped as scripted", listener, ctx.channel().id());
            case CLOSE -> {
                ctx.flush();
                ctx.close();
            }
            case CORRUPT_MAC -> ctx.write(Faults.corruptMac(reply.response()), ctx.voidPromise());
            case GARBAGE -> ctx.write(Faults.garbage(processor.dialect(), ctx.alloc()), ctx.voidPromise());
        }
    }

    private void decodeFailed(ChannelHandlerContext ctx, DecodeFailure failure) {
        CodecException e = failure.error();
        MessageView partial = e.partialView();
        if (partial != null && partial.has(0) && partial.has(11) && partial.has(41)) {
            log.warn("{} {}: undecodable {} from {}: {}; answering 30", listener, ctx.channel().id(),
                    partial.mti(), ctx.channel().remoteAddress(), e.getMessage());
            send(ctx, processor.formatError(partial), partial);
            return;
        }
        log.warn("{} {}: undecodable frame from {}: {}; closing. frame={}", listener, ctx.channel().id(),
                ctx.channel().remoteAddress(), e.getMessage(), Masking.hex(failure.frame()));
        backpressure.requestDone(ctx.channel());
        ctx.flush();
        ctx.close();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() != null
                && !(cause instanceof FrameTooLongException) ? cause.getCause() : cause;
        if (root instanceof FrameTooLongException) {
            log.warn("{} {}: {} from {}; closing", listener, ctx.channel().id(), root.getMessage(),
                    ctx.channel().remoteAddress());
        } else if (root instanceof java.io.IOException) {
            log.debug("{} {}: {}", listener, ctx.channel().id(), root.toString());
        } else {
            log.warn("{} {}: closing after error: {}", listener, ctx.channel().id(), root.toString(), root);
        }
        ctx.close();
    }
}
