package dev.exposure.connector;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The vendor throttled us and the connector's own bounded retries ran out.
 *
 * @since 0.1
 */
public class RateLimitedException extends ConnectorException {
    private static final long serialVersionUID = 1L;

    /** The wait the server asked for, or null. */
    private final @Nullable Duration retryAfter;

    /**
     * @param message what was throttled
     * @param retryAfter how long the vendor asked us to wait, may be null
     * @param source the URL involved, may be null
     * @param cause the underlying exception, may be null
     */
    public RateLimitedException(String message, @Nullable Duration retryAfter,
                                @Nullable String source, @Nullable Throwable cause) {
        super(message, source, cause);
        this.retryAfter = retryAfter;
    }

    /**
     * How long the vendor asked us to wait before the next request.
     *
     * @return the wait, or empty when the vendor did not say
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
