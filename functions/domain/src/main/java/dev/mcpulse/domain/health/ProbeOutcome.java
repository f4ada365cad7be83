package dev.mcpulse.domain.health;

import java.time.Duration;
import java.util.Optional;

/**
 * How one probe ended: one case per row of DESIGN section 3. A failed probe is a value, never an exception.
 * Messages carried here come from servers and must already be redacted by whoever builds the outcome.
 */
public sealed interface ProbeOutcome {

    OutcomeKind kind();

    /** The step that was running when the probe failed; empty for {@link Ok}. */
    Optional<ProbeStep> step();

    /** The HTTP status the classification rests on, when there was one. */
    Optional<Integer> httpStatus();

    /** A one-line, human-readable account of what went wrong (empty for {@link Ok}). */
    String describe();

    record Ok() implements ProbeOutcome {
        public OutcomeKind kind() { return OutcomeKind.OK; }
        public Optional<ProbeStep> step() { return Optional.empty(); }
        public Optional<Integer> httpStatus() { return Optional.empty(); }
        public String describe() { return ""; }
    }

    /** The endpoint needs a secret that is missing, empty or unreadable; the probe did not dial. */
    record AuthMissing(String reason) implements ProbeOutcome {
        public OutcomeKind kind() { return OutcomeKind.AUTH_MISSING; }
        public Optional<ProbeStep> step() { return Optional.of(ProbeStep.RESOLVE_SECRET); }
        public Optional<Integer> httpStatus() { return Optional.empty(); }
        public String describe() { return "secret not available: " + reason; }
    }

    /** 401, or 403 without insufficient_scope. Keeps the challenge's scheme and error code, never a token. */
    record AuthRejected(ProbeStep failedStep, int status, Optional<String> challengeScheme,
                        Optional<String> challengeError) implements ProbeOutcome {
        public OutcomeKind kind() { return OutcomeKind.AUTH_REJECTED; }
        public Optional<ProbeStep> step() { return Optional.of(failedStep); }
        public Optional<Integer> httpStatus() { return Optional.of(status); }
        public String describe() {
            return "HTTP " + status + " during " + failedStep.code()
                    + challengeScheme.map(s -> " (WWW-Authenticate: " + s + challengeError.map(e -> " error=" + e).orElse("") + ")").orElse("");
        }
    }

    /** 403 with {@code error="insufficient_scope"}: the credential works but lacks a scope. */
    record AuthInsufficientScope(ProbeStep failedStep, int status, Optional<String> requiredScope)
            implements ProbeOutcome {
        public OutcomeKind kind() { return OutcomeKind.AUTH_INSUFFICIENT_SCOPE; }
        public Optional<ProbeStep> step() { return Optional.of(failedStep); }
        public Optional<Integer> httpStatus() { return Optional.of(status); }
        public String describe() {
            return "HTTP " + status + " insufficient_scope during " + failedStep.code()
                    + requiredScope.map(s -> " (needs scope " + s + ")").orElse("");
        }
    }

    /**
     * The authorization server answered the token request with an OAuth error (RFC 6749 section 5.2):
     * {@code invalid_client} (a rotated-away secret, a revoked client), {@code unauthorized_client},
     * {@code invalid_scope}… The error code is kept; its description is server text, redacted.
     */
    record AuthServerRefused(int status, String oauthError, String detail) implements ProbeOutcome {
        public OutcomeKind kind() { return OutcomeKind.AUTH_SERVER_REFUSED; }
        public Optional<ProbeStep> step() { return Optional.of(ProbeStep.TOKEN); }
        public Optional<Integer> httpStatus() { return Optional.of(status); }
        public String describe() {
            return "the authorization server refused the client: HTTP " + status + " " + oauthError + suffix(detail);
        }
    }

