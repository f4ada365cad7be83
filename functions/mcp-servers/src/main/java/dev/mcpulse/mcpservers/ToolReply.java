package dev.mcpulse.mcpservers;

import java.util.Objects;

/** What a test tool answers: one text block, flagged {@code isError} when the tool reports a failure. */
public record ToolReply(String text, boolean isError) {

    public ToolReply {
        Objects.requireNonNull(text, "text");
    }

    public static ToolReply text(String text) {
        return new ToolReply(text, false);
    }

    public static ToolReply error(String text) {
        return new ToolReply(text, true);
    }
}
