package io.acqsim.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Iso87Ascii;
import io.acqsim.codec.dialect.Iso87Binary;
import io.acqsim.core.config.PostgresqlConfig;
import io.acqsim.core.server.AcqsimServer;
import io.acqsim.core.testing.AdminClient;
import io.acqsim.core.testing.EmbeddedPg;
import io.acqsim.core.testing.IsoClient;
import io.acqsim.core.testing.Messages;
import io.acqsim.core.testing.RunningServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several terminals' connections fire a seeded mix of sales, authorizations, completions,
 * voids, refunds, reversals (some before their originals), repeats and advices, also at each
 * other's transactions. Afterwards every account's balance and holds must equal what the journal
 * says they must be, to the minor unit, and no original may have been undone twice.
 */
class RandomInterleavingTest {
    private static final int WORKERS = 6;
    private static final int STORIES_PER_WORKER = 70;
    private static final long DEADLINE_MS = 6_000;
    private static final String TERMINAL = "RANDTERM";
    private static final String[] PANS = {
        "4111220000000001", "4111220000000002", "4111220000000003", "4111220000000004", "4111220000000005",
    };
    private static final String POOR_PAN = "4111220000000099";
    private static final long OPENING = 10_000_000;
    private static final long POOR_OPENING = 3_000;