    /**
     * OAuth discovery broke: the challenge, protected resource metadata or authorization server metadata is missing,
     * malformed, unreachable or refused (a {@code resource} that does not match the server, a forbidden address).
     *
     * @param link which document: {@code challenge}, {@code protected_resource_metadata} or {@code authorization_server_metadata}
     */
    record AuthDiscoveryFailed(String link, Optional<Integer> status, String detail) implements ProbeOutcome {
        public OutcomeKind kind() { return OutcomeKind.AUTH_DISCOVERY_FAILED; }
        public Optional<ProbeStep> step() { return Optional.of(ProbeStep.AUTH_DISCOVERY); }
        public Optional<Integer> httpStatus() { return status; }
        public String describe() {
            return "OAuth discovery failed at " + link + status.map(s -> " (HTTP " + s + ")").orElse("") + suffix(detail);
        }
    }

    /** The token endpoint could not be reached, or answered with something other than a token or an OAuth error. */
    record AuthServerUnreachable(Optional<Integer> status, String detail) implements ProbeOutcome {
        public OutcomeKind kind() { return OutcomeKind.AUTH_SERVER_UNREACHABLE; }
        public Optional<ProbeStep> step() { return Optional.of(ProbeStep.TOKEN); }
        public Optional<Integer> httpStatus() { return status; }
        public String describe() {
            return "the token endpoint failed" + status.map(s -> " (HTTP " + s + ")").orElse("") + suffix(detail);
        }
    }

    record Timeout(ProbeStep failedStep, Duration deadline) implements ProbeOutcome {
        public OutcomeKind kind() { return OutcomeKind.TIMEOUT; }
        public Optional<ProbeStep> step() { return Optional.of(failedStep); }
        public Optional<Integer> httpStatus() { return Optional.empty(); }
        public String describe() { return "no answer within " + deadline.toMillis() + " ms during " + failedStep.code(); }
    }

    /** DNS failure, connection refused or reset, TLS failure. */
    record Unreachable(ProbeStep failedStep, String cause) implements ProbeOutcome {
        public OutcomeKind kind() { return OutcomeKind.UNREACHABLE; }
        public Optional<ProbeStep> step() { return Optional.of(failedStep); }
        public Optional<Integer> httpStatus() { return Optional.empty(); }
        public String describe() { return "unreachable during " + failedStep.code() + ": " + cause; }
    }

    record HttpError(ProbeStep failedStep, int status, String detail) implements ProbeOutcome {
        public OutcomeKind kind() { return OutcomeKind.HTTP_ERROR; }
        public Optional<ProbeStep> step() { return Optional.of(failedStep); }
        public Optional<Integer> httpStatus() { return Optional.of(status); }
        public String describe() { return "HTTP " + status + " during " + failedStep.code() + suffix(detail); }
    }

    /** Not JSON-RPC, wrong id, broken SSE, no compatible protocol version, oversized body. */
    record ProtocolError(ProbeStep failedStep, Optional<Integer> status, String detail) implements ProbeOutcome {
        public OutcomeKind kind() { return OutcomeKind.PROTOCOL_ERROR; }
        public Optional<ProbeStep> step() { return Optional.of(failedStep); }
        public Optional<Integer> httpStatus() { return status; }
        public String describe() { return "protocol error during " + failedStep.code() + suffix(detail); }
    }

    /** A JSON-RPC error answering discovery, initialize or tools/list. */
    record RpcError(ProbeStep failedStep, int code, String message) implements ProbeOutcome {
        public OutcomeKind kind() { return OutcomeKind.RPC_ERROR; }
        public Optional<ProbeStep> step() { return Optional.of(failedStep); }
        public Optional<Integer> httpStatus() { return Optional.empty(); }
        public String describe() { return "JSON-RPC error " + code + " during " + failedStep.code() + suffix(message); }
    }

    /** The readiness tool call failed: a JSON-RPC error (with its code) or a result with isError. */
    record ToolError(String tool, Optional<Integer> rpcCode, String message) implements ProbeOutcome {
        public OutcomeKind kind() { return OutcomeKind.TOOL_ERROR; }
        public Optional<ProbeStep> step() { return Optional.of(ProbeStep.TOOL_CALL); }
        public Optional<Integer> httpStatus() { return Optional.empty(); }
        public String describe() {
            return "tool " + tool + " failed" + rpcCode.map(c -> " (JSON-RPC error " + c + ")").orElse(" (isError)")
                    + suffix(message);
        }
    }

    private static String suffix(String detail) {
        return detail == null || detail.isBlank() ? "" : ": " + detail;
    }
}
