package dev.exposure.connector.mde;

import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.ConnectorException;
import dev.exposure.connector.ConnectorInterruptedException;
import dev.exposure.connector.DataException;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncCounters;
import dev.exposure.connector.SyncStats;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A stream whose real stream is chosen on the first {@link #hasNext()}, for decisions that need a
 * request (how many devices, which assets to sample), so that creating a stream still sends
 * nothing. A failure while choosing fails the stream for good, like every stream.
 */
final class LazyStream implements RecordStream<SourceRecord> {
    private final Supplier<RecordStream<SourceRecord>> factory;
    private final SyncCounters counters;
    private final String description;
    private @Nullable RecordStream<SourceRecord> inner;
    private @Nullable ConnectorException failure;
    private boolean closed;

    LazyStream(Supplier<RecordStream<SourceRecord>> factory, SyncCounters counters, String description) {
        this.factory = factory;
        this.counters = counters;
        this.description = description;
    }

    private RecordStream<SourceRecord> inner() {
        if (failure != null) {
            throw failure;
        }
        if (inner == null) {
            try {
                if (Thread.currentThread().isInterrupted()) {
                    throw new ConnectorInterruptedException(description + " was interrupted", null);
                }
                inner = factory.get();
            } catch (ConnectorException e) {
                if (e instanceof ConnectorInterruptedException) {
                    Thread.currentThread().interrupt();
                }
                failure = e;
                throw e;
            } catch (RuntimeException e) {
                failure = new DataException("unexpected " + e.getClass().getSimpleName() + " while preparing",
                        description, e);
                throw failure;
            }
        }
        return inner;
    }

    @Override
    public boolean hasNext() {
        if (closed) {
            return false;
        }
        return inner().hasNext();
    }

    @Override
    public SourceRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException(description + " has no more records");
        }
        return inner().next();
    }

    @Override
    public Optional<Checkpoint> checkpoint() {
        return inner == null || failure != null ? Optional.empty() : inner.checkpoint();
    }

    @Override
    public SyncStats stats() {
        return counters.snapshot();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (inner != null) {
            inner.close();
        }
    }

    /** A stream with no records that sends nothing. */
    static RecordStream<SourceRecord> empty() {
        return new RecordStream<>() {
            @Override
            public boolean hasNext() {
                return false;
            }

            @Override
            public SourceRecord next() {
                throw new NoSuchElementException("no records");
            }

            @Override
            public Optional<Checkpoint> checkpoint() {
                return Optional.empty();
            }

            @Override
            public SyncStats stats() {
                return SyncStats.empty();
            }

            @Override
            public void close() { }
        };
    }
}
