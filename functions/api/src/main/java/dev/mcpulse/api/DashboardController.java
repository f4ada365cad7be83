package dev.mcpulse.api;

import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The dashboard: a static page, its stylesheet and script, served from the jar. The page carries no data; the script
 * reads the JSON API. A strict Content-Security-Policy (no inline script, same-origin only) backs up the script's
 * rule of rendering server-provided text with textContent only.
 */
@Singleton
class DashboardController {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final Map<String, String> ASSET_TYPES = Map.of(
            "app.js", "text/javascript; charset=utf-8",
            "fleet-list.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8",
            "favicon.svg", "image/svg+xml");

    private final String page;
    private final Map<String, String> assets;
    private final OidcTokenVerifier verifier;

    DashboardController(OidcTokenVerifier verifier) {
        this.verifier = verifier;
        this.page = StaticFiles.read("dashboard/index.html").orElseThrow();
        this.assets = ASSET_TYPES.keySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                name -> name, name -> StaticFiles.read("dashboard/" + name).orElseThrow()));
    }

    /** {@code GET /}. */
    Reply page() {
        return secured(Reply.text(page, "text/html; charset=utf-8"));
    }

    /** {@code GET /assets/{name}}. */
    Reply asset(String name) {
        String content = assets.get(name);
        if (content == null) {
            throw new ApiException(HttpStatus.NOT_FOUND,
                    ApiError.of("not_found", "name", "no dashboard asset named " + Shown.text(name)));
        }
        return secured(Reply.text(content, ASSET_TYPES.get(name)));
    }

    /** With sign-in, the script may also POST to the issuer's token endpoint (code for tokens), and only there. */
    private String csp() {
        if (!verifier.enabled()) {
            return CSP;
        }
        try {
            return verifier.metadata().tokenEndpoint()
                    .map(token -> CSP.replace("connect-src 'self'", "connect-src 'self' " + token.getScheme() + "://"
                            + token.getRawAuthority()))
                    .orElse(CSP);
        } catch (java.io.IOException e) {
            return CSP;
        }
    }

    private Reply secured(Reply reply) {
        return reply
                .withHeader("Content-Security-Policy", csp())
                .withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("Referrer-Policy", "no-referrer")
                .withHeader("Cache-Control", "no-cache");
    }
}
