package dev.mcpulse.domain.health;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * {@code MCPULSE_PROBE_INTERVAL_SECONDS}: how often the scheduler runs, and so how old a snapshot may be.
 * A bad value must not stop the monitor: it is named in one warning and the default applies.
 */
public final class ProbeIntervalSetting {

    public static final String VARIABLE = "MCPULSE_PROBE_INTERVAL_SECONDS";
    public static final Duration DEFAULT = Duration.ofSeconds(300);
    /** A week; anything longer is certainly a typo and would make every staleness check meaningless. */
    private static final long MAX_SECONDS = 7 * 24 * 3600;

    private ProbeIntervalSetting() {
    }

    public static Duration parse(String raw, Consumer<String> warn) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT;
        }
        long seconds;
        try {
            seconds = Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            return fallback(raw, "is not a whole number of seconds", warn);
        }
        if (seconds <= 0) {
            return fallback(raw, "is not positive", warn);
        }
        if (seconds > MAX_SECONDS) {
            return fallback(raw, "is longer than a week", warn);
        }
        return Duration.ofSeconds(seconds);
    }

    private static Duration fallback(String raw, String problem, Consumer<String> warn) {
        String shown = raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
        warn.accept(VARIABLE + "=\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\" " + problem
                + "; using the default of " + DEFAULT.toSeconds() + " seconds");
        return DEFAULT;
    }
}
