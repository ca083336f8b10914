package dev.exposure.connector;

import org.jspecify.annotations.Nullable;

/**
 * The vendor sent data the connector cannot read (malformed or truncated JSON, a wrong shape, a
 * looping or foreign next-page link, an absurd size), or a record cannot be transformed. The
 * message names the URL, page or record.
 *
 * @since 0.1
 */
public class DataException extends ConnectorException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong
     * @param source the URL, page or record involved, may be null
     * @param cause the underlying exception, may be null
     */
    public DataException(String message, @Nullable String source, @Nullable Throwable cause) {
        super(message, source, cause);
    }

    /**
     * @param message what is wrong
     */
    public DataException(String message) {
        super(message);
    }
}
