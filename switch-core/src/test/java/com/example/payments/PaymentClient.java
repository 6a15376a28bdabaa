package com.example.payments;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.ASCIIChannel;
import org.jpos.iso.packager.ISO87APackager;

/**
 * The kind of code a payment team tests against acqsim: a terminal that sells over ISO 8583
 * (jPOS, 4-digit ASCII length) and, when the bank does not answer in time, reverses the sale.
 * Written as any user would, knowing nothing of acqsim's internals.
 */
public final class PaymentClient implements AutoCloseable {
    /** What a sale ended as. */
    public record Result(String responseCode, String rrn, boolean reversed) {
    }

    /** How long the terminal waits for the answer to a reversal: longer than for a sale, as terminals do. */
    private static final int REVERSAL_TIMEOUT_MILLIS = 30_000;

    private final ASCIIChannel channel;
    private final String terminal;
    private final AtomicInteger stan = new AtomicInteger();

    public PaymentClient(String host, int port, String terminal, int timeoutMillis) throws IOException {
        this.channel = new ASCIIChannel(host, port, new ISO87APackager());
        this.channel.setTimeout(timeoutMillis);
        this.terminal = terminal;
        this.channel.connect();
    }

    public Result sale(String pan, long amountMinor) throws IOException, ISOException {
        ISOMsg sale = message("0200", pan, amountMinor, String.format("%06d", stan.incrementAndGet()));
        channel.send(sale);
        try {
            ISOMsg r = channel.receive();
            return new Result(r.getString(39), r.getString(37), false);
        } catch (SocketTimeoutException noAnswer) {
            ISOMsg reversal = message("0400", pan, amountMinor, sale.getString(11));
            channel.setTimeout(REVERSAL_TIMEOUT_MILLIS);
            if (!channel.isConnected()) {
                channel.connect(); // jPOS drops the connection on a receive timeout
            }
            channel.send(reversal);
            ISOMsg r = channel.receive();
            return new Result(null, null, "00".equals(r.getString(39)));
        }
    }

    private ISOMsg message(String mti, String pan, long amount, String trace) throws ISOException {
        ISOMsg m = new ISOMsg(mti);
        m.set(2, pan);
        m.set(3, "000000");
        m.set(4, String.format("%012d", amount));
        m.set(7, "1122334455");
        m.set(11, trace);
        m.set(41, terminal);
        m.set(42, "MERCHANT0000001");
        m.set(49, "978");
        return m;
    }

    @Override
    public void close() throws IOException {
        channel.disconnect();
    }
}
