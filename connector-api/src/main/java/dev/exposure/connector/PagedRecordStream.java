package dev.exposure.connector;

import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one paging state machine of the SDK (in the manner of Guava's {@code AbstractIterator}):
 * vendor code supplies only {@link #fetchPage(String, int)}, "fetch the page after token T", and
 * this class does the rest.
 *
 * <ul>
 *   <li>Lazy: the first page is fetched on the first {@link #hasNext()}.</li>
 *   <li>Streams: it holds one open page and reads its items one by one.</li>
 *   <li>Bounded: a next-page token seen before fails the stream instead of looping, and so does a
 *       page count beyond the configured maximum.</li>
 *   <li>After a failure it stays failed and rethrows the same {@link ConnectorException}; any other
 *       runtime exception from vendor code is wrapped in a {@link DataException} naming the
 *       page.</li>
 *   <li>An interrupt of the consuming thread, seen before each item, stops it with
 *       {@link ConnectorInterruptedException}; the interrupt flag stays set.</li>
 *   <li>{@link #checkpoint()} is the subclass's {@link #completionCheckpoint()}, handed out only
 *       once the last page was read to its end without error.</li>
 * </ul>
 *
 * <p>Not thread-safe, like every {@link RecordStream}.
 *
 * @param <T> the record type
 * @since 0.1
 */
public abstract class PagedRecordStream<T> implements RecordStream<T> {
    /** The default bound on pages per stream. */
    public static final int DEFAULT_MAX_PAGES = 1_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(PagedRecordStream.class);

    private enum State { READY_TO_FETCH, IN_PAGE, DONE, FAILED }

    private final String description;
    private final SyncCounters counters;
    private final SyncListener listener;
    private final int maxPages;
    private final Set<String> seenTokens = new HashSet<>();

    private State state = State.READY_TO_FETCH;
    private @Nullable String nextToken;
    private @Nullable Page<T> page;
    private @Nullable Iterator<T> items;
    private boolean itemReady;
    private int pageNumber;
    private boolean closed;
    private @Nullable ConnectorException failure;
    private @Nullable Checkpoint checkpoint;

    /**
     * @param description names the stream in messages, e.g. {@code mde-v2 findings}
     * @param counters the counters this stream reports through {@link #stats()}
     * @param listener progress listener
     */
    protected PagedRecordStream(String description, SyncCounters counters, SyncListener listener) {
        this(description, counters, listener, DEFAULT_MAX_PAGES);
    }

    /**
     * @param description names the stream in messages, e.g. {@code mde-v2 findings}
     * @param counters the counters this stream reports through {@link #stats()}
     * @param listener progress listener
     * @param maxPages the most pages this stream may fetch before it fails as a runaway
     */
    protected PagedRecordStream(String description, SyncCounters counters, SyncListener listener, int maxPages) {
        this.description = Objects.requireNonNull(description, "description must not be null");
        this.counters = Objects.requireNonNull(counters, "counters must not be null");
        this.listener = Objects.requireNonNull(listener, "listener must not be null");
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be at least 1, was " + maxPages);
        }
        this.maxPages = maxPages;
    }

    /**
     * Fetches one page. Called lazily, once per token, never concurrently.
     *
     * @param token the next-page token the previous page returned, or null for the first page
     * @param pageNumber the 1-based number of the page
     * @return the page; its items may be read lazily from an open response
     * @throws ConnectorException typed by cause
     */
    protected abstract Page<T> fetchPage(@Nullable String token, int pageNumber);

    /**
     * The checkpoint to hand out after full consumption. Fix its value before the run starts (a
     * signpost), not from what the run saw.
     *
     * @return the checkpoint, empty by default
     */
    protected Optional<Checkpoint> completionCheckpoint() {
        return Optional.empty();
    }

    /** Releases subclass resources. Called once, from the first {@link #close()}. */
    protected void onClose() { }

    /** @return the counters behind {@link #stats()}, for the subclass's transport */
    protected final SyncCounters counters() {
        return counters;
    }

    /** @return the listener, for the subclass's transport */
    protected final SyncListener listener() {
        return listener;
    }

    /** @return the description given at construction */
    protected final String description() {
        return description;
    }

    @Override
    public final boolean hasNext() {
        if (state == State.FAILED) {
            throw Objects.requireNonNull(failure);
        }
        if (closed || state == State.DONE) {
            return false;
        }
        if (itemReady) {
            return true;
        }
        try {
            checkInterrupt();
            while (true) {
                if (state == State.READY_TO_FETCH) {
                    openPage();
                }
                Iterator<T> it = Objects.requireNonNull(items);
                if (it.hasNext()) {
                    itemReady = true;
                    return true;
                }
                if (!advance()) {
                    return false;
                }
                checkInterrupt();
            }
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    @Override
    public final T next() {
        if (!hasNext()) {
            throw new NoSuchElementException(description + " has no more records");
        }
        itemReady = false;
        try {
            T item = Objects.requireNonNull(items).next();
            counters.record();
            return item;
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    @Override
    public final Optional<Checkpoint> checkpoint() {
        return state == State.DONE ? Optional.ofNullable(checkpoint) : Optional.empty();
    }

    @Override
    public final SyncStats stats() {
        return counters.snapshot();
    }

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        closePage();
        if (state != State.DONE && state != State.FAILED && pageNumber > 0) {
            LOG.debug("{} closed after {} pages before its end; no checkpoint", description, pageNumber);
        }
        onClose();
    }

    private void openPage() {
        if (pageNumber >= maxPages) {
            throw new DataException("stopped after " + maxPages + " pages: the API kept returning next-page links",
                    description + " page " + (pageNumber + 1), null);
        }
        pageNumber++;
        page = fetchPage(nextToken, pageNumber);
        items = Objects.requireNonNull(page.items(), "fetchPage returned a page without items");
        state = State.IN_PAGE;
    }

    /** Finishes the open page; returns false at the end of the stream. */
    private boolean advance() {
        Page<T> finished = Objects.requireNonNull(page);
        Optional<String> token = finished.nextToken();
        closePage();
        counters.page();
        listener.onPage(description, pageNumber, counters.records());
        if (token.isEmpty()) {
            checkpoint = completionCheckpoint().orElse(null);
            state = State.DONE;
            LOG.debug("{} complete after {} pages", description, pageNumber);
            return false;
        }
        String t = token.get();
        if (!seenTokens.add(t)) {
            throw new DataException("the API returned a next-page link it had already returned; stopping instead"
                    + " of looping (records so far were delivered, no checkpoint is given)",
                    description + " page " + pageNumber, null);
        }
        nextToken = t;
        state = State.READY_TO_FETCH;
        return true;
    }

    private void checkInterrupt() {
        if (Thread.currentThread().isInterrupted()) {
            throw new ConnectorInterruptedException(description + " was interrupted on page " + pageNumber, null);
        }
    }

    private ConnectorException fail(RuntimeException e) {
        ConnectorException f;
        if (e instanceof ConnectorException ce) {
            f = ce;
        } else if (Interrupts.causedByInterrupt(e)) {
            f = new ConnectorInterruptedException(description + " was interrupted on page " + pageNumber, e);
        } else {
            f = new DataException("unexpected " + e.getClass().getSimpleName() + " while reading records",
                    description + " page " + pageNumber, e);
        }
        if (f instanceof ConnectorInterruptedException) {
            Thread.currentThread().interrupt();
        }
        failure = f;
        state = State.FAILED;
        itemReady = false;
        closePage();
        return f;
    }

    private void closePage() {
        Page<T> p = page;
        page = null;
        items = null;
        if (p != null) {
            try {
                p.close();
            } catch (RuntimeException e) {
                LOG.debug("{}: closing page {} failed: {}", description, pageNumber, e.toString());
            }
        }
    }
}
