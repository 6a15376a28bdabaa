package io.acqsim.core.flow;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.layout.MessageBuilder;
import io.acqsim.codec.layout.MessageView;
import io.acqsim.core.routing.Router;
import java.time.Clock;
import java.time.LocalDateTime;

/**
 * Builds responses as PROTOCOL.md §4 says: echo the request's DE2, 3, 4, 7, 11, 12, 13, 22, 25,
 * 32, 33, 41, 42, 49, 60 (and DE70 on network messages, DE24 the ISO 1993 function code) as their
 * wire bytes, set DE37, DE38 (approved only) and DE39; TPDU swapped (or echoed), header echoed.
 */
public final class ResponseBuilder {
    private static final int[] ECHOED = {2, 3, 4, 7, 11, 12, 13, 22, 24, 25, 32, 33, 41, 42, 49, 60, 70};

    private final boolean swapTpdu;
    private final boolean stampCupDates;
    private final Clock clock;

    /**
     * @param swapTpdu swap the TPDU's destination and source (else echo it)
     * @param clock    host time for DE12/DE13 on CUP responses whose request lacked them: a CUP
     *                 terminal keeps the response's DE13 as the original date (61.3) of later refunds
     */
    public ResponseBuilder(boolean swapTpdu, Clock clock) {
        this(swapTpdu, true, clock);
    }

    /**
     * @param stampCupDates set DE12/DE13 on responses of requests that lack them, when the
     *                      request has a CUP header (the CUP dialects); false for every other
     */
    public ResponseBuilder(boolean swapTpdu, boolean stampCupDates, Clock clock) {
        this.swapTpdu = swapTpdu;
        this.stampCupDates = stampCupDates;
        this.clock = clock;
    }

    /** A response to {@code request} with DE39 = {@code code} and the echoed fields, nothing else set. */
    public MessageBuilder respond(Dialect dialect, MessageView request, String code) {
        return respond(dialect, request, code, null);
    }

    /** {@link #respond(Dialect, MessageView, String)} in {@code scratch}'s builder when there is one. */
    MessageBuilder respond(Dialect dialect, MessageView request, String code, Scratch scratch) {
        String mti = Router.responseMti(request.mti());
        MessageBuilder rsp = (scratch == null ? dialect.message(mti, request) : scratch.builder(dialect, mti, request))
                .echoTpdu(!swapTpdu);
        for (int f : ECHOED) {
            rsp.echo(f);
        }
        rsp.set(39, code);
        if (stampCupDates && dialect.framing().headerLength() > 0 && !rsp.has(13) && !mti.startsWith("08")) {
            LocalDateTime now = LocalDateTime.now(clock);
            rsp.set(12, now.getHour() * 10_000L + now.getMinute() * 100L + now.getSecond());
            rsp.set(13, now.getMonthValue() * 100L + now.getDayOfMonth());
        }
        return rsp;
    }

    /**
     * Sets DE37 and, when approved, DE38 from an outcome: the numbers when it has them (written
     * zero-padded, no text made), else its text.
     */
    static MessageBuilder withReference(MessageBuilder response, Outcome outcome) {
        if (outcome.rrnNumber() >= 0) {
            response.set(37, outcome.rrnNumber());
        } else if (outcome.rrn() != null) {
            response.set(37, outcome.rrn());
        }
        if (outcome.authCodeNumber() >= 0 && approved(response)) {
            response.set(38, outcome.authCodeNumber());
        } else if (outcome.authCode() != null && approved(response)) {
            response.set(38, outcome.authCode());
        }
        return response;
    }

    private static boolean approved(MessageBuilder response) {
        return response.is(39, "00") || response.is(39, "000");
    }

    /** Sets DE37 and, when approved, DE38 on a built response. */
    public static MessageBuilder withReference(MessageBuilder response, String rrn, String authCode) {
        if (rrn != null) {
            response.set(37, rrn);
        }
        if (authCode != null && approved(response)) {
            response.set(38, authCode);
        }
        return response;
    }
}
