package dev.mcpulse.cli;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointParser;
import dev.mcpulse.domain.endpoint.FieldError;
import dev.mcpulse.domain.endpoint.SecretValue;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.domain.port.LocalLoad;
import dev.mcpulse.domain.service.CredentialLookup.Credential;
import dev.mcpulse.domain.service.CredentialLookup;
import dev.mcpulse.domain.service.StallMonitor;
import dev.mcpulse.mcp.EraCache;
import dev.mcpulse.mcp.McpHttpClients;
import dev.mcpulse.mcp.McpLimits;
import dev.mcpulse.mcp.McpProber;
import dev.mcpulse.mcp.ProbeHttpClient;
import dev.mcpulse.secrets.LocalSecretResolver;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code mcpulse-probe}: probes one MCP endpoint from an operator's shell, exactly as the monitor does, and prints
 * the result as JSON (stdout) and a one-line summary (stderr). Local use, so http and loopback URLs are allowed.
 */
public final class ProbeCommand {

    private final Function<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    ProbeCommand(Function<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int code = new ProbeCommand(System::getenv, System.out, System.err).run(List.of(args));
        System.out.flush();
        System.exit(code);
    }

    int run(List<String> args) {
        if (FleetEntryArguments.applies(args)) {
            return runFleetEntry(args);
        }
        ProbeArguments arguments;
        try {
            arguments = ProbeArguments.parse(args);
        } catch (ProbeArguments.UsageError e) {
            return usage(e.getMessage());
        }
        Optional<SecretValue> conformanceCredential = Optional.empty();
        if (arguments.conformance()) {
            ConformanceContext context;
            try {
                context = ConformanceContext.read(environment);
            } catch (ProbeArguments.UsageError e) {
                return usage(e.getMessage());
            }
            context.auth().ifPresent(auth -> arguments.entry().put("auth", auth));
            conformanceCredential = context.credential();
        }
        Endpoint endpoint;
        switch (new EndpointParser(UrlPolicy.local()).parse(arguments.entry())) {
            case EndpointParser.Result.Valid valid -> endpoint = valid.endpoint();
            case EndpointParser.Result.Invalid invalid -> {
                return usage(invalid.errors().stream().map(ProbeCommand::describe).collect(Collectors.joining("; ")));
            }
        }
        Optional<SecretValue> credential = conformanceCredential.or(() -> arguments.tokenEnv()
                .map(environment)
                .filter(value -> !value.isEmpty())
                .map(SecretValue::new));
        return probeAndReport(endpoint, credential);
    }

    private int runFleetEntry(List<String> args) {
        FleetEntryArguments arguments;
        try {
            arguments = FleetEntryArguments.parse(args);
        } catch (ProbeArguments.UsageError e) {
            return usage(e.getMessage());
        }
        // The resolver reads a map: hand it just the variables the entries' references name.
        Map<String, String> env = new HashMap<>();
        for (Endpoint entry : arguments.endpoints()) {
            entry.auth().secret().map(ref -> LocalSecretResolver.environmentVariable(ref.secretId())).ifPresent(
                    variable -> Optional.ofNullable(environment.apply(variable)).ifPresent(value -> env.put(variable, value)));
        }
        CredentialLookup credentials = new CredentialLookup(new LocalSecretResolver(env, arguments.secretsFile()));
        if (arguments.all()) {
            try (ProbeHttpClient client = McpHttpClients.create(UrlPolicy.local())) {
                McpProber prober = new McpProber(client, McpLimits.defaults(), new EraCache(arguments.endpoints().size()));
                // The monitor's measure of its own hold-ups: the process, and the probe client's event loops.
                LocalLoad load = LocalLoad.worstOf(StallMonitor.shared(), client.eventLoopLag());
                return new FleetCheck(prober, credentials, load, out).run(arguments.endpoints(), arguments.concurrency(),
                        arguments.repeat());
            }
        }
        Endpoint endpoint = arguments.endpoints().getFirst();
        Credential credential = credentials.credentialFor(endpoint);
        if (credential instanceof Credential.Missing missing) {
            return report(endpoint, ProbeResult.notDialled(missing.outcome()), List.of());
        }
        return probeAndReport(endpoint, credential.secretValue());
    }

    private int probeAndReport(Endpoint endpoint, Optional<SecretValue> credential) {
        List<String> secrets = credential.map(s -> List.of(s.reveal())).orElse(List.of());
        // the policy its URLs were checked with
        try (ProbeHttpClient client = McpHttpClients.create(UrlPolicy.local())) {
            ProbeResult result = new McpProber(client, McpLimits.defaults(), new EraCache(1))
                    .probe(endpoint, credential).join();
            return report(endpoint, result, secrets);
        }
    }

    private int report(Endpoint endpoint, ProbeResult result, List<String> secrets) {
        out.println(ResultJson.write(ResultJson.of(endpoint, result, secrets)));
        err.println(ResultJson.summary(endpoint, result, secrets));
        return ExitCode.of(result.outcome().kind());
    }

    private int usage(String problem) {
        err.println("mcpulse-probe: " + problem);
        err.println(ProbeArguments.USAGE);
        return ExitCode.USAGE;
    }

    private static String describe(FieldError error) {
        String field = Map.of("timeoutMs", "--timeout-ms", "readiness.tool", "--tool", "auth.name", "--header",
                "transport", "--transport", "url", "<url>", "auth.clientId", "--client-id", "auth.scope", "--scope",
                "auth.tokenEndpointAuth", "--token-endpoint-auth", "auth.authorizationServer", "--authorization-server",
                "auth.signingAlg", "--signing-alg")
                .getOrDefault(error.field(), error.field());
        return field + ": expected " + error.expected() + ", found " + error.found();
    }
}
