package io.acqsim.codec.dialect;

/** How a dialect encodes character and numeric text on the wire. */
public enum TextCharset {
    /** US-ASCII: {@code '0'} is {@code 0x30}. */
    ASCII,
    /** EBCDIC code page IBM-1047, as mainframe host links speak it: {@code '0'} is {@code 0xF0}. */
    EBCDIC;

    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The charset a configuration names, or null. */
    public static TextCharset ofConfigName(String name) {
        for (TextCharset c : values()) {
            if (c.configName().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
