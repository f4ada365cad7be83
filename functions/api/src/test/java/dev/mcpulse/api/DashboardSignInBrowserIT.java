package dev.mcpulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.port.SnapshotStore;
import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.RunningServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard signs in as on AWS: the api function configured with an OpenID Connect issuer (mock-oauth2-server on
 * loopback, with its interactive login page), headless Chromium opens the page, sees nothing before signing in, signs
 * in through the issuer (authorization code + PKCE), sees the fleet, and presses "Check now", which probes a real MCP
 * server. The token stays in the page's memory: no storage and no cookie of the page holds it.
 */
class DashboardSignInBrowserIT {

    private static final String ISSUER_ID = "mcpulse";
    private static final String CLIENT_ID = "mcpulse-dashboard";

    private static MockOAuth2Server oidc;
    private static RunningServer payments;
    private static ApiHarness api;
    private static GatewayStandIn gateway;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws IOException {
        assertThat(Files.isExecutable(DashboardBrowserIT.CHROMIUM) && Files.isExecutable(DashboardBrowserIT.CHROMEDRIVER))
                .as("this test drives headless Chromium; install it with: sudo apt-get install chromium chromium-driver")
                .isTrue();
        oidc = new MockOAuth2Server(new OAuth2Config(true, null, null, false, new OAuth2TokenProvider(), Set.of()));
        oidc.start(InetAddress.getLoopbackAddress(), 0);
        payments = JavaSdkServers.builder("payments", "1.0.0").standardTools().start();
        api = ApiHarness.start(Map.of(
                "mcpulse.admin.token", "",
                AuthSettings.ISSUER_PROPERTY, oidc.issuerUrl(ISSUER_ID).toString(),
                AuthSettings.AUDIENCE_PROPERTY, CLIENT_ID,
                AuthSettings.DASHBOARD_CLIENT_PROPERTY, CLIENT_ID,
                AuthSettings.ADMIN_GROUP_PROPERTY, "admins"));
        api.clearFleet();
        api.register(Seed.entry("payments-mcp", "name", "Payments MCP", "url", payments.url().toString()));
        gateway = new GatewayStandIn(api.function());

        browser = DashboardBrowserIT.headlessChromium();
        Files.createDirectories(DashboardBrowserIT.SCREENSHOTS);
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
        if (oidc != null) {
            oidc.shutdown();
        }
    }

    @Test
    void signsInWithTheIssuerThenChecksNow() throws IOException {
        browser.get(gateway.uri().toString());
        waitUntil(d -> d.findElement(By.id("signin")).isDisplayed());
        assertThat(browser.findElements(By.cssSelector("#rows tr"))).as("no fleet before signing in").isEmpty();
        assertThat(browser.findElement(By.id("load-error")).getText()).contains("Sign in");

        browser.findElement(By.id("signin")).click();
        waitUntil(d -> !d.findElements(By.name("username")).isEmpty());
        assertThat(browser.getCurrentUrl()).startsWith(oidc.authorizationEndpointUrl(ISSUER_ID).toString())
                .contains("code_challenge_method=S256").contains("client_id=" + CLIENT_ID);
        browser.findElement(By.name("username")).sendKeys("alice@example.com");
        browser.findElement(By.name("claims")).sendKeys("{\"scope\": \"openid mcpulse/admin\", \"client_id\": \""
                + CLIENT_ID + "\", \"cognito:groups\": [\"admins\"]}");
        browser.findElement(By.cssSelector("input[type=submit]")).click();

        waitUntil(d -> d.getCurrentUrl().startsWith(gateway.uri().toString())
                && d.findElements(By.cssSelector("#rows tr")).size() == 1);
        assertThat(browser.getCurrentUrl()).as("the code is gone from the address bar").doesNotContain("code=");
        assertThat(browser.findElement(By.id("signout")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("signin")).isDisplayed()).isFalse();
        assertThat((String) ((JavascriptExecutor) browser).executeScript(
                "return JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage), document.cookie])"))
                .as("nothing the page stores holds a token").doesNotContain("eyJ");

        row("payments-mcp").findElement(By.cssSelector("button.check")).click();
        waitUntil(d -> row("payments-mcp").findElement(By.cssSelector(".status")).getText().contains("Connected"));
        assertThat(api.bean(SnapshotStore.class).latest(new EndpointId("payments-mcp"))).isPresent();
        Files.write(DashboardBrowserIT.SCREENSHOTS.resolve("signed-in-check-now.png"),
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static WebElement row(String id) {
        return browser.findElement(By.cssSelector("#rows tr[data-id='" + id + "']"));
    }

    private static void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition::apply);
    }
}
