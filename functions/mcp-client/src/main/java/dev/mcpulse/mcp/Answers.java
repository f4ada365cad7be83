package dev.mcpulse.mcp;

import java.util.Optional;

/** Reads the answer to one request out of a reply, shared by every session type. */
final class Answers {

    private Answers() {
    }

    /** The Result or Error answering {@code requestId}, or a classified failure for the current step. */
    static JsonRpcMessage of(Reply reply, long requestId, ProbeRun run) {
        if (!reply.isSuccess()) {
            throw new ProbeFailure(run.classifier().failed(reply, run.trace().step()));
        }
        return expectAnswer(reply.message(), requestId, Optional.of(reply.status()), run);
    }

    static JsonRpcMessage expectAnswer(Optional<JsonRpcMessage> message, long requestId, Optional<Integer> status, ProbeRun run) {
        if (message.isEmpty()) {
            throw protocol(run, status, "the server answered without a JSON-RPC response");
        }
        return switch (message.get()) {
            case JsonRpcMessage.Invalid invalid -> throw protocol(run, status, invalid.reason());
            case JsonRpcMessage.Notification n -> throw protocol(run, status, "expected a response, got a notification");
            case JsonRpcMessage.Request r -> throw protocol(run, status, "expected a response, got a request");
            case JsonRpcMessage answer when answer.answers(requestId) -> answer;
            default -> throw protocol(run, status, "the response id does not match the request id " + requestId);
        };
    }

    private static ProbeFailure protocol(ProbeRun run, Optional<Integer> status, String detail) {
        return new ProbeFailure(run.classifier().protocol(run.trace().step(), status, detail));
    }
}
