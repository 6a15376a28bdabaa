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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium against a real server: messages sent over TCP show up
 * on the open page without a reload. The last screenshot is kept as {@code target/dashboard.png}.
 */
class DashboardInChromiumTest {
    private static final Path TARGET = Path.of("target");
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static HeadlessChromium chromium;
    private static ChromeDriver page;
    private AcqsimServer server;
    private AdminClient admin;

    @BeforeAll
    static void browser() throws Exception {
        chromium = HeadlessChromium.start(TARGET);
        page = chromium.driver();
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** A fresh server per test, and the page opened on it. */
    @BeforeEach
    void open() throws Exception {
        server = RunningServer.start();
        admin = new AdminClient(server.adminPort());
        page.get("http://127.0.0.1:" + server.adminPort() + "/");
        new WebDriverWait(page, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "live"));
        // A reload would lose this: the page must update in place.
        page.executeScript("window.acqsimSamePage = true;");
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void salesSentOverTcpAppearNewestFirstWithoutAReload() throws Exception {
        assertThat(chains()).isEmpty();
        Dialect dialect = Dialects.byName("cup-pos");
        try (IsoClient c = new IsoClient(dialect, server.port("cup-pos"))) {
            assertThat(c.exchange(Messages.sale(dialect, "6225880123456789", 123456, 31)).msg().getString(39))
                    .isEqualTo("00");
            assertThat(c.exchange(Messages.sale(dialect, "4000000000000002", 700, 32)).msg().getString(39))
                    .isEqualTo("51");
        }
        long approved = idOf("000031");
        long declined = idOf("000032");

        List<Chain> chains = waitFor(cs -> cs.stream().mapToInt(c -> c.rows().size()).sum() == 2);
        assertThat(chains).hasSize(2);
        Row newest = chains.get(0).rows().get(0);
        Row older = chains.get(1).rows().get(0);
        assertThat(newest.id()).isEqualTo(declined);
        assertThat(older.id()).isEqualTo(approved);
        assertThat(newest.text()).contains("000032", "7.00", "51", "declined", "400000******0002");
        assertThat(older.text()).contains("000031", "1,234.56", "00", "approved", "622588******6789");
        new WebDriverWait(page, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("accounts"),
                "8,765.44"));
        assertThat((String) page.executeScript("return document.getElementById('accounts').innerText;"))
                .contains("622588******6789");
        assertThat(page.getPageSource()).doesNotContain("6225880123456789");
        assertThat(page.executeScript("return window.acqsimSamePage === true;")).isEqualTo(true);
        chromium.screenshot(TARGET.resolve("dashboard-sales.png"));
    }

    @Test
    void aSaleAndItsReversalAppearChainedWithoutAReload() throws Exception {
        Dialect dialect = Dialects.byName("iso87-binary");
        IsoFrame sale = Messages.sale(dialect, "4111111111111111", 4200, 41);
        try (IsoClient c = new IsoClient(dialect, server.port("iso87-binary"))) {
            assertThat(c.exchange(Messages.sale(dialect, "6225880123456789", 1500, 40)).msg().getString(39))
                    .isEqualTo("00");
            assertThat(c.exchange(sale).msg().getString(39)).isEqualTo("00");
            IsoFrame reversal = c.exchange(reversalOf(sale));
            assertThat(reversal.msg().getString(0)).isEqualTo("0410");
            assertThat(reversal.msg().getString(39)).isEqualTo("00");
        }
        JsonNode journal = admin.get("/transactions?stan=000041").json();
        long saleId = idOfType(journal, "SALE");
        long reversalId = idOfType(journal, "REVERSAL");

        List<Chain> chains = waitFor(cs -> cs.stream().anyMatch(c -> c.id() == saleId && c.rows().size() == 2
                && c.rows().get(0).state().equals("REVERSED")));
        // The chain with the newest activity is on top, above the other sale.
        assertThat(chains).hasSize(2);
        Chain top = chains.get(0);
        assertThat(top.id()).isEqualTo(saleId);
        Row root = top.rows().get(0);
        Row child = top.rows().get(1);
        assertThat(root.id()).isEqualTo(saleId);
        assertThat(root.cls()).contains("root");
        assertThat(root.text()).contains("sale", "000041", "42.00", "reversed");
        assertThat(child.id()).isEqualTo(reversalId);
        assertThat(child.cls()).contains("child");
        assertThat(child.text()).contains("reversal", "0400", "000041", "00");
        assertThat(chains.get(1).rows()).hasSize(1);
        assertThat(chains.get(1).rows().get(0).text()).contains("000040");
        assertThat(page.executeScript("return window.acqsimSamePage === true;")).isEqualTo(true);
        chromium.screenshot(TARGET.resolve("dashboard.png"));
    }

