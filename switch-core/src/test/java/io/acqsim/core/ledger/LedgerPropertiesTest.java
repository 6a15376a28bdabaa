package io.acqsim.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.core.server.AcqsimServer;
import io.acqsim.core.testing.IsoClient;
import io.acqsim.core.testing.Messages;
import io.acqsim.core.testing.RunningServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jpos.iso.ISOMsg;

/**
 * Issue 15: random sequences of sales, authorizations, completions, voids, refunds, reversals,
 * repeats and admin puts, amounts and balances near the limits included, sent over TCP to a real
 * server; after every step the ledger's invariants hold for the cards involved:
 * <ul>
 *   <li>money is conserved: balance + debits in effect - refunds in effect stays what the last
 *       {@code PUT} made it (reversals, voids and repeats move money only between the two sides);</li>
 *   <li>holds are exactly the authorizations in effect, and available = balance - holds;</li>
 *   <li>nothing wraps: every balance within ±(10^15 - 1), holds within 0 .. 10^15 - 1.</li>
 * </ul>
 * Bounded: a fixed number of tries of at most 40 steps each, a few seconds in all.
 */
class LedgerPropertiesTest {
    private static final Dialect DIALECT = Dialects.byName("iso87-ascii");
    private static final AtomicInteger TRY = new AtomicInteger();
    private static AcqsimServer server;
    private static IsoClient client;

    @BeforeContainer
    static void start() throws Exception {
        server = RunningServer.start();
        client = new IsoClient(DIALECT, server.port("iso87-ascii"), Duration.ofSeconds(10));
    }

    @AfterContainer
    static void stop() throws Exception {
        client.close();
        server.close();
    }

    enum Kind { SALE, AUTH, COMPLETION, VOID, REFUND, UNREFERENCED_REFUND, REVERSAL, REPEAT, PUT }

