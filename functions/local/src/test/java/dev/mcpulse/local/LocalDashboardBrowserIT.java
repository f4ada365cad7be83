package dev.mcpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard of the whole local stack in headless Chromium (the Debian packages): the demo fleet's real MCP
 * servers, probed by the scheduler's first cycle, show every status in words with its reason; the status filter
 * works; "Check now" asks for the admin token and re-checks the row. One cycle only (a long interval), so a row's
 * new check time can only come from the click. Screenshots go to target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalDashboardBrowserIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final String ADMIN_TOKEN = "browser-test-admin-token-81c2";

    private static LocalMcpulse local;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("this test drives headless Chromium; install it with: sudo apt-get install chromium chromium-driver")
                .isTrue();
        int port = LocalRunnerIT.freePort();
        local = LocalMcpulse.start(LocalOptions.parse("--port", String.valueOf(port), "--interval-seconds", "3600",
                "--admin-token", ADMIN_TOKEN));
        new FleetApi(port).awaitFleet(Duration.ofSeconds(60), f -> FleetApi.endpoints(f).stream()
                .allMatch(e -> e.get("last_check_at") != null), () -> { });

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        // If the test JVM is stopped early, chromedriver and Chromium (its children, by PID) go with it.
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly)));
        browser.get(local.url().toString());
        waitUntil(d -> d.findElements(By.cssSelector("#rows tr")).size() == LocalRunnerIT.EXPECTED.size());
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (local != null) {
            local.close();
        }
    }

    @Test
    @Order(1)
    void everyDemoEndpointShowsItsStatusInWordsAndItsReason() throws IOException {
        Map<String, String> words = Map.of("connected", "Connected", "unhealthy", "Unhealthy",
                "configured_but_unconnected", "Not connected");
        LocalRunnerIT.EXPECTED.forEach((id, statusAndReason) -> {
            WebElement row = row(id);
            assertThat(row.findElement(By.cssSelector(".status")).getText()).as(id)
                    .contains(words.get(statusAndReason.get(0)));
            assertThat(row.findElement(By.cssSelector(".reason")).getText()).as(id).isEqualTo(statusAndReason.get(1));
        });
        assertThat(browser.findElement(By.id("count-unhealthy")).getText()).isEqualTo("3");
        screenshot("local-dashboard-desktop.png");
    }

    @Test
    @Order(2)
    void filtersByStatus() {
        browser.findElement(By.cssSelector(".segmented button[data-filter-status='unhealthy']")).click();
        waitUntil(d -> ids().size() == 3);
        assertThat(ids()).containsExactlyInAnyOrder("demo-wrong-token", "demo-missing-secret", "demo-tool-error");

        browser.findElement(By.cssSelector(".segmented button[data-filter-status='']")).click();
        waitUntil(d -> ids().size() == LocalRunnerIT.EXPECTED.size());
    }

    @Test
    @Order(3)
    void checkNowAsksForTheTokenAndChecksTheRowAgain() {
        Instant before = checkedAt("demo-healthy");
        row("demo-healthy").findElement(By.cssSelector("button.check")).click();
        waitUntil(d -> d.findElement(By.id("token-dialog")).isDisplayed());
        browser.findElement(By.id("token-input")).sendKeys(ADMIN_TOKEN);
        browser.findElement(By.cssSelector("#token-form button[value='ok']")).click();

        waitUntil(d -> checkedAt("demo-healthy").isAfter(before));
        assertThat(row("demo-healthy").findElement(By.cssSelector(".status")).getText()).contains("Connected");
        assertThat(checkedAt("demo-tool-error")).as("only the clicked row was checked").isBefore(checkedAt("demo-healthy"));
    }

    @Test
    @Order(4)
    void fitsAPhoneScreen() throws IOException {
        browser.manage().window().setSize(new Dimension(390, 844));
        waitUntil(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth + 1"));
        assertThat(row("demo-slow").findElement(By.cssSelector(".status")).getText()).contains("Not connected");
        screenshot("local-dashboard-phone.png");
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    private static Instant checkedAt(String id) {
        return Instant.parse(row(id).findElement(By.cssSelector("time")).getAttribute("datetime"));
    }

    private static WebElement row(String id) {
        return browser.findElement(By.cssSelector("#rows tr[data-id='" + id + "']"));
    }

    private static List<String> ids() {
        return browser.findElements(By.cssSelector("#rows tr")).stream().map(r -> r.getAttribute("data-id")).toList();
    }

    @Test
    @Order(5)
    void aServerErrorHoldingMarkupRendersAsText() throws Exception {
        String markup = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">";
        try (var hostile = dev.mcpulse.mcpservers.JavaSdkServers.builder("hostile", "1.0.0").standardTools()
                .tool(dev.mcpulse.mcpservers.TestTool.constant("whoami", dev.mcpulse.mcpservers.ToolReply.error(markup)))
                .start()) {
            String entry = "{\"url\": \"" + hostile.url() + "\", \"readiness\": {\"tool\": \"whoami\"}}";
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            local.url().resolve("/api/mcp/endpoints/demo-hostile"))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(entry)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(201);
            browser.navigate().refresh();
            waitUntil(d -> ids().contains("demo-hostile"));
            row("demo-hostile").findElement(By.cssSelector("button.check")).click(); // the token is kept in this tab

            waitUntil(d -> row("demo-hostile").findElement(By.cssSelector(".reason")).getText().equals("tool_error"));
            WebElement error = row("demo-hostile").findElement(By.cssSelector("details.error pre"));
            assertThat(error.getAttribute("textContent")).contains("<script>", "<img src=x onerror=");
            assertThat(browser.findElements(By.cssSelector("#rows script, #rows img"))).isEmpty();
            assertThat(browser.getTitle()).isNotEqualTo("pwned").startsWith("mcpulse");
        }
    }

    private static void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition::apply);
    }

    private static void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
