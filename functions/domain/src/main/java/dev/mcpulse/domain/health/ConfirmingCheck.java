package dev.mcpulse.domain.health;

import java.time.Instant;

/**
 * A check that found nothing an operator sees changed, so it wrote no snapshot: the stored snapshot is as true at
 * {@code checkedAt} as when it was written. Freshness (staleness, due-ness) and the latency shown follow it.
 */
public record ConfirmingCheck(Instant checkedAt, long totalMs) {
}
