package io.acqsim.codec.layout;

import java.nio.charset.Charset;

/**
 * EBCDIC code page IBM-1047 (what mainframe host links and jPOS's {@code ISOUtil.asciiToEbcdic}
 * use), as two lookup tables built once from the JDK's own charset.
 */
final class Ebcdic {
    private static final char[] TO_CHAR = new char[256];
    private static final byte[] FROM_CHAR = new byte[256];

    static {
        Charset ibm1047 = Charset.forName("IBM1047");
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        String decoded = new String(all, ibm1047);
        for (int i = 0; i < 256; i++) {
            char c = decoded.charAt(i);
            TO_CHAR[i] = c;
            if (c < 256) {
                FROM_CHAR[c] = (byte) i;
            }
        }
    }

    private Ebcdic() {
    }

    static char toChar(byte b) {
        return TO_CHAR[b & 0xFF];
    }

    /** The EBCDIC byte of a Latin-1 character; characters outside Latin-1 become {@code ?}. */
    static byte fromChar(char c) {
        return c < 256 ? FROM_CHAR[c] : FROM_CHAR['?'];
    }
}
