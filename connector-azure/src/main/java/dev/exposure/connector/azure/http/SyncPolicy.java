package dev.exposure.connector.azure.http;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;

/**
 * A pipeline policy written once, as blocking code, for both of azure-core's entry points: the
 * sync one ({@code sendSync}) and the async one that generated SDK clients (Resource Graph) use
 * and then {@code block()} on. On the async path the policy runs on the subscribing thread and
 * blocks on the rest of the pipeline; the connectors only ever wait for their answers, so nothing
 * is lost.
 */
abstract class SyncPolicy implements HttpPipelinePolicy {

    /** The rest of the pipeline, sendable more than once. */
    interface Next {
        HttpResponse send();
    }

    abstract HttpResponse handle(HttpPipelineCallContext context, Next next);

    @Override
    public final Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return Mono.fromCallable(() -> handle(context, () -> next.clone().process().block()));
    }

    @Override
    public final HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        return handle(context, () -> next.clone().processSync());
    }
}
