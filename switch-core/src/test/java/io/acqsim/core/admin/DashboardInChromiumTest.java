package io.acqsim.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.core.server.AcqsimServer;
import io.acqsim.core.testing.AdminClient;
import io.acqsim.core.testing.HeadlessChromium;
import io.acqsim.core.testing.IsoClient;
import io.acqsim.core.testing.Messages;
import io.acqsim.core.testing.RunningServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium against a real server: messages sent over TCP show up
 * on the open page without a reload. The last screenshot is kept as {@code target/dashboard.png}.
 */
class DashboardInChromiumTest {
    private static final Path TARGET = Path.of("target");
    private static final Duration WAIT = Duration.ofSeconds(15);

    private AcqsimServer server;
    private AdminClient admin;
    private HeadlessChromium chromium;
    private ChromeDriver page;

    @BeforeEach
    void open() throws Exception {
        chromium = HeadlessChromium.start(TARGET);
        server = RunningServer.start();
        admin = new AdminClient(server.adminPort());
        page = chromium.driver();
        page.get("http://127.0.0.1:" + server.adminPort() + "/");
        new WebDriverWait(page, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "live"));
        // A reload would lose this: the page must update in place.
        page.executeScript("window.acqsimSamePage = true;");
    }

    @AfterEach
    void close() throws Exception {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void salesSentOverTcpAppearNewestFirstWithoutAReload() throws Exception {
        assertThat(page.findElements(By.cssSelector("tr.tx"))).isEmpty();
        Dialect dialect = Dialects.byName("cup-pos");
        try (IsoClient c = new IsoClient(dialect, server.port("cup-pos"))) {
            assertThat(c.exchange(Messages.sale(dialect, "6225880123456789", 123456, 31)).msg().getString(39))
                    .isEqualTo("00");
            assertThat(c.exchange(Messages.sale(dialect, "4000000000000002", 700, 32)).msg().getString(39))
                    .isEqualTo("51");
        }
        long approved = idOf("000031");
        long declined = idOf("000032");

        new WebDriverWait(page, WAIT).until(d -> d.findElements(By.cssSelector("tr.tx")).size() == 2);
        List<WebElement> rows = page.findElements(By.cssSelector("tr.tx"));
        assertThat(rows.get(0).getAttribute("data-id")).isEqualTo(String.valueOf(declined));
        assertThat(rows.get(1).getAttribute("data-id")).isEqualTo(String.valueOf(approved));
        assertThat(rows.get(0).getText()).contains("000032", "7.00", "51", "declined", "400000******0002");
        assertThat(rows.get(1).getText()).contains("000031", "1,234.56", "00", "approved", "622588******6789");
        assertThat(page.findElement(By.id("accounts")).getText()).contains("622588******6789", "8,765.44");
        assertThat(page.getPageSource()).doesNotContain("6225880123456789");
        assertThat(page.executeScript("return window.acqsimSamePage === true;")).isEqualTo(true);
        chromium.screenshot(TARGET.resolve("dashboard-sales.png"));
    }

    /** The journal id of the transaction with this STAN. */
    private long idOf(String stan) throws Exception {
        JsonNode list = admin.get("/transactions?stan=" + stan).json();
        assertThat(list.size()).isEqualTo(1);
        return list.get(0).get("id").asLong();
    }

    static IsoFrame reversalOf(IsoFrame sale) throws Exception {
        org.jpos.iso.ISOMsg m = (org.jpos.iso.ISOMsg) sale.msg().clone();
        m.setMTI("0400");
        return sale.with(m);
    }
}
