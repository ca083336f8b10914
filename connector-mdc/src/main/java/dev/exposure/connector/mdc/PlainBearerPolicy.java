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
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Adds the bearer token for a plain-http loopback Resource Manager endpoint, which azure-core's
 * {@code BearerTokenAuthenticationPolicy} refuses. Validation admits plain http only on loopback
 * addresses, so the token never leaves the machine. Caches the token until two minutes before it
 * expires. Thread-safe.
 */
final class PlainBearerPolicy implements HttpPipelinePolicy {
    private final TokenCredential credential;
    private final TokenRequestContext request;
    private @Nullable AccessToken token;

    PlainBearerPolicy(TokenCredential credential, String scope) {
        this.credential = credential;
        this.request = new TokenRequestContext().addScopes(scope);
    }

    private synchronized String token() {
        AccessToken t = token;
        if (t == null || t.getExpiresAt().isBefore(OffsetDateTime.now().plusMinutes(2))) {
            t = credential.getTokenSync(request);
            token = t;
        }
        return t.getToken();
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return Mono.fromCallable(this::token).flatMap(t -> {
            context.getHttpRequest().setHeader(HttpHeaderName.AUTHORIZATION, "Bearer " + t);
            return next.process();
        });
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        context.getHttpRequest().setHeader(HttpHeaderName.AUTHORIZATION, "Bearer " + token());
        return next.processSync();
    }
}