    /** One step: what to send, on which card, how much, and which earlier step it names. */
    record Step(Kind kind, int card, long amount, int ref) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Long> amounts = Arbitraries.oneOf(
                Arbitraries.of(1L, 100L, 1_000_000L, Money.MAX_AMOUNT, Money.MAX_AMOUNT - 1),
                Arbitraries.longs().between(1, Money.MAX_AMOUNT));
        Arbitrary<Long> balances = Arbitraries.oneOf(
                Arbitraries.of(0L, 1L, Money.MAX_BALANCE, Money.MAX_BALANCE - 1, -Money.MAX_BALANCE,
                        Money.MAX_BALANCE - Money.MAX_AMOUNT, Money.MAX_AMOUNT),
                Arbitraries.longs().between(-Money.MAX_BALANCE, Money.MAX_BALANCE));
        Arbitrary<Step> money = Combinators.combine(
                Arbitraries.of(Kind.SALE, Kind.AUTH, Kind.COMPLETION, Kind.VOID, Kind.REFUND,
                        Kind.UNREFERENCED_REFUND, Kind.REVERSAL, Kind.REPEAT),
                Arbitraries.integers().between(0, 1), amounts, Arbitraries.integers().between(0, 1000))
                .as(Step::new);
        Arbitrary<Step> put = Combinators.combine(Arbitraries.integers().between(0, 1), balances)
                .as((card, balance) -> new Step(Kind.PUT, card, balance, 0));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(9, money), net.jqwik.api.Tuple.of(1, put)).list().ofMinSize(1).ofMaxSize(40);
    }

    /** What was sent for an original, so later steps can name it. */
    private record Sent(Kind kind, String card, String processing, long amount, String stan, String rrn) {
    }

    @Property(tries = 30)
    void invariantsHoldAfterEveryStep(@ForAll("steps") List<Step> steps) throws Exception {
        int n = TRY.incrementAndGet();
        String[] cards = {String.format("41111%010d1", n), String.format("41111%010d2", n)};
        String terminal = String.format("P%07d", n);
        Map<String, Long> conserved = new HashMap<>();
        for (String card : cards) {
            server.ledger().put(card, 1_000_000, "156");
            conserved.put(card, 1_000_000L);
        }
        List<Sent> sent = new ArrayList<>();
        int stan = 0;
        for (Step step : steps) {
            String card = cards[step.card()];
            if (step.kind() == Kind.PUT) {
                server.ledger().put(card, step.amount(), "156");
                conserved.put(card, step.amount() + inEffect(card));
                check(cards, conserved, step);
                continue;
            }
            Sent target = pick(sent, step);
            ISOMsg m = message(terminal, card);
            String st = Messages.stan(++stan);
            switch (step.kind()) {
                case SALE, AUTH, UNREFERENCED_REFUND -> {
                    boolean sale = step.kind() == Kind.SALE;
                    m.setMTI(step.kind() == Kind.AUTH ? "0100" : "0200");
                    m.set(3, step.kind() == Kind.UNREFERENCED_REFUND ? "200000" : "000000");
                    m.set(4, Messages.amount(step.amount()));
                    m.set(11, st);
                    IsoFrame r = exchange(m);
                    if (sale || step.kind() == Kind.AUTH) {
                        sent.add(new Sent(step.kind(), card, "000000", step.amount(), st, r.msg().getString(37)));
                    }
                }
                case COMPLETION, VOID, REFUND -> {
                    if (target == null || target.rrn() == null) {
                        continue;
                    }
                    m.setMTI(step.kind() == Kind.VOID ? "0200" : "0220");
                    m.set(2, target.card());
                    m.set(3, step.kind() == Kind.VOID ? "020000" : step.kind() == Kind.REFUND ? "200000" : "000000");
                    long amount = step.kind() == Kind.VOID ? target.amount()
                            : Math.max(1, Math.min(step.amount(), target.amount()));
                    m.set(4, Messages.amount(amount));
                    m.set(11, st);
                    m.set(37, target.rrn());
                    IsoFrame r = exchange(m);
                    if (step.kind() != Kind.REFUND) {
                        sent.add(new Sent(step.kind(), target.card(), m.getString(3), amount, st, r.msg().getString(37)));
                    }
                }
                case REVERSAL, REPEAT -> {
                    if (target == null) {
                        continue;
                    }
                    m.setMTI(step.kind() == Kind.REVERSAL ? "0400" : "0401");
                    m.set(2, target.card());
                    m.set(3, target.processing());
                    m.set(4, Messages.amount(target.amount()));
                    m.set(11, target.stan());
                    exchange(m);
                }
                default -> throw new IllegalStateException(step.toString());
            }
            check(cards, conserved, step);
        }
    }

    private static Sent pick(List<Sent> sent, Step step) {
        List<Sent> fit = new ArrayList<>();
        for (Sent s : sent) {
            boolean ok = switch (step.kind()) {
                case COMPLETION -> s.kind() == Kind.AUTH;
                case VOID, REFUND -> s.kind() == Kind.SALE;
                default -> true;
            };
            if (ok) {
                fit.add(s);
            }
        }
        return fit.isEmpty() ? null : fit.get(step.ref() % fit.size());
    }

    private static ISOMsg message(String terminal, String card) {
        ISOMsg m = new ISOMsg();
        m.set(2, card);
        m.set(7, "1122334455");
        m.set(22, "021");
        m.set(25, "00");
        m.set(41, terminal);
        m.set(42, Messages.MERCHANT);
        m.set(49, "156");
        return m;
    }

    private static IsoFrame exchange(ISOMsg m) throws Exception {
        IsoFrame f = Messages.frame(DIALECT, m.getMTI());
        for (int i = 2; i <= 128; i++) {
            if (m.hasField(i)) {
                f.msg().set(i, m.getString(i));
            }
        }
        IsoFrame r = client.exchange(f);
        assertThat(r.msg().getString(11)).isEqualTo(m.getString(11));
        return r;
    }

    /** Debits in effect minus refunds in effect on a card, from the journal as it stands. */
    private static long inEffect(String card) {
        long sum = 0;
        for (TransactionView v : server.ledger().transactions(t -> card.equals(t.pan()), Integer.MAX_VALUE)) {
            TxState state = TxState.valueOf(v.state());
            if (!state.inEffect()) {
                continue;
            }
            switch (v.type()) {
                case "SALE", "COMPLETION" -> sum += v.effective();
                case "REFUND" -> sum -= v.effective();
                default -> {
                }
            }
        }
        return sum;
    }

    private static long authorizationsInEffect(String card) {
        long sum = 0;
        for (TransactionView v : server.ledger().transactions(t -> card.equals(t.pan()), Integer.MAX_VALUE)) {
            if ("AUTH".equals(v.type()) && ("APPROVED".equals(v.state()) || "PARTIALLY_REVERSED".equals(v.state()))) {
                sum += v.effective();
            }
        }
        return sum;
    }

    private static void check(String[] cards, Map<String, Long> conserved, Step step) {
        for (String card : cards) {
            Account.AccountView a = server.ledger().find(card).orElseThrow();
            assertThat(Money.isBalance(a.balance())).as("balance in range after %s: %s", step, a).isTrue();
            assertThat(Money.isHolds(a.holds())).as("holds in range after %s: %s", step, a).isTrue();
            assertThat(a.available()).as("available after %s", step).isEqualTo(a.balance() - a.holds());
            assertThat(a.holds()).as("holds are the authorizations in effect after %s", step)
                    .isEqualTo(authorizationsInEffect(card));
            assertThat(a.balance() + inEffect(card)).as("money conserved after %s", step)
                    .isEqualTo(conserved.get(card));
        }
    }
}
