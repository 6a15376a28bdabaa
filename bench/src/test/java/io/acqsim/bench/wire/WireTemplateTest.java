package io.acqsim.bench.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import java.util.Arrays;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireTemplateTest {
    private static IsoFrame decode(Dialect d, byte[] frame) throws Exception {
        return d.decode(Arrays.copyOfRange(frame, d.lengthHeader().size(), frame.length));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cup-pos", "iso87-binary", "iso87-ascii", "iso87-ebcdic"})
    void patchedSaleDecodesWithTheNewAmountAndStan(String name) throws Exception {
        Dialect d = Dialects.byName(name);
        WireTemplate sale = new Requests(d, "T0000001", "123456789012345", "6225880123456789").sale();
        sale.set(4, 987_654).set(11, 42);
        ISOMsg m = decode(d, sale.frame()).msg();
        assertThat(m.getString(0)).isEqualTo("0200");
        assertThat(m.getString(4)).isEqualTo("000000987654");
        assertThat(m.getString(11)).isEqualTo("000042");
        assertThat(m.getString(2)).isEqualTo("6225880123456789");
        assertThat(m.getString(41)).isEqualTo("T0000001");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cup-pos", "iso87-binary", "iso87-ascii", "iso87-ebcdic"})
    void patchedVoidNamesTheOriginalByRrn(String name) throws Exception {
        Dialect d = Dialects.byName(name);
        Requests r = new Requests(d, "T0000001", "123456789012345", "6225880123456789");
        WireTemplate v = r.voidOfSale();
        v.set(4, 500).set(11, 7).set(37, "000000004711");
        if (r.cup()) {
            v.set(61, 1_000_123L);
        }
        ISOMsg m = decode(d, v.frame()).msg();
        assertThat(m.getString(37)).isEqualTo("000000004711");
        assertThat(m.getString(3)).isEqualTo(r.cup() ? "200000" : "020000");
        if (r.cup()) {
            assertThat(m.getString(61)).isEqualTo("000001000123");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cup-pos", "iso87-binary", "iso87-ascii"})
    void scannerReadsStanCodeAndRrnOfAResponse(String name) throws Exception {
        Dialect d = Dialects.byName(name);
        IsoFrame sale = new Requests(d, "T0000001", "123456789012345", "6225880123456789").saleMessage();
        sale.msg().set(11, "000815");
        sale.msg().set(4, "000000001000");
        ISOMsg m = (ISOMsg) sale.msg().clone();
        m.setResponseMTI();
        m.set(39, "51");
        m.set(37, "000000000099");
        IsoFrame rsp = sale.with(m);
        ResponseScanner.Response out = new ResponseScanner(d).scan(d.encode(rsp), new ResponseScanner.Response());
        assertThat(out.mti).isEqualTo("0210");
        assertThat(out.mtiClass()).isEqualTo(2);
        assertThat(out.stan).isEqualTo(815);
        assertThat(out.code).isEqualTo("51");
        assertThat(out.rrn).isEqualTo("000000000099");
        assertThat(out.authCode).isNull();
    }
}