    /** A sale or authorization some worker got approved; others may void, reverse or refund it. */
    private record Posted(Dialect dialect, String stan, String pan, long amount, String rrn, boolean auth) {
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 42L, 20261122L})
    void ledgerAddsUpAfterRandomInterleavings(long seed) throws Exception {
        try (AcqsimServer server = RunningServer.start()) {
            play(seed, server, server);
        }
    }

    /**
     * The same stories with each terminal's connections spread over two nodes that share one
     * ledger in PostgreSQL (PROTOCOL.md §11): a worker's main connection on one node, its side
     * connection (repeats, racing reversals) on the other.
     */
    @ParameterizedTest(name = "seed {0}, two nodes")
    @ValueSource(longs = {7L, 20261129L})
    void ledgerAddsUpAcrossTwoNodesSharingPostgresql(long seed) throws Exception {
        PostgresqlConfig db = EmbeddedPg.shared().newDatabase();
        try (AcqsimServer one = AcqsimServer.start(RunningServer.config(nodeYaml(db, 1)));
             AcqsimServer two = AcqsimServer.start(RunningServer.config(nodeYaml(db, 2)))) {
            play(seed, one, two);
        }
    }

    private static String nodeYaml(PostgresqlConfig db, int node) {
        return "ledger:\n  store: postgresql\n  node: " + node + "\n  postgresql:\n    url: " + db.url()
                + "\n    user: " + db.user() + "\n";
    }

    /** Runs the workers, even ones with their main connection on {@code a}, odd ones on {@code b}; then checks the money. */
    private static void play(long seed, AcqsimServer a, AcqsimServer b) throws Exception {
        AdminClient admin = new AdminClient(a.adminPort());
        for (String pan : PANS) {
            admin.put("/accounts/" + pan, "{\"balance\": " + OPENING + "}");
        }
        admin.put("/accounts/" + POOR_PAN, "{\"balance\": " + POOR_OPENING + "}");
        List<Posted> posted = new CopyOnWriteArrayList<>();
        Map<String, String> sentAs = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        long deadline = System.currentTimeMillis() + DEADLINE_MS;
        List<Future<Integer>> done = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            int worker = w;
            Dialect dialect = w % 2 == 0 ? Iso87Ascii.INSTANCE : Iso87Binary.INSTANCE;
            AcqsimServer main = (w / 2) % 2 == 0 ? a : b;
            AcqsimServer side = main == a ? b : a;
            done.add(pool.submit(() -> new Worker(main, side, dialect, worker, new Random(seed * 31 + worker),
                    posted, sentAs, deadline).run()));
        }
        int messages = 0;
        for (Future<Integer> f : done) {
            messages += f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(messages).as("messages answered").isGreaterThan(WORKERS * 10);
        checkLedgerAgainstJournal(admin, a);
        if (b != a) {
            AdminClient other = new AdminClient(b.adminPort());
            for (String pan : PANS) {
                assertThat(other.get("/accounts/" + pan).body()).as("both nodes show one ledger")
                        .isEqualTo(admin.get("/accounts/" + pan).body());
            }
        }
    }

    private static void checkLedgerAgainstJournal(AdminClient admin, AcqsimServer server) throws Exception {
        JsonNode journal = admin.get("/transactions?limit=100000").json();
        Map<Long, JsonNode> byId = new HashMap<>();
        for (JsonNode t : journal) {
            byId.put(t.get("id").asLong(), t);
        }
        Map<Long, String> panOf = new HashMap<>();
        server.ledger().transactions(v -> true, Integer.MAX_VALUE).forEach(v -> panOf.put(v.id(), v.pan()));
        Map<String, Long> balance = new HashMap<>();
        Map<String, Long> holds = new HashMap<>();
        List<String> pans = new ArrayList<>(List.of(PANS));
        pans.add(POOR_PAN);
        for (String pan : pans) {
            balance.put(pan, pan.equals(POOR_PAN) ? POOR_OPENING : OPENING);
            holds.put(pan, 0L);
        }
        for (JsonNode t : journal) {
            String type = t.get("type").asText();
            String state = t.get("state").asText();
            String pan = panOf.get(t.get("id").asLong());
            long effective = t.get("effective").asLong();
            boolean inEffect = state.equals("APPROVED") || state.equals("PARTIALLY_REVERSED") || state.equals("REFUNDED");
            switch (type) {
                case "SALE", "COMPLETION" -> {
                    if (inEffect) {
                        balance.merge(pan, -effective, Long::sum);
                    }
                }
                case "REFUND" -> {
                    if (inEffect) {
                        balance.merge(pan, effective, Long::sum);
                    }
                }
                case "AUTH" -> {
                    if (state.equals("APPROVED") || state.equals("PARTIALLY_REVERSED")) {
                        holds.merge(pan, effective, Long::sum);
                    }
                }
                default -> {
                }
            }
            // No original is ever undone twice: at most one approved reversal or advice, and a
            // REVERSED original has exactly one.
            int approvedReversals = 0;
            int approvedVoidsInEffect = 0;
            for (JsonNode rel : t.get("related")) {
                JsonNode r = byId.get(rel.asLong());
                if (r == null || r.get("id").asLong() < t.get("id").asLong() && !isChildType(r)) {
                    continue;
                }
                String rt = r.get("type").asText();
                String rs = r.get("state").asText();
                if ((rt.equals("REVERSAL") || rt.equals("ADVICE")) && rs.equals("APPROVED")) {
                    approvedReversals++;
                }
                if (rt.equals("VOID") && rs.equals("APPROVED")) {
                    approvedVoidsInEffect++;
                }
            }
            if (!type.equals("REVERSAL") && !type.equals("ADVICE")) {
                assertThat(approvedReversals).as("approved reversals of " + t).isLessThanOrEqualTo(1);
                if (state.equals("REVERSED")) {
                    assertThat(approvedReversals).as("a REVERSED original has its reversal: " + t).isEqualTo(1);
                }
                if (type.equals("SALE")) {
                    assertThat(approvedVoidsInEffect).as("voids in effect on " + t)
                            .isEqualTo(state.equals("VOIDED") ? 1 : 0);
                }
            }
        }
        for (String pan : pans) {
            JsonNode a = admin.get("/accounts/" + pan).json();
            assertThat(a.get("balance").asLong()).as("balance of " + pan).isEqualTo(balance.get(pan));
            assertThat(a.get("available").asLong()).as("available of " + pan)
                    .isEqualTo(balance.get(pan) - holds.get(pan));
        }
    }

    private static boolean isChildType(JsonNode r) {
        String rt = r.get("type").asText();
        return !rt.equals("SALE") && !rt.equals("AUTH");
    }

    /** One terminal connection (plus a side connection for races) playing random stories. */
    private static final class Worker {
        private final AcqsimServer mainServer;
        private final AcqsimServer sideServer;
        private final Dialect dialect;
        private final int worker;
        private final Random random;
        private final List<Posted> posted;
        private final Map<String, String> sentAs;
        private final long deadline;
        private int stan;
        private int messages;
        private IsoClient main;
        private IsoClient side;

        Worker(AcqsimServer mainServer, AcqsimServer sideServer, Dialect dialect, int worker, Random random,
               List<Posted> posted, Map<String, String> sentAs, long deadline) {
            this.mainServer = mainServer;
            this.sideServer = sideServer;
            this.dialect = dialect;
            this.worker = worker;
            this.random = random;
            this.posted = posted;
            this.sentAs = sentAs;
            this.deadline = deadline;
            this.stan = worker * 100_000;
        }

        int run() throws Exception {
            main = new IsoClient(dialect, mainServer.port(dialect.name()));
            side = new IsoClient(dialect, sideServer.port(dialect.name()));
            try {
                for (int i = 0; i < STORIES_PER_WORKER && System.currentTimeMillis() < deadline; i++) {
                    story();
                }
            } finally {
                main.close();
                side.close();
            }
            return messages;
        }

        private void story() throws Exception {
            int pick = random.nextInt(100);
            if (pick < 35) {
                saleStory();
            } else if (pick < 50) {
                authStory();
            } else if (pick < 60) {
                raceStory();
            } else if (pick < 75) {
                voidOthers();
            } else if (pick < 88) {
                reverseOthers();
            } else {
                refundOthers();
            }
        }

        private String nextStan() {
            return String.format("%06d", ++stan);
        }

        private String pan() {
            return random.nextInt(12) == 0 ? POOR_PAN : PANS[random.nextInt(PANS.length)];
        }

        private long amount() {
            return 100 + random.nextInt(5_000);
        }

        private IsoFrame msg(String mti, String pc, String pan, long amount, String stan) {
            IsoFrame f = Messages.frame(dialect, mti);
            ISOMsg m = f.msg();
            m.set(2, pan);
            m.set(3, pc);
            m.set(4, Messages.amount(amount));
            m.set(7, "1122334455");
            m.set(11, stan);
            m.set(41, TERMINAL);
            m.set(42, Messages.MERCHANT);
            m.set(49, "156");
            return f;
        }

        private ISOMsg exchange(IsoClient c, IsoFrame f) throws Exception {
            messages++;
            ISOMsg r = c.exchange(f).msg();
            sentAs.put(dialect.name() + "/" + f.msg().getString(11) + "/" + f.msg().getMTI(), r.getString(39));
            return r;
        }

        private void saleStory() throws Exception {
            String s = nextStan();
            String pan = pan();
            long amount = amount();
            ISOMsg r = exchange(main, msg("0200", "000000", pan, amount, s));
            boolean ok = "00".equals(r.getString(39));
            if (ok) {
                posted.add(new Posted(dialect, s, pan, amount, r.getString(37), false));
            }
            int next = random.nextInt(10);
            if (next < 3) {
                exchange(main, msg(random.nextBoolean() ? "0400" : "0420", "000000", pan, amount, s));
                if (random.nextBoolean()) {
                    exchange(side, msg(random.nextBoolean() ? "0401" : "0421", "000000", pan, amount, s));
                }
            } else if (next < 5 && ok) {
                String v = nextStan();
                ISOMsg vr = exchange(main, voidOf(pan, amount, v, r.getString(37)));
                if ("00".equals(vr.getString(39)) && random.nextBoolean()) {
                    exchange(side, msg("0400", "020000", pan, amount, v));
                }
            } else if (next < 6) {
                // partial reversal leaving a random part
                IsoFrame rev = msg("0400", "000000", pan, amount, s);
                rev.msg().set(95, String.format("%012d", random.nextInt((int) amount)) + "0".repeat(30));
                exchange(main, rev);
            }
        }

        private IsoFrame voidOf(String pan, long amount, String stan, String rrn) {
            IsoFrame v = msg("0200", "020000", pan, amount, stan);
            v.msg().set(37, rrn);
            return v;
        }

        private void authStory() throws Exception {
            String s = nextStan();
            String pan = pan();
            long amount = amount();
            ISOMsg r = exchange(main, msg("0100", "000000", pan, amount, s));
            if (!"00".equals(r.getString(39))) {
                return;
            }
            posted.add(new Posted(dialect, s, pan, amount, r.getString(37), true));
            int next = random.nextInt(10);
            if (next < 4) {
                String c = nextStan();
                IsoFrame comp = msg("0220", "000000", pan, amount - random.nextInt(50), c);
                comp.msg().set(37, r.getString(37));
                ISOMsg cr = exchange(main, comp);
                if ("00".equals(cr.getString(39)) && random.nextBoolean()) {
                    exchange(side, msg("0400", "000000", pan, Long.parseLong(comp.msg().getString(4)), c));
                }
            } else if (next < 7) {
                exchange(side, msg("0400", "000000", pan, amount, s));
            }
        }

        /** Reversal and original sent at once on two connections: either may reach the bank first. */
        private void raceStory() throws Exception {
            String s = nextStan();
            String pan = pan();
            long amount = amount();
            IsoFrame sale = msg("0200", "000000", pan, amount, s);
            IsoFrame rev = msg("0400", "000000", pan, amount, s);
            if (random.nextBoolean()) {
                side.send(rev);
                main.send(sale);
            } else {
                main.send(sale);
                side.send(rev);
            }
            messages += 2;
            ISOMsg saleRsp = main.receive().msg();
            ISOMsg revRsp = side.receive().msg();
            assertThat(revRsp.getString(39)).as("a reversal racing its sale").isEqualTo("00");
            assertThat(saleRsp.getString(39)).as("the sale racing its reversal").isIn("00", "12", "51");
        }

        private Posted other(boolean auth) {
            List<Posted> candidates = posted.stream()
                    .filter(p -> p.auth() == auth && p.dialect() == dialect).toList();
            return candidates.isEmpty() ? null : candidates.get(random.nextInt(candidates.size()));
        }

        private void voidOthers() throws Exception {
            Posted p = other(false);
            if (p != null) {
                exchange(main, voidOf(p.pan(), p.amount(), nextStan(), p.rrn()));
            }
        }

        private void reverseOthers() throws Exception {
            Posted p = other(random.nextInt(4) == 0);
            if (p != null) {
                String mti = new String[] {"0400", "0401", "0420", "0421"}[random.nextInt(4)];
                exchange(main, msg(mti, "000000", p.pan(), p.amount(), p.stan()));
            }
        }

        private void refundOthers() throws Exception {
            Posted p = other(false);
            if (p != null) {
                IsoFrame refund = msg(random.nextBoolean() ? "0200" : "0220", "200000", p.pan(),
                        1 + random.nextInt((int) p.amount()), nextStan());
                refund.msg().set(37, p.rrn());
                exchange(main, refund);
            }
        }
    }
}
