package dev.mcpulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeStep;
import dev.mcpulse.domain.port.SnapshotStore;
import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.RunningServer;
import dev.mcpulse.mcpservers.TestTool;
import dev.mcpulse.mcpservers.ToolReply;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * The dashboard in a real headless Chromium (the Debian packages; nothing is downloaded), served by the real api
 * function behind a loopback API Gateway stand-in: every status shows with its reason, a server error holding markup
 * renders as text, filters work, "Check now" asks for the admin token and updates the row, relative times tick, the
 * scheduler card states the configured interval unrounded, the page fits a phone, a row's chart is asked for again
 * only once the row shows a new check, and the fleet's count says when the scheduler counted it. Screenshots go to
 * target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String XSS = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static ApiHarness api;
    private static GatewayStandIn gateway;
    private static WebDriver browser;
    private static RunningServer payments;
    private static RunningServer newOne;
    private static Seed seed;

    @BeforeAll
    static void start() throws IOException {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("this test drives headless Chromium; install it with: sudo apt-get install chromium chromium-driver")
                .isTrue();
        // The endpoints "Check now" is clicked on are real MCP Java SDK servers; the others only show stored state.
        payments = JavaSdkServers.builder("payments", "1.0.0").standardTools()
                .tool(TestTool.constant("balance", ToolReply.text("42")))
                .tool(TestTool.constant("statement", ToolReply.text("none"))).start();
        newOne = JavaSdkServers.builder("brand-new", "0.1.0").standardTools().start();
        api = ApiHarness.start();
        api.clearFleet();
        seed = new Seed(api);
        api.register(Seed.entry("payments-mcp", "name", "Payments MCP", "labels", Map.of("team", "payments"),
                "url", payments.url().toString()));
        api.register(Seed.entry("crm-mcp", "name", "CRM", "labels", Map.of("team", "sales")));
        api.register(Seed.entry("docs-search", "name", "Docs search", "labels", Map.of("team", "platform")));
        api.register(Seed.entry("evil-tools", "name", "Evil tools", "labels", Map.of("team", "platform"),
                "readiness", Map.of("tool", "whoami")));
        api.register(Seed.entry("new-one", "name", "Brand new", "url", newOne.url().toString()));
        seed.checked("payments-mcp", Seed.healthy(4), Duration.ofSeconds(90));
        seed.checked("payments-mcp", Seed.healthy(4), Duration.ofSeconds(40));
        seed.checked("crm-mcp", Seed.failed(new ProbeOutcome.AuthRejected(ProbeStep.DISCOVER, 401,
                Optional.of("Bearer"), Optional.of("invalid_token"))), Duration.ofSeconds(30));
        seed.checked("docs-search", Seed.healthy(7), Duration.ofHours(2));
        seed.checked("evil-tools", Seed.failed(new ProbeOutcome.ToolError("whoami", Optional.empty(), XSS)),
                Duration.ofSeconds(20));
        seed.schedulerCycle(Duration.ofSeconds(30));
        gateway = new GatewayStandIn(api.function());

        browser = headlessChromium();
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        browser.get(gateway.uri().toString());
        waitUntil(d -> d.findElements(By.cssSelector("#rows tr")).size() == 5);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (api != null) {
            api.close();
        }
        if (payments != null) {
            payments.close();
        }
        if (newOne != null) {
            newOne.close();
        }
    }

    /**
     * Headless Debian Chromium through its chromedriver; if the test JVM is stopped early, chromedriver and Chromium
     * (its children, by PID) go with it. The dashboard's other browser tests start theirs here too.
     */
    static ChromeDriver headlessChromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeDriver chromium = new ChromeDriver(service, options);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly)));
        return chromium;
    }

    @Test
    @Order(1)
    void everyEndpointShowsItsStatusInWordsAndItsReason() throws IOException {
        assertRow("payments-mcp", "Connected", "ok");
        assertRow("crm-mcp", "Unhealthy", "auth_rejected");
        assertRow("docs-search", "Not connected", "stale");
        assertRow("evil-tools", "Unhealthy", "tool_error");
        assertRow("new-one", "Not connected", "never_checked");
        assertThat(row("docs-search").findElement(By.cssSelector(".chip.stale")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("count-total")).getText()).isEqualTo("5");
        assertThat(browser.findElement(By.id("count-unhealthy")).getText()).isEqualTo("2");
        assertThat(browser.findElement(By.id("scheduler-banner")).isDisplayed()).isFalse();
        waitUntil(d -> !row("payments-mcp").findElements(By.cssSelector(".spark polyline")).isEmpty());
        assertThat((Boolean) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth + 1")).as("no sideways scroll at 1280 px").isTrue();
        screenshot("dashboard-desktop.png");
    }

    @Test
    @Order(2)
    void anErrorHoldingMarkupRendersAsText() {
        WebElement error = row("evil-tools").findElement(By.cssSelector("details.error pre"));

        assertThat(error.getAttribute("textContent")).contains("<script>", "<img src=x onerror=");
        assertThat(browser.findElements(By.cssSelector("#rows script, #rows img"))).isEmpty();
        assertThat(browser.getTitle()).isNotEqualTo("pwned").startsWith("mcpulse");
    }

    @Test
    @Order(3)
    void relativeTimesKeepTicking() throws InterruptedException {
        String before = row("payments-mcp").findElement(By.cssSelector("time")).getText();
        Thread.sleep(2500);
        String after = row("payments-mcp").findElement(By.cssSelector("time")).getText();

        assertThat(before).startsWith("checked ").endsWith("s ago");
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    @Order(4)
    void filtersByStatusAndLabel() {
        browser.findElement(By.cssSelector(".segmented button[data-filter-status='unhealthy']")).click();
        waitUntil(d -> ids().equals(List.of("crm-mcp", "evil-tools")));

        browser.findElement(By.cssSelector(".segmented button[data-filter-status='']")).click();
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("label-filter"))).selectByValue("team:platform");
        waitUntil(d -> ids().equals(List.of("docs-search", "evil-tools")));
        assertThat(browser.getCurrentUrl()).contains("label=team%3Aplatform");

        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("label-filter"))).selectByValue("");
        waitUntil(d -> ids().size() == 5);
    }

    @Test
    @Order(5)
    void checkNowAsksForTheTokenOnceAndUpdatesTheRow() {
        row("new-one").findElement(By.cssSelector("button.check")).click();
        waitUntil(d -> d.findElement(By.id("token-dialog")).isDisplayed());
        browser.findElement(By.id("token-input")).sendKeys(ApiHarness.ADMIN_TOKEN);
        browser.findElement(By.cssSelector("#token-form button[value='ok']")).click();

        // the check re-renders the rows, and so does the refresh it starts: read them through waitUntil, which
        // reads the row again when the one it found was replaced meanwhile
        waitUntil(d -> row("new-one").findElement(By.cssSelector(".status")).getText().contains("Connected"));
        waitUntil(d -> secondsAgo(row("new-one").findElement(By.cssSelector("time")).getText()) < 30);
        assertThat(snapshots().latest(new EndpointId("new-one"))).get()
                .satisfies(s -> assertThat(s.toolsCount()).contains(3));
        Instant paymentsSeeded = snapshots().latest(new EndpointId("payments-mcp")).orElseThrow().checkedAt();
        assertThat(paymentsSeeded).as("only the clicked endpoint was checked").isBefore(Instant.now().minusSeconds(30));
        // seeded 40 s before the page loaded, so it reads at least that old until the real check lands
        assertThat(secondsAgo(row("payments-mcp").findElement(By.cssSelector("time")).getText())).isGreaterThanOrEqualTo(40);

        row("payments-mcp").findElement(By.cssSelector("button.check")).click();
        waitUntil(d -> secondsAgo(row("payments-mcp").findElement(By.cssSelector("time")).getText()) < 30);
        assertThat(snapshots().latest(new EndpointId("payments-mcp"))).get()
                .satisfies(s -> assertThat(s.checkedAt()).isAfter(paymentsSeeded))
                .satisfies(s -> assertThat(s.toolsCount()).as("the real server's tools, not the seeded 4").contains(5));
        assertThat(row("payments-mcp").findElement(By.cssSelector(".status")).getText()).contains("Connected");
        assertThat(browser.findElement(By.id("token-dialog")).isDisplayed()).isFalse();
        assertThat((String) ((JavascriptExecutor) browser)
                .executeScript("return sessionStorage.getItem('mcpulse.adminToken')")).isEqualTo(ApiHarness.ADMIN_TOKEN);
    }

    @Test
    @Order(6)
    void fitsAPhoneScreen() throws IOException {
        browser.manage().window().setSize(new Dimension(390, 844));
        waitUntil(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth + 1"));
        assertThat(browser.findElement(By.cssSelector(".fleet thead")).isDisplayed()).isFalse();
        assertThat(row("crm-mcp").findElement(By.cssSelector(".status")).getText()).contains("Unhealthy");
        screenshot("dashboard-phone.png");
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @Test
    @Order(7)
    void anEndpointIsTestedWithARealProbeBeforeItCanBeSaved() {
        browser.findElement(By.id("add-open")).click();
        waitUntil(d -> d.findElement(By.id("add-dialog")).isDisplayed());
        WebElement form = browser.findElement(By.id("add-form"));
        form.findElement(By.name("id")).sendKeys("added-later");
        form.findElement(By.name("url")).sendKeys("file:///etc/passwd");
        form.findElement(By.name("intervalSeconds")).sendKeys("60"); // below the scheduler's 300 s
        browser.findElement(By.id("add-test")).click();

        waitUntil(d -> d.findElement(By.id("add-result")).isDisplayed());
        assertThat(browser.findElement(By.id("add-result")).getText()).contains("url:", "intervalSeconds:", "300 s");
        assertThat(browser.findElement(By.id("add-save")).isEnabled()).as("an invalid entry cannot be saved").isFalse();

        WebElement url = form.findElement(By.name("url"));
        url.clear();
        url.sendKeys(newOne.url().toString());
        form.findElement(By.name("tool")).sendKeys("ready");
        WebElement interval = form.findElement(By.name("intervalSeconds"));
        interval.clear();
        interval.sendKeys("900");
        browser.findElement(By.id("add-test")).click();

        waitUntil(d -> d.findElement(By.id("add-result")).getText().contains("Connected"));
        assertThat(browser.findElement(By.id("add-save")).isEnabled()).isTrue();
        assertThat(api.bean(dev.mcpulse.domain.port.EndpointRegistry.class).get(new EndpointId("added-later")))
                .as("testing stores nothing").isEmpty();
        assertThat(snapshots().latest(new EndpointId("added-later"))).isEmpty();

        browser.findElement(By.id("add-save")).click();
        waitUntil(d -> !d.findElement(By.id("add-dialog")).isDisplayed());
        waitUntil(d -> ids().contains("added-later"));
        assertThat(api.bean(dev.mcpulse.domain.port.EndpointRegistry.class).get(new EndpointId("added-later")))
                .hasValueSatisfying(e -> {
                    assertThat(e.readiness()).isPresent();
                    assertThat(e.interval()).contains(Duration.ofMinutes(15));
                });
    }

    @Test
    @Order(8)
    void theSchedulerCardSaysTheConfiguredIntervalAsItIs() {
        assertThat(browser.findElement(By.id("scheduler-note")).getText()).isEqualTo("expected every 5 min"); // the default 300 s
        try {
            // The api's interval is fixed for this run, so the page is shown other configured intervals by
            // rewriting the scheduler part of the fleet payload the real page fetches.
            for (Map.Entry<Integer, String> interval : Map.of(30, "30 s", 90, "90 s", 150, "150 s",
                    7200, "2 h").entrySet()) {
                serveSchedulerAs(interval.getKey(), false);
                awaitText("scheduler-note", "expected every " + interval.getValue());
            }
            serveSchedulerAs(30, true);
            waitUntil(d -> d.findElement(By.id("scheduler-banner")).isDisplayed());
            assertThat(browser.findElement(By.id("scheduler-banner-text")).getText()).contains("it should run every 30 s.");
        } finally {
            ((JavascriptExecutor) browser).executeScript("if (window.realFetch) { window.fetch = window.realFetch; }");
            browser.findElement(By.id("refresh")).click();
        }
        awaitText("scheduler-note", "expected every 5 min");
        assertThat(browser.findElement(By.id("scheduler-banner")).isDisplayed()).isFalse();
    }

    /**
     * A row's chart (a detail request per row) is asked for again when the row shows a new check, and not because
     * time passed: at a 5-minute cadence once a cycle, not every minute, which was most of an open dashboard's cost.
     * The page's clock is moved two minutes on, so a chart kept by age alone would be asked for again with the rest.
     * The request names the newest check the chart holds, and the chart adds the one check that comes back.
     */
    @Test
    @Order(9)
    void aRowsChartIsAskedForAgainOnlyOnceTheRowShowsANewCheck() throws InterruptedException {
        waitUntil(d -> !row("payments-mcp").findElements(By.cssSelector(".spark polyline")).isEmpty());
        int checksCharted = chartedChecks("payments-mcp");
        ((JavascriptExecutor) browser).executeScript("""
                const realNow = Date.now;
                Date.now = () => realNow() + 120000;
                window.chartAsks = [];
                window.chartUrls = [];
                const real = window.fetch;
                window.fetch = (url, options) => {
                  const chart = /^\\/api\\/mcp\\/clients\\/([^/?]+)\\?history=/.exec(String(url));
                  if (chart) {
                    window.chartAsks.push(decodeURIComponent(chart[1]));
                    window.chartUrls.push(String(url));
                  }
                  return real(url, options);
                };""");
        seed.checked("payments-mcp", Seed.healthy(5), Duration.ofSeconds(1));

        browser.findElement(By.id("refresh")).click();
        waitUntil(d -> chartAsks().contains("payments-mcp"));
        // the other rows' charts would be asked for in the same pass, four at once: give them time to show
        Thread.sleep(1500);

        assertThat(chartAsks()).as("the charts asked for after the refresh").containsExactly("payments-mcp");
        assertThat(ids()).contains("crm-mcp", "docs-search", "evil-tools", "new-one");
        String asked = (String) ((JavascriptExecutor) browser).executeScript("return window.chartUrls[0]");
        assertThat(asked).as("the chart's request names its newest check").contains("&history_after=20");
        waitUntil(d -> chartedChecks("payments-mcp") == Math.min(40, checksCharted + 1));
    }

    /** The checks a row's chart holds, as its text says ("…% up · last N"). */
    private static int chartedChecks(String id) {
        String text = row(id).findElement(By.cssSelector(".spark-slot .uptime")).getText();
        return Integer.parseInt(text.substring(text.lastIndexOf(' ') + 1));
    }

    @SuppressWarnings("unchecked")
    private static List<String> chartAsks() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("return window.chartAsks.slice()");
    }

    /**
     * A fleet of over 100 endpoints is counted by the scheduler's cycle as it starts, not at each request: the count's
     * card then says how long ago it was counted, and says nothing when it was counted at the request.
     */
    @Test
    @Order(10)
    void theFleetCountSaysWhenTheSchedulerCountedIt() {
        assertThat(browser.findElement(By.id("count-note")).getText()).as("this small fleet is counted at the request")
                .isEmpty();
        try {
            // four minutes before the page was made, as the page's clock (moved on by an earlier test) tells it
            serveFleetPagesRewritten("""
                    fleet.summary.counted_at = new Date(Date.now() - 240000).toISOString();
                    fleet.generated_at = new Date(Date.now()).toISOString();""");
            awaitText("count-note", "counted 4 min ago");
        } finally {
            ((JavascriptExecutor) browser).executeScript("if (window.realFetch) { window.fetch = window.realFetch; }");
            browser.findElement(By.id("refresh")).click();
        }
        awaitText("count-note", "");
    }

    /** From now on the page's fleet fetches report this scheduler interval and lateness; then the page reloads. */
    private static void serveSchedulerAs(int intervalSeconds, boolean late) {
        serveFleetPagesRewritten("""
                fleet.scheduler.interval_seconds = args[0];
                fleet.scheduler.late = args[1];""", intervalSeconds, late);
    }

    /**
     * From now on each fleet page the real page fetches passes through {@code statements} (JavaScript that changes
     * {@code fleet}, with {@code arguments} as {@code args}) before the page reads it; then the page reloads.
     * {@code window.realFetch} keeps the page's own fetch, which a test puts back when it is done.
     */
    private static void serveFleetPagesRewritten(String statements, Object... arguments) {
        ((JavascriptExecutor) browser).executeScript("""
                const given = arguments;
                window.realFetch = window.realFetch || window.fetch;
                const real = window.realFetch;
                const rewrite = (fleet, args) => {
                """ + statements + """

                };
                window.fetch = async (url, options) => {
                  const response = await real(url, options);
                  if (!String(url).startsWith('/api/mcp/clients?') || !response.ok) return response;
                  const fleet = await response.json();
                  rewrite(fleet, given);
                  return new Response(JSON.stringify(fleet), { status: response.status, headers: response.headers });
                };""", arguments);
        browser.findElement(By.id("refresh")).click();
    }

    /** How old a row's "checked … ago" text says its last check is, in seconds (minutes and more count as 60+). */
    private static long secondsAgo(String checkedText) {
        assertThat(checkedText).startsWith("checked ");
        String age = checkedText.substring("checked ".length());
        if (age.equals("just now")) {
            return 0;
        }
        java.util.regex.Matcher seconds = java.util.regex.Pattern.compile("(\\d+) s ago").matcher(age);
        if (seconds.matches()) {
            return Long.parseLong(seconds.group(1));
        }
        assertThat(age).as("a relative time").matches("\\d+ (min|h|d) ago");
        return Long.MAX_VALUE;
    }

    private static SnapshotStore snapshots() {
        return api.bean(SnapshotStore.class);
    }

    private static void assertRow(String id, String status, String reason) {
        WebElement row = row(id);
        assertThat(row.findElement(By.cssSelector(".status")).getText()).as(id).contains(status);
        assertThat(row.findElement(By.cssSelector(".reason")).getText()).as(id).isEqualTo(reason);
    }

    private static WebElement row(String id) {
        return browser.findElement(By.cssSelector("#rows tr[data-id='" + id + "']"));
    }

    private static List<String> ids() {
        return browser.findElements(By.cssSelector("#rows tr")).stream().map(r -> r.getAttribute("data-id")).toList();
    }

    /** Waits for an element's text; if it never comes, the failure shows the text the page has instead. */
    private static void awaitText(String id, String expected) {
        try {
            waitUntil(d -> d.findElement(By.id(id)).getText().equals(expected));
        } catch (org.openqa.selenium.TimeoutException e) {
            // The assertion below says what the page shows.
        }
        assertThat(browser.findElement(By.id(id)).getText()).isEqualTo(expected);
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