    @Test
    void theTerminalFilterAndThePauseButtonControlTheTable() throws Exception {
        Dialect dialect = Dialects.byName("iso87-ascii");
        try (IsoClient c = new IsoClient(dialect, server.port("iso87-ascii"))) {
            assertThat(c.exchange(Messages.sale(dialect, "4111111111111111", 100, 61)).msg().getString(39))
                    .isEqualTo("00");
            waitFor(cs -> cs.size() == 1);

            page.findElement(By.id("filter-terminal")).sendKeys("99999999");
            waitFor(List::isEmpty);
            page.findElement(By.id("filter-terminal")).clear();
            page.executeScript("document.getElementById('filter-terminal').dispatchEvent(new Event('input'));");
            waitFor(cs -> cs.size() == 1);

            page.findElement(By.id("pause")).click();
            new WebDriverWait(page, WAIT).until(
                    ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "transactions paused"));
            assertThat(c.exchange(Messages.sale(dialect, "4111111111111111", 200, 62)).msg().getString(39))
                    .isEqualTo("00");
            long after = refreshes();
            new WebDriverWait(page, WAIT).until(d -> refreshes() >= after + 2);
            assertThat(chains()).hasSize(1); // two redraws later, the paused table still has one sale

            page.findElement(By.id("pause")).click();
            waitFor(cs -> cs.size() == 2);
        }
    }

    @Test
    void aTerminalsSessionAndItsStanReuseShowInTheTerminalView() throws Exception {
        Dialect dialect = Dialects.byName("iso87-ascii");
        try (IsoClient c = new IsoClient(dialect, server.port("iso87-ascii"))) {
            assertThat(c.exchange(Messages.signOn(dialect, 70)).msg().getString(39)).isEqualTo("00");
            assertThat(c.exchange(Messages.sale(dialect, "4111111111111111", 300, 71)).msg().getString(39))
                    .isEqualTo("00");
            IsoFrame other = Messages.sale(dialect, "4000000000000010", 900, 71);
            other.msg().set(7, "1122334499");
            assertThat(c.exchange(other).msg().getString(39)).isEqualTo("00");
        }
        By row = By.cssSelector("#terminals tr[data-terminal='" + Messages.TERMINAL + "']");
        new WebDriverWait(page, WAIT).until(d -> {
            try {
                String text = d.findElement(row).getText();
                return text.contains("signed on") && text.contains("000071") && text.contains("iso87-ascii");
            } catch (org.openqa.selenium.NoSuchElementException | StaleElementReferenceException e) {
                return false;
            }
        });
        String text = page.findElement(row).getText();
        assertThat(text).doesNotContain("not signed on").contains("iso87-ascii 127.0.0.1:");
        assertThat(page.findElement(By.cssSelector("#terminals tr[data-terminal='" + Messages.TERMINAL
                + "'] td.alert")).getText()).isEqualTo("1");

        page.findElement(row).click();
        new WebDriverWait(page, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("terminal-detail"), "1 STAN reuse"));
        String detail = page.findElement(By.id("terminal-detail")).getText();
        assertThat(detail).contains("terminal " + Messages.TERMINAL, "000071", "411111******1111", "3.00",
                "400000******0010", "9.00", "DE7 1122334499", "owes no reversals");
        assertThat(page.getPageSource()).doesNotContain("4111111111111111").doesNotContain("4000000000000010");
        assertThat(page.executeScript("return window.acqsimSamePage === true;")).isEqualTo(true);
        chromium.screenshot(TARGET.resolve("dashboard-terminal.png"));
    }

    @Test
    void aConnectOutLinkShowsUpInTheLinksPanel() throws Exception {
        server.close();
        try (java.net.ServerSocket partner = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            partner.setSoTimeout((int) WAIT.toMillis());
            server = AcqsimServer.start(RunningServer.config("listeners:\n  host-link:\n    dialect: iso87-ascii\n"
                    + "    connect: 127.0.0.1:" + partner.getLocalPort() + "\n"));
            try (java.net.Socket accepted = partner.accept()) {
                page.get("http://127.0.0.1:" + server.adminPort() + "/");
                By row = By.cssSelector("#links tr[data-link='host-link']");
                new WebDriverWait(page, WAIT).until(d -> {
                    try {
                        String text = d.findElement(row).getText();
                        return text.contains("up") && text.contains("127.0.0.1:" + partner.getLocalPort());
                    } catch (org.openqa.selenium.NoSuchElementException | StaleElementReferenceException e) {
                        return false;
                    }
                });
                assertThat(accepted.isConnected()).isTrue();
            }
        }
    }

    private long refreshes() {
        return (Long) page.executeScript("return window.acqsimRefreshes || 0;");
    }

    @Test
    void accountsShowNegativeBalancesAndAtMostFiftyRows() throws Exception {
        assertThat(admin.put("/accounts/5500000000000004", "{\"balance\": -250}").status()).isEqualTo(200);
        int fixtures = admin.get("/accounts").json().size();
        for (int i = 0; i < 60; i++) {
            assertThat(admin.put("/accounts/62000000000" + String.format("%05d", i), "{\"balance\": " + i + "}")
                    .status()).isEqualTo(200);
        }
        int total = fixtures + 60;
        new WebDriverWait(page, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("accounts"),
                "and " + (total - 50) + " more"));
        String text = (String) page.executeScript("return document.getElementById('accounts').innerText;");
        assertThat(text).contains("550000******0004\t-2.50\t-2.50");
        assertThat((Long) page.executeScript("return document.querySelectorAll('#accounts tr[data-pan]').length;"))
                .isEqualTo(50);
    }

    @Test
    void aRuleAddedWithTheFormIsActiveAndItsButtonRemovesIt() throws Exception {
        new WebDriverWait(page, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("rule-form")));
        page.findElement(By.name("name")).sendKeys("decline 1.23");
        page.findElement(By.name("mti")).sendKeys("0200");
        page.findElement(By.name("amount")).sendKeys("123");
        new Select(page.findElement(By.name("action"))).selectByValue("respond");
        page.findElement(By.name("value")).sendKeys("05");
        page.findElement(By.name("times")).sendKeys("2");
        page.findElement(By.cssSelector("#rule-form button[type=submit]")).click();

        JsonNode added = waitForRule("decline 1.23");
        assertThat(added.get("source").asText()).isEqualTo("api");
        assertThat(added.get("match").get("mti").asText()).isEqualTo("0200");
        assertThat(added.get("match").get("amount").asLong()).isEqualTo(123);
        assertThat(added.get("action").get("respond").asText()).isEqualTo("05");
        assertThat(added.get("times").asInt()).isEqualTo(2);
        String row = "#rules tr[data-rule='" + added.get("id").asText() + "']";
        new WebDriverWait(page, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(row)));

        // The rule is live: the next 1.23 sale is declined 05.
        Dialect dialect = Dialects.byName("iso87-ascii");
        try (IsoClient c = new IsoClient(dialect, server.port("iso87-ascii"))) {
            assertThat(c.exchange(Messages.sale(dialect, "4111111111111111", 123, 51)).msg().getString(39))
                    .isEqualTo("05");
        }

        // The page shows the match (one left, matched once), then its button removes the rule.
        new WebDriverWait(page, WAIT).until(d -> (Boolean) page.executeScript(
                "const r = document.querySelector(arguments[0]); return !!r && r.innerText.includes('decline 1.23')"
                        + " && r.cells[5].innerText === '1' && r.cells[6].innerText === '1';", row));
        new WebDriverWait(page, WAIT).ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector(row + " button.remove")).click();
            return true;
        });
        new WebDriverWait(page, WAIT).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(row), 0));
        for (JsonNode r : admin.get("/rules").json()) {
            assertThat(r.get("id").asLong()).isNotEqualTo(added.get("id").asLong());
        }
        assertThat(page.executeScript("return window.acqsimSamePage === true;")).isEqualTo(true);
    }

    @Test
    void withAnAdminTokenThePageAsksForItAndThenGoesLive() throws Exception {
        try (AcqsimServer guarded = AcqsimServer.start(RunningServer.config("admin:\n  token: s3cret\n"))) {
            page.get("http://127.0.0.1:" + guarded.adminPort() + "/");
            new WebDriverWait(page, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("token-form")));
            assertThat(page.findElement(By.id("status")).getText()).isEqualTo("admin token needed");
            page.findElement(By.cssSelector("#token-form input")).sendKeys("s3cret");
            page.findElement(By.cssSelector("#token-form button")).click();
            new WebDriverWait(page, WAIT).until(
                    ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "live"));
            assertThat(page.findElement(By.id("token-form")).isDisplayed()).isFalse();

            // The token is kept for the tab; a link with #token= works too, and leaves no token in the address.
            page.executeScript("sessionStorage.clear();");
            new WebDriverWait(page, WAIT).until(
                    ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "admin token needed"));
            page.get("http://127.0.0.1:" + guarded.adminPort() + "/#token=s3cret");
            new WebDriverWait(page, WAIT).until(
                    ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "live"));
            assertThat(page.getCurrentUrl()).doesNotContain("s3cret");
        }
    }

    /** Waits, bounded, for the admin API to list a rule with this name. */
    private JsonNode waitForRule(String name) {
        return new WebDriverWait(page, WAIT).until(d -> {
            try {
                for (JsonNode r : admin.get("/rules").json()) {
                    if (name.equals(r.path("name").asText())) {
                        return r;
                    }
                }
                return null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** One row of the transactions table as the page shows it. */
    record Row(long id, String cls, String state, String text) {
    }

    /** One chain (tbody) of rows, original first. */
    record Chain(long id, List<Row> rows) {
    }

    /**
     * The transactions table read in one script call, so that the page's once-a-second redraw
     * cannot change it half-way through the reading.
     */
    @SuppressWarnings("unchecked")
    private List<Chain> chains() {
        List<Map<String, Object>> raw = (List<Map<String, Object>>) page.executeScript(
                "return [...document.querySelectorAll('#transactions tbody.chain')].map(b => ({"
                        + "id: b.dataset.chain, rows: [...b.querySelectorAll('tr.tx')].map(r => ({"
                        + "id: r.dataset.id, cls: r.className, state: r.dataset.state, text: r.innerText}))}));");
        List<Chain> out = new ArrayList<>();
        for (Map<String, Object> c : raw) {
            List<Row> rows = new ArrayList<>();
            for (Map<String, Object> r : (List<Map<String, Object>>) c.get("rows")) {
                rows.add(new Row(Long.parseLong((String) r.get("id")), (String) r.get("cls"), (String) r.get("state"),
                        (String) r.get("text")));
            }
            out.add(new Chain(Long.parseLong((String) c.get("id")), rows));
        }
        return out;
    }

    /** Waits, bounded, until the table satisfies {@code condition}; returns that table. */
    private List<Chain> waitFor(Predicate<List<Chain>> condition) {
        return new WebDriverWait(page, WAIT).until(d -> {
            List<Chain> c = chains();
            return condition.test(c) ? c : null;
        });
    }

    /** The journal id of the transaction with this STAN. */
    private long idOf(String stan) throws Exception {
        JsonNode list = admin.get("/transactions?stan=" + stan).json();
        assertThat(list.size()).isEqualTo(1);
        return list.get(0).get("id").asLong();
    }

    private static long idOfType(JsonNode journal, String type) {
        for (JsonNode t : journal) {
            if (type.equals(t.get("type").asText())) {
                return t.get("id").asLong();
            }
        }
        throw new AssertionError("no " + type + " in " + journal);
    }

    /** A reversal of an ISO sale: the same DE2, 3, 4, 7, 11, 41 and 42 under MTI 0400. */
    static IsoFrame reversalOf(IsoFrame sale) throws Exception {
        ISOMsg m = (ISOMsg) sale.msg().clone();
        m.setMTI("0400");
        return sale.with(m);
    }
}
