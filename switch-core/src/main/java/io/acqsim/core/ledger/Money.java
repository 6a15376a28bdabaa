package io.acqsim.core.ledger;

/**
 * The range money lives in, and checked arithmetic over it. Amounts are minor units. A message
 * amount is what DE4 (n12) can carry, 0 to 10^12 - 1; balances and holds stay within
 * ±(10^15 - 1), a thousand times the largest amount of headroom, far from where a {@code long}
 * wraps. A posting whose result would leave the range is declined {@link #OUT_OF_RANGE} with no
 * effect; the admin API refuses balances outside it.
 */
public final class Money {
    /** The largest amount one message carries: twelve digits of DE4. */
    public static final long MAX_AMOUNT = 999_999_999_999L;
    /** The largest balance (and, negated, the smallest) and the largest sum of holds. */
    public static final long MAX_BALANCE = 999_999_999_999_999L;
    /** The response to a message whose effect would take a balance or holds out of range: amount limit exceeded. */
    public static final String OUT_OF_RANGE = "61";

    private Money() {
    }

    /** Whether {@code amount} is a message amount (0 .. {@link #MAX_AMOUNT}). */
    public static boolean isAmount(long amount) {
        return amount >= 0 && amount <= MAX_AMOUNT;
    }

    /** Whether {@code balance} is within ±{@link #MAX_BALANCE}. */
    public static boolean isBalance(long balance) {
        return balance >= -MAX_BALANCE && balance <= MAX_BALANCE;
    }

    /** Whether {@code holds} is within 0 .. {@link #MAX_BALANCE}. */
    public static boolean isHolds(long holds) {
        return holds >= 0 && holds <= MAX_BALANCE;
    }

    /** Whether {@code balance + delta} stays in range (delta may be negative); never overflows. */
    public static boolean canMoveBalance(long balance, long delta) {
        return isBalance(balance) && delta >= -2 * MAX_BALANCE && delta <= 2 * MAX_BALANCE
                && isBalance(balance + delta);
    }

    /** Whether {@code holds + delta} stays in range. */
    public static boolean canMoveHolds(long holds, long delta) {
        return isHolds(holds) && delta >= -MAX_BALANCE && delta <= MAX_BALANCE && isHolds(holds + delta);
    }

    /** {@code a + b}, refused if either operand or the sum leaves the balance range. */
    public static long add(long a, long b) {
        long sum = Math.addExact(a, b);
        if (!isBalance(a) || !isBalance(sum)) {
            throw new ArithmeticException("money out of range: " + a + " + " + b);
        }
        return sum;
    }
}
