package dev.mcpulse.api;

/** Who may use a route; {@link Authorization} applies it. */
enum Access {
    /**
     * The dashboard's shell (its page, script, stylesheet, icon and sign-in settings): static files and public facts
     * about the identity provider, no fleet data. Open without a token, because a browser navigating to the page sends
     * none — the page is where it signs in.
     */
    SHELL,
    /** Reads the fleet: open locally, a token from the issuer once one is configured (unless public read is on). */
    READ,
    /** Changes the registry or dials an endpoint: admins only. */
    ADMIN
}
