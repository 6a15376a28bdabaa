package io.acqsim.core.persist;

import io.acqsim.codec.CodecException;
import io.acqsim.codec.layout.MessageView;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.core.admin.AdminHandler;
import io.acqsim.core.admin.AdminRequest;
import io.acqsim.core.admin.AdminRoutes;
import io.acqsim.core.config.ConfigException;
import io.acqsim.core.flow.Reply;
import io.acqsim.core.flow.TransactionProcessor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The opt-in durable ledger ({@code --journal DIR}). Every ISO request and every state-changing
 * admin call is processed on one journal thread, which appends it to the {@link JournalFile}
 * (forced to the device) before the response leaves: the file's order is the ledger's order, and a
 * response is never sent for something the journal does not hold. Event loops only hand work over
 * (a lock-free queue, {@link JournalThread}) and get the reply back, so they never wait for the disk
 * nor for each other.
 *
 * <p>On start, {@link #replay} runs every record again through the same processors and admin
 * handlers with the clock pinned to the record's time, responses discarded. Processing is
 * deterministic given order, clock, configuration and rules file, so the ledger (RRNs, states,
 * indexes for matching) and the run-time rules come back as they were.
 */
public final class Durability implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Durability.class);

    private final JournalFile file;
    private final PinnedClock clock;
    private final JournalThread thread;
    private long sequence;
    private volatile boolean replaying;

    private Durability(JournalFile file, PinnedClock clock) {
        this.file = file;
        this.clock = clock;
        this.thread = new JournalThread("acqsim-journal");
        this.sequence = file.records().isEmpty() ? 0 : file.records().get(file.records().size() - 1).sequence();
    }

    /** Opens the journal in {@code dir}; a {@link ConfigException} if it cannot be used. */
    public static Durability open(Path dir, PinnedClock clock) {
        return new Durability(JournalFile.open(dir), clock);
    }

    public Path path() {
        return file.path();
    }

    /**
     * Replays the journal into a fresh ledger. Call before any listener or admin call is served.
     *
     * @param processors the processor of a listener by name, or null if the listener is gone
     */
    public void replay(Function<String, TransactionProcessor> processors, Function<String, TransactionProcessor> byDialect,
                       AdminRoutes routes) {
        int iso = 0;
        int admin = 0;
        replaying = true;
        try {
            for (JournalRecord r : file.records()) {
                clock.pin(r.time());
                if (r instanceof JournalRecord.IsoRequest q) {
                    TransactionProcessor p = processors.apply(q.listener());
                    if (p == null) {
                        p = byDialect.apply(q.dialect());
                    }
                    p.process(decode(p.dialect(), q));
                    iso++;
                } else if (r instanceof JournalRecord.AdminCall a) {
                    try {
                        routes.invoke(a.method(), a.path(), a.query(), a.body());
                    } catch (Exception e) {
                        throw new ConfigException("journal " + file.path() + ": record " + a.sequence() + " ("
                                + a.method() + " " + a.path() + ") cannot be replayed: " + e.getMessage(), e);
                    }
                    admin++;
                }
            }
        } finally {
            clock.unpin();
            replaying = false;
        }
        log.info("journal {}: replayed {} requests and {} admin calls", file.path(), iso, admin);
    }

    private MessageView decode(Dialect d, JournalRecord.IsoRequest q) {
        try {
            return d.read(q.body());
        } catch (CodecException | IllegalArgumentException e) {
            throw new ConfigException("journal " + file.path() + ": record " + q.sequence() + " (" + q.listener()
                    + ") cannot be replayed: " + e.getMessage(), e);
        }
    }

    /**
     * Processes one request on the journal thread, journals it, then hands the reply to
     * {@code then}; if it cannot be journaled, {@code failed} gets the error and no reply is sent.
     * Both callbacks run on the journal thread: post them to the connection's event loop.
     */
    public void process(String listener, TransactionProcessor processor, MessageView request, Consumer<Reply> then,
                        Consumer<Throwable> failed) {
        byte[] body = request.frame(); // the request as it came, TPDU and header included
        try {
            thread.execute(() -> {
                Reply reply;
                try {
                    long time = clock.millis();
                    clock.pin(time); // the time replay will use, exactly
                    try {
                        reply = processor.process(request);
                    } finally {
                        clock.unpin();
                    }
                    file.append(new JournalRecord.IsoRequest(++sequence, time, listener, processor.dialect().name(),
                            body));
                } catch (IOException | RuntimeException e) {
                    log.error("journal {}: cannot journal a {} request from {}: {}; no response sent", file.path(),
                            request.mti(), listener, e.toString());
                    failed.accept(e);
                    return;
                }
                then.accept(reply);
            });
        } catch (RejectedExecutionException e) {
            failed.accept(e);
        }
    }

    /** Wraps state-changing admin handlers: run on the journal thread, journaled when they succeed. */
    public AdminRoutes.Interceptor adminInterceptor() {
        return (request, handler) -> replaying ? handler.handle(request) : journaled(request, handler);
    }

    private Object journaled(AdminRequest request, AdminHandler handler) throws Exception {
        CompletableFuture<Object> result = new CompletableFuture<>();
        thread.execute(() -> {
            try {
                long time = clock.millis();
                Object out;
                clock.pin(time);
                try {
                    out = handler.handle(request);
                } finally {
                    clock.unpin();
                }
                file.append(new JournalRecord.AdminCall(++sequence, time, request.method(), request.path(),
                        new LinkedHashMap<>(request.query()), request.body()));
                result.complete(out);
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("journal {}: work still queued at close", file.path());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        file.close();
    }
}
