package dev.exposure.connector.testkit;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A JUnit 5 extension that runs an embedded WireMock server on HTTPS only, on a dynamic port bound
 * to the loopback address, serving the testkit's committed {@code localhost} certificate
 * ({@link TestTls#keystorePath()}). Plain HTTP is disabled, because the Azure SDK refuses to send
 * tokens over it. A request no stub matches fails the test by default.
 *
 * <p>Register it in a test class and point the code under test at {@link #baseUrl()}; talk to it
 * through {@link TestTls#trustingHttpClient()}:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final HttpsWireMockExtension wm = HttpsWireMockExtension.create();
 *
 * @Test
 * void shouldFetchToken() {
 *     EntraTokenStub.forTenant(TENANT).accessToken("t-1").register(wm);
 *     TokenCredential credential = MockEntraCredentials.clientSecret(wm.baseUrl(), TENANT, CLIENT, SECRET);
 *     ...
 * }
 * }</pre>
 *
 * <p>Registered as a {@code static} field, one server serves the whole class and its stubs and
 * request journal are reset before each test; as an instance field, each test gets its own server.
 * All stubbing and verification methods of {@link WireMockExtension} ({@code stubFor},
 * {@code verify}, {@code findAll}) are available on it, and test methods may take a
 * {@code WireMockRuntimeInfo} parameter.
 *
 * @since 0.1
 */
public final class HttpsWireMockExtension extends WireMockExtension {
    private static final String LOOPBACK = "127.0.0.1";

    private HttpsWireMockExtension(WireMockExtension.Builder builder) {
        super(builder);
    }

    /**
     * An extension with the defaults: HTTPS only, dynamic loopback port, fail on unmatched
     * requests, reset before each test, no files.
     *
     * @return a new extension
     */
    public static HttpsWireMockExtension create() {
        return builder().build();
    }

    /** @return a builder for an extension with non-default settings */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The HTTPS base URL, without a trailing slash.
     *
     * @return e.g. {@code https://localhost:53117}
     * @throws IllegalStateException if the server is not running (outside a test)
     */
    @Override
    public String baseUrl() {
        return "https://localhost:" + getHttpsPort();
    }

    /**
     * An absolute URL on this server.
     *
     * @param path a path, with or without a leading slash, e.g. {@code /api/machines}
     * @return e.g. {@code https://localhost:53117/api/machines}
     */
    @Override
    public String url(String path) {
        Objects.requireNonNull(path, "path must not be null");
        return baseUrl() + (path.startsWith("/") ? path : "/" + path);
    }

    /**
     * Builds an {@link HttpsWireMockExtension}. Not thread-safe; use it once.
     *
     * @since 0.1
     */
    public static final class Builder {
        private boolean failOnUnmatchedRequests = true;
        private boolean resetOnEachTest = true;
        private @Nullable String filesUnderClasspath;
        private @Nullable String filesUnderDirectory;
        private Consumer<WireMockConfiguration> customizer = c -> { };

        private Builder() { }

        /**
         * Loads {@code mappings/*.json} and serves {@code __files/*} from a class-path folder,
         * e.g. {@code wiremock} for {@code src/test/resources/wiremock/}.
         *
         * @param root the class-path folder
         * @return this builder
         */
        public Builder filesUnderClasspath(String root) {
            this.filesUnderClasspath = Objects.requireNonNull(root, "root must not be null");
            this.filesUnderDirectory = null;
            return this;
        }

        /**
         * Loads {@code mappings/*.json} and serves {@code __files/*} from a directory.
         *
         * @param directory the directory
         * @return this builder
         */
        public Builder filesUnderDirectory(String directory) {
            this.filesUnderDirectory = Objects.requireNonNull(directory, "directory must not be null");
            this.filesUnderClasspath = null;
            return this;
        }

        /**
         * Whether a request no stub matched fails the test after it ran; on by default.
         *
         * @param fail false to allow unmatched requests (they still get a 404)
         * @return this builder
         */
        public Builder failOnUnmatchedRequests(boolean fail) {
            this.failOnUnmatchedRequests = fail;
            return this;
        }

        /**
         * Whether stubs and the request journal are reset before each test; on by default.
         *
         * @param reset false to keep stubs registered in a {@code @BeforeAll}
         * @return this builder
         */
        public Builder resetOnEachTest(boolean reset) {
            this.resetOnEachTest = reset;
            return this;
        }

        /**
         * Adjusts further WireMock options (extensions, templating, notifier). Applied after the
         * testkit's settings; do not re-enable plain HTTP or replace the keystore.
         *
         * @param customizer changes the configuration in place
         * @return this builder
         */
        public Builder configure(Consumer<WireMockConfiguration> customizer) {
            this.customizer = Objects.requireNonNull(customizer, "customizer must not be null");
            return this;
        }

        /** @return the extension */
        public HttpsWireMockExtension build() {
            WireMockConfiguration config = wireMockConfig()
                    .httpDisabled(true)
                    .dynamicHttpsPort()
                    .bindAddress(LOOPBACK)
                    .keystorePath(TestTls.keystorePath().toString())
                    .keystoreType(TestTls.STORE_TYPE)
                    .keystorePassword(TestTls.PASSWORD)
                    .keyManagerPassword(TestTls.PASSWORD);
            if (filesUnderClasspath != null) {
                config.usingFilesUnderClasspath(filesUnderClasspath);
            } else if (filesUnderDirectory != null) {
                config.usingFilesUnderDirectory(filesUnderDirectory);
            }
            customizer.accept(config);
            return new HttpsWireMockExtension(WireMockExtension.newInstance()
                    .options(config)
                    .failOnUnmatchedRequests(failOnUnmatchedRequests)
                    .resetOnEachTest(resetOnEachTest));
        }
    }
}
