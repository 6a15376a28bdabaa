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
}
