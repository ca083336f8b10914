package dev.exposure.connector.mdc;

import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.Sleeper;
import dev.exposure.connector.internal.PacingTime;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The knobs of retries and pacing, injectable so that tests run with zero delays and a fake clock.
 * A host feeds them through the public {@link Sleeper} (every wait, and a pacing clock that advances
 * by the waits the sleeper skipped) and an azure-core {@link RetryOptions} (retry count and delays).
 *
 * @param maxAttempts attempts per Resource Graph request (first try included) for 429 and transient failures
 * @param backoffBase first backoff when the server gives no wait; doubles per attempt
 * @param backoffMax largest backoff
 * @param maxWait the longest single wait accepted from {@code Retry-After} or the quota headers
 * @param windowBudget requests allowed per {@code window} when the server sends no quota headers
 * @param window the pacing window (Resource Graph: 15 requests per 5 seconds by default)
 * @param sleeper how to wait
 * @param nanoTime the monotonic clock
 * @param credentialRetry retry options for the client-secret credential's token requests, null for azure-identity's default
 * @param maxResponseBytes the largest {@code Content-Length} of a Resource Graph response accepted
 */
record Tuning(int maxAttempts, Duration backoffBase, Duration backoffMax, Duration maxWait, int windowBudget,
              Duration window, Sleeper sleeper, LongSupplier nanoTime, @Nullable RetryOptions credentialRetry,
              long maxResponseBytes) {

    /**
     * The largest Resource Graph response accepted (the SDK reads a response whole; a page of
     * 1,000 VM rows is a few MB).
     */
    static final long MAX_RESPONSE_BYTES = 64L * 1024 * 1024;

    Tuning(int maxAttempts, Duration backoffBase, Duration backoffMax, Duration maxWait, int windowBudget,
           Duration window, Sleeper sleeper, LongSupplier nanoTime, @Nullable RetryOptions credentialRetry) {
        this(maxAttempts, backoffBase, backoffMax, maxWait, windowBudget, window, sleeper, nanoTime, credentialRetry,
                MAX_RESPONSE_BYTES);
    }

    Tuning withMaxResponseBytes(long bytes) {
        return new Tuning(maxAttempts, backoffBase, backoffMax, maxWait, windowBudget, window, sleeper, nanoTime,
                credentialRetry, bytes);
    }

    static final Sleeper THREAD_SLEEP = Sleeper.system();

    /** @return whether waits go through a host's sleeper rather than {@link Thread#sleep} */
    boolean sleeperLent() {
        return sleeper != THREAD_SLEEP;
    }

    static Tuning defaults() {
        return new Tuning(5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5), 15,
                Duration.ofSeconds(5), THREAD_SLEEP, System::nanoTime, null);
    }

    /**
     * The defaults, adjusted by an azure-core {@link RetryOptions} the host lends: its retry count
     * and delay then apply to Resource Graph requests and token requests alike; and by a lent
     * {@link Sleeper}, which then takes every wait.
     */
    static Tuning from(ConnectorContext context) {
        Tuning t = defaults();
        Sleeper lentSleeper = context.find(Sleeper.class).orElse(null);
        if (lentSleeper != null) {
            PacingTime time = new PacingTime(lentSleeper);
            t = new Tuning(t.maxAttempts, t.backoffBase, t.backoffMax, t.maxWait, t.windowBudget, t.window,
                    time::sleep, time::nanoTime, null);
        }
        RetryOptions lent = context.find(RetryOptions.class).orElse(null);
        if (lent == null) {
            return t;
        }
        FixedDelayOptions fixed = lent.getFixedDelayOptions();
        ExponentialBackoffOptions exp = lent.getExponentialBackoffOptions();
        int retries = fixed != null ? fixed.getMaxRetries()
                : exp != null && exp.getMaxRetries() != null ? exp.getMaxRetries() : t.maxAttempts - 1;
        Duration base = fixed != null ? fixed.getDelay()
                : exp != null && exp.getBaseDelay() != null ? exp.getBaseDelay() : t.backoffBase;
        Duration max = fixed != null ? fixed.getDelay()
                : exp != null && exp.getMaxDelay() != null ? exp.getMaxDelay() : t.backoffMax;
        return new Tuning(Math.max(1, retries + 1), base, max, t.maxWait, t.windowBudget, t.window, t.sleeper,
                t.nanoTime, lent);
    }

    /** @return the backoff before attempt {@code attempt + 1}, after {@code attempt} failures */
    Duration backoff(int attempt) {
        long nanos = backoffBase.toNanos();
        for (int i = 1; i < attempt && nanos < backoffMax.toNanos(); i++) {
            nanos *= 2;
        }
        return Duration.ofNanos(Math.min(nanos, backoffMax.toNanos()));
    }
}
