package io.acqsim.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The end of a run: a percentile table per transaction type, {@code .hgrm} percentile files, and a
 * self-contained HTML page plotting the latency distributions (inline SVG, no scripts).
 */
public final class Report {
    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#17becf"};

    private Report() {
    }

    /** Prints the percentile table (microseconds) and the counters of one phase. */
    public static void table(PhaseResult r, PrintStream out) {
        out.printf(Locale.ROOT, "%n== %s: %s%n", r.name(), r.plan().describe());
        out.printf(Locale.ROOT, "%-9s %9s %9s %9s %9s %9s %9s %9s %9s  %s%n", "type", "count", "tx/s", "p50 us",
                "p90 us", "p99 us", "p99.9 us", "p99.99 us", "max us", "response codes");
        for (Map.Entry<Kind, Histogram> e : r.latency().entrySet()) {
            Histogram h = e.getValue();
            if (h.getTotalCount() > 0) {
                row(out, e.getKey().label(), h, r.seconds(), r.stats().codes(e.getKey()).toString());
            }
        }
        row(out, "all", r.all(), r.seconds(), "");
        out.printf(Locale.ROOT, "throughput %.0f tx/s answered in the measured window; sent %d, answered %d, "
                        + "timeouts %d, errors %d, unexpected %d, unsent %d, unanswered at the end %d, lost-by-script %d (reversed)%n",
                r.throughput(), r.sent(), r.answered(), r.timeouts(), r.errors(), r.unexpected(), r.unsent(), r.unanswered(),
                r.lostUnanswered());
    }

    private static void row(PrintStream out, String label, Histogram h, double seconds, String codes) {
        out.printf(Locale.ROOT, "%-9s %9d %9.0f", label, h.getTotalCount(), h.getTotalCount() / seconds);
        for (double p : PERCENTILES) {
            out.printf(Locale.ROOT, " %9.1f", h.getValueAtPercentile(p) / 1000.0);
        }
        out.printf(Locale.ROOT, " %9.1f  %s%n", h.getMaxValue() / 1000.0, codes);
    }

    /** Writes {@code <name>.hgrm} (all types) and {@code <name>-<type>.hgrm}, values in microseconds. */
    public static List<Path> hgrm(PhaseResult r, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        files.add(writeHgrm(dir.resolve(r.name() + ".hgrm"), r.all()));
        for (Map.Entry<Kind, Histogram> e : r.latency().entrySet()) {
            if (e.getValue().getTotalCount() > 0) {
                files.add(writeHgrm(dir.resolve(r.name() + "-" + e.getKey().label() + ".hgrm"), e.getValue()));
            }
        }
        return files;
    }

    private static Path writeHgrm(Path file, Histogram h) throws IOException {
        try (PrintStream ps = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
            h.outputPercentileDistribution(ps, 1000.0);
        }
        return file;
    }

