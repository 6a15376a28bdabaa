package io.acqsim.bench.load;

import io.acqsim.codec.dialect.Dialect;
import java.time.Duration;
import java.util.List;

/**
 * One load phase against one target.
 *
 * @param host         target host
 * @param port         target port
 * @param dialect      framing and field layout the target speaks
 * @param echo         the target is a bare echo server: responses are the requests, no money check
 * @param connections  terminals, one TCP connection each
 * @param inFlight     requests a connection may have unanswered at once (1 = POS terminal)
 * @param rate         total requests per second in open loop; 0 = closed loop, as fast as it goes
 * @param warmup       time before the measured window (results discarded)
 * @param duration     measured window
 * @param mix          transaction mix
 * @param timeout      a request unanswered this long counts as a timeout (sales and auths are then reversed)
 * @param lostTimeout  how long a terminal waits for a 9100.01 sale's (scripted lost) response before reversing it
 * @param threads      client event loop threads
 * @param pans         the card each terminal uses (terminal i uses pans[i % size])
 * @param seed         random seed for the mix and amounts
 */
public record LoadPlan(String host, int port, Dialect dialect, boolean echo, int connections, int inFlight,
                       int rate, Duration warmup, Duration duration, Mix mix, Duration timeout,
                       Duration lostTimeout, int threads, List<String> pans, long seed) {
    public LoadPlan {
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be at least 1");
        }
        if (inFlight < 1) {
            throw new IllegalArgumentException("in-flight must be at least 1");
        }
        if (rate < 0) {
            throw new IllegalArgumentException("rate must not be negative");
        }
        if (pans.isEmpty()) {
            throw new IllegalArgumentException("at least one PAN is needed");
        }
        pans = List.copyOf(pans);
    }

    public boolean openLoop() {
        return rate > 0;
    }

    /** The same plan against another target. */
    public LoadPlan against(String otherHost, int otherPort, boolean otherIsEcho) {
        return new LoadPlan(otherHost, otherPort, dialect, otherIsEcho, connections, inFlight, rate, warmup, duration,
                mix, timeout, lostTimeout, threads, pans, seed);
    }

    public String describe() {
        return connections + " connections x " + inFlight + " in flight, "
                + (openLoop() ? "open loop at " + rate + " tx/s" : "closed loop") + ", " + dialect
                + ", mix " + mix + ", warm-up " + warmup.toSeconds() + " s, measured " + duration.toSeconds() + " s";
    }
}
