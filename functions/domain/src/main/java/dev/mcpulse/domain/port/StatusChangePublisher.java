package dev.mcpulse.domain.port;

import dev.mcpulse.domain.health.StatusChange;

/** Announces status changes (EventBridge on AWS) so operators can route alerts. */
public interface StatusChangePublisher {

    StatusChangePublisher NONE = change -> { };

    void publish(StatusChange change);
}
