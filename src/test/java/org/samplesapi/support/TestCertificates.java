package org.samplesapi.support;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificate authorities and the server certificates they sign, written as PEM files, for servers under test that
 * speak TLS. A server certificate names exactly the DNS names it is given (no IP addresses), so that a client that
 * checks host names can be caught connecting to one it does not name.
 */
public final class TestCertificates {

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());
    private static final Duration VALIDITY = Duration.ofDays(1);

    /** A certificate authority; {@link #certificate()} is its certificate as a PEM file. */
    public record Authority(String name, KeyPair keys, X509Certificate cert, Path certificate) {
    }

    /** A server's certificate and private key, as PEM files (the key readable by its owner only). */
    public record ServerIdentity(Path certificate, Path privateKey) {
    }

    private TestCertificates() {
    }

    public static Authority authority(Path directory, String name) throws Exception {
        KeyPair keys = keyPair();
        X500Name subject = new X500Name("CN=" + name);
        X509v3CertificateBuilder builder = builder(subject, subject, keys)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate cert = sign(builder, keys);
        return new Authority(name, keys, cert, write(directory.resolve(name + ".crt"), cert));
    }

    public static ServerIdentity server(Path directory, Authority issuer, String dnsName) throws Exception {
        KeyPair keys = keyPair();
        X509v3CertificateBuilder builder = builder(X500Name.getInstance(
                issuer.cert().getSubjectX500Principal().getEncoded()), new X500Name("CN=" + dnsName), keys)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
        X509Certificate cert = sign(builder, issuer.keys());
        Path key = directory.resolve(dnsName + "-" + issuer.name() + ".key");
        write(key, keys.getPrivate());
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        return new ServerIdentity(write(directory.resolve(dnsName + "-" + issuer.name() + ".crt"), cert), key);
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        // RSA: the embedded PostgreSQL's OpenSSL does not load the EC keys written here.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.incrementAndGet()),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate())));
    }

    private static Path write(Path file, Object pemObject) throws IOException {
        try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(pemObject);
        }
        return file;
    }
}