    /** Writes a self-contained HTML page plotting every phase's distribution and the target's per type. */
    public static Path html(List<PhaseResult> phases, String title, List<String> notes, Path file) throws IOException {
        Map<String, Histogram> series = new LinkedHashMap<>();
        for (PhaseResult r : phases) {
            series.put(r.name() + " (all)", r.all());
        }
        PhaseResult last = phases.get(phases.size() - 1);
        if (!last.plan().echo()) {
            for (Map.Entry<Kind, Histogram> e : last.latency().entrySet()) {
                if (e.getValue().getTotalCount() > 0) {
                    series.put(last.name() + " " + e.getKey().label(), e.getValue());
                }
            }
        }
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title><style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 8px;"
                        + "text-align:right}table{border-collapse:collapse}tr:nth-child(even){background:#f4f4f4}"
                        + "</style></head><body><h1>").append(esc(title)).append("</h1>");
        for (String n : notes) {
            html.append("<p>").append(esc(n)).append("</p>");
        }
        html.append(svg(series));
        html.append("<table><tr><th style=\"text-align:left\">series</th><th>count</th>");
        for (double p : PERCENTILES) {
            html.append("<th>p").append(java.math.BigDecimal.valueOf(p).stripTrailingZeros().toPlainString())
                    .append(" µs</th>");
        }
        html.append("<th>max µs</th></tr>");
        for (Map.Entry<String, Histogram> e : series.entrySet()) {
            Histogram h = e.getValue();
            html.append("<tr><td style=\"text-align:left\">").append(esc(e.getKey())).append("</td><td>")
                    .append(h.getTotalCount()).append("</td>");
            for (double p : PERCENTILES) {
                html.append("<td>").append(String.format(Locale.ROOT, "%.1f", h.getValueAtPercentile(p) / 1000.0))
                        .append("</td>");
            }
            html.append("<td>").append(String.format(Locale.ROOT, "%.1f", h.getMaxValue() / 1000.0))
                    .append("</td></tr>");
        }
        html.append("</table></body></html>\n");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, html.toString(), StandardCharsets.UTF_8);
        return file;
    }

    /** Latency against percentile on the usual "1 / (1 - p)" log axis, 0% to 99.999%. */
    private static String svg(Map<String, Histogram> series) {
        int w = 900;
        int h = 480;
        int left = 70;
        int right = 220;
        int top = 20;
        int bottom = 50;
        double maxX = 5;
        double maxY = 1;
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        for (Map.Entry<String, Histogram> e : series.entrySet()) {
            List<double[]> pts = new ArrayList<>();
            for (HistogramIterationValue v : e.getValue().percentiles(5)) {
                double p = Math.min(v.getPercentileLevelIteratedTo(), 99.999);
                double x = Math.log10(1 / (1 - p / 100.0));
                double y = v.getValueIteratedTo() / 1000.0;
                pts.add(new double[] {x, y});
                maxY = Math.max(maxY, y);
                if (p >= 99.999) {
                    break;
                }
            }
            points.put(e.getKey(), pts);
        }
        double plotW = w - left - right;
        double plotH = h - top - bottom;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" font-size=\"12\">");
        s.append("<rect x=\"").append(left).append("\" y=\"").append(top).append("\" width=\"").append(plotW)
                .append("\" height=\"").append(plotH).append("\" fill=\"none\" stroke=\"#999\"/>");
        String[] xLabels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
        for (int i = 0; i <= 5; i++) {
            double x = left + plotW * i / maxX;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>",
                    x, top, x, top + plotH));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>", x,
                    top + plotH + 18, xLabels[i]));
        }
        for (int i = 0; i <= 5; i++) {
            double y = top + plotH - plotH * i / 5;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>",
                    left, y, left + plotW, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", left - 6,
                    y + 4, fmt(maxY * i / 5)));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">percentile</text>",
                left + plotW / 2, h - 8));
        s.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%.1f\" transform=\"rotate(-90 14 %.1f)\" "
                + "text-anchor=\"middle\">latency (µs)</text>", top + plotH / 2, top + plotH / 2));
        int i = 0;
        for (Map.Entry<String, List<double[]>> e : points.entrySet()) {
            String colour = COLOURS[i % COLOURS.length];
            StringBuilder path = new StringBuilder();
            for (double[] p : e.getValue()) {
                path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f,%.1f",
                        left + plotW * p[0] / maxX, top + plotH - plotH * p[1] / maxY));
            }
            s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"2\"/>");
            double ly = top + 14 + i * 18;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                    + "stroke-width=\"3\"/>", left + plotW + 12, ly - 4, left + plotW + 32, ly - 4, colour));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>", left + plotW + 38, ly,
                    esc(e.getKey())));
            i++;
        }
        s.append("</svg>");
        return s.toString();
    }

    private static String fmt(double v) {
        if (v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.1f", v).replaceAll("\\.?0+$", "");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
