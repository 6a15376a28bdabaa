package io.acqsim.core.chip;

import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** IMK-AC per BIN prefix (configuration {@code emv.imkAc}): the longest prefix of the PAN wins, {@code *} is any card. */
public final class IssuerKeys {
    private final TreeMap<String, byte[]> byPrefix = new TreeMap<>();
    private final byte[] fallback;

    public IssuerKeys(Map<String, String> imkAc) {
        HexFormat hex = HexFormat.of();
        byte[] any = null;
        for (Map.Entry<String, String> e : imkAc.entrySet()) {
            if ("*".equals(e.getKey())) {
                any = hex.parseHex(e.getValue());
            } else {
                byPrefix.put(e.getKey(), hex.parseHex(e.getValue()));
            }
        }
        this.fallback = any;
    }

    /** The IMK-AC for this PAN, or null when no prefix matches and there is no {@code *} key. */
    public byte[] imkFor(String pan) {
        if (pan != null) {
            for (int n = Math.min(pan.length(), 11); n > 0; n--) {
                byte[] k = byPrefix.get(pan.substring(0, n));
                if (k != null) {
                    return k;
                }
            }
        }
        return fallback;
    }
}
