package dev.exposure.connector.azure.http;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A per-attempt policy for the tests: records each attempt's Authorization header (or "-") and sends on. */
final class CountingPolicy extends SyncPolicy {
    final List<String> attempts = new CopyOnWriteArrayList<>();

    @Override
    HttpResponse handle(HttpPipelineCallContext context, Next next) {
        String auth = context.getHttpRequest().getHeaders().getValue(HttpHeaderName.AUTHORIZATION);
        attempts.add(auth == null ? "-" : auth);
        return next.send();
    }
}
