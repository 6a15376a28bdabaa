package io.acqsim.bench.load;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.core.cli.SendCommand;
import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.config.ConfigException;
import io.acqsim.core.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.HdrHistogram.HistogramLogWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code acqsim-bench load}: many terminals against acqsim (and optionally first against the echo
 * baseline with the same plan), then the percentile tables, the {@code .hlog}/{@code .hgrm} files,
 * the HTML plot, the ratio to echo, and the money check. Exit code 1 when the money check fails.
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Play many terminals against acqsim; measure latency from each request's intended send "
                + "time; check the money afterwards.")
public final class LoadCommand implements Callable<Integer> {
    @Option(names = "--target", defaultValue = "127.0.0.1:8584",
            description = "acqsim listener HOST:PORT (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--dialect", defaultValue = "iso87-binary",
            description = "The listener's dialect: a built-in (cup-pos, iso87-binary, iso87-ascii, iso93-ascii, "
                    + "iso87-ebcdic) or one the configuration declares under dialects: (default: ${DEFAULT-VALUE}).")
    String dialect;

    @Option(names = "--config", paramLabel = "FILE",
            description = "acqsim's configuration, where --dialect is looked up first (its dialects: and the "
                    + "built-ins it may override). Default: $ACQSIM_CONFIG or config/acqsim.yaml when that file "
                    + "exists, else the built-in dialects only.")
    Path config;

    @Option(names = "--baseline", paramLabel = "HOST:PORT",
            description = "An echo server (`acqsim-bench echo`) to run the same load against first; "
                    + "acqsim's throughput is then printed as a fraction of it.")
    String baseline;

    @Option(names = "--echo", description = "The target itself is an echo server: no money check.")
    boolean echo;

    @Option(names = {"-c", "--connections"}, defaultValue = "64", description = "Terminals (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = {"-n", "--in-flight"}, defaultValue = "1",
            description = "Requests in flight per connection: 1 for a POS terminal, more for a host link "
                    + "(default: ${DEFAULT-VALUE}).")
    int inFlight;

    @Option(names = {"-r", "--rate"}, defaultValue = "0",
            description = "Open loop at this many tx/s in total; 0 = closed loop, as fast as it goes (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = {"-d", "--duration"}, defaultValue = "10s", description = "Measured time (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = {"-w", "--warmup"}, defaultValue = "5s", description = "Warm-up, discarded (default: ${DEFAULT-VALUE}).")
    String warmup;

    @Option(names = "--mix", defaultValue = "sale=100",
            description = "Transaction mix, relative weights of sale, chip (chip sale with an ARQC), auth, void, reversal, repeat, lost "
                    + "(e.g. sale=70,void=10,reversal=10,auth=10) (default: ${DEFAULT-VALUE}).")
    String mix;

    @Option(names = "--timeout", defaultValue = "5s",
            description = "A request unanswered this long is a timeout; unanswered sales and auths are reversed "
                    + "(default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--lost-timeout", defaultValue = "1s",
            description = "How long a terminal waits for a 9100.01 (response-lost) sale before reversing it "
                    + "(default: ${DEFAULT-VALUE}).")
    String lostTimeout;

    @Option(names = "--threads", defaultValue = "1", description = "Client event loop threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--admin", defaultValue = "http://127.0.0.1:8580",
            description = "acqsim's admin API, for the accounts and the money check (default: ${DEFAULT-VALUE}).")
    String admin;

    @Option(names = "--admin-token", description = "Bearer token for the admin API.")
    String adminToken;

    @Option(names = "--no-money-check", description = "Skip creating accounts and checking them afterwards.")
    boolean noMoneyCheck;

    @Option(names = "--accounts", defaultValue = "0",
            description = "Cards to spread the terminals over; 0 = one per terminal (default: ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--pan-prefix", defaultValue = "999001",
            description = "First digits of the generated 16-digit PANs (default: ${DEFAULT-VALUE}).")
    String panPrefix;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", defaultValue = "target/load",
            description = "Folder for the .hlog, .hgrm and .html files (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--name", defaultValue = "acqsim", description = "Name of the target phase and files (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--prefill", defaultValue = "0", paramLabel = "N",
            description = "Post N sales (on accounts of their own, 8 connections x 64 in flight) before the measured "
                    + "run, so the host's journal is full: 1000000 reaches the default ledger.retention "
                    + "(default: ${DEFAULT-VALUE}, none).")
    long prefill;

