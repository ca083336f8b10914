package dev.exposure.connector.azure.http;

import com.azure.core.util.Context;
import dev.exposure.connector.SyncCounters;
import dev.exposure.connector.SyncListener;

/**
 * What a request belongs to, passed to the pipeline in the azure-core {@link Context}
 * ({@link #context()}): the pacing bucket (for a {@link SlidingWindowBudget}: the endpoint family)
 * and where the retry loop reports requests, retries, waits and each attempt
 * ({@link SyncListener#onRequest}, the bucket naming the endpoint family). A request sent without
 * one is paced in bucket {@code ""}; it reports nowhere, unless it is the access-token request of a
 * scoped request being sent on the same thread, whose attempts go to that scope's listener as
 * family {@code token} (see {@link AzureRetryPolicy}).
 *
 * @param bucket the pacing bucket and endpoint family: a short lowercase id (e.g. {@code machines},
 *     {@code resource-graph}), never a URL or an id, as it becomes a metric tag
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

    /** The scope of a request sent without one: bucket {@code ""}, reporting nowhere. */
    static final RequestScope NONE = new RequestScope("", new SyncCounters(), SyncListener.NONE, "");

    static java.util.Optional<RequestScope> find(com.azure.core.http.HttpPipelineCallContext context) {
        return context.getData(KEY).filter(RequestScope.class::isInstance).map(RequestScope.class::cast);
    }
}
