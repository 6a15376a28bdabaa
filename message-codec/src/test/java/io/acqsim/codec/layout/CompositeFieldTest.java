package io.acqsim.codec.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acqsim.codec.dialect.Layouts;
import java.io.InputStream;
import java.util.Random;
import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

/**
 * Composite fields against jPOS: the test-supplied layouts/test-composite.xml declares DE48 with
 * three sub-fields at fixed positions and DE127 with a sub-bitmap (Postilion style). Random
 * messages jPOS packs from sub-field values decode in acqsim to the same whole fields and the same
 * sub-field values jPOS unpacks; the outer fields stay raw bytes on the wire (re-encoding gives
 * jPOS's bytes). Seeded and bounded.
 */
class CompositeFieldTest {
    private static final int MESSAGES = 300;
    private static final String TEXT = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -";

    static ISOBasePackager packager() throws Exception {
        try (InputStream in = CompositeFieldTest.class.getResourceAsStream("/layouts/test-composite.xml")) {
            return Layouts.fromXml(in);
        }
    }

    @Test
    void theLayoutKeepsTheOuterSpecAndCarriesTheSubLayout() throws Exception {
        Layout layout = PackagerLayout.of("test-composite", packager());
        assertThat(layout.field(48).lengthType()).isEqualTo(LengthType.LLL);
        assertThat(layout.field(48).kind()).isEqualTo(FieldKind.CHAR);
        assertThat(layout.field(127).kind()).isEqualTo(FieldKind.BINARY);
        assertThat(layout.composite(48).hasBitmap()).isFalse();
        assertThat(layout.composite(127).hasBitmap()).isTrue();
        assertThat(layout.composite(48).field(2).maxLength()).isEqualTo(3);
        assertThat(layout.composite(41)).isNull();
        assertThat(FieldRef.parse("48.2").problemIn(layout)).isNull();
        assertThat(FieldRef.parse("127.22").problemIn(layout)).isNull();
        assertThat(FieldRef.parse("41").problemIn(layout)).isNull();
        assertThat(FieldRef.parse("48.4").problemIn(layout)).contains("no sub-field 4");
        assertThat(FieldRef.parse("127.1").problemIn(layout)).contains("no sub-field 1"); // the sub-bitmap
        assertThat(FieldRef.parse("41.1").problemIn(layout)).contains("not composite");
        assertThat(FieldRef.parse("5.1").problemIn(layout)).contains("no field 5");
        assertThatThrownBy(() -> FieldRef.parse("48.x")).hasMessageContaining("'48.x'");
        assertThatThrownBy(() -> FieldRef.parse("48.2.1")).hasMessageContaining("'48.2.1'");
    }

    @Test
    void subFieldsReadAsJposUnpacksThem() throws Exception {
        ISOBasePackager packager = packager();
        Layout layout = PackagerLayout.of("test-composite", packager);
        Random random = new Random(48127);
        int withSub3 = 0;
        int with127 = 0;
        for (int n = 0; n < MESSAGES; n++) {
            ISOMsg m = new ISOMsg("0200");
            m.setPackager(packager);
            m.set(3, "000000");
            m.set(11, String.format("%06d", n));
            m.set(41, "TERM0001");
            m.set("48.1", text(random, 2, 2));
            m.set("48.2", text(random, 3, 3));
            if (random.nextBoolean()) {
                m.set("48.3", text(random, 0, 20));
                withSub3++;
            }
            if (random.nextBoolean()) {
                with127++;
                if (random.nextBoolean()) {
                    m.set("127.2", text(random, 1, 32));
                }
                if (random.nextBoolean()) {
                    m.set("127.3", text(random, 48, 48));
                }
                m.set("127.12", text(random, 1, 25));
                if (random.nextBoolean()) {
                    m.set("127.22", text(random, 0, 300));
                }
            }
            byte[] wire = m.pack();
            ISOMsg back = new ISOMsg();
            back.setPackager(packager);
            back.unpack(wire);

            MessageView view = layout.decode(wire, 0);
            assertThat(view.string(41)).isEqualTo("TERM0001");
            for (String ref : new String[] {"48.1", "48.2", "48.3", "127.2", "127.3", "127.12", "127.22"}) {
                String jpos = back.hasField(ref) ? back.getString(ref) : null;
                assertThat(view.string(FieldRef.parse(ref))).as("message %d sub-field %s", n, ref).isEqualTo(jpos);
            }
            assertThat(view.string(FieldRef.parse("48"))).isEqualTo(view.string(48));

            // the outer fields travel as raw values: copied into a builder they give jPOS's bytes again
            MessageBuilder copy = new MessageBuilder(layout, "0200", null);
            for (int f : view.fieldNumbers()) {
                copy.set(f, view.string(f));
            }
            io.netty.buffer.ByteBuf out = io.netty.buffer.Unpooled.buffer();
            layout.write(copy, out);
            assertThat(io.netty.buffer.ByteBufUtil.getBytes(out)).as("message %d re-encoded", n).isEqualTo(wire);
        }
        assertThat(withSub3).isBetween(100, 200);
        assertThat(with127).isBetween(100, 200);
    }

    @Test
    void contentThatDoesNotFollowTheSubLayoutIsAClearError() throws Exception {
        ISOBasePackager packager = packager();
        Layout layout = PackagerLayout.of("test-composite", packager);
        ISOMsg m = new ISOMsg("0200");
        m.setPackager(packager);
        m.set(3, "000000");
        m.set(new org.jpos.iso.ISOField(48, "AB")); // too short for sub-field 2
        byte[] wire = packPlain48(m);
        MessageView view = layout.decode(wire, 0);
        assertThat(view.string(FieldRef.parse("48.1"))).isEqualTo("AB");
        assertThat(view.string(FieldRef.parse("48.2"))).isNull(); // jPOS too stops when the bytes run out
        byte[] bad = wire.clone();
        bad[bad.length - 1] = 'X';
        assertThat(layout.decode(bad, 0).string(FieldRef.parse("48.1"))).isEqualTo("AX");
    }

    private static byte[] packPlain48(ISOMsg m) throws Exception {
        // a plain field 48 (not sub-fields), packed by a copy of the layout's outer packager
        org.jpos.iso.ISOFieldPackager[] f = new org.jpos.iso.ISOFieldPackager[129];
        ISOBasePackager p = packager();
        for (int i = 0; i <= 128; i++) {
            f[i] = p.getFieldPackager(i);
        }
        f[48] = ((org.jpos.iso.ISOMsgFieldPackager) f[48]).getISOFieldPackager();
        ISOBasePackager plain = new ISOBasePackager() {
        };
        plain.setFieldPackager(f);
        m.setPackager(plain);
        return m.pack();
    }

    private static String text(Random random, int min, int max) {
        int len = min + random.nextInt(max - min + 1);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append(TEXT.charAt(random.nextInt(TEXT.length())));
        }
        return sb.toString();
    }
}
