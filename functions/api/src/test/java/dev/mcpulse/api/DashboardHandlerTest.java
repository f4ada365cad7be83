package dev.mcpulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard is a static page: served at {@code /} with a strict Content-Security-Policy, carrying no fleet data
 * and no inline script, and its script reads the API and renders without ever parsing server text as HTML.
 */
class DashboardHandlerTest {

    private static ApiHarness api;

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
        api.clearFleet();
        api.register(Seed.entry("payments-mcp", "name", "Payments <b>MCP</b>"));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void servesThePageWithoutDataOrInlineScript() {
        ApiHarness.Response response = api.request("dashboard.json").send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).startsWith("text/html");
        assertThat(response.header("content-security-policy")).contains("script-src 'self'", "default-src 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(response.header("x-content-type-options")).isEqualTo("nosniff");
        String html = response.body();
        assertThat(html).contains("<script src=\"/assets/fleet-list.js\" defer></script>",
                        "<script src=\"/assets/app.js\" defer></script>", "/assets/app.css")
                .doesNotContain("payments-mcp", "Payments");
        Matcher scripts = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
        while (scripts.find()) {
            assertThat(scripts.group(1)).contains("src=");
            assertThat(scripts.group(2)).isBlank();
        }
        assertThat(html).doesNotContainPattern("\\son[a-z]+\\s*=").doesNotContain("style=");
    }

    @Test
    void theScriptFetchesTheApiAndNeverParsesHtml() {
        ApiHarness.Response response = api.request("dashboard.json").path("/assets/app.js").send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).startsWith("text/javascript");
        assertThat(response.body()).contains("'/api/mcp/clients'", "textContent", "fetch(")
                .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                        "new Function");
        // no other origin (no CDN): the only URL is the SVG namespace, which is a name, not a fetch
        assertThat(response.body().replace("'http://www.w3.org/2000/svg'", "")).doesNotContain("http://", "https://");
    }

    /** The list's requests are built in fleet-list.js: the API's filters, its page size and its cursor, nothing else. */
    @Test
    void theFleetListScriptPagesAndFiltersOnTheServer() {
        ApiHarness.Response response = api.request("dashboard.json").path("/assets/fleet-list.js").send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).startsWith("text/javascript");
        assertThat(response.body()).contains("'/api/mcp/clients'", "query.set('status'", "query.set('label'",
                        "query.set('search'", "query.set('limit'", "query.set('next'")
                .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.", "eval(", "new Function",
                        "http://", "https://");
        assertThat(api.request("dashboard.json").path("/assets/app.js").send().body())
                .as("app.js filters nothing itself: no page cap, no client-side filter loop")
                .doesNotContain("MAX_PAGES", "e.status !== state.status");
    }

    /** Every reason the API can give, the OAuth outcomes included, reads in words; both OAuth auth types are named. */
    @Test
    void everyReasonAndOAuthAuthTypeHasAReadableLabel() {
        String script = api.request("dashboard.json").path("/assets/app.js").send().body();
        Matcher reasons = Pattern.compile("const REASONS = \\{([^}]*)\\}").matcher(script);
        assertThat(reasons.find()).as("the script's REASONS table").isTrue();
        java.util.Set<String> labelled = new java.util.HashSet<>();
        Matcher key = Pattern.compile("(\\w+): '[^']+'").matcher(reasons.group(1));
        while (key.find()) {
            labelled.add(key.group(1));
        }
        assertThat(labelled).containsAll(java.util.Arrays.stream(dev.mcpulse.domain.health.OutcomeKind.values())
                .map(dev.mcpulse.domain.health.OutcomeKind::code).toList());
        assertThat(labelled).containsAll(java.util.Arrays.stream(dev.mcpulse.domain.health.StatusReason.values())
                .map(dev.mcpulse.domain.health.StatusReason::code).toList());
        assertThat(script).contains("'oauth-client-credentials': { text:", "'oauth-discovery': { text:", "token_expires_at");
    }

    @Test
    void servesTheStylesheetAndIconAndNothingElse() {
        assertThat(api.request("dashboard.json").path("/assets/app.css").send().header("content-type")).startsWith("text/css");
        assertThat(api.request("dashboard.json").path("/assets/favicon.svg").send().header("content-type"))
                .startsWith("image/svg+xml");

        ApiHarness.Response missing = api.request("dashboard.json").path("/assets/..%2F..%2Fapplication.yml").send();
        assertThat(missing.status()).isBetween(400, 404);
        ApiHarness.Response unknown = api.request("dashboard.json").path("/assets/secrets.json").send();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("content-type")).startsWith("application/json");
    }
}
