package dev.mcpulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpulse.domain.endpoint.AuthRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line of {@code mcpulse-probe}, parsed into a registry entry (a map the domain's
 * {@code EndpointParser} validates, as for any fleet file) and the name of the variable holding the credential; or,
 * with {@code --conformance}, no credential option at all: the conformance suite's context supplies it.
 */
record ProbeArguments(Map<String, Object> entry, Optional<String> tokenEnv, boolean conformance) {

    static final String USAGE = """
            usage: mcpulse-probe <url> [--token-env VAR] [--header NAME] [--transport auto|streamable-http|sse]
                                 [--tool NAME] [--arguments JSON] [--timeout-ms N]
                                 [--client-id ID [--scope S] [--token-endpoint-auth M] [--signing-alg ALG]
                                                 [--authorization-server URL]]
                   mcpulse-probe --conformance [--tool NAME [--arguments JSON]] [--timeout-ms N] <url>
                   mcpulse-probe --fleet FILE --id ID [--secrets-file FILE]
                   mcpulse-probe --fleet FILE --all [--concurrency N] [--repeat R] [--secrets-file FILE]
              <url>          the MCP endpoint (http and loopback are allowed here)
              --token-env    the environment variable holding the credential (sent as Authorization: Bearer)
              --header       send the credential in this header instead (needs --token-env)
              --client-id    sign in with OAuth client credentials as this client; --token-env then names the
                             variable holding the client secret (or, with --token-endpoint-auth private_key_jwt,
                             the PEM private key); --scope, --token-endpoint-auth (client_secret_basic, the
                             default, client_secret_post or private_key_jwt), --signing-alg (the assertion's JWS
                             algorithm, e.g. ES256; by default RS256 or the EC key's curve) and
                             --authorization-server as in a fleet file's auth
              --conformance  run as the client under test of the MCP conformance suite: the scenario comes from
                             MCP_CONFORMANCE_SCENARIO and the OAuth client credentials (client_id with client_secret,
                             or with private_key_pem and signing_algorithm) from the JSON in MCP_CONFORMANCE_CONTEXT
              --transport    auto (default) detects the protocol era; streamable-http or sse force a transport
              --tool         a readiness tool to call after tools/list; --arguments gives its arguments as a JSON object
              --timeout-ms   the deadline for the whole probe (100 to 30000, default 10000)
              --fleet, --id  probe one entry of a fleet file as it would be saved; its secret reference is read from
                             the environment variable MCPULSE_SECRET_<ID> or from --secrets-file (YAML: id: value)
              --all          probe every entry (one JSON line each, then a summary line with counts by outcome, wall
                             time and CPU per probe per round); --concurrency N at once (default 50), --repeat R rounds
            exit codes: 0 ok, 3 auth, 4 unreachable or timeout, 5 tool error, 6 protocol/rpc/http error, 2 usage
            (with --all: 0 only when every probe was ok, else the highest code seen)""";

    private static final List<String> OPTIONS = List.of("--token-env", "--header", "--transport", "--tool", "--arguments",
            "--timeout-ms", "--client-id", "--scope", "--token-endpoint-auth", "--signing-alg", "--authorization-server");
    private static final List<String> OAUTH_OPTIONS = List.of("--scope", "--token-endpoint-auth", "--signing-alg",
            "--authorization-server");
    private static final List<String> CREDENTIAL_OPTIONS = List.of("--token-env", "--header", "--client-id", "--scope",
            "--token-endpoint-auth", "--signing-alg", "--authorization-server");
    static final String CONFORMANCE = "--conformance";

    /** A command line that cannot be run; the message says why. */
    static final class UsageError extends Exception {
        UsageError(String message) {
            super(message, null, false, false);
        }
    }

