package io.acqsim.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acqsim.codec.dialect.Iso87Ascii;
import io.acqsim.core.server.AcqsimServer;
import io.acqsim.core.testing.AdminClient;
import io.acqsim.core.testing.IsoClient;
import io.acqsim.core.testing.Messages;
import io.acqsim.core.testing.RunningServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransactionsApiTest {
    private AcqsimServer server;
    private AdminClient admin;

    @BeforeEach
    void start() {
        server = RunningServer.start();
        admin = new AdminClient(server.adminPort());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void saleAppearsInTheJournalNewestFirstWithMaskedPan() throws Exception {
        try (IsoClient c = new IsoClient(Iso87Ascii.INSTANCE, server.port("iso87-ascii"))) {
            c.exchange(Messages.sale(Iso87Ascii.INSTANCE, "4111111111111111", 700, 301));
            c.exchange(Messages.sale(Iso87Ascii.INSTANCE, "4000000000000002", 800, 302));
        }
        JsonNode all = admin.get("/transactions?terminal=" + Messages.TERMINAL).json();
        assertThat(all).hasSize(2);
        assertThat(all.get(0).get("stan").asText()).isEqualTo("000302");
        assertThat(all.get(0).get("responseCode").asText()).isEqualTo("51");
        assertThat(all.get(0).get("state").asText()).isEqualTo("DECLINED");
        JsonNode sale = all.get(1);
        assertThat(sale.get("type").asText()).isEqualTo("SALE");
        assertThat(sale.get("mti").asText()).isEqualTo("0200");
        assertThat(sale.get("amount").asLong()).isEqualTo(700);
        assertThat(sale.get("state").asText()).isEqualTo("APPROVED");
        assertThat(sale.get("pan").asText()).isEqualTo("411111******1111");
        assertThat(sale.get("related")).isEmpty();

        JsonNode byStan = admin.get("/transactions?stan=000301").json();
        assertThat(byStan).hasSize(1);
        assertThat(admin.get("/transactions?rrn=" + sale.get("rrn").asText()).json()).hasSize(1);
        assertThat(admin.get("/transactions?terminal=99999999").json()).isEmpty();
        assertThat(admin.get("/transactions?limit=1").json()).hasSize(1);
        assertThat(admin.get("/transactions?limit=zero").status()).isEqualTo(400);
    }

    @Test
    void resetRestoresFixturesAndEmptiesTheJournal() throws Exception {
        try (IsoClient c = new IsoClient(Iso87Ascii.INSTANCE, server.port("iso87-ascii"))) {
            c.exchange(Messages.sale(Iso87Ascii.INSTANCE, "4111111111111111", 700, 303));
        }
        assertThat(admin.balance("4111111111111111")).isEqualTo(1_000_000 - 700);
        assertThat(admin.post("/reset", null).status()).isEqualTo(200);
        assertThat(admin.balance("4111111111111111")).isEqualTo(1_000_000);
        assertThat(admin.get("/transactions").json()).isEmpty();
    }
}
