package dev.exposure.connector;

import org.jspecify.annotations.Nullable;

/**
 * The identity provider refused the credential (wrong or expired secret, unknown tenant or client).
 *
 * @since 0.1
 */
public class AuthenticationException extends ConnectorException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was refused and how to fix it
     * @param cause the underlying exception, may be null
     */
    public AuthenticationException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /**
     * @param message what was refused and how to fix it
     * @param source the URL involved
     * @param cause the underlying exception, may be null
     */
    public AuthenticationException(String message, @Nullable String source, @Nullable Throwable cause) {
        super(message, source, cause);
    }
}
