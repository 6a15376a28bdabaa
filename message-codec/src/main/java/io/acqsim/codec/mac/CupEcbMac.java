package io.acqsim.codec.mac;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The China UnionPay POS "ECB" MAC (银联 POS ECB MAC):
 * <ol>
 *   <li>zero-pad the MAC block (MTI .. last field before DE64) to a multiple of 8 bytes and XOR
 *       all 8-byte blocks together;</li>
 *   <li>write the 8-byte result as 16 upper-case hex characters (ASCII);</li>
 *   <li>encrypt the first 8 characters with the MAK, XOR the result with the last 8 characters;</li>
 *   <li>encrypt that again with the MAK, write it as 16 upper-case hex characters and take the
 *       first 8 characters (ASCII bytes) as the MAC.</li>
 * </ol>
 * The MAK is single DES (8 bytes) as in the classic terminal specification; a 16- or 24-byte MAK
 * uses triple DES in both encryption steps, as some acquirers do.
 */
public final class CupEcbMac implements MacAlgorithm {
    public static final CupEcbMac INSTANCE = new CupEcbMac();
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    @Override
    public int length() {
        return 8;
    }

    @Override
    public byte[] mac(byte[] key, byte[] data) {
        byte[] padded = Des.zeroPadded(data);
        byte[] xor = new byte[Des.BLOCK];
        for (int i = 0; i < padded.length; i += Des.BLOCK) {
            Des.xorInto(xor, padded, i);
        }
        byte[] expanded = hexAscii(xor);
        byte[] left = new byte[Des.BLOCK];
        System.arraycopy(expanded, 0, left, 0, Des.BLOCK);
        byte[] step = Des.encryptBlock(key, left);
        Des.xorInto(step, expanded, Des.BLOCK);
        byte[] result = hexAscii(Des.encryptBlock(key, step));
        byte[] mac = new byte[Des.BLOCK];
        System.arraycopy(result, 0, mac, 0, Des.BLOCK);
        return mac;
    }

    private static byte[] hexAscii(byte[] bytes) {
        return HEX.formatHex(bytes).getBytes(StandardCharsets.US_ASCII);
    }
}
