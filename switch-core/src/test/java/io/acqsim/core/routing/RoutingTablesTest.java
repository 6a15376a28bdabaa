package io.acqsim.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.codec.dialect.Iso87Ascii;
import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.config.ConfigException;
import io.acqsim.core.server.AcqsimServer;
import io.acqsim.core.testing.IsoClient;
import io.acqsim.core.testing.Messages;
import io.acqsim.core.testing.RunningServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingTablesTest {
    @Test
    void shippedRoutingFileIsTheBuiltInCatalogue() {
        Map<String, List<Route>> shipped = RoutingTables.load(RunningServer.shippedConfig());
        for (var d : Dialects.all()) {
            assertThat(shipped.get(d.name())).as(d.name()).isEqualTo(RoutingTables.builtIn(d));
        }
    }

    @Test
    void firstMatchingLineWins() {
        Router router = new Router(RoutingTables.CUP);
        assertThat(router.route("0200", "000000", "22")).contains(TxType.SALE);
        assertThat(router.route("0200", "000000", "20")).contains(TxType.COMPLETION);
        assertThat(router.route("0200", "200000", "23")).contains(TxType.VOID);
        assertThat(router.route("0200", "000000", "99")).isEmpty();
        assertThat(router.route("0400", "123456", null)).contains(TxType.REVERSAL);
        assertThat(Router.responseMti("0421")).isEqualTo("0430");
        assertThat(Router.responseMti("0101")).isEqualTo("0110");
        assertThat(Router.responseMti("1804")).isEqualTo("1814");
        assertThat(Router.responseMti("1401")).isEqualTo("1410");
        assertThat(Router.responseMti("1820")).isEqualTo("1830");
        assertThat(Router.responseMti("1421")).isEqualTo("1430");
    }

    @Test
    void aRoutingFileChangesWhatARequestIsOverTcp(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("routing.yaml"), """
                iso87-ascii:
                  - { mti: "0800", type: NETWORK }
                  - { mti: "0200", processingCode: "01", type: SALE }   # cash withdrawal debits like a sale
                """);
        AcqsimConfig config = RunningServer.config("routing: { file: " + dir.resolve("routing.yaml") + " }\n");
        try (AcqsimServer server = AcqsimServer.start(config);
             IsoClient c = new IsoClient(Iso87Ascii.INSTANCE, server.port("iso87-ascii"))) {
            IsoFrame cash = Messages.sale(Iso87Ascii.INSTANCE, "4111113333333333", 2000, 1);
            cash.msg().set(3, "010000");
            assertThat(c.exchange(cash).msg().getString(39)).isEqualTo("00");
            IsoFrame purchase = Messages.sale(Iso87Ascii.INSTANCE, "4111113333333333", 2000, 2);
            assertThat(c.exchange(purchase).msg().getString(39)).as("no longer routed").isEqualTo("40");
            assertThat(server.ledger().find("4111113333333333").orElseThrow().balance()).isEqualTo(1_000_000 - 2000);
        }
    }

    @Test
    void badRoutingFileNamesTheFileAndKey(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("r.yaml"), "cup-pos:\n  - { mti: \"0200\", type: PURCHASE }\n");
        AcqsimConfig config = RunningServer.config("routing: { file: " + dir.resolve("r.yaml") + " }\n");
        assertThatThrownBy(() -> RoutingTables.load(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("r.yaml").hasMessageContaining("type").hasMessageContaining("PURCHASE");
        Files.writeString(dir.resolve("r.yaml"), "cup-pos:\n  - { mti: \"02\", type: SALE }\n");
        assertThatThrownBy(() -> RoutingTables.load(config)).hasMessageContaining("cup-pos[0].mti");
        Files.writeString(dir.resolve("r.yaml"), "iso93:\n  - { mti: \"0200\", type: SALE }\n");
        assertThatThrownBy(() -> RoutingTables.load(config)).hasMessageContaining("iso93");
    }
}
