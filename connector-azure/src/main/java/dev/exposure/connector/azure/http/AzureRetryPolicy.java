package dev.exposure.connector.azure.http;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpResponse;
import dev.exposure.connector.ConnectorException;
import dev.exposure.connector.RateLimitedException;
import dev.exposure.connector.RequestInfo;
import dev.exposure.connector.SyncListener;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The one retry loop of a request, replacing azure-core's {@code RetryPolicy} (which logs ERROR
 * lines of its own, cannot report to the run's counters and cannot be made instant in tests).
 *
 * <p>Per attempt it first takes the request from the {@link Pacer} (waiting if needed), then
 * sends. It sends again, up to {@link Timing#maxRetries()} times, an answer whose status the
 * vendor's {@link RetryRules} name and a failed connection the rules call transient; it waits
 * what the server asked ({@link RetryAfter}), else for a 429 what the pacer knows, else the
 * {@link Timing#backoff back-off}. A quota the pacer knows to be used up for longer than {@link Timing#maxRetryAfter()}
 * fails the request before it is sent ({@code RateLimitedException} with that time). A server asking for more than {@link Timing#maxRetryAfter()}
 * gets no retry: its answer is returned for the caller to report with the wait. Never retried:
 * a {@link ConnectorException} (a final verdict, e.g. a token request that already failed in
 * its own loop, or a refused host), and interrupts. All waits go through {@link Waits} and are
 * reported to the request's {@link RequestScope}.
 *
 * <p>Every attempt that was sent is reported to the scope's listener
 * ({@link SyncListener#onRequest}) with the scope's bucket as the endpoint family, the status
 * ({@link RequestInfo#NO_ANSWER} for a failed connection) and its duration on the {@link Waits}
 * clock, before any wait for the next attempt. An attempt stopped by a {@link ConnectorException}
 * of an inner policy (a refused host, a token that could not be had) is not reported: it got no
 * answer of the API. A request without a scope sent while a scoped request of this thread is
 * being sent is that request's access-token request (the credential's pipeline, called from the
 * {@link BearerPolicy}): its attempts are reported to the enclosing scope's listener as family
 * {@link RequestInfo#TOKEN}, and not counted in its {@link dev.exposure.connector.SyncCounters}
 * ({@link dev.exposure.connector.SyncStats#requests()} excludes token requests).
 */
public final class AzureRetryPolicy extends SyncPolicy {
    /** The family of a request whose scope names no bucket. */
    static final String NO_FAMILY = "other";

    /** The scoped request this thread is sending (its token request reports to it). */
    private static final ThreadLocal<RequestScope> SENDING = new ThreadLocal<>();

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
        Optional<RequestScope> own = RequestScope.find(context);
        RequestScope enclosing = SENDING.get();
        RequestScope scope = own.orElse(RequestScope.NONE);
        // where attempts are reported: the request's own scope, else (a token request) the enclosing one
        RequestScope reportTo = own.isPresent() || enclosing == null ? scope : enclosing;
        String family = own.isEmpty() && enclosing != null ? RequestInfo.TOKEN
                : scope.bucket().isEmpty() ? NO_FAMILY : scope.bucket();
        int max = timing.maxRetries();
        for (int attempt = 0; ; attempt++) {
            // a wait the server's quota headers impose is a server-asked wait: capped like Retry-After
            Optional<Duration> owed = pacer.throttleWait(waits);
            if (owed.isPresent() && owed.get().compareTo(timing.maxRetryAfter()) > 0) {
                throw new RateLimitedException("the server's quota for this application is used up and resets in "
                        + owed.get().toSeconds() + " s, longer than the longest wait honoured ("
                        + timing.maxRetryAfter().toSeconds() + " s); run again later", owed.get(),
                        context.getHttpRequest().getUrl().getHost(), null);
            }
            Duration paced = pacer.acquire(scope.bucket(), waits);
            if (!paced.isZero()) {
                scope.counters().throttled(paced);
                scope.listener().onThrottled(scope.stream(), paced);
            }
            scope.counters().request();
            HttpResponse response;
            long start = waits.nanoTime();
            try {
                response = send(next, own.isPresent() ? scope : enclosing);
            } catch (RuntimeException e) {
                if (!(e instanceof ConnectorException)) {
                    report(reportTo, family, RequestInfo.NO_ANSWER, attempt, start);
                }
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
            int s = response.getStatusCode();
            report(reportTo, family, s, attempt, start);
            pacer.answered(scope.bucket(), response, waits);
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

    /** Sends with {@code sending} as this thread's enclosing scope (restored afterwards). */
    private static HttpResponse send(Next next, @Nullable RequestScope sending) {
        RequestScope previous = SENDING.get();
        if (sending == previous) {
            return next.send();
        }
        SENDING.set(sending);
        try {
            return next.send();
        } finally {
            if (previous == null) {
                SENDING.remove();
            } else {
                SENDING.set(previous);
            }
        }
    }

    private void report(RequestScope scope, String family, int status, int attempt, long start) {
        Duration took = Duration.ofNanos(Math.max(0, waits.nanoTime() - start));
        scope.listener().onRequest(scope.stream(), new RequestInfo(family, status, attempt + 1, took));
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
