package dev.exposure.connector.azure.http;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpResponse;
import dev.exposure.connector.DataException;

/**
 * Refuses a response whose declared {@code Content-Length} exceeds a bound, before an SDK client
 * reads it whole into memory. Stateless.
 */
public final class ResponseSizeGuard extends SyncPolicy {
    private final long maxBytes;
    private final String service;

    /**
     * @param maxBytes the largest body accepted
     * @param service the service named in the error (e.g. {@code Resource Graph})
     */
    public ResponseSizeGuard(long maxBytes, String service) {
        this.maxBytes = maxBytes;
        this.service = service;
    }

    @Override
    HttpResponse handle(HttpPipelineCallContext context, Next next) {
        HttpResponse response = next.send();
        String length = response.getHeaders().getValue(HttpHeaderName.CONTENT_LENGTH);
        if (length == null) {
            return response;
        }
        long n;
        try {
            n = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return response;
        }
        if (n > maxBytes) {
            response.close();
            throw new DataException(service + " answered with a body of " + n + " bytes, more than the " + maxBytes
                    + " bytes accepted for one page", response.getRequest().getUrl().getPath(), null);
        }
        return response;
    }
}