    @Option(names = "--prefill-pan-prefix", defaultValue = "999009",
            description = "First digits of the prefill accounts' PANs (default: ${DEFAULT-VALUE}).")
    String prefillPanPrefix;

    @Option(names = "--quiet", description = "No progress line.")
    boolean quiet;

    @Option(names = "--scrape-metrics", paramLabel = "PERIOD",
            description = "During the target phase (warm-up included), GET /metrics from --admin every PERIOD, as a "
                    + "Prometheus server would: from this process over one kept-alive connection, so the scraper "
                    + "costs the generator next to nothing (default: no scraping).")
    String scrapeMetrics;

    /** Everything a run produced. */
    public record Outcome(List<PhaseResult> phases, MoneyCheck.Result money, Double ratioToEcho, List<Path> files) {
        public PhaseResult target() {
            return phases.get(phases.size() - 1);
        }

        public boolean ok() {
            return (money == null || money.ok()) && target().repeatMismatches() == 0;
        }
    }

    @Override
    public Integer call() throws Exception {
        Outcome o = execute(System.out);
        if (!o.ok()) {
            System.err.println();
            System.err.println("LOAD RUN FAILED: " + (o.money() != null && !o.money().ok()
                    ? "the ledger does not match what the terminals were told (see MONEY CHECK above)"
                    : o.target().repeatMismatches() + " repeat reversal(s) answered differently from the first"));
            return 1;
        }
        return 0;
    }

    /** Runs the baseline (if any) and the target, prints the report, writes the files. */
    public Outcome execute(PrintStream console) throws IOException, InterruptedException {
        Dialect d = dialect();
        List<String> pans = MoneyCheck.pans(panPrefix, accounts > 0 ? accounts : connections);
        String[] hp = hostPort(target, "--target");
        LoadPlan plan = new LoadPlan(hp[0], Integer.parseInt(hp[1]), d, echo, connections, inFlight, rate,
                parseDuration(warmup, "--warmup"), parseDuration(duration, "--duration"), Mix.parse(mix),
                parseDuration(timeout, "--timeout"), parseDuration(lostTimeout, "--lost-timeout"), threads, pans,
                seed);
        Files.createDirectories(out);
        Path hlogFile = out.resolve(name + ".hlog");
        List<PhaseResult> phases = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        PrintStream progress = quiet ? null : console;
        MoneyCheck.Result money = null;
        try (PrintStream hlogOut = new PrintStream(Files.newOutputStream(hlogFile), false, StandardCharsets.UTF_8)) {
            HistogramLogWriter hlog = new HistogramLogWriter(hlogOut);
            long base = System.currentTimeMillis();
            hlog.outputLogFormatVersion();
            hlog.outputComment("acqsim-bench load: " + plan.describe() + " (latency in ns, tags phase/type)");
            hlog.outputStartTime(base);
            hlog.setBaseTime(base);
            hlog.outputLegend();
            console.println("plan: " + plan.describe());
            if (baseline != null) {
                String[] bhp = hostPort(baseline, "--baseline");
                phases.add(LoadRunner.run("echo", plan.against(bhp[0], Integer.parseInt(bhp[1]), true), progress,
                        hlog));
            }
            AdminApi api = echo || noMoneyCheck ? null : new AdminApi(admin, adminToken);
            if (prefill > 0) {
                prefill(d, hp, api, progress, console);
            }
            if (api != null) {
                MoneyCheck.open(api, pans);
            }
            PhaseResult result;
            try (MetricsScraper scraper = scrapeMetrics == null ? null
                    : MetricsScraper.start(new AdminApi(admin, adminToken), parseDuration(scrapeMetrics, "--scrape-metrics"))) {
                result = LoadRunner.run(name, plan, progress, hlog);
                if (scraper != null) {
                    console.println(scraper.summary());
                }
            }
            phases.add(result);
            if (api != null) {
                money = MoneyCheck.check(api, result);
            }
        }
        files.add(hlogFile);
        for (PhaseResult r : phases) {
            Report.table(r, console);
            files.addAll(Report.hgrm(r, out));
        }
        Double ratio = null;
        List<String> notes = new ArrayList<>();
        notes.add(plan.describe());
        if (phases.size() == 2) {
            PhaseResult e = phases.get(0);
            PhaseResult t = phases.get(1);
            ratio = t.throughput() / e.throughput();
            String line = String.format(Locale.ROOT, "%s throughput %.0f tx/s = %.2f x echo (%.0f tx/s); "
                            + "p50 %.1f us vs echo %.1f us (%+.1f us); p99 %.1f us vs echo %.1f us (x %.2f)",
                    name, t.throughput(), ratio, e.throughput(), t.all().getValueAtPercentile(50) / 1e3,
                    e.all().getValueAtPercentile(50) / 1e3,
                    (t.all().getValueAtPercentile(50) - e.all().getValueAtPercentile(50)) / 1e3,
                    t.all().getValueAtPercentile(99) / 1e3, e.all().getValueAtPercentile(99) / 1e3,
                    (double) t.all().getValueAtPercentile(99) / Math.max(1, e.all().getValueAtPercentile(99)));
            console.println();
            console.println(line);
            notes.add(line);
        }
        if (money != null) {
            console.println();
            if (money.ok()) {
                console.printf("money check: OK, %d accounts match the ledger to the minor unit%n",
                        money.lines().size());
                notes.add("money check: OK (" + money.lines().size() + " accounts)");
            } else {
                console.println("MONEY CHECK FAILED: " + money.failures().size() + " of " + money.lines().size()
                        + " accounts differ from what the terminals were told");
                money.failures().forEach(l -> console.println("  " + l));
                notes.add("MONEY CHECK FAILED on " + money.failures().size() + " accounts");
            }
        }
        files.add(Report.html(phases, "acqsim load: " + name, notes, out.resolve(name + ".html")));
        console.println();
        console.println("files: " + files);
        return new Outcome(phases, money, ratio, files);
    }

