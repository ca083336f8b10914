package dev.exposure.connector.mdc;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.net.URL;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Sends the bearer token for Resource Manager, replacing azure-core's
 * {@code BearerTokenAuthenticationPolicy} in the connector's pipelines because that one neither
 * retries a 401 with a fresh token (a token revoked mid-run, e.g. after a secret rotation, would
 * fail the run although the credential can issue a new one) nor accepts a loopback http test
 * endpoint.
 *
 * <ul>
 *   <li>Caches the token and fetches a new one five minutes before it expires.</li>
 *   <li>On a 401 it fetches a new token and resends the request once; a second 401 stands.</li>
 *   <li>Sends the token only over https, or plain http to a loopback address (configuration
 *       admits nothing else); otherwise it refuses before sending.</li>
 * </ul>
 * Thread-safe.
 */
final class BearerPolicy implements HttpPipelinePolicy {
    private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final TokenCredential credential;
    private final TokenRequestContext request;
    private @Nullable AccessToken token;

    BearerPolicy(TokenCredential credential, String scope) {
        this.credential = credential;
        this.request = new TokenRequestContext().addScopes(scope);
    }

    private synchronized String token(boolean fresh) {
        AccessToken t = token;
        if (fresh || t == null || t.getExpiresAt().isBefore(OffsetDateTime.now().plus(REFRESH_BEFORE_EXPIRY))) {
            t = credential.getTokenSync(request);
            if (t == null || t.getToken() == null) {
                throw new IllegalStateException("the credential returned no access token");
            }
            token = t;
        }
        return t.getToken();
    }

    private void authorize(HttpPipelineCallContext context, boolean fresh) {
        URL url = context.getHttpRequest().getUrl();
        if (!"https".equalsIgnoreCase(url.getProtocol()) && !MdcSettings.isLoopback(url.getHost())) {
            throw new IllegalStateException("refusing to send a bearer token over plain http to " + url.getHost());
        }
        context.getHttpRequest().setHeader(HttpHeaderName.AUTHORIZATION, "Bearer " + token(fresh));
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        HttpPipelineNextPolicy resend = next.clone();
        return Mono.fromRunnable(() -> authorize(context, false)).then(next.process()).flatMap(response -> {
            if (response.getStatusCode() != 401) {
                return Mono.just(response);
            }
            response.close();
            return Mono.fromRunnable(() -> authorize(context, true)).then(resend.process());
        });
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        HttpPipelineNextSyncPolicy resend = next.clone();
        authorize(context, false);
        HttpResponse response = next.processSync();
        if (response.getStatusCode() != 401) {
            return response;
        }
        response.close();
        authorize(context, true);
        return resend.processSync();
    }
}
