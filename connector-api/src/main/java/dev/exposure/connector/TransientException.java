package dev.exposure.connector;

import org.jspecify.annotations.Nullable;

/**
 * A failure that may go away by itself: 5xx answers, timeouts, refused or reset connections,
 * bodies cut short. Raised once the connector's bounded retries are spent.
 *
 * @since 0.1
 */
public class TransientException extends ConnectorException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     * @param source the URL involved, may be null
     * @param cause the underlying exception, may be null
     */
    public TransientException(String message, @Nullable String source, @Nullable Throwable cause) {
        super(message, source, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
