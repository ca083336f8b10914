package dev.exposure.connector.azure.http;

import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import dev.exposure.connector.ConnectorContext;
import java.time.Duration;
import java.util.Objects;

/**
 * The timeouts and retry values of a connection, in one value. A host may lend one through the
 * {@code ConnectorContext} (tests lend one with a zero back-off); a lent azure-core
 * {@link RetryOptions} sets the retry count and delays ({@link #from}). Immutable.
 *
 * @param connectTimeout how long opening a connection may take
 * @param readTimeout how long one read of a body may block; zero for none, when bodies are watched by the
 *     {@link StallWatchdog} instead (azure-core enforces a read timeout by handing every read to an
 *     executor, which halves streaming throughput)
 * @param responseTimeout how long the server may take to send the response headers
 * @param stallTimeout how long a response body may deliver no byte before it is aborted ({@link StallWatchdog})
 * @param maxRetries retries per request after the first attempt (429, transient statuses, failed connections)
 * @param retryBaseDelay the first back-off when the server names no wait; doubled per retry
 * @param maxBackoff the largest back-off
 * @param jitter the random share added to a back-off (0.2 = up to 20 %); 0 for none
 * @param maxRetryAfter the longest wait a server may ask for ({@code Retry-After}, quota reset) and
 *     still get a retry; a longer one ends the retries and is reported with the error
 */
public record Timing(Duration connectTimeout, Duration readTimeout, Duration responseTimeout, Duration stallTimeout,
                     int maxRetries, Duration retryBaseDelay, Duration maxBackoff, double jitter,
                     Duration maxRetryAfter) {

    /**
     * Connect 30 s, read 60 s, response headers 10 min, stall 5 min, 4 retries from 800 ms doubling to 60 s
     * with 20 % jitter, a server's wait honoured up to 5 min.
     */
    public static final Timing DEFAULTS = new Timing(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(10),
            Duration.ofMinutes(5), 4, Duration.ofMillis(800), Duration.ofSeconds(60), 0.2, Duration.ofMinutes(5));

    /** Checks the values. */
    public Timing {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        Objects.requireNonNull(retryBaseDelay, "retryBaseDelay");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (maxRetries < 0 || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("maxRetries must be >= 0 and jitter within 0..1");
        }
    }

    /**
     * @param context what the host lends
     * @return a lent {@code Timing}, else {@link #DEFAULTS}; adjusted by a lent {@link RetryOptions}
     */
    public static Timing from(ConnectorContext context) {
        Timing t = context.find(Timing.class).orElse(DEFAULTS);
        return context.find(RetryOptions.class).map(t::with).orElse(t);
    }

    /**
     * @param options azure-core retry options
     * @return this timing with their retry count and delays (fixed delay: base = max, no jitter)
     */
    public Timing with(RetryOptions options) {
        FixedDelayOptions fixed = options.getFixedDelayOptions();
        if (fixed != null) {
            return new Timing(connectTimeout, readTimeout, responseTimeout, stallTimeout, fixed.getMaxRetries(), fixed.getDelay(),
                    fixed.getDelay(), 0, maxRetryAfter);
        }
        ExponentialBackoffOptions exp = Objects.requireNonNull(options.getExponentialBackoffOptions());
        return new Timing(connectTimeout, readTimeout, responseTimeout, stallTimeout,
                exp.getMaxRetries() == null ? maxRetries : exp.getMaxRetries(),
                exp.getBaseDelay() == null ? retryBaseDelay : exp.getBaseDelay(),
                exp.getMaxDelay() == null ? maxBackoff : exp.getMaxDelay(), jitter, maxRetryAfter);
    }

    /** @param n retries after the first attempt @return a copy */
    public Timing withMaxRetries(int n) {
        return new Timing(connectTimeout, readTimeout, responseTimeout, stallTimeout, n, retryBaseDelay, maxBackoff, jitter,
                maxRetryAfter);
    }

    /** @param d the per-read timeout (zero: none; bodies stall-watched) @return a copy */
    public Timing withReadTimeout(Duration d) {
        return new Timing(connectTimeout, d, responseTimeout, stallTimeout, maxRetries, retryBaseDelay, maxBackoff,
                jitter, maxRetryAfter);
    }

    /** @param d the stall timeout @return a copy */
    public Timing withStallTimeout(Duration d) {
        return new Timing(connectTimeout, readTimeout, responseTimeout, d, maxRetries, retryBaseDelay, maxBackoff, jitter,
                maxRetryAfter);
    }

    /** @param base the first back-off @param max the largest @param jitterShare the random share @return a copy */
    public Timing withBackoff(Duration base, Duration max, double jitterShare) {
        return new Timing(connectTimeout, readTimeout, responseTimeout, stallTimeout, maxRetries, base, max, jitterShare,
                maxRetryAfter);
    }

    /** @param d the longest server wait honoured @return a copy */
    public Timing withMaxRetryAfter(Duration d) {
        return new Timing(connectTimeout, readTimeout, responseTimeout, stallTimeout, maxRetries, retryBaseDelay, maxBackoff, jitter,
                d);
    }

    /**
     * @param retry the retry about to happen (0 for the first)
     * @return the back-off before it: base doubled per retry, at most {@link #maxBackoff}, plus jitter
     */
    public Duration backoff(int retry) {
        if (retryBaseDelay.isZero()) {
            return Duration.ZERO;
        }
        Duration d = retryBaseDelay.multipliedBy(1L << Math.min(retry, 20));
        if (d.compareTo(maxBackoff) > 0) {
            d = maxBackoff;
        }
        if (jitter > 0) {
            d = d.plusMillis((long) (d.toMillis() * jitter * java.util.concurrent.ThreadLocalRandom.current()
                    .nextDouble()));
        }
        return d;
    }
}
