package dev.mcpulse.domain.health;

/** A status and the reason for it. */
public record DerivedStatus(Status status, StatusReason reason) {

    public boolean connected() {
        return status == Status.CONNECTED;
    }
}
