package dev.mcpulse.mcp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Real X.509 certificates for loopback TLS servers: a test CA, and for one server key a self-signed certificate, a
 * CA-signed one that expired weeks ago and a CA-signed valid one. Every server certificate names 127.0.0.1, so
 * hostname verification passes and only the property under test can fail the handshake. They are built here, in
 * DER, and signed with the JDK's ECDSA, rather than by a keytool process per certificate: five JVM starts cost tens
 * of seconds on a busy machine. The JDK parses and verifies them like any other certificate.
 */
final class TestCertificates {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final byte[] LOOPBACK = {127, 0, 0, 1};
    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    /** What a server presents. */
    enum Identity { SELF_SIGNED, EXPIRED, VALID }

    private final KeyPair caKeys;
    private final X509Certificate ca;
    private final KeyPair serverKeys;
    private final X509Certificate selfSigned;
    private final X509Certificate expired;
    private final X509Certificate valid;

    private TestCertificates() throws GeneralSecurityException {
        Instant now = Instant.now();
        caKeys = ecKeys();
        ca = sign("mcpulse test CA", caKeys, "mcpulse test CA", caKeys.getPrivate(), now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(2)), true);
        serverKeys = ecKeys();
        selfSigned = sign("127.0.0.1", serverKeys, "127.0.0.1", serverKeys.getPrivate(), now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(2)), false);
        // Valid for one day, thirty days ago.
        expired = sign("127.0.0.1", serverKeys, "mcpulse test CA", caKeys.getPrivate(), now.minus(Duration.ofDays(30)),
                now.minus(Duration.ofDays(29)), false);
        valid = sign("127.0.0.1", serverKeys, "mcpulse test CA", caKeys.getPrivate(), now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(2)), false);
    }

    static TestCertificates generate() throws GeneralSecurityException {
        return new TestCertificates();
    }

    /** A server-side TLS context presenting the given identity. */
    SSLContext server(Identity identity) throws IOException, GeneralSecurityException {
        Certificate[] chain = switch (identity) {
            case SELF_SIGNED -> new Certificate[] {selfSigned};
            case EXPIRED -> new Certificate[] {expired, ca};
            case VALID -> new Certificate[] {valid, ca};
        };
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", serverKeys.getPrivate(), PASSWORD, chain);
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    /** Writes a PKCS12 trust store holding only the test CA into {@code dir} (password {@link #trustStorePassword()}). */
    Path trustStore(Path dir) throws IOException, GeneralSecurityException {
        Path path = dir.resolve("test-ca.p12");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        try (var out = Files.newOutputStream(path)) {
            trust.store(out, PASSWORD);
        }
        return path;
    }

    String trustStorePassword() {
        return new String(PASSWORD);
    }

    private static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** An X.509 v3 certificate for {@code subjectKeys}, signed by {@code issuerKey} (SHA256withECDSA). */
    private static X509Certificate sign(String subject, KeyPair subjectKeys, String issuer, PrivateKey issuerKey,
                                        Instant notBefore, Instant notAfter, boolean isCa) throws GeneralSecurityException {
        byte[] algorithm = Der.sequence(Der.oid(1, 2, 840, 10045, 4, 3, 2)); // ecdsa-with-SHA256
        byte[] extension = isCa
                // basicConstraints, critical: cA TRUE
                ? Der.sequence(Der.oid(2, 5, 29, 19), Der.tlv(0x01, new byte[] {(byte) 0xFF}),
                        Der.tlv(0x04, Der.sequence(Der.tlv(0x01, new byte[] {(byte) 0xFF}))))
                // subjectAltName: iPAddress 127.0.0.1
                : Der.sequence(Der.oid(2, 5, 29, 17), Der.tlv(0x04, Der.sequence(Der.tlv(0x87, LOOPBACK))));
        byte[] tbs = Der.sequence(
                Der.tlv(0xA0, Der.integer(2)), // version 3
                Der.integer(SERIALS.incrementAndGet()),
                algorithm,
                Der.name(issuer),
                Der.sequence(Der.time(notBefore), Der.time(notAfter)),
                Der.name(subject),
                subjectKeys.getPublic().getEncoded(), // already a DER SubjectPublicKeyInfo
                Der.tlv(0xA3, Der.sequence(extension)));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(issuerKey);
        signer.update(tbs);
        byte[] signature = signer.sign();
        byte[] bitString = new byte[signature.length + 1]; // leading byte: no unused bits
        System.arraycopy(signature, 0, bitString, 1, signature.length);
        byte[] certificate = Der.sequence(tbs, algorithm, Der.tlv(0x03, bitString));
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(certificate));
    }

    /** Just enough DER to write a certificate. */
    private static final class Der {

        private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

        static byte[] tlv(int tag, byte[] value) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(tag);
            if (value.length < 0x80) {
                out.write(value.length);
            } else {
                byte[] length = java.math.BigInteger.valueOf(value.length).toByteArray();
                int skip = length[0] == 0 ? 1 : 0;
                out.write(0x80 | (length.length - skip));
                out.write(length, skip, length.length - skip);
            }
            out.writeBytes(value);
            return out.toByteArray();
        }

        static byte[] sequence(byte[]... parts) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] part : parts) {
                out.writeBytes(part);
            }
            return tlv(0x30, out.toByteArray());
        }

        static byte[] integer(long value) {
            return tlv(0x02, java.math.BigInteger.valueOf(value).toByteArray());
        }

        static byte[] oid(int... arcs) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(40 * arcs[0] + arcs[1]);
            for (int i = 2; i < arcs.length; i++) {
                int arc = arcs[i];
                int groups = 1;
                while (arc >>> (7 * groups) != 0) {
                    groups++;
                }
                for (int g = groups - 1; g >= 0; g--) {
                    out.write(((arc >>> (7 * g)) & 0x7F) | (g > 0 ? 0x80 : 0));
                }
            }
            return tlv(0x06, out.toByteArray());
        }

        /** A distinguished name with one common name. */
        static byte[] name(String commonName) {
            byte[] attribute = sequence(oid(2, 5, 4, 3), tlv(0x0C, commonName.getBytes(StandardCharsets.UTF_8)));
            return sequence(tlv(0x31, attribute));
        }

        static byte[] time(Instant instant) {
            return tlv(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
        }
    }
}
