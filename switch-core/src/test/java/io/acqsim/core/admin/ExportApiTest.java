package io.acqsim.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.core.server.AcqsimServer;
import io.acqsim.core.testing.AdminClient;
import io.acqsim.core.testing.IsoClient;
import io.acqsim.core.testing.Messages;
import io.acqsim.core.testing.RunningServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /transactions/export} over real HTTP after sales over TCP. */
class ExportApiTest {
    private static AcqsimServer server;
    private static AdminClient admin;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start();
        admin = new AdminClient(server.adminPort());
        Dialect dialect = Dialects.byName("iso87-ascii");
        try (IsoClient c = new IsoClient(dialect, server.port("iso87-ascii"))) {
            assertThat(c.exchange(Messages.sale(dialect, "4111111111111111", 1050, 11)).msg().getString(39))
                    .isEqualTo("00");
            assertThat(c.exchange(Messages.sale(dialect, "4000000000000002", 99, 12)).msg().getString(39))
                    .isEqualTo("51");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void jsonLinesHoldTheJournalOldestFirstWithThePanMasked() throws Exception {
        AdminClient.Result r = admin.get("/transactions/export?format=jsonl");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/x-ndjson");
        List<String> lines = r.body().lines().toList();
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        JsonNode second = json.readTree(lines.get(1));
        assertThat(first.get("stan").asText()).isEqualTo("000011");
        assertThat(first.get("responseCode").asText()).isEqualTo("00");
        assertThat(first.get("amount").asLong()).isEqualTo(1050);
        assertThat(first.get("pan").asText()).isEqualTo("411111******1111");
        assertThat(second.get("stan").asText()).isEqualTo("000012");
        assertThat(second.get("responseCode").asText()).isEqualTo("51");
        assertThat(second.get("id").asLong()).isGreaterThan(first.get("id").asLong());
        assertThat(r.body()).doesNotContain("4111111111111111");
    }

    @Test
    void csvHasAHeaderAndOneRowPerTransaction() throws Exception {
        AdminClient.Result r = admin.get("/transactions/export?format=csv&stan=000012");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/csv");
        String[] rows = r.body().split("\r\n");
        assertThat(rows).hasSize(2);
        assertThat(rows[0]).isEqualTo(String.join(",", ExportApi.COLUMNS));
        String[] cells = rows[1].split(",", -1);
        assertThat(cells).hasSize(ExportApi.COLUMNS.size());
        assertThat(cells[ExportApi.COLUMNS.indexOf("stan")]).isEqualTo("000012");
        assertThat(cells[ExportApi.COLUMNS.indexOf("responseCode")]).isEqualTo("51");
        assertThat(cells[ExportApi.COLUMNS.indexOf("amount")]).isEqualTo("99");
        assertThat(cells[ExportApi.COLUMNS.indexOf("pan")]).isEqualTo("400000******0002");
    }

    @Test
    void anUnknownFormatIsA400NamingIt() throws Exception {
        AdminClient.Result r = admin.get("/transactions/export?format=xml");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("'xml'");
    }
}
