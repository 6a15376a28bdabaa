package io.acqsim.codec.dialect;

import java.nio.charset.Charset;
import java.util.HexFormat;
import org.jpos.iso.BinaryInterpreter;

/**
 * Binary data written as upper-case hex digits in EBCDIC IBM-1047 ({@code 0x8E} is {@code F8 C5}):
 * the EBCDIC form of jPOS's ASCII-hex fields ({@code IFA_BINARY}). Written here because jPOS
 * 2.1.10's {@code EbcdicHexInterpreter} does not read back the letters A-F it writes.
 */
final class EbcdicHex implements BinaryInterpreter {
    static final EbcdicHex INSTANCE = new EbcdicHex();
    private static final Charset IBM1047 = Charset.forName("IBM1047");
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private EbcdicHex() {
    }

    @Override
    public void interpret(byte[] data, byte[] b, int offset) {
        byte[] text = HEX.formatHex(data).getBytes(IBM1047);
        System.arraycopy(text, 0, b, offset, text.length);
    }

    @Override
    public byte[] uninterpret(byte[] raw, int offset, int length) {
        return HEX.parseHex(new String(raw, offset, 2 * length, IBM1047));
    }

    @Override
    public int getPackedLength(int nBytes) {
        return 2 * nBytes;
    }
}
