package io.acqsim.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.codec.layout.MessageBuilder;
import io.acqsim.core.flow.Reply;
import io.acqsim.core.flow.ResponseBuilder;
import io.acqsim.core.flow.TransactionProcessor;
import io.acqsim.core.ledger.LedgerStore;
import io.acqsim.core.ledger.MemoryLedger;
import io.acqsim.core.config.AccountsConfig;
import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.routing.Router;
import io.acqsim.core.testing.Messages;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Rule order, default scope, and {@code times} under concurrency, through the processor's hook. */
class RuleSetTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Rule rule(String json) throws Exception {
        return RuleParser.parse(JSON.readTree(json), "");
    }

    /** Runs one frame through a processor with these rules; returns what the rule hook saw. */
    private static Reply process(RuleSet rules, IsoFrame frame) {
        LedgerStore ledger = new MemoryLedger(new AccountsConfig(null, null, null, null), List.of(), Clock.systemUTC());
        return new TransactionProcessor(Dialects.byName("iso87-ascii"), Router.defaultFor(Dialects.byName("iso87-ascii")),
                ledger, new ResponseBuilder(true, Clock.systemUTC()), AcqsimConfig.defaults(), Clock.systemUTC(),
                new Scripting(rules, null, Duration.ofSeconds(65))).process(Messages.view(Dialects.byName("iso87-ascii"), frame));
    }

    private static IsoFrame sale(long amount) {
        return Messages.sale(Dialects.byName("iso87-ascii"), "4111111111111111", amount, 1);
    }

    @Test
    void ruleWithoutMtiOrTypeLeavesReversalsAlone() throws Exception {
        RuleSet rules = new RuleSet(() -> List.of(rule0()));
        IsoFrame reversal = sale(777);
        reversal.msg().set(0, "0400");
        assertThat(process(rules, reversal).response().string(39)).isNotEqualTo("05");
        assertThat(process(rules, sale(777)).response().string(39)).isEqualTo("05");
    }

    private static Rule rule0() {
        try {
            return rule("{\"match\":{\"amount\":777},\"action\":{\"respond\":\"05\"}}");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void runTimeRulesAreTriedBeforeFileRulesAndResetRestoresTheFile() throws Exception {
        RuleSet rules = new RuleSet(() -> List.of(rule0()));
        RuleSet.Armed added = rules.add(rule("{\"match\":{\"amount\":777},\"action\":{\"respond\":\"91\"}}"));
        assertThat(process(rules, sale(777)).response().string(39)).isEqualTo("91");
        rules.reset();
        assertThat(rules.list()).extracting(RuleSet.Armed::id).doesNotContain(added.id());
        assertThat(process(rules, sale(777)).response().string(39)).isEqualTo("05");
    }

    @Test
    void timesIsHonouredExactlyUnderConcurrentMatching() throws Exception {
        RuleSet rules = RuleSet.empty();
        rules.add(rule("{\"match\":{\"amount\":555},\"action\":{\"respond\":\"05\"},\"times\":50}"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<String>> work = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                work.add(() -> process(rules, sale(555)).response().string(39));
            }
            int declined = 0;
            for (Future<String> f : pool.invokeAll(work, 30, TimeUnit.SECONDS)) {
                declined += "05".equals(f.get()) ? 1 : 0;
            }
            assertThat(declined).isEqualTo(50);
            assertThat(rules.list()).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRuleUsedUpUnderConcurrentMatchingExpiresOnceAndIsNoLongerListed() throws Exception {
        RuleSet rules = RuleSet.empty();
        RuleSet.Armed armed = rules.add(rule("{\"match\":{\"amount\":556},\"action\":{\"respond\":\"05\"},\"times\":3}"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (io.acqsim.core.testing.LogCapture log = io.acqsim.core.testing.LogCapture.of(RuleSet.class)) {
            List<Callable<String>> work = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                work.add(() -> process(rules, sale(556)).response().string(39));
            }
            for (Future<String> f : pool.invokeAll(work, 30, TimeUnit.SECONDS)) {
                f.get();
            }
            assertThat(armed.remaining()).isZero();
            assertThat(armed.matched()).isEqualTo(3);
            assertThat(log.messages().stream().filter(m -> m.contains("expired after 3 match(es)")))
                    .as("the thread that took the last use says so, once").hasSize(1);
            assertThat(rules.list()).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void corruptMacFlipsEveryBitOfAnExistingMac() {
        MessageBuilder rsp = Dialects.byName("iso87-ascii").message("0210", null);
        rsp.set(64, new byte[] {0, 1, 2, 3, 4, 5, 6, (byte) 0xF0});
        MessageBuilder bad = Faults.corruptMac(rsp);
        assertThat(bad.bytes(64)).containsExactly(0xFF, 0xFE, 0xFD, 0xFC, 0xFB, 0xFA, 0xF9, 0x0F);
        assertThat(rsp.bytes(64)[0]).as("the original is untouched").isEqualTo((byte) 0);
    }
}
