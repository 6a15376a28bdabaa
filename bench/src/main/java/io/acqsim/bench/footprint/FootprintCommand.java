package io.acqsim.bench.footprint;

import io.acqsim.bench.wire.Requests;
import io.acqsim.bench.wire.WireTemplate;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.core.server.ServerPipeline;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code acqsim-bench footprint}: how much heap the server keeps per journaled transaction. Sends
 * N sales through the real request path (framing, decode, route, ledger, encode, on an
 * EmbeddedChannel, each with its own STAN and so its own strings, as off the wire) and compares
 * the heap in use after a full GC before and after.
 */
@Command(name = "footprint", mixinStandardHelpOptions = true,
        description = "Measure the heap acqsim keeps per journaled transaction (run with e.g. -Xmx4g).")
public final class FootprintCommand implements Callable<Integer> {
    @Option(names = "--transactions", defaultValue = "1000000", description = "Sales to journal (default: ${DEFAULT-VALUE}).")
    int transactions;

    @Option(names = "--terminals", defaultValue = "100", description = "Terminals they come from (default: ${DEFAULT-VALUE}).")
    int terminals;

    @Option(names = "--dialect", defaultValue = "iso87-binary", description = "Dialect (default: ${DEFAULT-VALUE}).")
    String dialect;

    @Option(names = "--histogram", description = "Also print the top of a live heap histogram (jcmd GC.class_histogram).")
    boolean histogram;

    @Override
    public Integer call() throws Exception {
        Dialect d = Dialects.byName(dialect);
        List<String> pans = new ArrayList<>();
        for (int i = 0; i < terminals; i++) {
            pans.add(String.format("999003%09d", i) + "0");
        }
        ServerPipeline server = new ServerPipeline(d, pans);
        EmbeddedChannel channel = server.channel();
        WireTemplate[] sales = new WireTemplate[terminals];
        for (int i = 0; i < terminals; i++) {
            sales[i] = new Requests(d, String.format("F%07d", i), "123456789012345", pans.get(i)).sale();
        }
        int[] answered = {0};
        // Warm the path (class loading, JIT, pools) so the baseline below is not inflated later.
        send(channel, sales[0].set(4, 100).set(11, 999_999), d, answered);
        server.reset();
        long before = usedAfterGc();
        for (int i = 0; i < transactions; i++) {
            WireTemplate t = sales[i % terminals];
            int stan = i / terminals % 999_999 + 1;
            if (!d.hasCupHeader()) {
                t.set(7, 1_122_000_000L + i / terminals / 999_999);
            }
            send(channel, t.set(4, 100 + i % 9000).set(11, stan), d, answered);
        }
        long after = usedAfterGc();
        int journaled = server.ledger().journalSize();
        System.out.printf("%d sales sent, %d answered, %d journal entries kept%n", transactions, answered[0],
                journaled);
        System.out.printf("heap in use after GC: before %.1f MB, after %.1f MB%n", before / 1e6, after / 1e6);
        System.out.printf("retained per transaction sent: %.0f bytes%n", (after - before) / (double) transactions);
        if (journaled > 0) {
            System.out.printf("retained per journal entry kept: %.0f bytes%n", (after - before) / (double) journaled);
        }
        if (histogram) {
            String h = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            h.lines().limit(25).forEach(System.out::println);
        }
        channel.finishAndReleaseAll();
        server.close();
        return 0;
    }

    private static void send(EmbeddedChannel channel, WireTemplate t, Dialect d, int[] answered) {
        channel.writeInbound(Unpooled.wrappedBuffer(t.frame()));
        ByteBuf r = channel.readOutbound();
        if (r != null) {
            answered[0]++;
            r.release();
        }
    }

    private static long usedAfterGc() {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return mem.getHeapMemoryUsage().getUsed();
    }
}
