package dev.exposure.connector.mde;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import dev.exposure.connector.DataException;
import java.net.URL;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Attaches the bearer token, as azure-core's {@code BearerTokenAuthenticationPolicy} does, and
 * adds the two things MDE needs on top:
 * <ul>
 *   <li>the token is cached and fetched again {@link #REFRESH_BEFORE} before it expires (MDE tokens
 *       last an hour; exports run longer), so a run never presents an expired token;</li>
 *   <li>a 401 is answered ONCE by fetching a fresh token and resending, because a token can be
 *       revoked before its {@code expires_in} (secret rotation, policy change). If the fresh token
 *       is the one just refused, or the resend gets 401 again, the 401 stands and becomes an
 *       {@code AuthenticationException}: no loop.</li>
 * </ul>
 * Tokens go only over https, or plain http on a loopback address (local test servers).
 */
final class MdeBearerPolicy implements HttpPipelinePolicy {
    static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);

    private final TokenCredential credential;
    private final TokenRequestContext request;
    private @Nullable AccessToken cached;

    MdeBearerPolicy(TokenCredential credential, String scope) {
        this.credential = credential;
        this.request = new TokenRequestContext().addScopes(scope);
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return Mono.error(new UnsupportedOperationException("the mde-v2 pipeline is used with sendSync only"));
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        URL url = context.getHttpRequest().getUrl();
        if (!"https".equalsIgnoreCase(url.getProtocol()) && !MdeSettings.isLoopback(url.getHost())) {
            throw new DataException("refused to send the access token over plain http to '" + url.getHost() + "'");
        }
        AccessToken token = token(null);
        context.getHttpRequest().setHeader(HttpHeaderName.AUTHORIZATION, "Bearer " + token.getToken());
        HttpResponse response = next.clone().processSync();
        if (response.getStatusCode() != 401) {
            return response;
        }
        AccessToken fresh = token(token);
        if (fresh.getToken().equals(token.getToken())) {
            return response;
        }
        response.close();
        context.getHttpRequest().setHeader(HttpHeaderName.AUTHORIZATION, "Bearer " + fresh.getToken());
        return next.clone().processSync();
    }

    /**
     * @param refused a token the API just refused (fetch a new one unless the cache already moved
     *     on), or null for the normal path
     */
    private synchronized AccessToken token(@Nullable AccessToken refused) {
        AccessToken t = cached;
        boolean usable = t != null && (refused == null
                ? t.getExpiresAt().isAfter(OffsetDateTime.now().plus(REFRESH_BEFORE))
                : !t.getToken().equals(refused.getToken()));
        if (usable) {
            return t;
        }
        if (refused == null && t != null && t.getExpiresAt().isAfter(OffsetDateTime.now().plusSeconds(30))) {
            // inside the refresh window but still valid: try to refresh, keep the old one if that fails
            try {
                cached = credential.getTokenSync(request);
            } catch (RuntimeException e) {
                return t;
            }
            return cached;
        }
        AccessToken fresh = credential.getTokenSync(request);
        if (fresh == null || fresh.getToken() == null) {
            throw new IllegalStateException("the credential returned no access token");
        }
        cached = fresh;
        return fresh;
    }
}
