package dev.exposure.connector.azure.json;

import dev.exposure.connector.Page;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A page of items mapped lazily, one by one, from a row iterator (an open response read by a
 * {@link ResumableRows}, or rows an SDK already parsed). Rows the mapper returns null for are left
 * out (and still count as rows of the page). Tells the loop guard of
 * {@link dev.exposure.connector.PagedRecordStream} its {@link Page.Content}: the rows read and a
 * 64-bit FNV-1a fingerprint of the delivered items' identities in order, so a page the API serves
 * twice under a new next link is refused. Memory: the fingerprint and two counters.
 *
 * @param <T> the item type, e.g. {@code SourceRecord}
 * @param <S> the vendor's page state
 */
public final class RowPage<T, S> implements Page<T, S> {
    private final Iterator<Map<String, Object>> rows;
    private final AutoCloseable resource;
    private final Function<Map<String, Object>, @Nullable T> mapper;
    private final Function<T, String> identity;
    private final Supplier<Optional<S>> next;
    private long fingerprint = 0xcbf29ce484222325L;
    private long count;
    private long read;

    /**
     * @param rows the rows, read lazily
     * @param resource what to close with the page (the open response), e.g. the rows' reader
     * @param mapper turns a row into an item, or null to leave it out; may throw a typed error
     * @param identity an item's identity (e.g. {@code SourceRecord::sourceId}) for the fingerprint
     * @param next the next page's state, asked once the rows are exhausted (may count notices or
     *     fail)
     */
    public RowPage(Iterator<Map<String, Object>> rows, AutoCloseable resource,
                   Function<Map<String, Object>, @Nullable T> mapper, Function<T, String> identity,
                   Supplier<Optional<S>> next) {
        this.rows = Objects.requireNonNull(rows, "rows must not be null");
        this.resource = Objects.requireNonNull(resource, "resource must not be null");
        this.mapper = Objects.requireNonNull(mapper, "mapper must not be null");
        this.identity = Objects.requireNonNull(identity, "identity must not be null");
        this.next = Objects.requireNonNull(next, "next must not be null");
    }

    @Override
    public Iterator<T> items() {
        return new Iterator<>() {
            private @Nullable T pending;

            @Override
            public boolean hasNext() {
                while (pending == null && rows.hasNext()) {
                    Map<String, Object> row = rows.next();
                    read++;
                    pending = mapper.apply(row);
                }
                return pending != null;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                T r = Objects.requireNonNull(pending);
                pending = null;
                count++;
                String id = identity.apply(r);
                for (int i = 0; i < id.length(); i++) {
                    fingerprint ^= id.charAt(i);
                    fingerprint *= 0x100000001b3L;
                }
                fingerprint ^= '|';
                fingerprint *= 0x100000001b3L;
                return r;
            }
        };
    }

    @Override
    public Optional<S> next() {
        return next.get();
    }

    /** @return the rows read, and the fingerprint of the delivered identities in order with their count mixed in */
    @Override
    public Optional<Content> content() {
        return Optional.of(new Content(read, fingerprint ^ (count * 0x9E3779B97F4A7C15L)));
    }

    @Override
    public void close() {
        try {
            resource.close();
        } catch (Exception ignored) {
            // closing an open body cannot fail in a way the caller can act on
        }
    }
}
