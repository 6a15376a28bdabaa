package io.acqsim.bench.load;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A transaction mix such as {@code sale=70,void=10,reversal=10,auth=10}: relative weights, not
 * necessarily adding up to 100. Voids, reversals and repeats act on originals the same terminal
 * sent earlier; when a terminal has none yet, it sends a sale instead.
 */
public final class Mix {
    private final EnumMap<Kind, Integer> weights;
    private final Kind[] kinds;
    private final int[] cumulative;
    private final int total;

    private Mix(EnumMap<Kind, Integer> weights) {
        this.weights = weights;
        this.kinds = weights.keySet().toArray(new Kind[0]);
        this.cumulative = new int[kinds.length];
        int sum = 0;
        for (int i = 0; i < kinds.length; i++) {
            sum += weights.get(kinds[i]);
            cumulative[i] = sum;
        }
        this.total = sum;
    }

    public static Mix parse(String spec) {
        EnumMap<Kind, Integer> w = new EnumMap<>(Kind.class);
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("mix entry '" + p + "' is not type=weight");
            }
            Kind k = Kind.byLabel(p.substring(0, eq).trim());
            int weight;
            try {
                weight = Integer.parseInt(p.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("mix weight of " + k.label() + " is not a whole number: '"
                        + p.substring(eq + 1).trim() + "'");
            }
            if (weight < 0) {
                throw new IllegalArgumentException("mix weight of " + k.label() + " is negative");
            }
            if (weight > 0) {
                w.merge(k, weight, Integer::sum);
            }
        }
        if (w.isEmpty()) {
            throw new IllegalArgumentException("mix '" + spec + "' has no positive weight");
        }
        return new Mix(w);
    }

    public Kind pick(SplittableRandom random) {
        int r = random.nextInt(total);
        for (int i = 0; i < kinds.length; i++) {
            if (r < cumulative[i]) {
                return kinds[i];
            }
        }
        return kinds[kinds.length - 1];
    }

    public boolean has(Kind k) {
        return weights.containsKey(k);
    }

    public Map<Kind, Integer> weights() {
        return weights;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        weights.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k.label()).append('=').append(v));
        return sb.toString();
    }
}
