package dev.exposure.connector.azure.http;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpResponse;
import dev.exposure.connector.ConnectorException;
import dev.exposure.connector.DataException;
import dev.exposure.connector.TransientException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URL;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Attaches the bearer token, replacing azure-core's {@code BearerTokenAuthenticationPolicy},
 * which neither answers a 401 with a fresh token nor accepts a loopback http test endpoint.
 * <ul>
 *   <li>The token is cached and fetched again {@link #REFRESH_BEFORE} before it expires (a run
 *       never presents an expired token); inside that window a failed refresh keeps the old,
 *       still valid token.</li>
 *   <li>A 401 is answered exactly ONCE by asking the credential for a token again and resending (a
 *       token can be revoked before it expires: secret rotation, policy change); the answer to the
 *       resend stands, whatever it is: no loop.</li>
 *   <li>Tokens go only over https, or plain http to a loopback address (local test servers).</li>
 *   <li>A token request that could not reach the login host (after the credential's own retry
 *       loop) fails as a {@link TransientException} naming the login host, which no outer retry
 *       loop sends again; refusals by the login host (wrong secret, unknown tenant) pass through
 *       unchanged for the vendor's guidance.</li>
 * </ul>
 * Thread-safe.
 */
public final class BearerPolicy extends SyncPolicy {
    /** How long before expiry a token is replaced. */
    public static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);

    private final TokenCredential credential;
    private final TokenRequestContext request;
    private final @Nullable String loginHost;
    private @Nullable AccessToken cached;

    /**
     * @param credential where tokens come from
     * @param scope the token scope (e.g. {@code https://management.azure.com/.default})
     * @param loginHost the login host the credential asks, named in errors; null for a lent credential
     */
    public BearerPolicy(TokenCredential credential, String scope, @Nullable String loginHost) {
        this.credential = credential;
        this.request = new TokenRequestContext().addScopes(scope);
        this.loginHost = loginHost;
    }

    @Override
    HttpResponse handle(HttpPipelineCallContext context, Next next) {
        URL url = context.getHttpRequest().getUrl();
        if (!"https".equalsIgnoreCase(url.getProtocol()) && !isLoopback(url.getHost())) {
            throw new DataException("refused to send the access token over plain http to '" + url.getHost() + "'");
        }
        AccessToken token = token(null);
        context.getHttpRequest().setHeader(HttpHeaderName.AUTHORIZATION, "Bearer " + token.getToken());
        HttpResponse response = next.send();
        if (response.getStatusCode() != 401) {
            return response;
        }
        AccessToken fresh = token(token);
        response.close();
        context.getHttpRequest().setHeader(HttpHeaderName.AUTHORIZATION, "Bearer " + fresh.getToken());
        return next.send();
    }

    /** @param refused a token just refused (fetch another unless the cache moved on), or null */
    private synchronized AccessToken token(@Nullable AccessToken refused) {
        AccessToken t = cached;
        boolean usable = t != null && (refused == null
                ? t.getExpiresAt().isAfter(OffsetDateTime.now().plus(REFRESH_BEFORE))
                : !t.getToken().equals(refused.getToken()));
        if (usable) {
            return t;
        }
        if (refused == null && t != null && t.getExpiresAt().isAfter(OffsetDateTime.now().plusSeconds(30))) {
            try {
                cached = fetch();
                return cached;
            } catch (RuntimeException e) {
                return t; // inside the refresh window: the old token still works
            }
        }
        cached = fetch();
        return cached;
    }

    private AccessToken fetch() {
        AccessToken fresh;
        try {
            fresh = credential.getTokenSync(request);
        } catch (ConnectorException e) {
            throw e;
        } catch (RuntimeException e) {
            if (!unreachable(e)) {
                throw e;
            }
            String where = loginHost == null ? "the lent TokenCredential" : "the login host '" + loginHost + "'";
            throw new TransientException("could not get an access token: " + where + " could not be reached ("
                    + AzureRetryPolicy.rootText(e) + "); check the network path, proxy and firewall to "
                    + (loginHost == null ? "the credential's login host" : loginHost) + ", then run again",
                    loginHost, e);
        }
        if (fresh == null || fresh.getToken() == null) {
            throw new IllegalStateException("the credential returned no access token");
        }
        return fresh;
    }

    /** @return whether a credential failure is a failed connection (not a refusal by the login host) */
    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param host a host name or literal address
     * @return whether it names the loopback interface (without a DNS lookup)
     */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost")) {
            return true;
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (!h.matches("[0-9.]+|[0-9a-f:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }
}
