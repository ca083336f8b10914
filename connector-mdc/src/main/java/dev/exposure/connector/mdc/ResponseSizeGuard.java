package dev.exposure.connector.mdc;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import dev.exposure.connector.DataException;
import reactor.core.publisher.Mono;

/**
 * Refuses a response whose declared {@code Content-Length} exceeds a bound before the SDK reads
 * it whole into memory. Stateless.
 */
final class ResponseSizeGuard implements HttpPipelinePolicy {
    private final long maxBytes;

    ResponseSizeGuard(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return next.process().map(this::check);
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        return check(next.processSync());
    }

    private HttpResponse check(HttpResponse response) {
        String length = response.getHeaders().getValue(HttpHeaderName.CONTENT_LENGTH);
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                return response;
            }
            if (n > maxBytes) {
                response.close();
                throw new DataException("Resource Graph answered with a body of " + n + " bytes, more than the "
                        + maxBytes + " bytes accepted for one page", response.getRequest().getUrl().getPath(), null);
            }
        }
        return response;
    }
}
