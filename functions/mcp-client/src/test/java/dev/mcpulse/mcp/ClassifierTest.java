package dev.mcpulse.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeStep;
import io.netty.handler.codec.DecoderException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** TLS failures are told apart by the exception types the JDK's certificate checks throw, as they arrive from Netty. */
class ClassifierTest {

    private final Classifier classifier = new Classifier(List.of());

    private String tlsReason(Throwable certificateProblem) {
        SSLHandshakeException handshake = new SSLHandshakeException("handshake failed");
        if (certificateProblem != null) {
            handshake.initCause(certificateProblem);
        }
        ProbeOutcome outcome = classifier.transport(new DecoderException(handshake), ProbeStep.DISCOVER, Duration.ofSeconds(5));
        return ((ProbeOutcome.Unreachable) outcome).cause();
    }

    @Test
    void anExpiredCertificateIsNamed() {
        assertThat(tlsReason(new CertificateException(new CertPathValidatorException("validity check failed",
                new CertificateExpiredException("NotAfter: ..."), null, -1, CertPathValidatorException.BasicReason.EXPIRED))))
                .isEqualTo("TLS: the server's certificate has expired");
        assertThat(tlsReason(new CertPathValidatorException("validity check failed", null, null, -1,
                CertPathValidatorException.BasicReason.EXPIRED)))
                .isEqualTo("TLS: the server's certificate has expired");
    }

    @Test
    void aCertificateNotValidYetIsNamed() {
        assertThat(tlsReason(new CertificateException(new CertificateNotYetValidException("NotBefore: ..."))))
                .isEqualTo("TLS: the server's certificate is not valid yet");
    }

    @Test
    void anUntrustedCertificateIsNamed() {
        assertThat(tlsReason(new CertificateException(new CertPathBuilderException("unable to find valid certification path"))))
                .isEqualTo("TLS: the server's certificate is not trusted (no chain to a trusted root, e.g. self-signed)");
    }

    @Test
    void anotherCertificateRefusalAndAPlainHandshakeFailureAreTheirOwnReasons() {
        assertThat(tlsReason(new CertificateException("No subject alternative names matching IP address 10.0.0.1 found")))
                .isEqualTo("TLS: the server's certificate was refused (e.g. it does not name this host)");
        assertThat(tlsReason(null)).isEqualTo("TLS: the handshake failed");
    }
}