    static ProbeArguments parse(List<String> args) throws UsageError {
        Map<String, String> options = new LinkedHashMap<>();
        String url = null;
        boolean conformance = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals(CONFORMANCE)) {
                if (conformance) {
                    throw new UsageError(arg + " is given twice");
                }
                conformance = true; // a flag: it takes no value
            } else if (arg.startsWith("--")) {
                if (!OPTIONS.contains(arg)) {
                    throw new UsageError("unknown option " + arg);
                }
                if (i + 1 >= args.size()) {
                    throw new UsageError(arg + " needs a value");
                }
                if (options.put(arg, args.get(++i)) != null) {
                    throw new UsageError(arg + " is given twice");
                }
            } else if (url == null) {
                url = arg;
            } else {
                throw new UsageError("more than one URL: " + arg);
            }
        }
        if (url == null) {
            throw new UsageError("the MCP endpoint URL is missing");
        }
        if (conformance) {
            for (String option : CREDENTIAL_OPTIONS) {
                if (options.containsKey(option)) {
                    throw new UsageError(option + " cannot be combined with --conformance: the credentials come from"
                            + " MCP_CONFORMANCE_CONTEXT");
                }
            }
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", "cli");
        entry.put("url", url);
        entry.put("transport", options.getOrDefault("--transport", "auto"));
        if (options.containsKey("--timeout-ms")) {
            entry.put("timeoutMs", timeout(options.get("--timeout-ms")));
        }
        Optional<String> tokenEnv = Optional.ofNullable(options.get("--token-env"));
        if (options.containsKey("--header") && tokenEnv.isEmpty()) {
            throw new UsageError("--header needs --token-env: the header's value comes from that variable");
        }
        for (String option : OAUTH_OPTIONS) {
            if (options.containsKey(option) && !options.containsKey("--client-id")) {
                throw new UsageError(option + " needs --client-id");
            }
        }
        if (options.containsKey("--client-id")) {
            if (tokenEnv.isEmpty() || options.containsKey("--header")) {
                throw new UsageError("--client-id needs --token-env (the variable holding the client secret) and no --header");
            }
            Map<String, Object> auth = new LinkedHashMap<>();
            auth.put("type", AuthRef.OAUTH_CLIENT_CREDENTIALS);
            auth.put("clientId", options.get("--client-id"));
            auth.put("secret", "env/" + tokenEnv.get());
            putIfGiven(options, "--scope", auth, "scope");
            putIfGiven(options, "--token-endpoint-auth", auth, "tokenEndpointAuth");
            putIfGiven(options, "--signing-alg", auth, "signingAlg");
            putIfGiven(options, "--authorization-server", auth, "authorizationServer");
            entry.put("auth", auth);
        } else {
            tokenEnv.ifPresent(variable -> entry.put("auth", options.containsKey("--header")
                    ? Map.of("type", "header", "name", options.get("--header"), "secret", "env/" + variable)
                    : Map.of("type", "bearer", "secret", "env/" + variable)));
        }
        if (options.containsKey("--arguments") && !options.containsKey("--tool")) {
            throw new UsageError("--arguments needs --tool");
        }
        if (options.containsKey("--tool")) {
            Map<String, Object> readiness = new LinkedHashMap<>();
            readiness.put("tool", options.get("--tool"));
            readiness.put("arguments", arguments(options.getOrDefault("--arguments", "{}")));
            entry.put("readiness", readiness);
        }
        return new ProbeArguments(entry, tokenEnv, conformance);
    }

    private static void putIfGiven(Map<String, String> options, String option, Map<String, Object> auth, String field) {
        if (options.containsKey(option)) {
            auth.put(field, options.get(option));
        }
    }

    private static Object timeout(String text) throws UsageError {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UsageError("--timeout-ms needs a whole number of milliseconds, got " + text);
        }
    }

    private static Map<String, Object> arguments(String json) throws UsageError {
        try {
            JsonNode node = new ObjectMapper().readTree(json);
            if (node == null || !node.isObject()) {
                throw new UsageError("--arguments needs a JSON object, like {\"a\":1}");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = new ObjectMapper().convertValue(node, Map.class);
            return map;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UsageError("--arguments is not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }
}
