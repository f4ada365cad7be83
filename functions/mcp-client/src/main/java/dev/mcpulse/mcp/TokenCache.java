package dev.mcpulse.mcp;

import dev.mcpulse.domain.endpoint.AuthRef;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens the probe fetched with client credentials, kept in this function container's memory only (never
 * stored, never shown) and reused until shortly before they expire. One token per endpoint URL and auth
 * reference: a changed reference never reuses a token fetched for the old one.
 */
final class TokenCache {

    /** The most a token is given up before its {@code expires_in}: the probe must never present an expiring one. */
    static final Duration MAX_MARGIN = Duration.ofSeconds(60);
    /** Enough for a large fleet; the oldest entries go first when it is full. */
    private static final int CAPACITY = 10_000;

    private final Clock clock;
    private final ConcurrentHashMap<Key, Token> tokens = new ConcurrentHashMap<>();

    TokenCache(Clock clock) {
        this.clock = clock;
    }

    record Key(URI endpoint, AuthRef.OAuthClientCredentials auth) {
    }

    /**
     * An access token and what it was requested for.
     *
     * @param scope    the scope requested (what a step-up adds to)
     * @param reuseUntil when the cache stops handing it out; empty when the server gave no lifetime (not cached)
     * @param expiresAt  when it expires ({@code expires_in} after it was issued); empty when the server gave no lifetime
     */
    record Token(String value, Optional<String> scope, Optional<Instant> reuseUntil, Optional<Instant> expiresAt) {
        @Override
        public String toString() {
            return "Token[(not shown), scope=" + scope + ", reuseUntil=" + reuseUntil + ", expiresAt=" + expiresAt + "]";
        }
    }

    /** A token issued now that lives {@code expiresIn}, if the server said how long. */
    Token issued(String value, Optional<String> scope, Optional<Duration> expiresIn) {
        Optional<Duration> life = expiresIn.filter(d -> !d.isNegative() && !d.isZero());
        return new Token(value, scope, reuseUntil(life), life.map(now()::plus));
    }

    Instant now() {
        return clock.instant();
    }

    /** When a token that lives {@code expiresIn} from now stops being reused: a quarter of its life early, at most a minute. */
    Optional<Instant> reuseUntil(Optional<Duration> expiresIn) {
        return expiresIn.filter(life -> !life.isNegative() && !life.isZero()).map(life -> {
            Duration margin = life.dividedBy(4).compareTo(MAX_MARGIN) < 0 ? life.dividedBy(4) : MAX_MARGIN;
            return now().plus(life).minus(margin);
        });
    }

    Optional<Token> get(Key key) {
        Token token = tokens.get(key);
        if (token == null) {
            return Optional.empty();
        }
        if (token.reuseUntil().isEmpty() || !now().isBefore(token.reuseUntil().get())) {
            tokens.remove(key, token);
            return Optional.empty();
        }
        return Optional.of(token);
    }

    void put(Key key, Token token) {
        if (token.reuseUntil().isEmpty()) {
            return;
        }
        if (tokens.size() >= CAPACITY) {
            tokens.clear();
        }
        tokens.put(key, token);
    }

    /** The server refused this token: the next probe fetches a new one. */
    void forget(Key key, Token token) {
        tokens.remove(key, token);
    }

}
