package dev.exposure.connector;

import org.jspecify.annotations.Nullable;

/**
 * The consuming thread was interrupted. The thread's interrupt flag is set again before this is
 * thrown, so callers further up still see it.
 *
 * @since 0.1
 */
public class ConnectorInterruptedException extends ConnectorException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was interrupted
     * @param cause the underlying exception, may be null
     */
    public ConnectorInterruptedException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
