package dev.mcpulse.mcp;

import dev.mcpulse.domain.health.ErrorText;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeStep;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Turns what the wire showed into an outcome, by structure only: HTTP status, the challenge's {@code error}
 * parameter, JSON-RPC codes and exception types. Server text is carried along (redacted), never searched.
 */
final class Classifier {

    /** Longest piece of server text kept in an outcome; {@link ErrorText} cuts the whole line to 300 later. */
    private static final int MAX_DETAIL = 200;

    private final List<String> secrets;

    Classifier(List<String> secrets) {
        this.secrets = secrets;
    }

    /** This classifier, also scrubbing {@code secret} (an access token the probe fetched) from server text. */
    Classifier alsoScrubbing(String secret) {
        List<String> all = new java.util.ArrayList<>(secrets);
        all.add(secret);
        return new Classifier(List.copyOf(all));
    }

    /** 401, or 403 (insufficient scope or not): the outcome, whatever step or transport path was being tried. */
    Optional<ProbeOutcome> auth(Reply reply, ProbeStep step) {
        if (reply.status() != 401 && reply.status() != 403) {
            return Optional.empty();
        }
        Challenge challenge = Challenge.parse(reply.headers().wwwAuthenticate());
        if (reply.status() == 403 && challenge.insufficientScope()) {
            return Optional.of(new ProbeOutcome.AuthInsufficientScope(step, 403, challenge.scope().map(this::redact)));
        }
        return Optional.of(new ProbeOutcome.AuthRejected(step, reply.status(), challenge.scheme(), challenge.error()));
    }

    /** A reply that is not a success and not an auth failure: a JSON-RPC error body if it has one, else the status. */
    ProbeOutcome failed(Reply reply, ProbeStep step) {
        Optional<ProbeOutcome> auth = auth(reply, step);
        if (auth.isPresent()) {
            return auth.get();
        }
        if (reply.status() < 500 && reply.message().orElse(null) instanceof JsonRpcMessage.Error error) {
            return rpcError(error, step);
        }
        String detail = reply.message().orElse(null) instanceof JsonRpcMessage.Error error
                ? "JSON-RPC error " + error.code() + ": " + redact(error.message()) : "";
        return new ProbeOutcome.HttpError(step, reply.status(), detail);
    }

    ProbeOutcome rpcError(JsonRpcMessage.Error error, ProbeStep step) {
        return new ProbeOutcome.RpcError(step, error.code(), redact(error.message()));
    }

    ProbeOutcome protocol(ProbeStep step, Optional<Integer> status, String detail) {
        return new ProbeOutcome.ProtocolError(step, status, redact(detail));
    }

    /** A failure of the HTTP exchange itself, by exception type. */
    ProbeOutcome transport(Throwable failure, ProbeStep step, Duration deadline) {
        if (failure instanceof ProbeFailure probeFailure) {
            return probeFailure.outcome();
        }
        if (has(failure, TimeoutException.class)) {
            return new ProbeOutcome.Timeout(step, deadline);
        }
        Optional<AddressRefusedException> refused = find(failure, AddressRefusedException.class);
        if (refused.isPresent()) {
            return new ProbeOutcome.Unreachable(step, "address refused: " + refused.get().getMessage());
        }
        if (has(failure, UnknownHostException.class)) {
            return new ProbeOutcome.Unreachable(step, "the host name does not resolve");
        }
        if (has(failure, ConnectException.class) || has(failure, NoRouteToHostException.class)) {
            return new ProbeOutcome.Unreachable(step, "the connection was refused or could not be made");
        }
        if (has(failure, SSLException.class)) {
            return new ProbeOutcome.Unreachable(step, tlsFailure(failure));
        }
        if (has(failure, DecoderException.class)) {
            return new ProbeOutcome.ProtocolError(step, Optional.empty(), "the response is not valid HTTP");
        }
        if (has(failure, IOException.class)) { // a ClosedChannelException too
            return new ProbeOutcome.Unreachable(step, "the connection was closed before a complete response");
        }
        return new ProbeOutcome.ProtocolError(step, Optional.empty(),
                "the response could not be processed (" + failure.getClass().getSimpleName() + ")");
    }

    /** What was wrong with the server's certificate, by the type the JDK's certificate checks threw. */
    private static String tlsFailure(Throwable failure) {
        Optional<CertPathValidatorException.Reason> reason = find(failure, CertPathValidatorException.class)
                .map(CertPathValidatorException::getReason);
        if (has(failure, CertificateExpiredException.class) || reason.equals(Optional.of(BasicReason.EXPIRED))) {
            return "TLS: the server's certificate has expired";
        }
        if (has(failure, CertificateNotYetValidException.class) || reason.equals(Optional.of(BasicReason.NOT_YET_VALID))) {
            return "TLS: the server's certificate is not valid yet";
        }
        if (has(failure, CertPathBuilderException.class)) {
            return "TLS: the server's certificate is not trusted (no chain to a trusted root, e.g. self-signed)";
        }
        if (has(failure, CertificateException.class)) {
            return "TLS: the server's certificate was refused (e.g. it does not name this host)";
        }
        return "TLS: the handshake failed";
    }

    String redact(String text) {
        String clean = ErrorText.redact(text == null ? "" : text, secrets);
        return clean.length() <= MAX_DETAIL ? clean : clean.substring(0, MAX_DETAIL - 1) + "…";
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        return find(failure, type).isPresent();
    }

    private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
