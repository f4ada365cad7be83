package dev.mcpulse.domain.health;

/** What the API says about an endpoint, derived at read time (DESIGN section 5). */
public enum Status {
    CONNECTED("connected"),
    CONFIGURED_BUT_UNCONNECTED("configured_but_unconnected"),
    UNHEALTHY("unhealthy");

    private final String code;

    Status(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
