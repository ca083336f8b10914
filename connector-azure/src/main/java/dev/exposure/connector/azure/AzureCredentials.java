package dev.exposure.connector.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.identity.ClientSecretCredentialBuilder;
import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.Secret;
import dev.exposure.connector.azure.http.AzureHttp;
import dev.exposure.connector.azure.http.Pacer;
import dev.exposure.connector.azure.http.RetryRules;
import dev.exposure.connector.azure.http.Timing;
import dev.exposure.connector.azure.http.Waits;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The credential of a Microsoft connector, for connector implementers: the host's lent
 * {@link TokenCredential}, or a client-secret credential (azure-identity) whose token requests go
 * through a pipeline of {@link AzureHttp}: the connection's HTTP client (so its proxy and TLS
 * settings), the user agent and the same one retry loop (no azure-core {@code RetryPolicy}), with
 * every wait through the connection's {@link Waits}. Token requests run on the identity library's
 * own threads (running them on the caller's thread let an interrupt during a token request be lost,
 * so a sync could block on the next page), so their attempts are not reported per request.
 *
 * @param credential where tokens come from
 * @param loginHost the login host the client-secret credential asks, or null for a lent credential
 * @param lent whether the host lent the credential (guidance then says nothing of a client secret)
 */
public record AzureCredentials(TokenCredential credential, @Nullable String loginHost, boolean lent) {

    /**
     * @param context what the host lends (a {@link TokenCredential} wins)
     * @param authorityHost the login authority, e.g. {@code https://login.microsoftonline.com/}
     * @param microsoftAuthority false for a custom authority (no instance discovery against Microsoft)
     * @param tenantId the tenant
     * @param clientId the application
     * @param secret the client secret (required unless a credential is lent)
     * @param http the connection's HTTP client
     * @param userAgent the User-Agent of token requests
     * @param timing retry count and back-off of token requests
     * @param waits how token retries wait
     * @return the credential
     * @throws ConfigurationException if no credential is lent and no secret configured
     */
    public static AzureCredentials resolve(ConnectorContext context, String authorityHost, boolean microsoftAuthority,
                                           String tenantId, String clientId, Optional<Secret> secret, HttpClient http,
                                           String userAgent, Timing timing, Waits waits) {
        Optional<TokenCredential> lent = context.find(TokenCredential.class);
        if (lent.isPresent()) {
            return new AzureCredentials(lent.get(), null, true);
        }
        Secret s = secret.orElseThrow(() -> new ConfigurationException("clientSecret", "is required: paste the secret"
                + " Value from Certificates & secrets (or lend a TokenCredential through the ConnectorContext)"));
        ClientSecretCredentialBuilder b = new ClientSecretCredentialBuilder()
                .authorityHost(authorityHost)
                .tenantId(tenantId)
                .clientId(clientId)
                .clientSecret(s.reveal())
                .pipeline(AzureHttp.pipeline(http).userAgent(userAgent)
                        .retry(RetryRules.DEFAULT, timing, waits, Pacer.NONE).build());
        if (!microsoftAuthority) {
            // MSAL would otherwise ask the real login.microsoftonline.com to validate the authority
            b.disableInstanceDiscovery();
        }
        return new AzureCredentials(b.build(), host(authorityHost), false);
    }

    /**
     * @param context what the host lends
     * @return whether the host lends a {@link TokenCredential}, which {@link #resolve} then uses
     *     (the client secret is not required)
     */
    public static boolean isLent(ConnectorContext context) {
        return context.find(TokenCredential.class).isPresent();
    }

    private static @Nullable String host(String url) {
        try {
            String h = URI.create(url).getHost();
            return h == null ? null : h.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
