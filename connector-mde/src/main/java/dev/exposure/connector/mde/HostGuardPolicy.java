package dev.exposure.connector.mde;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import dev.exposure.connector.DataException;
import java.net.URL;
import java.util.Locale;
import reactor.core.publisher.Mono;

/**
 * Sits right before the bearer-token policy: a request to any host other than the configured API
 * host is refused before the token is attached. A second line behind the link checks in
 * {@link MdeTransport}.
 */
final class HostGuardPolicy implements HttpPipelinePolicy {
    private final String host;
    private final int port;

    HostGuardPolicy(MdeSettings settings) {
        this.host = settings.apiHost();
        this.port = settings.apiPort();
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        check(context);
        return next.process();
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        check(context);
        return next.processSync();
    }

    private void check(HttpPipelineCallContext context) {
        URL u = context.getHttpRequest().getUrl();
        int p = u.getPort() > 0 ? u.getPort() : u.getDefaultPort();
        if (!u.getHost().toLowerCase(Locale.ROOT).equals(host) || p != port) {
            throw new DataException("refused to send the access token to host '" + u.getHost()
                    + "'; only the configured API host '" + host + "' receives it");
        }
    }
}
