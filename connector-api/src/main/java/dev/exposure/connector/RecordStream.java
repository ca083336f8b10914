package dev.exposure.connector;

import java.util.Iterator;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A lazy, single-pass, closeable stream of records fetched page by page.
 *
 * <ul>
 *   <li>No request is sent before the first {@link #hasNext()}.</li>
 *   <li>Errors surface from {@code hasNext()}/{@code next()} as {@link ConnectorException}s; after
 *       one, the stream stays failed and throws the same error again.</li>
 *   <li>Interrupting the consuming thread stops the stream promptly with
 *       {@link ConnectorInterruptedException}.</li>
 *   <li>{@link #checkpoint()} is present only after the stream was consumed to its end without
 *       error; a failed, interrupted or abandoned stream never yields one.</li>
 *   <li>Delivery is at least once: a record may come twice (vendor duplicates, retried pages);
 *       de-duplicate by id downstream (connector-transform does).</li>
 * </ul>
 *
 * <p>Not thread-safe: one consumer thread at a time. {@link #stats()} may be read from any thread.
 *
 * @param <T> the record type
 * @since 0.1
 */
public interface RecordStream<T> extends Iterator<T>, AutoCloseable {

    /**
     * The checkpoint to pass to the next {@link SyncRequest.Mode#DELTA} run.
     *
     * @return the checkpoint, present only after full consumption without error
     */
    Optional<Checkpoint> checkpoint();

    /** @return a snapshot of the counters so far (pages, records, retries, time throttled) */
    SyncStats stats();

    /**
     * A sequential {@link Stream} over the remaining records; closing it closes this stream.
     *
     * @return the stream
     */
    default Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this,
                        Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(this::close);
    }

    /** Releases the open response, if any. Idempotent; declares no checked exception. */
    @Override
    void close();
}
