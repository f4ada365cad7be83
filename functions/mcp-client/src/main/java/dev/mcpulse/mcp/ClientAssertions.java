package dev.mcpulse.mcp;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mcpulse.domain.endpoint.SecretValue;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * RFC 7523 client assertions for {@code private_key_jwt} (RFC 7523 section 2.2, OpenID Connect Core section 9),
 * signed with Nimbus JOSE+JWT: {@code iss} = {@code sub} = the client id, {@code aud} = the authorization server's
 * issuer, a fresh {@code jti}, issued now and valid for {@link #LIFETIME}. The key is the PEM private key the
 * endpoint's secret holds (PKCS #8,
 * {@code -----BEGIN PRIVATE KEY-----}); it is parsed for each assertion and never kept.
 */
final class ClientAssertions {

    static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** Long enough for the token request under any probe deadline, short enough to be useless if captured. */
    static final Duration LIFETIME = Duration.ofSeconds(60);

    private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PEM_END = "-----END PRIVATE KEY-----";

    private final Supplier<Instant> clock;

    ClientAssertions(Supplier<Instant> clock) {
        this.clock = clock;
    }

    /** The signed assertion, or empty when the secret is no PEM private key usable with {@code alg}. */
    Optional<String> sign(String clientId, URI audience, SecretValue pem, Optional<String> alg) {
        try {
            PrivateKey key = privateKey(pem.reveal()).orElse(null);
            JWSSigner signer;
            JWSAlgorithm algorithm;
            if (key instanceof RSAPrivateKey rsa) {
                algorithm = JWSAlgorithm.parse(alg.orElse("RS256"));
                if (!JWSAlgorithm.Family.RSA.contains(algorithm)) {
                    return Optional.empty();
                }
                signer = new RSASSASigner(rsa);
            } else if (key instanceof ECPrivateKey ec) {
                algorithm = JWSAlgorithm.parse(alg.orElse(defaultFor(Curve.forECParameterSpec(ec.getParams()))));
                if (!JWSAlgorithm.Family.EC.contains(algorithm)) {
                    return Optional.empty();
                }
                signer = new ECDSASigner(ec);
            } else {
                return Optional.empty();
            }
            Instant now = clock.get();
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(clientId)
                    .subject(clientId)
                    .audience(audience.toString())
                    .jwtID(UUID.randomUUID().toString())
                    .issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(LIFETIME)))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).build(), claims);
            jwt.sign(signer);
            return Optional.of(jwt.serialize());
        } catch (JOSEException | RuntimeException e) {
            // The message could quote the key material: only the fact of failure leaves this method.
            return Optional.empty();
        }
    }

    /** A PKCS #8 PEM private key ({@code -----BEGIN PRIVATE KEY-----}), RSA or EC, read with the JDK alone. */
    static Optional<PrivateKey> privateKey(String pem) {
        int begin = pem.indexOf(PEM_BEGIN);
        int end = pem.indexOf(PEM_END);
        if (begin < 0 || end < begin) {
            return Optional.empty();
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(begin + PEM_BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        for (String type : new String[] {"RSA", "EC"}) {
            try {
                return Optional.of(KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der)));
            } catch (GeneralSecurityException e) {
                // not this type; try the next
            }
        }
        return Optional.empty();
    }

    private static String defaultFor(Curve curve) {
        if (Curve.P_384.equals(curve)) {
            return "ES384";
        }
        return Curve.P_521.equals(curve) ? "ES512" : "ES256";
    }
}
