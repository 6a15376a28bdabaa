package io.acqsim.codec.fuzz;

import io.acqsim.codec.dialect.Dialect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.jpos.iso.ISOBitMap;
import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOFieldPackager;

/**
 * Hostile variants of a well-formed frame body, drawn from a seeded {@link Random} so that a
 * failure can be replayed from its seed. Knows where each field of the original starts (by
 * walking the dialect's layout once), so it can aim at length prefixes, numerics and the bitmap
 * as well as flip bits at random.
 */
public final class Mutator {
    /** The mutations, named so that a failure says which one produced the bytes. */
    public enum Kind {
        BIT_FLIPS, TRUNCATE, EXTEND, RANDOM_BITMAP, OVERSIZED_LENGTH, NON_DIGIT, FIELD_GARBAGE, SPLICE, STACKED
    }

    /** Where one field of the original body sits. */
    record FieldSpan(int field, int offset, int length, ISOFieldPackager packager) {
        String packagerName() {
            return packager.getClass().getSimpleName();
        }

        /** Bytes of LL/LLL prefix, 0 for fixed-length fields. */
        int prefixBytes() {
            String n = packagerName();
            if (n.startsWith("IFA_LLL")) {
                return 3;
            }
            if (n.startsWith("IFA_LL")) {
                return 2;
            }
            if (n.startsWith("IFB_LLL")) {
                return 2;
            }
            if (n.startsWith("IFB_LL")) {
                return 1;
            }
            return 0;
        }

        boolean ascii() {
            return packagerName().startsWith("IFA_");
        }

        boolean numeric() {
            return packagerName().contains("NUM");
        }
    }

    /** One hostile body and how it was made. */
    public record Mutant(Kind kind, String how, byte[] body) {
    }

    private final List<byte[]> originals;
    private final List<List<FieldSpan>> spans = new ArrayList<>();

    public Mutator(Dialect dialect, List<byte[]> originals) {
        this.originals = originals;
        for (byte[] body : originals) {
            spans.add(spans(dialect, body));
        }
    }

    public Mutant next(Random random) {
        int pick = random.nextInt(originals.size());
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        return mutate(kind, pick, originals.get(pick).clone(), random);
    }

