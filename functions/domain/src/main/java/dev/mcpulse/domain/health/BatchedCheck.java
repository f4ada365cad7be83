package dev.mcpulse.domain.health;

import java.time.Instant;
import java.util.Optional;

/**
 * One check of a probe shard, as its shard's check batch keeps it: the history entry and, when the check wrote no
 * snapshot because nothing an operator sees changed, {@code confirms}: the checkedAt of the stored snapshot it found
 * unchanged. A reader credits the check to the stored snapshot only while that is still the one stored.
 */
public record BatchedCheck(HistoryEntry check, Optional<Instant> confirms) {

    public ConfirmingCheck confirming() {
        return new ConfirmingCheck(check.checkedAt(), check.totalMs());
    }

    /** Whether this check confirmed exactly {@code stored}. */
    public boolean confirmsExactly(HealthSnapshot stored) {
        return confirms.filter(at -> at.equals(stored.checkedAt())).isPresent()
                && check.checkedAt().isAfter(stored.checkedAt());
    }
}
