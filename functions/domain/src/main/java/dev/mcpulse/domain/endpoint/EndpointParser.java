package dev.mcpulse.domain.endpoint;

import dev.mcpulse.domain.health.ProbeIntervalSetting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns one untrusted registry entry (a map parsed from YAML or JSON) into an {@link Endpoint}, or into every
 * problem it has at once. The same rules apply to fleet files, the admin API and the local runner.
 */
public final class EndpointParser {

    private static final Set<String> FIELDS = Set.of(
            "id", "name", "labels", "url", "transport", "auth", "timeoutMs", "readiness", "enabled", "intervalSeconds");
    private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_./-]{0,62}");
    private static final Pattern HTTP_TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}");
    private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_./-]{1,128}");
    /** Headers the probe itself sets; a credential header may not replace them. */
    private static final Set<String> RESERVED_HEADERS = Set.of(
            "host", "content-length", "content-type", "accept", "transfer-encoding", "connection",
            "mcp-session-id", "mcp-protocol-version", "mcp-method", "mcp-name", "last-event-id");
    private static final int MAX_LABELS = 32;
    private static final int MAX_TEXT = 200;

    /** No cadence may be longer: a day. */
    static final Duration MAX_INTERVAL = Duration.ofDays(1);

    private final UrlPolicy urlPolicy;
    private final Duration scheduleInterval;

    /** Rules for entries probed by a scheduler running every {@code scheduleInterval}. */
    public EndpointParser(UrlPolicy urlPolicy, Duration scheduleInterval) {
        this.urlPolicy = urlPolicy;
        this.scheduleInterval = scheduleInterval;
    }

    /** Rules for entries whose scheduler interval is not known here (the command-line probe, tests). */
    public EndpointParser(UrlPolicy urlPolicy) {
        this(urlPolicy, Duration.ofSeconds(1));
    }

    /** A valid endpoint, or the id as far as it could be read plus every field error. */
    public sealed interface Result {
        record Valid(Endpoint endpoint) implements Result {
        }

        record Invalid(Optional<String> id, List<FieldError> errors) implements Result {
            public Invalid {
                errors = List.copyOf(errors);
            }
        }
    }

    public Result parse(Object raw) {
        if (!(raw instanceof Map<?, ?> map)) {
            return new Result.Invalid(Optional.empty(),
                    List.of(new FieldError("(entry)", Found.describe(raw), "a mapping of endpoint fields")));
        }
        Fields fields = new Fields(map);
        for (Object key : map.keySet()) {
            if (!(key instanceof String name) || !FIELDS.contains(name)) {
                fields.error(Found.fieldName(key), unknownField(key),
                        "one of " + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        Optional<EndpointId> id = parseId(fields);
        String name = fields.text("name", MAX_TEXT).orElse(id.map(EndpointId::value).orElse(""));
        Map<String, String> labels = parseLabels(fields);
        Optional<java.net.URI> url = parseUrl(fields);
        Transport transport = parseTransport(fields);
        Optional<AuthRef> auth = AuthParser.parse(fields, urlPolicy);
        Duration timeout = parseTimeout(fields);
        Optional<Readiness> readiness = parseReadiness(fields);
        boolean enabled = fields.bool("enabled").orElse(true);
        Optional<Duration> interval = parseInterval(fields);

        Optional<String> rawId = fields.rawString("id");
        if (!fields.errors().isEmpty()) {
            return new Result.Invalid(rawId, fields.errors());
        }
        return new Result.Valid(new Endpoint(
                id.orElseThrow(), name, labels, url.orElseThrow(), transport, auth.orElseThrow(), timeout, readiness,
                enabled, interval));
    }

    /** What was found at an unknown key: named in the message only when the field cannot show it. */
    private static String unknownField(Object key) {
        return Found.fieldName(key).equals(Found.UNKNOWN_FIELD)
                ? "an unknown field named " + Found.describe(key) : "an unknown field";
    }

    private static Optional<EndpointId> parseId(Fields fields) {
        if (!fields.has("id")) {
            fields.error("id", "nothing", "an id: " + EndpointId.EXPECTED);
            return Optional.empty();
        }
        Object value = fields.get("id");
        Optional<EndpointId> id = value instanceof String text ? EndpointId.parse(text) : Optional.empty();
        if (id.isEmpty()) {
            fields.error("id", Found.describe(value), EndpointId.EXPECTED);
        }
        return id;
    }

    private static Map<String, String> parseLabels(Fields fields) {
        if (!fields.has("labels")) {
            return Map.of();
        }
        if (!(fields.get("labels") instanceof Map<?, ?> raw)) {
            fields.error("labels", Found.describe(fields.get("labels")), "a mapping of label names to values, like {team: payments}");
            return Map.of();
        }
        if (raw.size() > MAX_LABELS) {
            fields.error("labels", raw.size() + " labels", "at most " + MAX_LABELS + " labels");
            return Map.of();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (!(k instanceof String) || !LABEL_KEY.matcher(key).matches()) {
                fields.error("labels", "label name " + Found.describe(k),
                        "label names of 1-63 characters of letters, digits, '_', '.', '/' or '-'");
            } else if (!(v instanceof String || v instanceof Number || v instanceof Boolean)
                    || String.valueOf(v).length() > 128 || Found.hasControl(String.valueOf(v))) {
                fields.error("labels." + key, Found.describe(v), "a plain text value of at most 128 characters,"
                        + " without control or bidirectional-override characters");
            } else {
                labels.put(key, String.valueOf(v));
            }
        });
        return labels;
    }

    private Optional<java.net.URI> parseUrl(Fields fields) {
        if (!fields.has("url")) {
            fields.error("url", "nothing", "the MCP endpoint URL");
            return Optional.empty();
        }
        if (!(fields.get("url") instanceof String text) || text.isBlank() || text.length() > 2048) {
            fields.error("url", Found.describe(fields.get("url")), "the MCP endpoint URL as text of at most 2048 characters");
            return Optional.empty();
        }
        return switch (urlPolicy.check(text.strip())) {
            case UrlPolicy.Verdict.Accepted accepted -> Optional.of(accepted.uri());
            case UrlPolicy.Verdict.Refused refused -> {
                fields.error("url", Found.describe(Found.withoutUserInfo(text)), refused.expected());
                yield Optional.empty();
            }
        };
    }

    private static Transport parseTransport(Fields fields) {
        if (!fields.has("transport")) {
            return Transport.AUTO;
        }
        Object value = fields.get("transport");
        Optional<Transport> transport = value instanceof String text
                ? Transport.fromWireName(text.toLowerCase(Locale.ROOT)) : Optional.empty();
        if (transport.isEmpty()) {
            fields.error("transport", Found.describe(value), "one of " + Transport.wireNames());
        }
        return transport.orElse(Transport.AUTO);
    }

    private static Duration parseTimeout(Fields fields) {
        if (!fields.has("timeoutMs")) {
            return Endpoint.DEFAULT_TIMEOUT;
        }
        Object value = fields.get("timeoutMs");
        String expected = "a whole number of milliseconds from " + Endpoint.MIN_TIMEOUT.toMillis()
                + " to " + Endpoint.MAX_TIMEOUT.toMillis();
        if (!(value instanceof Integer || value instanceof Long)) {
            fields.error("timeoutMs", Found.describe(value), expected);
            return Endpoint.DEFAULT_TIMEOUT;
        }
        long millis = ((Number) value).longValue();
        if (millis < Endpoint.MIN_TIMEOUT.toMillis() || millis > Endpoint.MAX_TIMEOUT.toMillis()) {
            fields.error("timeoutMs", Found.describe(value), expected);
            return Endpoint.DEFAULT_TIMEOUT;
        }
        return Duration.ofMillis(millis);
    }

    /**
     * An endpoint may be probed less often than the fleet, never more often than the scheduler runs. Null, as the
     * API shows an endpoint that follows the fleet's cadence, is the same as leaving it out.
     */
    private Optional<Duration> parseInterval(Fields fields) {
        if (!fields.has("intervalSeconds") || fields.get("intervalSeconds") == null) {
            return Optional.empty();
        }
        Object value = fields.get("intervalSeconds");
        String expected = "a whole number of seconds from the scheduler's interval of " + scheduleInterval.toSeconds()
                + " s (" + ProbeIntervalSetting.VARIABLE + ") to " + MAX_INTERVAL.toSeconds() + " s";
        if (!(value instanceof Integer || value instanceof Long)) {
            fields.error("intervalSeconds", Found.describe(value), expected);
            return Optional.empty();
        }
        Duration interval = Duration.ofSeconds(((Number) value).longValue());
        if (interval.compareTo(scheduleInterval) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            fields.error("intervalSeconds", Found.describe(value), expected);
            return Optional.empty();
        }
        return Optional.of(interval);
    }

    private static Optional<Readiness> parseReadiness(Fields fields) {
        if (!fields.has("readiness") || fields.get("readiness") == null) {
            return Optional.empty();
        }
        if (!(fields.get("readiness") instanceof Map<?, ?> raw)) {
            fields.error("readiness", Found.describe(fields.get("readiness")),
                    "a mapping like {tool: get_me, arguments: {}}");
            return Optional.empty();
        }
        for (Object key : raw.keySet()) {
            if (!"tool".equals(key) && !"arguments".equals(key)) {
                fields.error("readiness." + Found.fieldName(key), unknownField(key), "only tool and arguments");
            }
        }
        Object tool = raw.get("tool");
        if (!(tool instanceof String name) || !TOOL_NAME.matcher(name).matches()) {
            fields.error("readiness.tool", Found.describe(tool),
                    "a tool name of 1-128 characters of letters, digits, '_', '.', '/' or '-'");
            return Optional.empty();
        }
        Object arguments = raw.get("arguments");
        if (arguments == null) {
            return Optional.of(new Readiness(name, Map.of()));
        }
        if (!(arguments instanceof Map<?, ?> args) || !args.keySet().stream().allMatch(String.class::isInstance)) {
            fields.error("readiness.arguments", Found.describe(arguments), "a mapping of argument names to values");
            return Optional.empty();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        args.forEach((k, v) -> copy.put((String) k, v == null ? "" : v));
        return Optional.of(new Readiness(name, copy));
    }

    /** Parsing of the auth reference, kept apart because it must never echo what it reads. */
    static final class AuthParser {

        private static final Set<String> AUTH_KEYS = Set.of("type", "name", "secret", "key", "clientId", "scope",
                "tokenEndpointAuth", "signingAlg", "authorizationServer");
        static final String OAUTH_CLIENT_CREDENTIALS = AuthRef.OAUTH_CLIENT_CREDENTIALS;
        static final String OAUTH_DISCOVERY = AuthRef.OAUTH_DISCOVERY;
        /** RFC 6749 client ids are visible ASCII; a longer one is no client id. */
        private static final Pattern CLIENT_ID = Pattern.compile("[\\x21-\\x7E]{1,256}");
        /** RFC 6749 section 3.3: space-separated scope tokens of visible ASCII except '"' and '\\'. */
        private static final Pattern SCOPE = Pattern.compile(
                "[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,128}( [\\x21\\x23-\\x5B\\x5D-\\x7E]{1,128}){0,15}");
        /** JWS algorithms a private_key_jwt assertion may be signed with (asymmetric only: the key is private). */
        static final List<String> SIGNING_ALGS = List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
                "ES256", "ES384", "ES512");

        private AuthParser() {
        }

        static Optional<AuthRef> parse(Fields fields, UrlPolicy urlPolicy) {
            if (!fields.has("auth") || AuthRef.NONE.equals(fields.get("auth"))) {
                return Optional.of(new AuthRef.None());
            }
            if (!(fields.get("auth") instanceof Map<?, ?> raw)) {
                fields.error("auth", Found.describeSecretSafe(fields.get("auth")),
                        "none, or a mapping like {type: bearer, secret: <Secrets Manager name or ARN>}");
                return Optional.empty();
            }
            Object type = raw.get("type");
            Set<String> allowed = switch (String.valueOf(type)) {
                case AuthRef.NONE -> Set.of("type");
                case AuthRef.BEARER -> Set.of("type", "secret", "key");
                case AuthRef.HEADER -> Set.of("type", "name", "secret", "key");
                case OAUTH_DISCOVERY -> Set.of("type");
                case OAUTH_CLIENT_CREDENTIALS -> Set.of("type", "clientId", "secret", "key", "scope", "tokenEndpointAuth",
                        "signingAlg", "authorizationServer");
                default -> {
                    fields.error("auth.type", Found.describeSecretSafe(type),
                            "one of none, bearer, header, " + OAUTH_CLIENT_CREDENTIALS + ", " + OAUTH_DISCOVERY);
                    yield Set.of();
                }
            };
            if (allowed.isEmpty()) {
                return Optional.empty();
            }
            int before = fields.errors().size();
            for (Map.Entry<?, ?> field : raw.entrySet()) {
                Object key = field.getKey();
                // A reference key that does not apply to this type may be present as null: the API shows every auth
                // key, null when it does not apply, and an entry read from it must be accepted back as it is.
                boolean absent = field.getValue() == null && AUTH_KEYS.contains(key);
                if (!absent && !allowed.contains(String.valueOf(key))) {
                    fields.error("auth." + Found.fieldName(key), unknownField(key) + " (its value is not shown)",
                            "only " + String.join(", ", allowed.stream().sorted().toList())
                                    + "; auth holds a reference to a secret, never the secret itself");
                }
            }
            if (type.equals(AuthRef.NONE)) {
                return fields.errors().size() == before ? Optional.of(new AuthRef.None()) : Optional.empty();
            }
            if (type.equals(OAUTH_DISCOVERY)) {
                return fields.errors().size() == before ? Optional.of(new AuthRef.OAuthDiscovery()) : Optional.empty();
            }
            Optional<AuthRef.SecretRef> secret = secretRef(fields, raw);
            Optional<String> header = type.equals(AuthRef.HEADER) ? headerName(fields, raw) : Optional.empty();
            if (type.equals(OAUTH_CLIENT_CREDENTIALS)) {
                return clientCredentials(fields, raw, secret, urlPolicy, before);
            }
            if (fields.errors().size() != before) {
                return Optional.empty();
            }
            return type.equals(AuthRef.BEARER)
                    ? Optional.of(new AuthRef.Bearer(secret.orElseThrow()))
                    : Optional.of(new AuthRef.Header(header.orElseThrow(), secret.orElseThrow()));
        }

        private static Optional<AuthRef.SecretRef> secretRef(Fields fields, Map<?, ?> raw) {
            Object secret = raw.get("secret");
            String expected = "a Secrets Manager secret name or ARN, or ssm: and a Parameter Store parameter's name"
                    + " (the reference, not the value)";
            if (!(secret instanceof String id) || id.isEmpty()) {
                fields.error("auth.secret", Found.describeSecretSafe(secret), expected);
                return Optional.empty();
            }
            if (id.length() > 2048) {
                // no credential scan of a megabyte: no reference is this long
                fields.error("auth.secret", Found.describeSecretSafe(secret), expected + " of at most 2048 characters");
                return Optional.empty();
            }
            if (SecretShapes.looksLikeCredential(id)) {
                fields.error("auth.secret", "what looks like a secret value (not shown)",
                        expected + "; store the value in Secrets Manager or Parameter Store and reference it here");
                return Optional.empty();
            }
            if (!SecretShapes.isSecretReference(id)) {
                fields.error("auth.secret", Found.describeSecretSafe(secret),
                        expected + ": 1-512 characters of letters, digits and /_+=.@-, or ssm: and 1-1011 of letters,"
                                + " digits and _.-/ (starting with / when it holds one)");
                return Optional.empty();
            }
            Object key = raw.get("key");
            if (key != null && (!(key instanceof String k) || k.isEmpty() || k.length() > 256 || Found.hasControl(k))) {
                fields.error("auth.key", Found.describeSecretSafe(key),
                        "the name of a key in a JSON secret (1-256 characters, no control characters)");
                return Optional.empty();
            }
            return Optional.of(new AuthRef.SecretRef(id, Optional.ofNullable((String) key)));
        }

        private static Optional<AuthRef> clientCredentials(Fields fields, Map<?, ?> raw, Optional<AuthRef.SecretRef> secret,
                                                           UrlPolicy urlPolicy, int before) {
            Object clientId = raw.get("clientId");
            if (!(clientId instanceof String id) || !CLIENT_ID.matcher(id).matches()) {
                fields.error("auth.clientId", Found.describeSecretSafe(clientId),
                        "the OAuth client id: 1-256 visible ASCII characters, no spaces");
            }
            Optional<String> scope = Optional.empty();
            if (raw.get("scope") != null) {
                if (raw.get("scope") instanceof String text && SCOPE.matcher(text).matches()) {
                    scope = Optional.of(text);
                } else {
                    fields.error("auth.scope", Found.describe(raw.get("scope")),
                            "space-separated OAuth scopes (at most 16, visible ASCII without '\"' or '\\')");
                }
            }
            AuthRef.TokenEndpointAuth method = AuthRef.TokenEndpointAuth.CLIENT_SECRET_BASIC;
            if (raw.get("tokenEndpointAuth") != null) {
                Optional<AuthRef.TokenEndpointAuth> parsed = raw.get("tokenEndpointAuth") instanceof String text
                        ? AuthRef.TokenEndpointAuth.fromWireName(text) : Optional.empty();
                if (parsed.isEmpty()) {
                    fields.error("auth.tokenEndpointAuth", Found.describe(raw.get("tokenEndpointAuth")),
                            "one of client_secret_basic (the default), client_secret_post, private_key_jwt");
                }
                method = parsed.orElse(method);
            }
            Optional<String> signingAlg = Optional.empty();
            if (raw.get("signingAlg") != null) {
                if (method != AuthRef.TokenEndpointAuth.PRIVATE_KEY_JWT) {
                    fields.error("auth.signingAlg", Found.describe(raw.get("signingAlg")),
                            "no signingAlg unless tokenEndpointAuth is private_key_jwt");
                } else if (raw.get("signingAlg") instanceof String alg && SIGNING_ALGS.contains(alg)) {
                    signingAlg = Optional.of(alg);
                } else {
                    fields.error("auth.signingAlg", Found.describe(raw.get("signingAlg")),
                            "one of " + String.join(", ", SIGNING_ALGS) + " (the private key's type decides the default)");
                }
            }
            Optional<java.net.URI> issuer = Optional.empty();
            if (raw.get("authorizationServer") != null) {
                Object value = raw.get("authorizationServer");
                String expected = "the authorization server's issuer URL";
                if (!(value instanceof String text) || text.isBlank() || text.length() > 2048) {
                    fields.error("auth.authorizationServer", Found.describe(value), expected + " of at most 2048 characters");
                } else {
                    switch (urlPolicy.check(text.strip())) {
                        case UrlPolicy.Verdict.Accepted accepted -> {
                            if (accepted.uri().getRawQuery() != null || accepted.uri().getRawFragment() != null) {
                                fields.error("auth.authorizationServer", Found.describe(text),
                                        expected + " without a query or fragment (RFC 8414 section 2)");
                            } else {
                                issuer = Optional.of(accepted.uri());
                            }
                        }
                        case UrlPolicy.Verdict.Refused refused -> fields.error("auth.authorizationServer",
                                Found.describe(Found.withoutUserInfo(text)), expected + ": " + refused.expected());
                    }
                }
            }
            if (fields.errors().size() != before) {
                return Optional.empty();
            }
            return Optional.of(new AuthRef.OAuthClientCredentials((String) clientId, secret.orElseThrow(), scope, method,
                    signingAlg, issuer));
        }

        private static Optional<String> headerName(Fields fields, Map<?, ?> raw) {
            Object name = raw.get("name");
            if (!(name instanceof String header) || !HTTP_TOKEN.matcher(header).matches()) {
                fields.error("auth.name", Found.describe(name), "an HTTP header name (a token: letters, digits and !#$%&'*+.^_`|~-, no spaces)");
                return Optional.empty();
            }
            if (RESERVED_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
                fields.error("auth.name", Found.describe(name), "a header the probe does not set itself (not " + header + ")");
                return Optional.empty();
            }
            return Optional.of(header);
        }
    }

    /** The raw entry and the errors found so far. */
    static final class Fields {
        private final Map<?, ?> raw;
        private final List<FieldError> errors = new ArrayList<>();

        Fields(Map<?, ?> raw) {
            this.raw = raw;
        }

        boolean has(String name) {
            return raw.containsKey(name);
        }

        Object get(String name) {
            return raw.get(name);
        }

        Optional<String> rawString(String name) {
            return raw.get(name) instanceof String s ? Optional.of(s) : Optional.empty();
        }

        Optional<String> text(String name, int maxLength) {
            if (!has(name)) {
                return Optional.empty();
            }
            Object value = get(name);
            if (!(value instanceof String s) || s.isBlank() || s.length() > maxLength || Found.hasControl(s)) {
                error(name, Found.describe(value), "text of 1-" + maxLength
                        + " characters without control or bidirectional-override characters");
                return Optional.empty();
            }
            return Optional.of(s);
        }

        Optional<Boolean> bool(String name) {
            if (!has(name)) {
                return Optional.empty();
            }
            if (!(get(name) instanceof Boolean b)) {
                error(name, Found.describe(get(name)), "true or false");
                return Optional.empty();
            }
            return Optional.of(b);
        }

        void error(String field, String found, String expected) {
            errors.add(new FieldError(field, found, expected));
        }

        List<FieldError> errors() {
            return errors;
        }
    }
}
