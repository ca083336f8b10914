package dev.exposure.connector.azure.http;

import com.azure.core.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a connection's own traffic within the server's limits, asked by the retry loop before
 * every attempt. Two kinds exist: {@link SlidingWindowBudget} (documented per-minute/per-hour
 * limits per endpoint family) and {@link QuotaHeaderPacer} (quota headers the server returns).
 */
public interface Pacer {
    /** No pacing. */
    Pacer NONE = (bucket, waits) -> Duration.ZERO;

    /**
     * Takes one request from the bucket, waiting through {@code waits} first when needed.
     *
     * @param bucket the request's bucket ({@link RequestScope#bucket()})
     * @param waits how to wait
     * @return how long it waited (zero if not at all)
     */
    Duration acquire(String bucket, Waits waits);

    /**
     * The request taken last from the bucket was answered (any status).
     *
     * @param bucket the bucket
     * @param response the response (null when only the arrival matters)
     * @param waits the connection's clock
     */
    default void answered(String bucket, @Nullable HttpResponse response, Waits waits) { }

    /**
     * @param waits the connection's clock
     * @return the wait the pacer knows of for a 429 that carries no {@code Retry-After}, or empty
     */
    default Optional<Duration> throttleWait(Waits waits) {
        return Optional.empty();
    }
}
