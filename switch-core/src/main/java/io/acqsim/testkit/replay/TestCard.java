package io.acqsim.testkit.replay;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.FieldSpans;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOFieldPackager;

/**
 * Puts a test card where a capture's card data is masked (DE2, DE35, DE36 whose digits a trace
 * replaced by {@code *} or the BCD nibble {@code F}). By default the masked digits become
 * {@code 0}, so the card keeps its BIN and last four digits; with a configured card, that card's
 * number replaces the whole PAN. Masked track data after the separator becomes the configured
 * expiry (YYMM), service code 101 and zeros. The field is packed again with the dialect's own
 * packager, so its length prefix and encoding stay right.
 */
public final class TestCard {
    private final String pan;
    private final String expiry;

    /** @param pan the test card for every masked PAN, or null to fill the masked digits with 0 */
    public TestCard(String pan, String expiry) {
        this.pan = pan;
        this.expiry = expiry;
    }

    /** The body with masked card fields replaced; the same array when nothing was masked. */
    public byte[] apply(Dialect dialect, byte[] body) throws ISOException {
        List<FieldSpans.Span> spans = FieldSpans.of(dialect, body);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 16);
        int at = 0;
        boolean changed = false;
        for (FieldSpans.Span s : spans) {
            int f = s.field();
            if ((f == 2 || f == 34 || f == 35 || f == 36) && s.value() instanceof String v && isMasked(v)) {
                String card = f == 35 || f == 36 ? track(v) : pan(v);
                ISOFieldPackager fp = s.packager();
                ISOComponent c = fp.createComponent(f);
                c.setValue(card);
                byte[] packed = fp.pack(c);
                out.write(body, at, s.start() - at);
                out.writeBytes(packed);
                at = s.end();
                changed = true;
            }
        }
        if (!changed) {
            return body;
        }
        out.write(body, at, body.length - at);
        return out.toByteArray();
    }

    /** Whether a value holds masked digits. */
    public static boolean isMasked(String v) {
        return v.indexOf('*') >= 0 || v.indexOf('F') >= 0 || v.indexOf('f') >= 0;
    }

    private static boolean isMaskChar(char c) {
        return c == '*' || c == 'F' || c == 'f';
    }

    String pan(String masked) {
        if (pan != null) {
            return pan;
        }
        StringBuilder sb = new StringBuilder(masked.length());
        for (int i = 0; i < masked.length(); i++) {
            sb.append(isMaskChar(masked.charAt(i)) ? '0' : masked.charAt(i));
        }
        return sb.toString();
    }

    String track(String masked) {
        int sep = -1;
        for (int i = 0; i < masked.length(); i++) {
            char c = masked.charAt(i);
            if (c == '=' || c == 'D' || c == '^') {
                sep = i;
                break;
            }
        }
        if (sep < 0) {
            return pan(masked);
        }
        String tail = masked.substring(sep + 1);
        String fill = expiry + "101";
        StringBuilder sb = new StringBuilder(tail.length());
        for (int i = 0; i < tail.length(); i++) {
            char c = tail.charAt(i);
            sb.append(isMaskChar(c) ? (i < fill.length() ? fill.charAt(i) : '0') : c);
        }
        return pan(masked.substring(0, sep)) + "=" + sb;
    }
}
