package dev.exposure.connector;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The vendor answered with an error that is neither an authentication, authorization, throttling
 * nor transient failure (e.g. 400 for a filter the API rejects, 404).
 *
 * @since 0.1
 */
public class ServiceException extends ConnectorException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status code. */
    private final int statusCode;
    /** The vendor's error code, or null. */
    private final @Nullable String vendorErrorCode;

    /**
     * @param message what failed, with the vendor's explanation when it is safe to show
     * @param statusCode the HTTP status
     * @param vendorErrorCode the vendor's error code, e.g. {@code BadRequest}, may be null
     * @param source the URL involved, may be null
     * @param cause the underlying exception, may be null
     */
    public ServiceException(String message, int statusCode, @Nullable String vendorErrorCode,
                            @Nullable String source, @Nullable Throwable cause) {
        super(message, source, cause);
        this.statusCode = statusCode;
        this.vendorErrorCode = vendorErrorCode;
    }

    /**
     * @return the HTTP status of the vendor's answer
     */
    public int statusCode() {
        return statusCode;
    }

    /**
     * @return the vendor's error code, when it sent one
     */
    public Optional<String> vendorErrorCode() {
        return Optional.ofNullable(vendorErrorCode);
    }
}
