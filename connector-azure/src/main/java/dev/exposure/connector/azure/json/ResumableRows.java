package dev.exposure.connector.azure.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.exposure.connector.ConnectorInterruptedException;
import dev.exposure.connector.DataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The one row reader of the Azure connectors: rows parsed one at a time with Jackson's streaming
 * parser from an open response, whatever the document shape. Subclasses say how a body is opened
 * (and how the rows already delivered are skipped when it is opened again), how the next row is
 * read, and what happens when the body breaks off; this class holds the iteration, the count of
 * delivered rows, the malformed-JSON and interrupt handling, and the closing of parser and body.
 *
 * <p>Resume: when a body breaks off (reset, stall) the parser and body are closed, the subclass
 * decides in {@link #broken(Exception)} whether to go on, and the next {@link #hasNext()} opens the
 * body again; {@link #open()} then skips the {@link #delivered()} rows, so no row is delivered twice
 * and none is lost (a body with fewer rows than were delivered must fail).
 *
 * <p>Used for OData JSON pages ({@link ODataReader}) and vendor documents such as gzip JSON-lines
 * export files. Not thread-safe.
 */
public abstract class ResumableRows implements Iterator<Map<String, Object>>, AutoCloseable {
    private final String source;
    private @Nullable ResponseBody body;
    private @Nullable JsonParser parser;
    private @Nullable Map<String, Object> pending;
    private boolean finished;
    private long delivered;

    /** @param source names what is read in errors, e.g. {@code mde-v2 findings page 3} */
    protected ResumableRows(String source) {
        this.source = source;
    }

    /**
     * Opens the body (again after a break): calls {@link #attach} and {@link #parse}, then skips the
     * {@link #delivered()} rows; or calls {@link #finish()} when there is nothing to read.
     *
     * @throws IOException when the body breaks off while it is opened
     */
    protected abstract void open() throws IOException;

    /**
     * @param p the parser
     * @return the next row, or null at the regular end of the document
     * @throws IOException when the body breaks off
     */
    protected abstract @Nullable Map<String, Object> readRow(JsonParser p) throws IOException;

    /**
     * @param e the parser's error
     * @return the error for malformed or truncated JSON, naming the URL and position
     */
    protected abstract DataException malformed(JsonProcessingException e);

    /**
     * The body broke off (reset, stall); parser and body are already closed. Throws to give up;
     * returns to have the body opened again.
     *
     * @param e what broke it off
     */
    protected abstract void broken(Exception e);

    /** @return what is read, as given at construction */
    protected final String source() {
        return source;
    }

    /** @return the rows delivered so far (the rows to skip when the body is opened again) */
    protected final long delivered() {
        return delivered;
    }

    /** Forgets the delivered rows: the next opening delivers the document from its start. */
    protected final void restart() {
        delivered = 0;
    }

    /**
     * Holds the open response so it is closed with the parser.
     *
     * @param b the response
     */
    protected final void attach(ResponseBody b) {
        body = b;
    }

    /**
     * Holds the parser rows are read from.
     *
     * @param p the parser
     */
    protected final void parse(JsonParser p) {
        parser = p;
    }

    /** Ends the rows without reading (e.g. an empty answer) and closes the body. */
    protected final void finish() {
        finished = true;
        closeBody();
    }

    @Override
    public final boolean hasNext() {
        if (pending != null) {
            return true;
        }
        if (finished) {
            return false;
        }
        while (true) {
            try {
                if (parser == null) {
                    open();
                    if (finished) {
                        return false;
                    }
                }
                pending = readRow(Objects.requireNonNull(parser));
                if (pending == null) {
                    finish();
                    return false;
                }
                return true;
            } catch (JsonProcessingException e) {
                closeBody();
                throw malformed(e);
            } catch (IOException | UncheckedIOException e) {
                closeBody();
                if (Thread.currentThread().isInterrupted()) {
                    throw new ConnectorInterruptedException(source + " was interrupted", e);
                }
                broken(e);
            }
        }
    }

    @Override
    public final Map<String, Object> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Map<String, Object> row = Objects.requireNonNull(pending);
        pending = null;
        delivered++;
        return row;
    }

    /** Closes the parser and the body; the next {@link #hasNext()} opens the body again. */
    protected final void closeBody() {
        JsonParser p = parser;
        parser = null;
        if (p != null) {
            try {
                p.close();
            } catch (IOException | RuntimeException ignored) {
                // the body is closed below
            }
        }
        ResponseBody b = body;
        body = null;
        if (b != null) {
            b.close();
        }
    }

    @Override
    public final void close() {
        closeBody();
    }
}
