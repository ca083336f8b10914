package dev.exposure.connector;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The one unchecked root of every error a connector raises at run time.
 *
 * <p>The tree below it is shallow and tells a host what to do:
 * {@link ConfigurationException} (fix the configuration), {@link AuthenticationException} (fix the
 * credential), {@link AuthorizationException} (grant a permission), {@link RateLimitedException}
 * (wait and run again), {@link TransientException} (run again), {@link ServiceException} (the
 * vendor refused the request), {@link DataException} (the vendor sent something we cannot read),
 * {@link ConnectorInterruptedException} (the host cancelled the run).
 *
 * <p>Messages name the URL, page or record involved. THEY NEVER CONTAIN A SECRET OR A TOKEN.
 * Vendor exceptions (azure-core, MSAL, Jackson) are kept only as the cause.
 *
 * @since 0.1
 */
public class ConnectorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The URL, page or record involved, or null. */
    private final @Nullable String source;

    /**
     * @param message what went wrong, without secrets
     */
    public ConnectorException(String message) {
        this(message, null, null);
    }

    /**
     * @param message what went wrong, without secrets
     * @param cause the underlying exception, may be null
     */
    public ConnectorException(String message, @Nullable Throwable cause) {
        this(message, null, cause);
    }

    /**
     * @param message what went wrong, without secrets
     * @param source the URL, page or record involved (no query secrets), may be null
     * @param cause the underlying exception, may be null
     */
    public ConnectorException(String message, @Nullable String source, @Nullable Throwable cause) {
        super(source == null ? message : message + " [" + source + "]", cause);
        this.source = source;
    }

    /**
     * The URL, page or record this error is about, when known.
     *
     * @return the source, or empty
     */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /**
     * Whether running the same request again later may succeed without any change by the user.
     *
     * @return true for rate limiting and transient failures
     */
    public boolean isRetryable() {
        return false;
    }
}
