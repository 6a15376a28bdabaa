package io.acqsim.codec.layout;

/** What a field holds, which decides how its value is checked and read. */
public enum FieldKind {
    /** Digits only (track data, DE35/DE36, may also hold the {@code =} separator). */
    NUMERIC,
    /** Characters (an, ans). */
    CHAR,
    /** Bytes (b): PIN block, MAC, ICC data. */
    BINARY,
    /** ISO x+n amount: a {@code C} or {@code D} sign character, then digits. */
    AMOUNT,
    /** The primary (and secondary) bitmap, field 1. */
    BITMAP
}
