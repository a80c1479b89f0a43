package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The playground page in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs) against a development-mode server: the seed's round trip, masked on the model's side and
 * restored on the user's, with the mapping and the audit. Saves {@code target/playground.png}. Skipped, saying why,
 * where Chromium is not installed.
 */
class PlaygroundBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  @Test
  void theSeedsRoundTripIsVisibleMaskedAndRestored(@TempDir Path profile) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
        "Chromium is not installed (apt-get install -y chromium chromium-driver): the playground test is skipped");
    String token = "playground-test-token";
    try (ConfidantServer server = ConfidantServer.start(ServerConfig.development(token).withPort(0))) {
      WebDriver browser = chromium(profile);
      try {
        browser.get(server.uri().resolve("/playground").toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.id("load")).click();
        wait.until(b -> b.findElement(By.id("status")).getText().contains("1 model(s)"));
        // The page starts with the seed's conversation, pseudonymization on and streaming on.
        browser.findElement(By.id("send")).click();
        wait.until(b -> b.findElement(By.id("status")).getText().startsWith("Done")
            || b.findElement(By.id("status")).getAttribute("class").contains("error"));

        assertThat(text(browser, "status")).startsWith("Done");
        assertThat(text(browser, "received")).contains("user: My name is [NAME_1] and I need help with my account.")
            .doesNotContain("John", "Doe");
        assertThat(text(browser, "sent")).contains("user: My name is John Doe and I need help with my account.");
        assertThat(text(browser, "reply")).isNotBlank();
        assertThat(text(browser, "mapping")).contains("[NAME_1]", "John Doe");
        assertThat(text(browser, "audit")).contains("NAME", "masked", "[NAME_1]");
        Path shot = Path.of("target", "playground.png");
        Files.createDirectories(shot.getParent());
        File png = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(shot)).isPositive();
      } finally {
        browser.quit();
      }
    }
  }

  private static String text(WebDriver browser, String id) {
    WebElement element = browser.findElement(By.id(id));
    return element.getText();
  }

  /** Headless Chromium with the flags that keep it off this machine's closed network. */
  private static WebDriver chromium(Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1400,1100", "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }
}
