package dev.mcpulse.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpulse.domain.endpoint.Readiness;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeStep;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import reactor.core.publisher.Mono;

/**
 * Liveness (every page of {@code tools/list}) and readiness (the operator's tool call) over an open session,
 * whatever its era.
 */
final class ProbeChecks {

    private final ProbeRun run;
    private final McpSession session;
    private final ToolHeaders toolHeaders;

    ProbeChecks(ProbeRun run, McpSession session, ToolHeaders toolHeaders) {
        this.run = run;
        this.session = session;
        this.toolHeaders = toolHeaders;
    }

    Mono<ProbeOutcome> run() {
        return listTools().then(Mono.defer(() -> run.endpoint().readiness()
                .map(this::callTool)
                .orElse(Mono.just(new ProbeOutcome.Ok()))));
    }

    private Mono<Void> listTools() {
        return Mono.defer(() -> {
            run.trace().begin(ProbeStep.TOOLS_LIST);
            ToolCatalog catalog = new ToolCatalog();
            return page(catalog, Optional.empty(), 1, new HashSet<>())
                    .then(Mono.fromRunnable(() -> run.trace().tools(catalog.size(), catalog.hash())));
        });
    }

    private Mono<Void> page(ToolCatalog catalog, Optional<String> cursor, int number, Set<String> cursorsSeen) {
        ObjectNode params = Json.object();
        cursor.ifPresent(c -> params.put("cursor", c));
        return session.call("tools/list", params).flatMap(answer -> {
            JsonNode result = resultOf(answer, ProbeStep.TOOLS_LIST);
            JsonNode tools = result.get("tools");
            if (tools == null || !tools.isArray()) {
                return protocol("the tools/list result has no tools array");
            }
            for (JsonNode tool : tools) {
                if (!tool.isObject() || !tool.path("name").isTextual()) {
                    return protocol("the tools/list result has a tool without a name");
                }
                catalog.add(tool);
                toolHeaders.remember(tool.get("name").asText(), tool.get("inputSchema"));
            }
            JsonNode next = result.get("nextCursor");
            if (next == null || next.isNull() || (next.isTextual() && next.asText().isEmpty())) {
                return Mono.empty();
            }
            if (!next.isTextual() || !cursorsSeen.add(next.asText())) {
                return protocol("tools/list returned an invalid or repeated nextCursor");
            }
            if (number >= run.http().limits().maxPages()) {
                return protocol("tools/list has more than " + run.http().limits().maxPages() + " pages");
            }
            return page(catalog, Optional.of(next.asText()), number + 1, cursorsSeen);
        });
    }

    private Mono<ProbeOutcome> callTool(Readiness readiness) {
        return Mono.defer(() -> {
            run.trace().begin(ProbeStep.TOOL_CALL);
            ObjectNode params = Json.object().put("name", readiness.tool());
            params.set("arguments", Json.MAPPER.valueToTree(readiness.arguments()));
            return session.call("tools/call", params).map(answer -> judgeToolCall(readiness.tool(), answer));
        });
    }

    private ProbeOutcome judgeToolCall(String tool, JsonRpcMessage answer) {
        if (answer instanceof JsonRpcMessage.Error error) {
            return new ProbeOutcome.ToolError(tool, Optional.of(error.code()), run.classifier().redact(error.message()));
        }
        JsonNode result = ((JsonRpcMessage.Result) answer).result();
        if (result.path("resultType").asText("complete").equals("input_required")) {
            return new ProbeOutcome.ToolError(tool, Optional.empty(), "the tool asked for client input (input_required)");
        }
        if (result.path("isError").asBoolean(false)) {
            return new ProbeOutcome.ToolError(tool, Optional.empty(), run.classifier().redact(textOf(result)));
        }
        return new ProbeOutcome.Ok();
    }

    private static String textOf(JsonNode result) {
        return StreamSupport.stream(result.path("content").spliterator(), false)
                .filter(block -> block.path("type").asText("").equals("text"))
                .map(block -> block.path("text").asText(""))
                .collect(Collectors.joining(" "));
    }

    private JsonNode resultOf(JsonRpcMessage answer, ProbeStep step) {
        if (answer instanceof JsonRpcMessage.Error error) {
            throw new ProbeFailure(run.classifier().rpcError(error, step));
        }
        JsonNode result = ((JsonRpcMessage.Result) answer).result();
        if (!result.isObject()) {
            throw new ProbeFailure(run.classifier().protocol(step, Optional.empty(), "the result is not an object"));
        }
        return result;
    }

    private <T> Mono<T> protocol(String detail) {
        return Mono.error(new ProbeFailure(run.classifier().protocol(run.trace().step(), Optional.empty(), detail)));
    }
}
