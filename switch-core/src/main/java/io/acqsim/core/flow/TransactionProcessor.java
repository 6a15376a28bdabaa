package io.acqsim.core.flow;

import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.field.Masking;
import io.acqsim.core.ledger.Account;
import io.acqsim.core.ledger.Ledger;
import io.acqsim.core.ledger.Transaction;
import io.acqsim.core.routing.Router;
import io.acqsim.core.routing.TxType;
import java.util.Optional;
import org.jpos.iso.ISOMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bank's answer to one decoded request, in small steps: route, check fields, apply to the
 * ledger, build the response. Runs on the connection's event loop; the only shared state it
 * touches is the {@link Ledger}, briefly, under its lock.
 */
public final class TransactionProcessor {
    private static final Logger log = LoggerFactory.getLogger(TransactionProcessor.class);

    private final Dialect dialect;
    private final Router router;
    private final Ledger ledger;
    private final ResponseBuilder responses;

    public TransactionProcessor(Dialect dialect, Router router, Ledger ledger, ResponseBuilder responses) {
        this.dialect = dialect;
        this.router = router;
        this.ledger = ledger;
        this.responses = responses;
    }

    public Dialect dialect() {
        return dialect;
    }

    public Reply process(IsoFrame frame) {
        ISOMsg msg = frame.msg();
        Optional<TxType> type = router.route(msg.getString(0), msg.getString(3), type60(msg));
        if (type.isEmpty()) {
            log.info("{} not routed (MTI {}, DE3 {}): answering 40", dialect, msg.getString(0), msg.getString(3));
            return Reply.now(responses.respond(frame, "40"));
        }
        Request request = new Request(dialect, frame, type.get());
        String missing = FieldCheck.missing(request);
        if (missing != null) {
            log.info("{} {} {}: {}: answering 30", dialect, request.mti(), type.get(), missing);
            return Reply.now(responses.respond(frame, "30"));
        }
        return switch (request.type()) {
            case NETWORK -> Reply.now(responses.respond(frame, "00"));
            case SALE -> sale(request);
            default -> Reply.now(responses.respond(frame, "40"));
        };
    }

    /** A format-error answer for a message whose MTI and matching fields could be read. */
    public Reply formatError(IsoFrame partial) {
        return Reply.now(responses.respond(partial, "30"));
    }

    private Reply sale(Request r) {
        Transaction t = ledger.apply(book -> {
            Account account = book.account(r.pan());
            Transaction tx = book.record(r.type(), r.mti(), dialect.name(), r.terminal(), r.merchant(), r.stan(),
                    null, account, r.amount());
            if (account == null) {
                return book.decline(tx, "14");
            }
            return book.sale(tx, r.rrn());
        });
        if (log.isDebugEnabled()) {
            log.debug("{} sale {} {} -> {}", dialect, Masking.pan(r.pan()), r.amount(), t.responseCode());
        }
        IsoFrame response = responses.respond(r.frame(), t.responseCode());
        return Reply.now(ResponseBuilder.withReference(response, t.rrn(), t.authCode()));
    }

    private static String type60(ISOMsg msg) {
        String de60 = msg.getString(60);
        return de60 != null && de60.length() >= 2 ? de60.substring(0, 2) : null;
    }
}