    private Mutant mutate(Kind kind, int pick, byte[] b, Random random) {
        List<FieldSpan> fields = spans.get(pick);
        switch (kind) {
            case BIT_FLIPS -> {
                int flips = 1 + random.nextInt(4);
                StringBuilder how = new StringBuilder("bits");
                for (int i = 0; i < flips; i++) {
                    int bit = random.nextInt(b.length * 8);
                    b[bit / 8] ^= (byte) (1 << (bit % 8));
                    how.append(' ').append(bit);
                }
                return new Mutant(kind, how.toString(), b);
            }
            case TRUNCATE -> {
                int to = random.nextInt(b.length);
                return new Mutant(kind, "to " + to, Arrays.copyOf(b, to));
            }
            case EXTEND -> {
                byte[] tail = new byte[1 + random.nextInt(64)];
                random.nextBytes(tail);
                byte[] out = Arrays.copyOf(b, b.length + tail.length);
                System.arraycopy(tail, 0, out, b.length, tail.length);
                return new Mutant(kind, "+" + tail.length, out);
            }
            case RANDOM_BITMAP -> {
                FieldSpan bitmap = fields.stream().filter(f -> f.field() == 1).findFirst().orElseThrow();
                for (int i = 0; i < bitmap.length(); i++) {
                    b[bitmap.offset() + i] = bitmap.ascii()
                            ? (byte) "0123456789ABCDEF".charAt(random.nextInt(16)) : (byte) random.nextInt(256);
                }
                return new Mutant(kind, "bitmap at " + bitmap.offset(), b);
            }
            case OVERSIZED_LENGTH -> {
                List<FieldSpan> variable = fields.stream().filter(f -> f.prefixBytes() > 0).toList();
                if (variable.isEmpty()) {
                    return mutate(Kind.BIT_FLIPS, pick, b, random);
                }
                FieldSpan f = variable.get(random.nextInt(variable.size()));
                for (int i = 0; i < f.prefixBytes(); i++) {
                    b[f.offset() + i] = f.ascii() ? (byte) '9' : (byte) 0x99;
                }
                return new Mutant(kind, "field " + f.field() + " length all nines", b);
            }
            case NON_DIGIT -> {
                List<FieldSpan> numeric = fields.stream().filter(f -> f.field() > 1 && f.numeric()).toList();
                FieldSpan f = numeric.get(random.nextInt(numeric.size()));
                int data = f.length() - f.prefixBytes();
                int at = f.offset() + f.prefixBytes() + random.nextInt(Math.max(1, data));
                b[at] = f.ascii() ? (byte) ('A' + random.nextInt(26))
                        : (byte) (random.nextBoolean() ? 0xA0 | (b[at] & 0x0F) : (b[at] & 0xF0) | 0x0B);
                return new Mutant(kind, "field " + f.field() + " byte " + at, b);
            }
            case FIELD_GARBAGE -> {
                FieldSpan f = fields.get(random.nextInt(fields.size()));
                byte[] junk = new byte[f.length()];
                random.nextBytes(junk);
                System.arraycopy(junk, 0, b, f.offset(), junk.length);
                return new Mutant(kind, "field " + f.field(), b);
            }
            case SPLICE -> {
                byte[] other = originals.get(random.nextInt(originals.size()));
                int cutA = random.nextInt(b.length + 1);
                int cutB = random.nextInt(other.length + 1);
                byte[] out = Arrays.copyOf(b, cutA + other.length - cutB);
                System.arraycopy(other, cutB, out, cutA, other.length - cutB);
                return new Mutant(kind, "splice " + cutA + "/" + cutB, out);
            }
            case STACKED -> {
                // A field-aware mutation, then one that needs no field positions (they have moved).
                Kind first = Kind.values()[random.nextInt(Kind.STACKED.ordinal())];
                Kind second = List.of(Kind.BIT_FLIPS, Kind.TRUNCATE, Kind.EXTEND).get(random.nextInt(3));
                Mutant m1 = mutate(first, pick, b, random);
                if (m1.body().length == 0) {
                    return new Mutant(kind, m1.kind() + "(" + m1.how() + ")", m1.body());
                }
                Mutant m2 = mutate(second, pick, m1.body(), random);
                return new Mutant(kind, m1.kind() + "(" + m1.how() + ") then " + m2.kind() + "(" + m2.how() + ")",
                        m2.body());
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    /** Field positions of a body that decodes, found with the dialect's own field packagers. */
    static List<FieldSpan> spans(Dialect dialect, byte[] body) {
        List<FieldSpan> out = new ArrayList<>();
        int offset = dialect.envelopeLength();
        try {
            ISOFieldPackager mti = dialect.packager().getFieldPackager(0);
            int n = mti.unpack(mti.createComponent(0), body, offset);
            out.add(new FieldSpan(0, offset, n, mti));
            offset += n;
            ISOFieldPackager bp = dialect.packager().getFieldPackager(1);
            ISOBitMap bitmap = new ISOBitMap(-1);
            n = bp.unpack(bitmap, body, offset);
            out.add(new FieldSpan(1, offset, n, bp));
            offset += n;
            BitSet bits = (BitSet) bitmap.getValue();
            for (int field = 2; field < bits.length(); field++) {
                if (bits.get(field)) {
                    ISOFieldPackager fp = dialect.packager().getFieldPackager(field);
                    ISOComponent c = fp.createComponent(field);
                    n = fp.unpack(c, body, offset);
                    out.add(new FieldSpan(field, offset, n, fp));
                    offset += n;
                }
            }
        } catch (ISOException e) {
            throw new IllegalArgumentException("a golden vector does not decode: " + e.getMessage(), e);
        }
        return out;
    }
}
