package dev.exposure.connector.azure.http;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpResponse;
import dev.exposure.connector.ConnectorException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * The one retry loop of a request, replacing azure-core's {@code RetryPolicy} (which logs ERROR
 * lines of its own, cannot report to the run's counters and cannot be made instant in tests).
 *
 * <p>Per attempt it first takes the request from the {@link Pacer} (waiting if needed), then
 * sends. It sends again, up to {@link Timing#maxRetries()} times, an answer whose status the
 * vendor's {@link RetryRules} name and a failed connection the rules call transient; it waits
 * what the server asked ({@link RetryAfter}), else for a 429 what the pacer knows, else the
 * {@link Timing#backoff back-off}. A server asking for more than {@link Timing#maxRetryAfter()}
 * gets no retry: its answer is returned for the caller to report with the wait. Never retried:
 * a {@link ConnectorException} (a final verdict, e.g. a token request that already failed in
 * its own loop, or a refused host), and interrupts. All waits go through {@link Waits} and are
 * reported to the request's {@link RequestScope}.
 */
public final class AzureRetryPolicy extends SyncPolicy {
    private final RetryRules rules;
    private final Timing timing;
    private final Waits waits;
    private final Pacer pacer;

    /**
     * @param rules the vendor's retry rules
     * @param timing retry count, back-off and longest honoured server wait
     * @param waits how to wait
     * @param pacer asked before every attempt ({@link Pacer#NONE} for none)
     */
    public AzureRetryPolicy(RetryRules rules, Timing timing, Waits waits, Pacer pacer) {
        this.rules = rules;
        this.timing = timing;
        this.waits = waits;
        this.pacer = pacer;
    }

    @Override
    HttpResponse handle(HttpPipelineCallContext context, Next next) {
        RequestScope scope = RequestScope.of(context);
        int max = timing.maxRetries();
        for (int attempt = 0; ; attempt++) {
            Duration paced = pacer.acquire(scope.bucket(), waits);
            if (!paced.isZero()) {
                scope.counters().throttled(paced);
                scope.listener().onThrottled(scope.stream(), paced);
            }
            scope.counters().request();
            HttpResponse response;
            try {
                response = next.send();
            } catch (RuntimeException e) {
                if (e instanceof ConnectorException || attempt >= max || !rules.retries(e) || interrupted(e)) {
                    throw e;
                }
                Duration d = timing.backoff(attempt);
                scope.counters().retry();
                scope.listener().onRetry(scope.stream(), "connection failed (" + rootText(e) + "); retry "
                        + (attempt + 1) + " of " + max);
                waits.sleep(d);
                continue;
            }
            pacer.answered(scope.bucket(), response, waits);
            int s = response.getStatusCode();
            if (!rules.retries(s) || attempt >= max) {
                return response;
            }
            Optional<Duration> asked = RetryAfter.of(response.getHeaders());
            if (asked.isEmpty() && s == 429) {
                asked = pacer.throttleWait(waits);
            }
            if (asked.isPresent() && asked.get().compareTo(timing.maxRetryAfter()) > 0) {
                return response;
            }
            final int retry = attempt;
            Duration d = asked.orElseGet(() -> timing.backoff(retry));
            response.close();
            scope.counters().retry();
            if (s == 429) {
                scope.counters().throttled(d);
                scope.listener().onThrottled(scope.stream(), d);
            }
            scope.listener().onRetry(scope.stream(), "HTTP " + s + "; retry " + (attempt + 1) + " of " + max
                    + " after " + d.toMillis() + " ms");
            waits.sleep(d);
        }
    }

    private static boolean interrupted(Throwable e) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedException
                    || t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException)) {
                return true;
            }
        }
        return false;
    }

    /** @return the innermost cause's class and first line, for a retry notice */
    static String rootText(Throwable e) {
        Throwable root = e;
        for (int i = 0; root.getCause() != null && root.getCause() != root && i < 20; i++) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + (m.length() > 200 ? m.substring(0, 200)
                : m));
    }
}
