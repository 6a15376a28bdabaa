package io.acqsim.core.ledger.pg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Iso87Ascii;
import io.acqsim.core.config.PostgresqlConfig;
import io.acqsim.core.testing.Await;
import io.acqsim.core.testing.EmbeddedPg;
import io.acqsim.core.testing.IsoClient;
import io.acqsim.core.testing.Messages;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database restarts in the middle of traffic on two nodes. Requests during the outage are
 * answered {@code 96} (nothing applied) or not at all (a commit whose answer was lost); none is
 * applied twice or half; after the restart the nodes reconnect by themselves and approve again.
 */
class DatabaseRestartTest {
    private static final Iso87Ascii ISO = Iso87Ascii.INSTANCE;
    private static final String PAN = "4111990000000001";
    private static final long OPENING = 1_000_000_000;
    private static final int CLIENTS = 4;
    private static final String NO_ANSWER = "none";

    @Test
    void aRestartInTheMiddleOfTrafficAppliesNothingTwiceOrHalf(@TempDir Path dir) throws Exception {
        try (EmbeddedPg pg = EmbeddedPg.dedicated(dir.resolve("pg"))) {
            PostgresqlConfig db = pg.newDatabase();
            PostgresqlConfig quick = new PostgresqlConfig(db.url(), db.user(), db.password(), 4, Duration.ofMillis(500),
                    null);
            try (TwoNodes nodes = TwoNodes.start(quick, "")) {
                nodes.admin1.put("/accounts/" + PAN, "{\"balance\": " + OPENING + "}");
                Map<String, String> answers = new ConcurrentHashMap<>();
                Map<String, Long> amounts = new ConcurrentHashMap<>();
                AtomicBoolean stop = new AtomicBoolean();
                AtomicInteger approvedAfterRestart = new AtomicInteger();
                AtomicBoolean restarted = new AtomicBoolean();
                ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
                List<Future<?>> clients = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    int client = i;
                    clients.add(pool.submit(() -> {
                        traffic(nodes, client, stop, answers, amounts, restarted, approvedAfterRestart);
                        return null;
                    }));
                }
                Await.until("traffic before the restart", Duration.ofSeconds(20), () -> count(answers, "00") >= 40);
                pg.stop();
                Await.until("requests answered 96 while the database is down", Duration.ofSeconds(20),
                        () -> count(answers, "96") >= 2);
                pg.start();
                restarted.set(true);
                Await.until("approvals after the restart", Duration.ofSeconds(30), () -> approvedAfterRestart.get() >= 20);
                stop.set(true);
                for (Future<?> f : clients) {
                    f.get(30, TimeUnit.SECONDS);
                }
                pool.shutdown();
                check(nodes, answers, amounts);
            }
        }
    }

    private static long count(Map<String, String> answers, String code) {
        return answers.values().stream().filter(code::equals).count();
    }

    /** One terminal sending sales with fresh STANs, alternating nodes; remembers each answer (or none). */
    private static void traffic(TwoNodes nodes, int client, AtomicBoolean stop, Map<String, String> answers,
                                Map<String, Long> amounts, AtomicBoolean restarted, AtomicInteger approvedAfter)
            throws IOException {
        String terminal = String.format("RESTART%d", client);
        int stan = 0;
        IsoClient[] conn = new IsoClient[2];
        try {
            while (!stop.get() && stan < 5_000) {
                int node = stan % 2;
                if (conn[node] == null) {
                    conn[node] = new IsoClient(ISO, nodes.node(node + 1).port("iso87-ascii"), Duration.ofSeconds(5));
                }
                String s = Messages.stan(++stan);
                long amount = 100 + client * 10 + stan % 7;
                String key = terminal + "/" + s;
                amounts.put(key, amount);
                boolean after = restarted.get();
                String code;
                try {
                    code = conn[node].exchange(sale(terminal, s, amount)).msg().getString(39);
                } catch (IOException noAnswer) {
                    code = NO_ANSWER;
                    conn[node].close();
                    conn[node] = null;
                }
                answers.put(key, code);
                if (after && "00".equals(code)) {
                    approvedAfter.incrementAndGet();
                }
            }
        } finally {
            for (IsoClient c : conn) {
                if (c != null) {
                    c.close();
                }
            }
        }
    }

    private static IsoFrame sale(String terminal, String stan, long amount) {
        IsoFrame f = Messages.frame(ISO, "0200");
        ISOMsg m = f.msg();
        m.set(2, PAN);
        m.set(3, "000000");
        m.set(4, Messages.amount(amount));
        m.set(7, "1122334455");
        m.set(11, stan);
        m.set(41, terminal);
        m.set(42, Messages.MERCHANT);
        m.set(49, "156");
        return f;
    }

    private static void check(TwoNodes nodes, Map<String, String> answers, Map<String, Long> amounts) throws Exception {
        assertThat(answers.values()).as("every answer is 00, 96 or none").allMatch(
                c -> c.equals("00") || c.equals("96") || c.equals(NO_ANSWER));
        JsonNode journal = nodes.admin2.get("/transactions?limit=100000").json();
        Map<String, List<JsonNode>> posted = new HashMap<>();
        for (JsonNode t : journal) {
            posted.computeIfAbsent(t.get("terminal").asText() + "/" + t.get("stan").asText(), k -> new ArrayList<>())
                    .add(t);
        }
        long debited = 0;
        for (Map.Entry<String, String> a : answers.entrySet()) {
            List<JsonNode> rows = posted.getOrDefault(a.getKey(), List.of());
            assertThat(rows.size()).as("journal entries of " + a.getKey()).isLessThanOrEqualTo(1);
            switch (a.getValue()) {
                case "00" -> {
                    assertThat(rows).as("an approved sale is on the ledger: " + a.getKey()).hasSize(1);
                    assertThat(rows.get(0).get("state").asText()).isEqualTo("APPROVED");
                }
                case "96" -> assertThat(rows).as("a sale answered 96 left nothing: " + a.getKey()).isEmpty();
                default -> {
                    // no answer: posted or not, but whole
                }
            }
            if (rows.size() == 1 && rows.get(0).get("state").asText().equals("APPROVED")) {
                assertThat(rows.get(0).get("amount").asLong()).isEqualTo(amounts.get(a.getKey()));
                debited += amounts.get(a.getKey());
            }
        }
        assertThat(answers.keySet()).as("nothing journaled that no terminal sent").containsAll(posted.keySet());
        assertThat(nodes.admin1.balance(PAN)).as("the balance is the opening less exactly the sales on the ledger")
                .isEqualTo(OPENING - debited);
    }
}
