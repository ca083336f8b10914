package dev.exposure.connector.mde;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import dev.exposure.connector.ConnectorException;
import dev.exposure.connector.azure.diagnostics.AzureFailures;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import reactor.core.publisher.Mono;

/**
 * The connector's one retry loop, as an azure-core pipeline policy (sync API only). Per attempt
 * it first takes one request from the endpoint family's {@link RateBudget} (waiting if needed),
 * then sends. It retries 429 and 500/502/503/504 answers and failed connections up to
 * {@code maxRetries} times, waiting what the server asked ({@code Retry-After} seconds or date,
 * {@code retry-after-ms}) or else an exponential back-off with jitter; a server that asks for more
 * than {@link #MAX_RETRY_AFTER} gets no retry (the caller raises {@code RateLimitedException} with
 * the wait). Token failures are never retried here (MSAL retries its own calls). All waits go
 * through {@link MdeTiming} and are counted in the stream's {@code SyncCounters}.
 */
final class MdeRetryPolicy implements HttpPipelinePolicy {
    static final String CALL_KEY = "mde-v2.call";
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    private final RateBudget budget;
    private final MdeTiming timing;
    private final int maxRetries;

    MdeRetryPolicy(RateBudget budget, MdeTiming timing, int maxRetries) {
        this.budget = budget;
        this.timing = timing;
        this.maxRetries = maxRetries;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return Mono.error(new UnsupportedOperationException("the mde-v2 pipeline is used with sendSync only"));
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        Call call = (Call) context.getData(CALL_KEY).orElseThrow(
                () -> new IllegalStateException("request sent without its mde-v2 call context"));
        for (int attempt = 0; ; attempt++) {
            Duration waited = budget.acquire(call.family());
            if (!waited.isZero()) {
                call.counters().throttled(waited);
                call.listener().onThrottled(call.stream(), waited);
            }
            call.counters().request();
            HttpResponse response;
            try {
                response = next.clone().processSync();
                budget.answered(call.family());
            } catch (RuntimeException e) {
                if (e instanceof ConnectorException || AzureFailures.isCredentialFailure(e) || attempt >= maxRetries
                        || !AzureFailures.isRetryableIo(e) || Thread.currentThread().isInterrupted()
                        || AzureFailures.find(e, InterruptedException.class).isPresent()
                        || AzureFailures.find(e, java.io.InterruptedIOException.class).isPresent()
                        && !(AzureFailures.find(e, java.net.SocketTimeoutException.class).isPresent())) {
                    throw e;
                }
                Duration d = backoff(attempt);
                call.counters().retry();
                call.listener().onRetry(call.stream(), "connection failed (" + AzureFailures.rootText(e)
                        + "); retry " + (attempt + 1) + " of " + maxRetries);
                timing.sleep(d);
                continue;
            }
            int s = response.getStatusCode();
            boolean throttled = s == 429;
            boolean failed = s == 500 || s == 502 || s == 503 || s == 504;
            if (!(throttled || failed) || attempt >= maxRetries) {
                return response;
            }
            Optional<Duration> asked = AzureFailures.retryAfter(response.getHeaders());
            if (asked.isPresent() && asked.get().compareTo(MAX_RETRY_AFTER) > 0) {
                return response;
            }
            final int a = attempt;
            Duration d = asked.orElseGet(() -> backoff(a));
            response.close();
            call.counters().retry();
            if (throttled) {
                call.counters().throttled(d);
                call.listener().onThrottled(call.stream(), d);
            }
            call.listener().onRetry(call.stream(), "HTTP " + s + "; retry " + (attempt + 1) + " of " + maxRetries
                    + " after " + d.toMillis() + " ms");
            timing.sleep(d);
        }
    }

    private Duration backoff(int attempt) {
        Duration base = timing.retryBaseDelay();
        if (base.isZero()) {
            return Duration.ZERO;
        }
        Duration d = base.multipliedBy(1L << Math.min(attempt, 6));
        if (d.compareTo(MAX_BACKOFF) > 0) {
            d = MAX_BACKOFF;
        }
        long jitter = (long) (d.toMillis() * 0.2 * ThreadLocalRandom.current().nextDouble());
        return d.plusMillis(jitter);
    }
}
