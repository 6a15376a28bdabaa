package io.acqsim.bench.load;

import io.acqsim.codec.field.Masking;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares the net effect the generator's terminals caused on each of their accounts (from the
 * answers they received) with what the bank's admin API shows. Any difference is a failure.
 */
public final class MoneyCheck {
    /** Opening balance of every generator account: large enough that no sale is declined 51. */
    public static final long OPENING = 1_000_000_000_000L;

    private MoneyCheck() {
    }

    /** One account's outcome. */
    public record Line(String pan, long expectedBalance, long actualBalance, long expectedAvailable,
                       long actualAvailable, int uncertain) {
        public boolean ok() {
            return uncertain == 0 && expectedBalance == actualBalance && expectedAvailable == actualAvailable;
        }

        @Override
        public String toString() {
            return String.format("%s  balance expected %d, ledger %d (%+d)  available expected %d, ledger %d (%+d)%s",
                    Masking.pan(pan), expectedBalance, actualBalance, actualBalance - expectedBalance, expectedAvailable,
                    actualAvailable, actualAvailable - expectedAvailable,
                    uncertain > 0 ? "  " + uncertain + " void/reversal(s) unanswered: effect unknown" : "");
        }
    }

    /** The outcome of the whole check. */
    public record Result(List<Line> lines) {
        public boolean ok() {
            return lines.stream().allMatch(Line::ok);
        }

        public List<Line> failures() {
            return lines.stream().filter(l -> !l.ok()).toList();
        }
    }

    public static void open(AdminApi admin, List<String> pans) throws IOException, InterruptedException {
        for (String pan : pans) {
            admin.putAccount(pan, OPENING, "156");
        }
    }

    public static Result check(AdminApi admin, PhaseResult phase) throws IOException, InterruptedException {
        List<Line> lines = new ArrayList<>();
        for (Map.Entry<String, long[]> e : phase.expected().entrySet()) {
            AdminApi.Balance b = admin.account(e.getKey());
            lines.add(new Line(e.getKey(), OPENING + e.getValue()[0], b.balance(), OPENING + e.getValue()[1],
                    b.available(), phase.uncertain().getOrDefault(e.getKey(), 0)));
        }
        return new Result(lines);
    }

    /** Generated PANs: 16 digits with a valid Luhn check digit, distinct per index. */
    public static List<String> pans(String prefix, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = prefix + String.format("%0" + (15 - prefix.length()) + "d", i);
            out.add(body + luhn(body));
        }
        return out;
    }

    static int luhn(String body) {
        int sum = 0;
        boolean dbl = true;
        for (int i = body.length() - 1; i >= 0; i--) {
            int d = body.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return (10 - sum % 10) % 10;
    }
}
