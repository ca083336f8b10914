package dev.exposure.connector.azure.json;

import java.io.InputStream;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An open HTTP response as the row readers of this package read it: status, the URL safe to show
 * (signed links without their signature) and the decoded body. Closing it releases the connection.
 */
public interface ResponseBody extends AutoCloseable {

    /** @return the HTTP status */
    int status();

    /** @return the URL safe to show in messages */
    String url();

    /**
     * @return the body, decoded (content encoding removed); opened on the first call
     * @throws java.io.UncheckedIOException when the body cannot be opened (e.g. a broken gzip header)
     */
    InputStream stream();

    /** Releases the response. Idempotent. */
    @Override
    void close();

    /**
     * Adapts a transport's own response type.
     *
     * @param status the HTTP status
     * @param url the URL safe to show
     * @param stream opens the decoded body
     * @param close releases the response
     * @return the body
     */
    static ResponseBody of(int status, String url, Supplier<InputStream> stream, Runnable close) {
        Objects.requireNonNull(url, "url must not be null");
        Objects.requireNonNull(stream, "stream must not be null");
        Objects.requireNonNull(close, "close must not be null");
        return new ResponseBody() {
            @Override
            public int status() {
                return status;
            }

            @Override
            public String url() {
                return url;
            }

            @Override
            public InputStream stream() {
                return stream.get();
            }

            @Override
            public void close() {
                close.run();
            }
        };
    }
}
