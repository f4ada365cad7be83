package dev.mcpulse.mcp;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first challenge of a {@code WWW-Authenticate} header (RFC 9110 section 11.6.1): its scheme and its
 * parameters. Only the scheme, {@code error} and {@code scope} are ever kept, and only when they are plain tokens,
 * so nothing a server echoes back (a token, a URL with a query) can travel further.
 */
record Challenge(Optional<String> scheme, Optional<String> error, Optional<String> scope) {

    private static final Pattern SCHEME = Pattern.compile("\\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)");
    private static final Pattern PARAM = Pattern.compile(
            "\\s*,?\\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\\s*=\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[!#$%&'*+.^_`|~0-9A-Za-z-]+)");
    /** A backslash escape inside a quoted parameter value (RFC 9110 quoted-pair). */
    private static final Pattern QUOTED_PAIR = Pattern.compile("\\\\(.)");
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,64}");
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,128}( [\\x21\\x23-\\x5B\\x5D-\\x7E]{1,128}){0,15}");
    private static final int MAX_HEADER = 4096;
    /** Where {@link #params} keeps the scheme: not a valid parameter name, so no server parameter can take its place. */
    private static final String SCHEME_KEY = " scheme";

    static Challenge none() {
        return new Challenge(Optional.empty(), Optional.empty(), Optional.empty());
    }

    static Challenge parse(Optional<String> header) {
        Optional<Map<String, String>> parsed = params(header);
        if (parsed.isEmpty()) {
            return none();
        }
        Map<String, String> params = parsed.get();
        return new Challenge(
                Optional.of(params.get(SCHEME_KEY)),
                Optional.ofNullable(params.get("error")).filter(e -> ERROR_CODE.matcher(e).matches()),
                Optional.ofNullable(params.get("scope")).filter(s -> SCOPE.matcher(s).matches()));
    }

    /**
     * The {@code resource_metadata} URL of a Bearer challenge (RFC 9728 section 5.1), where the OAuth flow starts. It
     * is a URL the server chose: the flow fetches it only through the probe's address guard, and never shows it.
     */
    static Optional<java.net.URI> resourceMetadata(Optional<String> header) {
        return params(header)
                .filter(params -> params.get(SCHEME_KEY).equalsIgnoreCase("Bearer"))
                .map(params -> params.get("resource_metadata"))
                .filter(url -> url.length() <= 2048)
                .flatMap(url -> {
                    try {
                        java.net.URI uri = new java.net.URI(url);
                        return uri.isAbsolute() && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
                    } catch (java.net.URISyntaxException e) {
                        return Optional.empty();
                    }
                });
    }

    /** The first challenge's parameters (names in lower case) plus its scheme under {@link #SCHEME_KEY}. */
    private static Optional<Map<String, String>> params(Optional<String> header) {
        if (header.isEmpty() || header.get().length() > MAX_HEADER) {
            return Optional.empty();
        }
        String text = header.get();
        Matcher scheme = SCHEME.matcher(text);
        if (!scheme.lookingAt()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher param = PARAM.matcher(text);
        param.region(scheme.end(), text.length());
        while (param.lookingAt()) {
            String value = param.group(3) != null ? QUOTED_PAIR.matcher(param.group(3)).replaceAll("$1") : param.group(2);
            params.putIfAbsent(param.group(1).toLowerCase(Locale.ROOT), value);
            param.region(param.end(), text.length());
        }
        params.put(SCHEME_KEY, scheme.group(1));
        return Optional.of(params);
    }

    boolean insufficientScope() {
        return error.filter("insufficient_scope"::equals).isPresent();
    }
}
