package dev.exposure.connector.testkit;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The testkit's self-signed TLS identity for {@code localhost}/{@code 127.0.0.1}/{@code ::1}
 * (valid for 100 years), and clients that trust it and nothing else.
 *
 * <p>Tests serve HTTPS with {@link #keystorePath()} and talk to it through
 * {@link #trustingHttpClient()}, so the real {@code ClientSecretCredential} and pipelines run
 * unchanged against a loopback server. No JVM-wide trust settings are touched.
 *
 * @since 0.1
 */
public final class TestTls {
    /** The password of both stores. */
    public static final String PASSWORD = "changeit";
    /** The type of both stores. */
    public static final String STORE_TYPE = "PKCS12";

    private static final String BASE = "/dev/exposure/connector/testkit/tls/";
    private static volatile Path keystore;
    private static volatile Path truststore;
    private static volatile SSLContext sslContext;

    private TestTls() { }

    /**
     * The keystore as a file (servers such as WireMock and Jetty need a path), copied once per JVM
     * to a temporary file that is deleted on exit.
     *
     * @return the PKCS12 keystore path
     */
    public static Path keystorePath() {
        Path p = keystore;
        if (p == null) {
            synchronized (TestTls.class) {
                if (keystore == null) {
                    keystore = copy("localhost-keystore.p12");
                }
                p = keystore;
            }
        }
        return p;
    }

    /**
     * The truststore as a file, for {@code -Djavax.net.ssl.trustStore} in a child JVM.
     *
     * @return the PKCS12 truststore path
     */
    public static Path truststorePath() {
        Path p = truststore;
        if (p == null) {
            synchronized (TestTls.class) {
                if (truststore == null) {
                    truststore = copy("localhost-truststore.p12");
                }
                p = truststore;
            }
        }
        return p;
    }

    /** @return an SSL context that trusts only the testkit certificate */
    public static SSLContext sslContext() {
        SSLContext c = sslContext;
        if (c == null) {
            synchronized (TestTls.class) {
                if (sslContext == null) {
                    sslContext = load();
                }
                c = sslContext;
            }
        }
        return c;
    }

    /**
     * An azure-core HTTP client (the JDK one) that trusts only the testkit certificate. Its
     * per-read timeout is off (azure-core's default halves streaming throughput); connect timeout
     * 5 s.
     *
     * @return a new client
     */
    public static HttpClient trustingHttpClient() {
        return new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(sslContext()))
                .connectionTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ZERO)
                .build();
    }

    /** @return a plain JDK HTTP client that trusts only the testkit certificate */
    public static java.net.http.HttpClient trustingJdkClient() {
        return java.net.http.HttpClient.newBuilder().sslContext(sslContext())
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static SSLContext load() {
        try (InputStream in = open("localhost-truststore.p12")) {
            KeyStore ks = KeyStore.getInstance(STORE_TYPE);
            ks.load(in, PASSWORD.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the testkit truststore", e);
        }
    }

    private static Path copy(String name) {
        try (InputStream in = open(name)) {
            Path tmp = Files.createTempFile("connector-testkit-", "-" + name);
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            tmp.toFile().deleteOnExit();
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the testkit " + name, e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = TestTls.class.getResourceAsStream(BASE + name);
        if (in == null) {
            throw new IllegalStateException("testkit resource " + BASE + name + " is missing");
        }
        return in;
    }
}
