package dev.exposure.connector.testkit;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import dev.exposure.connector.sim.SimTls;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * The self-signed TLS identity the simulators of {@code connector-sim} serve ({@link SimTls}: a
 * certificate for {@code localhost}/{@code 127.0.0.1}/{@code ::1}, valid for 100 years), used by
 * the testkit's HTTPS WireMock too, and clients that trust it and nothing else.
 *
 * <p>Tests serve HTTPS with {@link #keystorePath()} and talk to it through
 * {@link #trustingHttpClient()}, so the real {@code ClientSecretCredential} and pipelines run
 * unchanged against a loopback server. No JVM-wide trust settings are touched. The stores and the
 * SSL context are {@link SimTls}'s; this class adds the azure-core and JDK clients over them.
 *
 * @since 0.1
 */
public final class TestTls {
    /** The password of both stores. */
    public static final String PASSWORD = SimTls.PASSWORD;
    /** The type of both stores. */
    public static final String STORE_TYPE = SimTls.STORE_TYPE;

    private TestTls() { }

    /**
     * The keystore as a file (servers such as WireMock and Jetty need a path), copied once per JVM
     * to a temporary file that is deleted on exit.
     *
     * @return the PKCS12 keystore path
     * @see SimTls#keystorePath()
     */
    public static Path keystorePath() {
        return SimTls.keystorePath();
    }

    /**
     * The truststore as a file, for {@code -Djavax.net.ssl.trustStore} in a child JVM.
     *
     * @return the PKCS12 truststore path
     * @see SimTls#truststorePath()
     */
    public static Path truststorePath() {
        return SimTls.truststorePath();
    }

    /**
     * @return an SSL context that trusts only the testkit certificate
     * @see SimTls#sslContext()
     */
    public static SSLContext sslContext() {
        return SimTls.sslContext();
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
}