    /**
     * The dialect named by {@code --dialect}: the configuration's definition when the configuration
     * is readable (an explicit {@code --config} must be), else the built-in of that name, as
     * {@code acqsim send --dialect} finds it.
     */
    Dialect dialect() {
        return findDialect(dialect, config);
    }

    /**
     * A dialect by name: from {@code config} (or, when null, {@code $ACQSIM_CONFIG} or
     * {@code config/acqsim.yaml} if that file exists and loads), which may declare its own or
     * redefine a built-in, else the built-in of that name. An unknown name lists the known ones.
     */
    public static Dialect findDialect(String name, Path config) {
        return SendCommand.dialect(name, configuration(config), "; a dialect of your own needs --config FILE");
    }

    private static AcqsimConfig configuration(Path config) {
        if (config != null) {
            return ConfigLoader.load(config);
        }
        String env = System.getenv("ACQSIM_CONFIG");
        Path file = Path.of(env != null && !env.isBlank() ? env : "config/acqsim.yaml");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return ConfigLoader.load(file);
        } catch (ConfigException e) {
            return null;
        }
    }

    /** Fills the target's journal with {@link #prefill} sales on accounts the measured run does not use. */
    private void prefill(Dialect d, String[] hp, AdminApi api, PrintStream progress, PrintStream console)
            throws IOException, InterruptedException {
        List<String> prefillPans = MoneyCheck.pans(prefillPanPrefix, 16);
        if (api != null) {
            MoneyCheck.open(api, prefillPans);
        }
        LoadPlan fill = new LoadPlan(hp[0], Integer.parseInt(hp[1]), d, echo, 8, 64, 0, Duration.ZERO,
                Duration.ofMinutes(30), Mix.parse("sale=100"), parseDuration(timeout, "--timeout"),
                parseDuration(lostTimeout, "--lost-timeout"), threads, prefillPans, seed + 1);
        long t0 = System.nanoTime();
        PhaseResult r = LoadRunner.prefill(fill, prefill, progress);
        console.printf(Locale.ROOT, "prefill: %d transactions answered in %.1f s%n", r.answered(),
                (System.nanoTime() - t0) / 1e9);
    }

    private static String[] hostPort(String s, String option) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new CommandLine.ParameterException(new CommandLine(new LoadCommand()),
                    option + " must be HOST:PORT, not '" + s + "'");
        }
        return new String[] {s.substring(0, colon), s.substring(colon + 1)};
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m}. */
    static Duration parseDuration(String s, String option) {
        String v = s.trim();
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            }
            if (v.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)) * 60);
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new IllegalArgumentException(option + ": '" + s + "' is not a duration like 500ms, 10s or 2m");
    }
}
