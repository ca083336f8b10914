package dev.exposure.connector.azure.http;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpResponse;
import dev.exposure.connector.DataException;
import java.net.URL;
import java.util.Locale;

/**
 * Sits right before the {@link BearerPolicy}: a request to any host or port other than the
 * configured one is refused before the token is attached. Stateless.
 */
public final class HostGuardPolicy extends SyncPolicy {
    private final String host;
    private final int port;

    /**
     * @param host the only host that receives the token (compared case-insensitively)
     * @param port its port
     */
    public HostGuardPolicy(String host, int port) {
        this.host = host.toLowerCase(Locale.ROOT);
        this.port = port;
    }

    @Override
    HttpResponse handle(HttpPipelineCallContext context, Next next) {
        URL u = context.getHttpRequest().getUrl();
        int p = u.getPort() > 0 ? u.getPort() : u.getDefaultPort();
        if (!u.getHost().toLowerCase(Locale.ROOT).equals(host) || p != port) {
            throw new DataException("refused to send the access token to host '" + u.getHost()
                    + "'; only the configured API host '" + host + "' receives it");
        }
        return next.send();
    }
}
