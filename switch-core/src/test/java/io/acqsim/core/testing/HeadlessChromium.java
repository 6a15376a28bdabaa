package io.acqsim.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver (packages {@code chromium}
 * and {@code chromium-driver}; {@code .ci/run} installs them). Both paths are given explicitly,
 * so Selenium Manager never tries to download a browser or a driver. Without a Chromium binary
 * the calling test is skipped, except under CI ({@code CI} set), where it must run.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final Path BROWSER = Path.of(System.getProperty("acqsim.chromium", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("acqsim.chromedriver", "/usr/bin/chromedriver"));

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a browser; skips the test when Chromium is not installed (outside CI). */
    public static HeadlessChromium start(Path logDir) throws IOException {
        boolean ci = System.getenv("CI") != null && !System.getenv("CI").isEmpty();
        if (!ci) {
            assumeTrue(Files.isExecutable(BROWSER), "no Chromium at " + BROWSER + " (apt-get install chromium chromium-driver)");
        } else if (!Files.isExecutable(BROWSER)) {
            throw new IllegalStateException("CI: no Chromium at " + BROWSER + "; .ci/run installs it");
        }
        if (!Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("Chromium is installed but chromedriver is not at " + DRIVER
                    + " (apt-get install chromium-driver)");
        }
        java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
        Files.createDirectories(logDir);
        Path profile = Files.createTempDirectory("acqsim-chromium");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(logDir.resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20)).scriptTimeout(Duration.ofSeconds(10));
        return new HeadlessChromium(driver, profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Saves a PNG of the window to {@code file}. */
    public void screenshot(Path file) {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
