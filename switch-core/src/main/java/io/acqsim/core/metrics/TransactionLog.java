package io.acqsim.core.metrics;

import ch.qos.logback.classic.Level;
import io.acqsim.codec.field.Masking;
import io.acqsim.codec.layout.FieldKind;
import io.acqsim.codec.layout.IsoFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction log: one readable line per message in and out on the {@code acqsim.tx} logger
 * (INFO), and with trace on a masked field-by-field dump and the masked raw hex on
 * {@code acqsim.trace} (DEBUG). Both are ordinary SLF4J loggers, so {@code config/logback.xml}
 * turns them off or sends them elsewhere.
 *
 * <p>The one-line log is on by default, so it must cost little: an event loop formats its line and
 * {@link #write}s it to a {@link TxLogWriter}, which never blocks (a full queue drops the line and
 * counts it, {@code acqsim.txlog.dropped}); the writer thread stamps the lines with the time it
 * took them and logs them on {@code acqsim.tx} in blocks, one event (and one write) for up to
 * {@value TxLogWriter#BATCH} lines.
 *
 * <pre>
 * in  cup-pos/3f2a9c1e cup-pos 0200 pc=000000 stan=000001 tid=00000001 amt=1050 rc=-- pan=622588******6789
 * out cup-pos/3f2a9c1e cup-pos 0210 pc=000000 stan=000001 tid=00000001 amt=1050 rc=00 pan=622588******6789 0.412ms
 * </pre>
 *
 * <p>{@code stan=} and {@code tid=} are read where the dialect's {@code matching:} says (DE11 and
 * DE41 by default), so a host keyed by DE127.2 and DE127.12 logs those, as its journal shows them.
 */
public final class TransactionLog {
    /** One line per message. */
    public static final Logger TX = LoggerFactory.getLogger("acqsim.tx");
    /** Field dumps and raw hex, at DEBUG. */
    public static final Logger TRACE = LoggerFactory.getLogger("acqsim.trace");

    /** Lines queued for the writer before new ones are dropped. */
    static final int QUEUE_CAPACITY = 1 << 16;

    private static final TxLogWriter WRITER = new TxLogWriter(QUEUE_CAPACITY, TransactionLog::logBlock,
            System::currentTimeMillis);

    private TransactionLog() {
    }

    private static void logBlock(String block) {
        // one event for the whole block: the shipped pattern is "%msg", each line already ends in a newline
        TX.info(block);
    }

    /** Whether one-line transaction logging is on (acqsim.tx at INFO): when it is off, build no line. */
    public static boolean enabled() {
        return TX.isInfoEnabled();
    }

    /** Queues (a copy of) one line of the transaction log; never blocks the caller, who may reuse {@code line} at once. */
    public static void write(CharSequence line) {
        WRITER.offer(line);
    }

    /** Lines dropped because the writer could not keep up, since start. */
    public static long dropped() {
        return WRITER.dropped();
    }

    /** Lines written so far, since start. */
    public static long written() {
        return WRITER.written();
    }

    /** Waits (at most {@code timeoutMillis}) until every line queued before this call is written. */
    public static boolean awaitWritten(long timeoutMillis) throws InterruptedException {
        return WRITER.awaitWritten(timeoutMillis);
    }

    /** Writes what is queued and stops the writer: at shutdown, before the logging system stops. */
    public static void close() {
        WRITER.close();
    }

    /** Turns the trace on ({@code acqsim --trace}): the {@code acqsim.trace} logger goes to DEBUG. */
    public static void enableTrace() {
        if (TRACE instanceof ch.qos.logback.classic.Logger l) {
            l.setLevel(Level.DEBUG);
        }
    }

    public static boolean tracing() {
        return TRACE.isDebugEnabled();
    }

    /** A line for a request, or for a response when {@code elapsedNanos >= 0}. */
    public static String line(String direction, String connection, String dialect, IsoFields msg, long elapsedNanos) {
        return line(new StringBuilder(160), direction, connection, dialect, msg, elapsedNanos);
    }

    /**
     * {@link #line(String, String, String, IsoFields, long)} built in {@code sb} (emptied first), so
     * that a connection's handler can keep one builder for all its lines.
     */
    public static String line(StringBuilder sb, String direction, String connection, String dialect, IsoFields msg,
                              long elapsedNanos) {
        return build(sb, direction, connection, dialect, msg, true, null, null, elapsedNanos).toString();
    }

