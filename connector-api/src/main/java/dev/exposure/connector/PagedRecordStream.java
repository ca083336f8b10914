package dev.exposure.connector;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one paging state machine of the SDK (in the manner of Guava's {@code AbstractIterator}):
 * vendor code supplies only {@link #fetchPage(Object, int)}, "fetch the page after this typed
 * state", and this class does the rest.
 *
 * <ul>
 *   <li>Lazy: nothing is fetched before the first {@link #hasNext()}. The first
 *       {@link #fetchPage(Object, int) fetchPage(null, 1)} is the place for requests that decide how
 *       to page (how many devices, which export, which assets to sample): creating a stream sends
 *       nothing, and a failure there fails the stream like any failed page.</li>
 *   <li>Streams: it holds one open page and reads its items one by one.</li>
 *   <li>Typed state: a page names the state of the next page as a value of the vendor's own type
 *       {@code S} (a small immutable record: next link, skip, part index, resume position), never a
 *       string to parse back.</li>
 *   <li>One loop guard for every vendor: the stream fails with a {@link DataException} naming its
 *       description, the page number and the state (e.g. the URL) when
 *       <ul>
 *         <li>a page names a next state it named before (a looping next link or skip token);</li>
 *         <li>a page delivers the same items as an earlier page (same {@link Page.Content#fingerprint()}),
 *             i.e. the API served a page twice under a new state;</li>
 *         <li>{@code maxEmptyPages} pages in a row say they hold no rows ({@link Page.Content#rows()})
 *             yet name a next state (off by default; a page that does not tell its content is not
 *             counted, since the skeleton cannot tell a page without rows from one whose rows the
 *             vendor left out);</li>
 *         <li>it would fetch more than {@code maxPages} pages.</li>
 *       </ul>
 *       Memory: one state and one 64-bit fingerprint per page read, bounded by {@code maxPages}.</li>
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
 * <p>API change in 0.1.0 (before its release): the page state is typed ({@code PagedRecordStream<T, S>},
 * {@link Page Page&lt;T, S&gt;}, {@link Page#next()}); earlier snapshots passed string tokens
 * ({@code fetchPage(String, int)}, {@code Page.nextToken()}) that vendor code parsed back. To port
 * such a subclass, make its token a record (or any value type with {@code equals}) and return it
 * from {@link Page#next()}; the vendor's own loop checks go, the skeleton's guard covers them.
 *
 * @param <T> the record type
 * @param <S> the vendor's page state: a small immutable value with {@code equals} and
 *     {@code hashCode} (the loop guard compares states) and a {@code toString} that names the page
 *     and holds no secret (it appears in the guard's errors)
 * @since 0.1
 */
public abstract class PagedRecordStream<T, S> implements RecordStream<T> {
    /** The default bound on pages per stream. */
    public static final int DEFAULT_MAX_PAGES = 1_000_000;
    /** The default bound on consecutive empty pages that name a next state: none. */
    public static final int UNBOUNDED_EMPTY_PAGES = Integer.MAX_VALUE;

    private static final Logger LOG = LoggerFactory.getLogger(PagedRecordStream.class);

    private enum State { READY_TO_FETCH, IN_PAGE, DONE, FAILED }

    private final String description;
    private final SyncCounters counters;
    private final SyncListener listener;
    private final int maxPages;
    private final int maxEmptyPages;
    private final Set<S> seenStates = new HashSet<>();
    /** Fingerprint of each page that delivered items, to the number of that page. */
    private final Map<Long, Integer> seenPages = new HashMap<>();

    private State state = State.READY_TO_FETCH;
    private @Nullable S nextState;
    private @Nullable Page<T, S> page;
    private long itemsOnPage;
    private int emptyStreak;
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
        this(description, counters, listener, maxPages, UNBOUNDED_EMPTY_PAGES);
    }

    /**
     * @param description names the stream in messages, e.g. {@code mde-v2 findings}
     * @param counters the counters this stream reports through {@link #stats()}
     * @param listener progress listener
     * @param maxPages the most pages this stream may fetch before it fails as a runaway
     * @param maxEmptyPages the most pages in a row that tell they hold no rows and still name a next state;
     *     {@link #UNBOUNDED_EMPTY_PAGES} when empty pages are normal (e.g. one page per batch of
     *     subscriptions, some without resources)
     */
    protected PagedRecordStream(String description, SyncCounters counters, SyncListener listener, int maxPages,
                                int maxEmptyPages) {
        this.description = Objects.requireNonNull(description, "description must not be null");
        this.counters = Objects.requireNonNull(counters, "counters must not be null");
        this.listener = Objects.requireNonNull(listener, "listener must not be null");
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be at least 1, was " + maxPages);
        }
        if (maxEmptyPages < 1) {
            throw new IllegalArgumentException("maxEmptyPages must be at least 1, was " + maxEmptyPages);
        }
        this.maxPages = maxPages;
        this.maxEmptyPages = maxEmptyPages;
    }

    /**
     * Fetches the page after a state. Called lazily, once per state, never concurrently.
     *
     * @param state the state the previous page named ({@link Page#next()}), or null for the first page
     * @param pageNumber the 1-based number of the page
     * @return the page; its items may be read lazily from an open response
     * @throws ConnectorException typed by cause
     */
    protected abstract Page<T, S> fetchPage(@Nullable S state, int pageNumber);

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
            itemsOnPage++;
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
            throw new DataException("stopped after " + maxPages + " pages: the API kept returning next-page links"
                    + " (next: " + shown(nextState) + ")", description + " page " + (pageNumber + 1), null);
        }
        pageNumber++;
        itemsOnPage = 0;
        page = fetchPage(nextState, pageNumber);
        items = Objects.requireNonNull(page.items(), "fetchPage returned a page without items");
        state = State.IN_PAGE;
    }

    /** Finishes the open page; returns false at the end of the stream. */
    private boolean advance() {
        Page<T, S> finished = Objects.requireNonNull(page);
        Optional<S> next = finished.next();
        Optional<Page.Content> content = finished.content();
        closePage();
        guard(next, content);
        counters.page();
        listener.onPage(description, pageNumber, counters.records());
        if (next.isEmpty()) {
            checkpoint = completionCheckpoint().orElse(null);
            state = State.DONE;
            LOG.debug("{} complete after {} pages", description, pageNumber);
            return false;
        }
        nextState = next.get();
        state = State.READY_TO_FETCH;
        return true;
    }

    /** The loop guard: a repeated page, a run of empty pages, a repeated next state. */
    private void guard(Optional<S> next, Optional<Page.Content> content) {
        String where = description + " page " + pageNumber;
        if (content.isPresent() && itemsOnPage > 0) {
            Integer earlier = seenPages.putIfAbsent(content.get().fingerprint(), pageNumber);
            if (earlier != null) {
                throw new DataException("the API served the same page again: page " + pageNumber + " (" + shown(nextState)
                        + ") holds the same records in the same order as page " + earlier + "; stopping instead of"
                        + " looping (records so far were delivered, no checkpoint is given)", where, null);
            }
        }
        boolean empty = content.isPresent() && content.get().rows() == 0;
        emptyStreak = empty && next.isPresent() ? emptyStreak + 1 : 0;
        if (emptyStreak >= maxEmptyPages) {
            throw new DataException("the API returned " + emptyStreak + " empty pages in a row, each with a next"
                    + " link; stopping instead of paging on (last: " + shown(nextState) + ")", where, null);
        }
        if (next.isPresent() && !seenStates.add(next.get())) {
            throw new DataException("the API returned a next-page link it had already returned (" + shown(next.get())
                    + "); stopping instead of looping (records so far were delivered, no checkpoint is given)",
                    where, null);
        }
    }

    private static String shown(@Nullable Object pageState) {
        return pageState == null ? "first page" : SafeText.of(pageState, 1_000);
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
        Page<T, S> p = page;
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
