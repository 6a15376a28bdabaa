package io.acqsim.codec.layout;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.dialect.Dialects;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.jpos.iso.IFB_BINARY;
import org.jpos.iso.IFB_BITMAP;
import org.jpos.iso.IFEB_LLNUM;
import org.jpos.iso.IFE_AMOUNT;
import org.jpos.iso.IFE_BINARY;
import org.jpos.iso.IFE_BITMAP;
import org.jpos.iso.IFE_CHAR;
import org.jpos.iso.IFE_LLBINARY;
import org.jpos.iso.IFE_LLCHAR;
import org.jpos.iso.IFE_LLLCHAR;
import org.jpos.iso.IFE_LLNUM;
import org.jpos.iso.IFE_NUMERIC;
import org.jpos.iso.IFB_LLHBINARY;
import org.jpos.iso.IFB_LLLLCHAR;
import org.jpos.iso.IFA_LLLLCHAR;
import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOFieldPackager;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.packager.ISO87APackager;
import org.jpos.iso.packager.ISO87BPackager;
import org.jpos.iso.packager.ISO93APackager;
import org.jpos.iso.packager.ISO93BPackager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * acqsim's layout engine against jPOS, the reference: random valid messages of every dialect (and
 * of jPOS's ISO 1993 and an EBCDIC table) packed by jPOS decode to the same fields and re-encode
 * to the same bytes; messages acqsim encodes from values are byte for byte what jPOS packs and
 * unpack in jPOS to the same values. Seeded and bounded (a fixed number of messages per layout).
 */
class DifferentialTest {
    private static final int MESSAGES = 300;
    private static final String TEXT = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ";
    private static final String[] MTIS = {"0100", "0110", "0200", "0210", "0400", "0420", "0800", "1200", "1804"};

    static Stream<Arguments> packagers() {
        List<Arguments> all = new ArrayList<>();
        Dialects.all().forEach(d -> all.add(Arguments.of(d.name(), d.packager())));
        all.add(Arguments.of("jpos-iso87a", new ISO87APackager()));
        all.add(Arguments.of("jpos-iso87b", new ISO87BPackager()));
        all.add(Arguments.of("jpos-iso93a", new ISO93APackager()));
        all.add(Arguments.of("jpos-iso93b", new ISO93BPackager()));
        all.add(Arguments.of("ebcdic", ebcdicPackager()));
        // charset: ebcdic on any layout, and every test-supplied GenericPackager XML (layouts/*.xml)
        all.add(Arguments.of("iso87-ascii in ebcdic", io.acqsim.codec.dialect.Layouts.inEbcdic(new ISO87APackager())));
        all.add(Arguments.of("iso93-ascii in ebcdic", io.acqsim.codec.dialect.Layouts.inEbcdic(new ISO93APackager())));
        for (String xml : List.of("test-host.xml")) {
            try (java.io.InputStream in = DifferentialTest.class.getResourceAsStream("/layouts/" + xml)) {
                all.add(Arguments.of(xml, io.acqsim.codec.dialect.Layouts.fromXml(in)));
            } catch (java.io.IOException | org.jpos.iso.ISOException e) {
                throw new IllegalStateException(xml + ": " + e.getMessage(), e);
            }
        }
        return all.stream();
    }

