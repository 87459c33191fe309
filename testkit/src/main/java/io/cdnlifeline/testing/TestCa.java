package io.cdnlifeline.testing;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A certificate authority made in the test (BouncyCastle, test scope only): it signs the certificates the local HTTPS
 * origins present, and its certificate is the one trust anchor the probe is given, through a trust store file named by
 * {@code javax.net.ssl.trustStore} (the standard way) or as a KeyStore.
 */
public final class TestCa {
    public static final char[] PASSWORD = "changeit".toCharArray();
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final KeyPair key;
    private final X509Certificate cert;

    private TestCa(KeyPair key, X509Certificate cert) {
        this.key = key;
        this.cert = cert;
    }

    public static TestCa create(String name) {
        try {
            KeyPair kp = keyPair();
            X500Name subject = new X500Name("CN=" + name);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(), from(), until(), subject, kp.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new TestCa(kp, sign(b, kp));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the test CA", e);
        }
    }

    /** A key store holding a key and a certificate for {@code dnsName} signed by this CA (chain: leaf, CA). */
    public KeyStore serverKeyStore(String dnsName) {
        try {
            KeyPair kp = keyPair();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()), serial(), from(), until(), new X500Name("CN=" + dnsName), kp.getPublic());
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            X509Certificate leaf = sign(b, key);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("origin", kp.getPrivate(), PASSWORD, new Certificate[] {leaf, cert});
            return ks;
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a certificate for " + dnsName, e);
        }
    }

    /** The trust store with this CA as its only anchor. */
    public KeyStore trustStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("test-ca", cert);
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@link #trustStore()} to a PKCS12 file (password {@link #PASSWORD}) for {@code javax.net.ssl.trustStore}. */
    public Path writeTrustStore(Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            trustStore().store(out, PASSWORD);
            return file;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    }

    private static BigInteger serial() { return BigInteger.valueOf(SERIAL.incrementAndGet()); }
    private static Date from() { return Date.from(Instant.now().minus(1, ChronoUnit.HOURS)); }
    private static Date until() { return Date.from(Instant.now().plus(2, ChronoUnit.DAYS)); }
}
