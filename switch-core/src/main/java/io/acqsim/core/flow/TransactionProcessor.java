package io.acqsim.core.flow;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.layout.MessageBuilder;
import io.acqsim.codec.layout.MessageView;
import io.acqsim.core.chip.ChipSteps;
import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.config.DialectDefinitions;
import io.acqsim.core.ledger.Book;
import io.acqsim.core.ledger.LedgerStore;
import io.acqsim.core.ledger.LedgerUnavailableException;
import io.acqsim.core.ledger.UnitOfWork;
import io.acqsim.core.reversal.KeyRules;
import io.acqsim.core.reversal.Matching;
import io.acqsim.core.routing.Router;
import io.acqsim.core.routing.TxType;
import io.acqsim.core.rules.ScriptedOutcome;
import io.acqsim.core.rules.Scripting;
import io.acqsim.core.session.TerminalSessions;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bank's answer to one decoded request, in small steps: route, check fields, scripted
 * outcome (a rule may lose the request, impose a response code, or change how the response
 * travels: see {@link Scripting}), apply to the ledger (one {@link LedgerStore#apply} unit of work, so the whole effect is applied at once and messages for
 * the same key are serialised), build the response. Runs on the connection's event loop; the only
 * shared state it touches is the ledger, briefly, under its lock.
 */
public final class TransactionProcessor {
    private static final Logger log = LoggerFactory.getLogger(TransactionProcessor.class);

    private final Dialect dialect;
    private final Router router;
    private final LedgerStore ledger;
    private final ResponseBuilder responses;
    private final OriginalFlow originals;
    private final ReversalFlow reversals;
    private final SettlementFlow settlements;
    private final Scripting scripting;
    private final MacGuard macs;
    private final TerminalSessions sessions;
    private final ChipSteps chip;
    private final KeyRules keys;

    public TransactionProcessor(Dialect dialect, Router router, LedgerStore ledger, ResponseBuilder responses,
                                AcqsimConfig config, Clock clock) {
        this(dialect, router, ledger, responses, config, clock, Scripting.none());
    }

    public TransactionProcessor(Dialect dialect, Router router, LedgerStore ledger, ResponseBuilder responses,
                                AcqsimConfig config, Clock clock, Scripting scripting) {
        this(dialect, router, ledger, responses, config, clock, scripting, TerminalSessions.none());
    }

    /** @param sessions terminal sessions: sign-on gating and STAN reuse ({@link TerminalSessions}) */
    public TransactionProcessor(Dialect dialect, Router router, LedgerStore ledger, ResponseBuilder responses,
                                AcqsimConfig config, Clock clock, Scripting scripting, TerminalSessions sessions) {
        this(dialect, router, ledger, responses, config, clock, scripting, sessions, new ChipSteps(config));
    }

    /** @param chip chip and PIN checks, key exchange and terminal keys, shared by every listener */
    public TransactionProcessor(Dialect dialect, Router router, LedgerStore ledger, ResponseBuilder responses,
                                AcqsimConfig config, Clock clock, Scripting scripting, TerminalSessions sessions,
                                ChipSteps chip) {
        this.sessions = sessions;
        this.chip = chip;
        this.dialect = dialect;
        this.router = router;
        this.ledger = ledger;
        this.responses = responses;
        this.keys = KeyRules.of(dialect, DialectDefinitions.matching(config, dialect));
        Policy policy = Policy.of(config);
        this.originals = new OriginalFlow(dialect.name(), this.keys, policy, clock);
        this.reversals = new ReversalFlow(dialect.name(), this.keys, policy);
        this.settlements = new SettlementFlow(dialect.name(), this.keys);
        this.scripting = scripting;
        this.macs = new MacGuard(dialect, config.mac(), chip.terminalKeys(), keys.matching().terminal());
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Where this dialect reads terminal, merchant, STAN and a reversal's original STAN. */
    public Matching matching() {
        return keys.matching();
    }

    public Reply process(MessageView msg) {
        return process(msg, null, null);
    }

    /**
     * Processes {@code msg}. When the ledger step cannot run at once without waiting (a database
     * store, a memory stripe another thread holds), it is deferred and this returns null:
     * {@code then} gets the reply later, run on {@code loop} (the connection's event loop), once the
     * step has run. Otherwise (and when {@code then} is null: off the event loops, where the step
     * may wait) the reply is returned at once.
     */
    public Reply process(MessageView msg, Executor loop, Consumer<Reply> then) {
        return process(msg, loop, then, null);
    }

    /**
     * {@link #process(MessageView, Executor, Consumer)}, answering with the connection's reusable
     * objects ({@link Scratch}, null for none): the caller gives {@code scratch} to the next request
     * only when this returned a reply it wrote at once ({@link Scratch#freedBy}).
     */
    public Reply process(MessageView msg, Executor loop, Consumer<Reply> then, Scratch scratch) {
        if (macs.rejects(msg)) {
            log.info("{} {} STAN {}: MAC missing or wrong: answering {}", dialect, msg.mti(), msg.string(11),
                    macs.failureCode().code());
            return Reply.now(signed(responses.respond(dialect, msg, wire(macs.failureCode().code(), null))));
        }
        String mti = msg.mti();
        Optional<TxType> type = router.route(mti, msg);
        if (type.isEmpty()) {
            log.info("{} not routed (MTI {}, DE3 {}): answering 40", dialect, mti, msg.string(3));
            return Reply.now(signed(responses.respond(dialect, msg, wire(ResponseCode.FUNCTION_NOT_SUPPORTED.code(), null))));
        }
        Request request = scratch == null ? new Request(dialect, msg, type.get(), mti, keys.matching())
                : scratch.request(dialect, msg, type.get(), mti, keys.matching());
        String missing = FieldCheck.missing(request);
        if (missing != null) {
            log.info("{} {} {}: {}: answering 30", dialect, request.mti(), type.get(), missing);
            return Reply.now(signed(responses.respond(dialect, msg, wire(ResponseCode.FORMAT_ERROR.code(), null))));
        }
        String refused = sessions.admit(request);
        if (refused != null) {
            return Reply.now(signed(responses.respond(dialect, msg, wire(refused, request.type()))));
        }
        ScriptedOutcome scripted = scripting.evaluate(request);
        if (scripted.dropsRequest()) {
            return scripted.dropRequest();
        }
        ChipSteps.Decision chipped = ChipSteps.Decision.NONE;
        if (request.type().isOriginal()) {
            chipped = chip.before(dialect.name(), dialect.hasCupHeader(), request.pan(), request.terminal(),
                    msg.bytes(55), msg.bytes(52));
            if (chipped.formatError() != null) {
                return Reply.now(signed(responses.respond(dialect, msg, wire(ResponseCode.FORMAT_ERROR.code(), null))));
            }
        }
        String imposed = scripted.responseCode() != null ? scripted.responseCode() : chipped.declineCode();
        ChipSteps.Decision decided = chipped;
        if (then != null && usesLedger(request, imposed)) {
            return onLoop(msg, request, scripted, decided, unit(request, imposed), loop, then);
        }
        Outcome outcome;
        try {
            outcome = apply(request, imposed);
        } catch (RuntimeException e) {
            return finish(msg, request, scripted, decided, null, e, false);
        }
        return finish(msg, request, scripted, decided, outcome, null, false);
    }

    /**
     * A ledger step on the connection's event loop, which never waits: it runs at once when the
     * store can run it without waiting ({@link LedgerStore#tryApply}); otherwise (a database store,
     * or a memory stripe another thread holds) it is deferred, this returns null and {@code then}
     * gets the reply on {@code loop} once the step has run.
     */
    private Reply onLoop(MessageView msg, Request request, ScriptedOutcome scripted, ChipSteps.Decision decided,
                         UnitOfWork<Outcome> unit, Executor loop, Consumer<Reply> then) {
        Outcome now;
        try {
            now = ledger.tryApply(unit);
        } catch (RuntimeException e) {
            return finish(msg, request, scripted, decided, null, e, false);
        }
        if (now != null) {
            return finish(msg, request, scripted, decided, now, null, false);
        }
        try {
            ledger.defer(new LedgerStore.Hint(dialect.name(), request.terminal(), request.merchant(), request.pan()),
                    unit, loop, (outcome, error) -> then.accept(finish(msg, request, scripted, decided, outcome,
                            error, true)));
        } catch (RejectedExecutionException stopping) {
            log.debug("event loop stopped before a deferred ledger step could run");
        }
        return null;
    }

    /**
     * The reply to a request whose ledger step gave {@code outcome}, or failed with {@code error}:
     * a format error found inside the unit answers 30, a ledger that could not apply it 96 (or
     * nothing, when its commit's answer was lost: the terminal reverses). Another error is rethrown
     * on the connection's own path ({@code async} false), and answered 96 when the reply comes back
     * from the store's worker.
     */
    private Reply finish(MessageView msg, Request request, ScriptedOutcome scripted, ChipSteps.Decision chipped,
                         Outcome outcome, Throwable error, boolean async) {
        if (error != null) {
            Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (e instanceof IllegalArgumentException) {
                log.info("{} {} {}: {}: answering 30", dialect, request.mti(), request.type(), e.getMessage());
                return Reply.now(signed(responses.respond(dialect, msg, wire(ResponseCode.FORMAT_ERROR.code(), null))));
            }
            if (e instanceof LedgerUnavailableException u && u.outcomeUnknown()) {
                log.warn("{} {} {} STAN {}: the ledger's commit got no answer; not answering (the terminal reverses)",
                        dialect, request.mti(), request.type(), request.stan());
                return Reply.none();
            }
            if (!async && e instanceof RuntimeException r && !(e instanceof LedgerUnavailableException)) {
                throw r;
            }
            log.warn("{} {} {} STAN {}: ledger step failed ({}): answering 96", dialect, request.mti(), request.type(),
                    request.stan(), e.toString());
            return Reply.now(signed(responses.respond(dialect, msg, wire(ResponseCode.SYSTEM_MALFUNCTION.code(), null))));
        }
        sessions.answered(request, outcome.code());
        if (outcome.silent()) {
            return Reply.none();
        }
        Scratch scratch = request.scratch();
        MessageBuilder response = responses.respond(dialect, msg, wire(outcome.code(), request.type()), scratch);
        ResponseBuilder.withReference(response, outcome);
        if (!outcome.extra().isEmpty()) { // most outcomes have none: no iterator for them
            for (Map.Entry<Integer, String> e : outcome.extra().entrySet()) {
                response.set(e.getKey(), e.getValue());
            }
        }
        if (request.type() == TxType.NETWORK && request.dialect().hasCupHeader() && "00".equals(outcome.code())) {
            response.set(62, macs.signOnKeys());
        }
        if (request.type() == TxType.NETWORK && !request.dialect().hasCupHeader() && "101".equals(request.field(70))
                && "00".equals(outcome.code())) {
            if (request.terminal() == null) {
                response.set(39, wire(ResponseCode.FORMAT_ERROR.code(), null));
            } else {
                response.set(48, chip.terminalKeys().exchange(request.terminal()));
            }
        }
        // the RRN's text is made only for a chip card's records
        byte[] de55 = chipped.chip().hasChipData() ? chip.after(chipped, outcome.code(), outcome.rrn(), scripted)
                : null;
        if (de55 != null) {
            response.set(55, de55);
        }
        return scripted.deliver(scratch == null ? Reply.now(signed(response)) : scratch.now(signed(response)));
    }

    /** Whether a request's answer comes from the ledger (a unit of work) rather than from a rule or a fixed answer. */
    private static boolean usesLedger(Request r, String scriptedCode) {
        if (scriptedCode != null && !r.type().isOriginal()) {
            return false;
        }
        return r.type() != TxType.NETWORK && r.type() != TxType.BATCH_UPLOAD;
    }

    /** The ledger's unit of work for a request that {@link #usesLedger uses the ledger}. */
    private UnitOfWork<Outcome> unit(Request r, String scriptedCode) {
        Scratch scratch = r.scratch();
        Step step = scratch == null ? null : scratch.step();
        if (step == null || step.processor() != this) {
            step = new Step();
            if (scratch != null) {
                scratch.step(step);
            }
        }
        return step.of(r, scriptedCode);
    }

    /**
     * A request's ledger step as a unit of work: one per connection, kept in its {@link Scratch}
     * with the request it runs for (a step deferred or sent to a database store goes with the
     * scratch it belongs to, like the request).
     */
    final class Step implements UnitOfWork<Outcome> {
        private Request request;
        private String scriptedCode;

        Step of(Request r, String scripted) {
            this.request = r;
            this.scriptedCode = scripted;
            return this;
        }

        TransactionProcessor processor() {
            return TransactionProcessor.this;
        }

        @Override
        public Outcome run(Book book) {
            return switch (request.type()) {
                case REVERSAL, ADVICE -> reversals.handle(book, request);
                case SETTLEMENT -> settlements.handle(book, request);
                default -> originals.handle(book, request, scriptedCode);
            };
        }
    }

    private Outcome apply(Request r, String scriptedCode) {
        if (!usesLedger(r, scriptedCode)) {
            return scriptedCode != null && !r.type().isOriginal() ? Outcome.code(scriptedCode) : Outcome.code("00");
        }
        return ledger.apply(unit(r, scriptedCode));
    }

    /** A format-error answer for a message whose MTI and matching fields could be read. */
    public Reply formatError(MessageView partial) {
        return Reply.now(signed(responses.respond(dialect, partial, wire(ResponseCode.FORMAT_ERROR.code(), null))));
    }

    /**
     * The response code as this dialect writes it in DE39 ({@link ResponseCode#render}); on ISO
     * 1993 an accepted network message answers 800 and a reconciliation 500 or 501.
     */
    private String wire(String code, TxType type) {
        if (!dialect.is1993()) {
            return code;
        }
        if (type == TxType.NETWORK && ResponseCode.APPROVED.code().equals(code)) {
            return ResponseCode.ACCEPTED_1993_NETWORK;
        }
        if (type == TxType.SETTLEMENT && ResponseCode.APPROVED.code().equals(code)) {
            return ResponseCode.RECONCILED_1993;
        }
        return ResponseCode.render(code, dialect.version());
    }

    private MessageBuilder signed(MessageBuilder response) {
        macs.sign(response);
        return response;
    }

}