    /** An EBCDIC table in the style of mainframe links: EBCDIC text and digits, binary bitmap. */
    static ISOBasePackager ebcdicPackager() {
        ISOFieldPackager[] f = new ISOFieldPackager[129];
        f[0] = new IFE_NUMERIC(4, "MTI");
        f[1] = new IFB_BITMAP(16, "bitmap");
        f[2] = new IFE_LLNUM(19, "PAN");
        f[3] = new IFE_NUMERIC(6, "processing code");
        f[4] = new IFE_NUMERIC(12, "amount");
        f[7] = new IFE_NUMERIC(10, "transmission time");
        f[11] = new IFE_NUMERIC(6, "STAN");
        f[28] = new IFE_AMOUNT(9, "fee");
        f[32] = new IFEB_LLNUM(11, "acquirer");
        f[35] = new IFE_LLCHAR(37, "track 2");
        f[37] = new IFE_CHAR(12, "RRN");
        f[39] = new IFE_CHAR(2, "response code");
        f[41] = new IFE_CHAR(8, "terminal");
        f[48] = new IFE_LLLCHAR(999, "private");
        f[52] = new IFB_BINARY(8, "PIN block");
        f[53] = new IFE_BINARY(8, "security");
        f[55] = new IFE_LLBINARY(99, "ICC");
        f[62] = new IFB_LLHBINARY(99, "private binary");
        f[63] = new IFB_LLLLCHAR(9999, "private LLLL");
        f[70] = new IFE_NUMERIC(3, "network code");
        f[72] = new IFA_LLLLCHAR(9999, "record data");
        f[90] = new IFE_NUMERIC(42, "original data");
        f[128] = new IFB_BINARY(8, "MAC");
        ISOBasePackager p = new ISOBasePackager() {
        };
        p.setFieldPackager(f);
        return p;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packagers")
    void jposPackedMessagesDecodeToTheSameFieldsAndReencodeToTheSameBytes(String name, ISOBasePackager packager)
            throws Exception {
        Layout layout = PackagerLayout.of(name, packager);
        Random random = new Random(name.hashCode());
        for (int n = 0; n < MESSAGES; n++) {
            Map<Integer, Object> values = randomValues(layout, random);
            ISOMsg msg = toIsoMsg(values, packager);
            byte[] wire = msg.pack();
            String context = name + " message " + n + " " + HexFormat.of().formatHex(wire);

            MessageView view = layout.decode(wire, 0);
            assertThat(view.complete()).as(context).isTrue();
            assertThat(fieldsOf(view)).as(context).isEqualTo(expected(values));

            MessageBuilder echo = new MessageBuilder(layout, view.mti(), view);
            for (int f : view.fieldNumbers()) {
                echo.echo(f);
            }
            assertThat(hex(layout, echo)).as(context).isEqualTo(HexFormat.of().formatHex(wire));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packagers")
    void acqsimEncodedMessagesAreWhatJposPacksAndUnpacks(String name, ISOBasePackager packager) throws Exception {
        Layout layout = PackagerLayout.of(name, packager);
        Random random = new Random(~name.hashCode());
        for (int n = 0; n < MESSAGES; n++) {
            Map<Integer, Object> values = randomValues(layout, random);
            MessageBuilder m = new MessageBuilder(layout, (String) values.get(0), null);
            values.forEach((f, v) -> {
                if (f > 0) {
                    if (v instanceof byte[] b) {
                        m.set(f, b);
                    } else {
                        m.set(f, (String) v);
                    }
                }
            });
            ByteBuf out = Unpooled.buffer(layout.encodedLength(m));
            layout.write(m, out);
            assertThat(out.readableBytes()).isEqualTo(layout.encodedLength(m));
            byte[] ours = ByteBufUtil.getBytes(out);
            String context = name + " message " + n + " " + HexFormat.of().formatHex(ours);

            assertThat(HexFormat.of().formatHex(ours)).as(context)
                    .isEqualTo(HexFormat.of().formatHex(toIsoMsg(values, packager).pack()));
            ISOMsg back = new ISOMsg();
            back.setPackager(packager);
            back.unpack(ours);
            Map<Integer, String> want = expected(values);
            Map<Integer, String> got = fieldsOf(back);
            if (packager.getFieldPackager(53) instanceof IFE_BINARY) {
                // jPOS 2.1.10's IFE_BINARY does not unpack what it packs itself (the bytes above are
                // jPOS's own), so this one field is compared in the decoding direction only.
                want.remove(53);
                got.remove(53);
            }
            assertThat(got).as(context).isEqualTo(want);
        }
    }

    private static String hex(Layout layout, MessageBuilder m) {
        ByteBuf out = Unpooled.buffer(layout.encodedLength(m));
        layout.write(m, out);
        return ByteBufUtil.hexDump(out);
    }

    /** A random valid message: an MTI and about a third of the layout's fields. */
    static Map<Integer, Object> randomValues(Layout layout, Random random) {
        Map<Integer, Object> values = new LinkedHashMap<>();
        values.put(0, MTIS[random.nextInt(MTIS.length)]);
        for (int f = 2; f <= layout.maxField(); f++) {
            FieldSpec spec = layout.field(f);
            if (spec == null || random.nextInt(3) != 0 || f == 65) {
                continue;
            }
            int max = Math.min(spec.maxLength(), 120);
            int units = spec.isFixed() ? spec.maxLength() : 1 + random.nextInt(max);
            values.put(f, switch (spec.kind()) {
                case NUMERIC -> digits(random, units);
                case AMOUNT -> (random.nextBoolean() ? "C" : "D") + digits(random, units - 1);
                case CHAR -> text(random, units);
                case BINARY -> bytes(random, units);
                case BITMAP -> throw new IllegalStateException();
            });
        }
        return values;
    }

    private static String digits(Random r, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return sb.toString();
    }

    private static String text(Random r, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(TEXT.charAt(r.nextInt(TEXT.length())));
        }
        return sb.toString();
    }

    private static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static ISOMsg toIsoMsg(Map<Integer, Object> values, ISOBasePackager packager) throws Exception {
        ISOMsg msg = new ISOMsg();
        msg.setPackager(packager);
        for (Map.Entry<Integer, Object> e : values.entrySet()) {
            if (e.getValue() instanceof byte[] b) {
                msg.set(e.getKey(), b);
            } else {
                msg.set(e.getKey(), (String) e.getValue());
            }
        }
        return msg;
    }

    private static Map<Integer, String> expected(Map<Integer, Object> values) {
        Map<Integer, String> out = new LinkedHashMap<>();
        values.forEach((f, v) -> out.put(f, v instanceof byte[] b ? HexFormat.of().withUpperCase().formatHex(b)
                : (String) v));
        return out;
    }

    private static Map<Integer, String> fieldsOf(MessageView view) {
        Map<Integer, String> out = new LinkedHashMap<>();
        out.put(0, view.mti());
        for (int f : view.fieldNumbers()) {
            out.put(f, view.string(f));
        }
        return out;
    }

    private static Map<Integer, String> fieldsOf(ISOMsg msg) throws Exception {
        Map<Integer, String> out = new LinkedHashMap<>();
        for (int f = 0; f <= msg.getMaxField(); f++) {
            if (f != 1 && msg.hasField(f)) {
                out.put(f, msg.getComponent(f).getValue() instanceof byte[] b
                        ? HexFormat.of().withUpperCase().formatHex(b) : msg.getString(f));
            }
        }
        return out;
    }
}
