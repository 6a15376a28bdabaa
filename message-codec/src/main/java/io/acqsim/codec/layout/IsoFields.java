package io.acqsim.codec.layout;

/**
 * What logs, dumps and meters read from a message, whether it was decoded ({@link MessageView}) or
 * is being built ({@link MessageBuilder}).
 */
public interface IsoFields {
    Layout layout();

    /** The MTI, or null when unknown. */
    String mti();

    boolean has(int field);

    /** The field as a String (binary as upper-case hex), or null when absent. */
    String string(int field);

    /** The numbers of the fields present, ascending, MTI and bitmap excluded. */
    int[] fieldNumbers();

    /**
     * Appends the field as {@link #string} gives it and returns true, or appends nothing and
     * returns false when it is absent: for lines built without a String per field.
     */
    default boolean appendTo(StringBuilder out, int field) {
        String s = string(field);
        if (s == null) {
            return false;
        }
        out.append(s);
        return true;
    }

    /**
     * The field as {@link #string} gives it, for values that repeat (terminal ids, cards): a
     * decoded message gives the String it gave for the same value before ({@link MessageView#shared}).
     */
    default String shared(int field) {
        return string(field);
    }
}
