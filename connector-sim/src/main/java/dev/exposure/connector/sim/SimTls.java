package dev.exposure.connector.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * The self-signed TLS identity the simulators serve: a certificate for {@code localhost},
 * {@code 127.0.0.1} and {@code ::1}, valid for 100 years, committed in this module's resources
 * ({@code dev/exposure/connector/sim/tls/}). It is a test identity: its private key is public.
 *
 * <p>A client talks to a simulated tenant by trusting this certificate and nothing else:
 * {@link #sslContext()} for a JDK {@code HttpClient} or for the connectors (lend it as
 * {@code javax.net.ssl.SSLContext} in the {@code ConnectorContext}), {@link #truststorePath()} for
 * {@code -Djavax.net.ssl.trustStore} in a child JVM. Other loopback servers (WireMock, Jetty) can
 * serve the same identity from {@link #keystorePath()}. No JVM-wide trust setting is touched.
 *
 * @since 0.1
 */
public final class SimTls {
    /** The password of both stores. */
    public static final String PASSWORD = "changeit";
    /** The type of both stores. */
    public static final String STORE_TYPE = "PKCS12";

    private static final String BASE = "/dev/exposure/connector/sim/tls/";
    private static final String KEYSTORE = "localhost-keystore.p12";
    private static final String TRUSTSTORE = "localhost-truststore.p12";
    private static volatile @Nullable Path keystore;
    private static volatile @Nullable Path truststore;
    private static volatile @Nullable SSLContext clientContext;
    private static volatile @Nullable SSLContext serverContext;

    private SimTls() { }

    /**
     * The keystore (certificate and private key) as a file, for servers that need a path, copied
     * once per JVM to a temporary file that is deleted on exit.
     *
     * @return the PKCS12 keystore path
     */
    public static Path keystorePath() {
        Path p = keystore;
        if (p == null) {
            synchronized (SimTls.class) {
                p = keystore;
                if (p == null) {
                    p = copy(KEYSTORE);
                    keystore = p;
                }
            }
        }
        return p;
    }

    /**
     * The truststore (the certificate only) as a file, for {@code -Djavax.net.ssl.trustStore} in a
     * child JVM; copied once per JVM to a temporary file that is deleted on exit.
     *
     * @return the PKCS12 truststore path
     */
    public static Path truststorePath() {
        Path p = truststore;
        if (p == null) {
            synchronized (SimTls.class) {
                p = truststore;
                if (p == null) {
                    p = copy(TRUSTSTORE);
                    truststore = p;
                }
            }
        }
        return p;
    }

    /**
     * A client SSL context that trusts only this certificate. The same instance on every call.
     *
     * @return the SSL context
     */
    public static SSLContext sslContext() {
        SSLContext c = clientContext;
        if (c == null) {
            synchronized (SimTls.class) {
                c = clientContext;
                if (c == null) {
                    c = loadClient();
                    clientContext = c;
                }
            }
        }
        return c;
    }

    /** @return the server side: an SSL context presenting this certificate (the simulators' servers) */
    static SSLContext serverSslContext() {
        SSLContext c = serverContext;
        if (c == null) {
            synchronized (SimTls.class) {
                c = serverContext;
                if (c == null) {
                    c = loadServer();
                    serverContext = c;
                }
            }
        }
        return c;
    }

    private static SSLContext loadClient() {
        try (InputStream in = open(TRUSTSTORE)) {
            KeyStore ks = KeyStore.getInstance(STORE_TYPE);
            ks.load(in, PASSWORD.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the simulators' truststore", e);
        }
    }

    private static SSLContext loadServer() {
        try (InputStream in = open(KEYSTORE)) {
            KeyStore ks = KeyStore.getInstance(STORE_TYPE);
            ks.load(in, PASSWORD.toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PASSWORD.toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the simulators' keystore", e);
        }
    }

    private static Path copy(String name) {
        try (InputStream in = open(name)) {
            Path tmp = Files.createTempFile("connector-sim-", "-" + name);
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            tmp.toFile().deleteOnExit();
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the simulators' " + name, e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = SimTls.class.getResourceAsStream(BASE + name);
        if (in == null) {
            throw new IllegalStateException("connector-sim resource " + BASE + name + " is missing");
        }
        return in;
    }
}
