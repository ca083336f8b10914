package dev.exposure.connector.testkit;

import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Real azure-identity {@link ClientSecretCredential}s pointed at a mock Entra ID, such as an
 * {@link HttpsWireMockExtension} with an {@link EntraTokenStub}: the authority host is the mock's
 * base URL, instance discovery is off (otherwise MSAL asks the real {@code login.microsoftonline.com}
 * first), the HTTP client trusts the testkit certificate ({@link TestTls#trustingHttpClient()}),
 * and failed token requests are not retried, so failure tests take milliseconds.
 *
 * <pre>{@code
 * EntraTokenStub.forTenant(TENANT).accessToken("token-1").register(wm);
 * TokenCredential credential = MockEntraCredentials.clientSecret(wm.baseUrl(), TENANT, CLIENT, SECRET);
 * ConnectorContext context = ConnectorContext.builder().with(TokenCredential.class, credential).build();
 * }</pre>
 *
 * <p>Needs {@code com.azure:azure-identity} on the test class path: the testkit declares it
 * {@code <optional>true</optional>}, so add it to your own test dependencies.
 *
 * @since 0.1
 */
public final class MockEntraCredentials {

    private MockEntraCredentials() { }

    /**
     * A credential builder with the mock settings applied; set tenant, client and secret (or
     * change anything else) before {@code build()}.
     *
     * @param authorityHost the mock's base URL, e.g. {@code https://localhost:53117}; must be HTTPS
     * @return the builder
     * @throws IllegalArgumentException if the URL is not an absolute HTTPS URL
     */
    public static ClientSecretCredentialBuilder builder(String authorityHost) {
        Objects.requireNonNull(authorityHost, "authorityHost must not be null");
        URI uri = URI.create(authorityHost);
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("authorityHost must be an absolute https URL such as the mock's"
                    + " baseUrl(), was '" + authorityHost + "'");
        }
        return new ClientSecretCredentialBuilder()
                .authorityHost(authorityHost)
                .disableInstanceDiscovery()
                .httpClient(TestTls.trustingHttpClient())
                .retryOptions(noRetries());
    }

    /**
     * A ready credential against the mock.
     *
     * @param authorityHost the mock's base URL; must be HTTPS
     * @param tenantId the tenant in the token path
     * @param clientId the client id
     * @param clientSecret the client secret
     * @return the credential
     */
    public static ClientSecretCredential clientSecret(String authorityHost, String tenantId, String clientId,
                                                      String clientSecret) {
        return builder(authorityHost).tenantId(tenantId).clientId(clientId).clientSecret(clientSecret).build();
    }

    /** @return azure-core retry options that never retry and never wait */
    public static RetryOptions noRetries() {
        return new RetryOptions(new FixedDelayOptions(0, Duration.ZERO));
    }
}
