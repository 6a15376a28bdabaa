package io.acqsim.core.flow;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.layout.MessageBuilder;
import io.acqsim.codec.layout.MessageView;
import io.acqsim.core.reversal.Matching;
import io.acqsim.core.routing.TxType;

/**
 * What one connection reuses from one request to the next: the {@link Request}, the ledger's
 * {@link Outcome}, the response's {@link MessageBuilder} and the {@link Reply} around it. A
 * connection's requests are read one after the other on its event loop, and most are answered
 * before the next is read, so one set of these objects serves them all.
 *
 * <p>A scratch belongs to one request at a time. The connection keeps it for the next request only
 * when the reply came back from {@link TransactionProcessor#process} at once and was written at
 * once ({@link #freedBy}); otherwise (a reply that comes later from the ledger, a delayed or
 * scripted delivery) the request and its reply keep this scratch for as long as they live, and
 * the connection takes a new one ({@code RequestHandler}). Nothing is copied: whatever escapes
 * simply owns what it was made of.
 */
public final class Scratch {
    private Request request;
    private Outcome outcome;
    private MessageBuilder builder;
    private Reply reply;
    private TransactionProcessor.Step step;

    /**
     * Whether {@code reply}, returned by {@link TransactionProcessor#process} and handed at once to
     * the channel, leaves this scratch free for the next request: a response written now (the
     * channel's encoder has copied it to bytes by the time {@code write} returns) or none at all.
     */
    public static boolean freedBy(Reply reply) {
        return reply != null && reply.delivery() == Reply.Delivery.NOW && reply.delay().isZero();
    }

    Request request(Dialect dialect, MessageView view, TxType type, String mti, Matching matching) {
        if (request == null) {
            request = new Request(dialect, view, type, mti, matching);
        }
        return request.reset(dialect, view, type, mti, matching, this);
    }

    /** The outcome a ledger step fills for this scratch's request ({@link Outcome#of(Request, io.acqsim.core.ledger.Transaction)}). */
    Outcome outcome() {
        if (outcome == null) {
            outcome = Outcome.blank();
        }
        return outcome;
    }

    /** An empty response to {@code source} in this scratch's builder. */
    MessageBuilder builder(Dialect dialect, String mti, MessageView source) {
        if (builder == null || builder.layout() != dialect.layout()) {
            builder = dialect.message(mti, source);
            reply = new Reply(builder, Reply.Delivery.NOW);
            return builder;
        }
        return builder.reset(mti, source);
    }

    /** The ledger step kept for this scratch's requests, or null before the first. */
    TransactionProcessor.Step step() {
        return step;
    }

    void step(TransactionProcessor.Step s) {
        step = s;
    }

    /** {@link Reply#now}, without a new reply when {@code response} is this scratch's builder. */
    Reply now(MessageBuilder response) {
        return response == builder && response != null ? reply : Reply.now(response);
    }
}