    /**
     * {@link #line(StringBuilder, String, String, String, IsoFields, long)} left in {@code sb}, for
     * {@link #write}: no String made of it.
     */
    public static CharSequence compose(StringBuilder sb, String direction, String connection, String dialect,
                                       IsoFields msg, long elapsedNanos) {
        return build(sb, direction, connection, dialect, msg, true, null, null, elapsedNanos);
    }

    /**
     * The line with the terminal id and STAN given: where the dialect's {@code matching:} reads them
     * (DE41 and DE11 unless it says otherwise), as the journal shows them.
     */
    public static String line(StringBuilder sb, String direction, String connection, String dialect, IsoFields msg,
                              String terminal, String stan, long elapsedNanos) {
        return build(sb, direction, connection, dialect, msg, false, terminal, stan, elapsedNanos).toString();
    }

    /** The line with terminal id and STAN given, left in {@code sb} for {@link #write}. */
    public static CharSequence compose(StringBuilder sb, String direction, String connection, String dialect,
                                       IsoFields msg, String terminal, String stan, long elapsedNanos) {
        return build(sb, direction, connection, dialect, msg, false, terminal, stan, elapsedNanos);
    }

    /** @param fromFields whether terminal and STAN are DE41 and DE11 (else {@code terminal} and {@code stan}) */
    private static StringBuilder build(StringBuilder sb, String direction, String connection, String dialect, IsoFields msg,
                                boolean fromFields, String terminal, String stan, long elapsedNanos) {
        sb.setLength(0);
        sb.append(direction).append(' ').append(connection).append(' ').append(dialect).append(' ')
                .append(orDash(msg.mti()));
        // each field appended where it lies: no String per field
        appendOrDash(sb.append(" pc="), msg, 3);
        if (fromFields) {
            appendOrDash(sb.append(" stan="), msg, 11);
            appendOrDash(sb.append(" tid="), msg, 41);
        } else {
            sb.append(" stan=").append(orDash(stan)).append(" tid=").append(orDash(terminal));
        }
        appendAmount(sb.append(" amt="), msg);
        if (!msg.appendTo(sb.append(" rc="), 39)) {
            sb.append("--");
        }
        String pan = pan(msg);
        if (pan == null || pan.isEmpty()) {
            sb.append(" pan=-");
        } else {
            Masking.appendPan(sb.append(" pan="), pan);
        }
        if (elapsedNanos >= 0) {
            sb.append(' ').append(elapsedNanos / 1_000_000).append('.');
            long micros = elapsedNanos / 1000 % 1000;
            if (micros < 100) {
                sb.append(micros < 10 ? "00" : "0");
            }
            sb.append(micros).append("ms");
        }
        return sb;
    }

    /** The field-by-field dump of a message, one field a line, card data masked. */
    public static String fields(IsoFields msg) {
        StringBuilder sb = new StringBuilder(512);
        sb.append("\n      0 ").append(msg.mti());
        for (int i : msg.fieldNumbers()) {
            sb.append("\n    ").append(String.format("%3d", i)).append(' ');
            sb.append(Masking.field(i, msg.string(i), msg.layout().field(i).kind() == FieldKind.BINARY));
        }
        return sb.toString();
    }

    private static void appendOrDash(StringBuilder sb, IsoFields msg, int field) {
        int at = sb.length();
        if (!msg.appendTo(sb, field) || sb.length() == at) {
            sb.append('-');
        }
    }

    /** DE4 without its leading zeros (one digit at least), or a dash without DE4. */
    private static void appendAmount(StringBuilder sb, IsoFields msg) {
        int at = sb.length();
        if (!msg.appendTo(sb, 4)) {
            sb.append('-');
            return;
        }
        int zeros = at;
        while (zeros < sb.length() - 1 && sb.charAt(zeros) == '0') {
            zeros++;
        }
        sb.delete(at, zeros);
    }

    private static String pan(IsoFields msg) {
        String pan = msg.shared(2);
        if (pan == null && msg.has(35)) {
            String track = msg.string(35);
            int sep = 0;
            while (sep < track.length() && Character.isDigit(track.charAt(sep))) {
                sep++;
            }
            pan = track.substring(0, sep);
        }
        return pan;
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
