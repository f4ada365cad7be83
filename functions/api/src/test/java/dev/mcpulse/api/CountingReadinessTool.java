package dev.mcpulse.api;

import dev.mcpulse.mcpservers.TestTool;
import dev.mcpulse.mcpservers.ToolReply;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A read-only readiness tool for a real MCP Java SDK server that counts its calls: an endpoint naming it as its
 * readiness tool is dialled all the way through by every probe, so a count that stays put proves nothing was probed.
 */
final class CountingReadinessTool {

    static final String NAME = "counted_ready";

    private final AtomicInteger calls = new AtomicInteger();

    TestTool tool() {
        return new TestTool(NAME, "Readiness check that counts its calls.", TestTool.objectSchema(Map.of(), List.of()),
                true, arguments -> {
                    calls.incrementAndGet();
                    return ToolReply.text("ok");
                });
    }

    int calls() {
        return calls.get();
    }
}
