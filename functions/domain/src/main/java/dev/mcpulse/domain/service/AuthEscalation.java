package dev.mcpulse.domain.service;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.OutcomeKind;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Consecutive authentication failures deserve a loud, actionable line (DESIGN lesson 10): a warning for each of the
 * first two, one ERROR at the third that says what to do, and the same ERROR again every 20 failures after it, so a
 * reader who arrives late still sees it. Names the endpoint and the secret reference, never a value.
 */
final class AuthEscalation {

    static final int ESCALATE_AT = 3;
    static final int REPEAT_EVERY = 20;
    private static final Logger LOG = LoggerFactory.getLogger(AuthEscalation.class);

    private AuthEscalation() {
    }

    /** The level to log the n-th consecutive auth failure at, or empty for none. */
    static Optional<Level> level(int consecutiveAuthFailures) {
        if (consecutiveAuthFailures <= 0) {
            return Optional.empty();
        }
        if (consecutiveAuthFailures < ESCALATE_AT) {
            return Optional.of(Level.WARN);
        }
        return (consecutiveAuthFailures - ESCALATE_AT) % REPEAT_EVERY == 0 ? Optional.of(Level.ERROR) : Optional.empty();
    }

    /**
     * Whether this written snapshot is one of the loud ERROR lines (the auth escalations metric counts them): the same
     * failures as {@link #report}, the OAuth links (discovery, the token endpoint) included.
     */
    static boolean escalates(HealthSnapshot written) {
        return written.outcome().isAuthChainFailure()
                && level(written.consecutiveAuthFailures()).filter(level -> level == Level.ERROR).isPresent();
    }

    static void report(Endpoint endpoint, HealthSnapshot written) {
        if (!written.outcome().isAuthChainFailure()) {
            return;
        }
        int failures = written.consecutiveAuthFailures();
        level(failures).ifPresent(level -> LOG.atLevel(level)
                .addKeyValue("endpointId", endpoint.id().value())
                .addKeyValue("outcome", written.outcome().code())
                .addKeyValue("consecutiveAuthFailures", failures)
                .addKeyValue("secretRef", endpoint.auth().secret().map(Object::toString).orElse("none"))
                .log(message(endpoint, written.outcome(), failures, level)));
    }

    private static String message(Endpoint endpoint, OutcomeKind outcome, int failures, Level level) {
        String what = "endpoint " + endpoint.id() + " failed authentication " + failures + " time"
                + (failures == 1 ? "" : "s") + " in a row (" + outcome.code() + ")";
        if (level != Level.ERROR) {
            return what;
        }
        String secret = endpoint.auth().secret().map(ref -> "the secret " + ref).orElse(null);
        if (outcome == OutcomeKind.AUTH_DISCOVERY_FAILED) {
            return what + ": the server's OAuth metadata is missing, malformed or does not match it; check its configuration";
        }
        if (secret == null) {
            return what + ": the server wants a credential and the endpoint has none; add an auth reference";
        }
        return what + switch (outcome) {
            case AUTH_INSUFFICIENT_SCOPE ->
                    ": the credential in " + secret + " works but lacks a scope; grant the scope the server asks for";
            case AUTH_SERVER_UNREACHABLE -> ": its authorization server's token endpoint is down or erroring";
            case AUTH_SERVER_REFUSED -> ": the authorization server refused the client; check the client id and "
                    + secret + " (rotated or revoked?) and the client's grants";
            default -> ": rotate " + secret + ", or check it holds the credential this server expects";
        };
    }
}
