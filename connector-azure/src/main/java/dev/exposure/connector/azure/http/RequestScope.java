package dev.exposure.connector.azure.http;

import com.azure.core.util.Context;
import dev.exposure.connector.SyncCounters;
import dev.exposure.connector.SyncListener;

/**
 * What a request belongs to, passed to the pipeline in the azure-core {@link Context}
 * ({@link #context()}): the pacing bucket (for a {@link SlidingWindowBudget}: the endpoint family)
 * and where the retry loop reports requests, retries and waits. A request sent without one (e.g. a
 * token request) is paced in bucket {@code ""} and reports nowhere.
 *
 * @param bucket the pacing bucket
 * @param counters the stream's counters
 * @param listener the run's listener
 * @param stream the stream name given to the listener
 */
public record RequestScope(String bucket, SyncCounters counters, SyncListener listener, String stream) {
    /** The key in the azure-core context. */
    public static final String KEY = "dev.exposure.connector.azure.request-scope";

    /** @return an azure-core context carrying this scope */
    public Context context() {
        return new Context(KEY, this);
    }

    static RequestScope of(com.azure.core.http.HttpPipelineCallContext context) {
        return context.getData(KEY).filter(RequestScope.class::isInstance).map(RequestScope.class::cast)
                .orElseGet(() -> new RequestScope("", new SyncCounters(), SyncListener.NONE, ""));
    }
}
