package dev.exposure.connector;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of a paged API as {@link PagedRecordStream} consumes it: items read lazily (typically
 * parsed one by one from the open response body), then the typed state of the next page, which is
 * known only once the items are exhausted (a JSON next link may follow the items).
 *
 * @param <T> the item type
 * @param <S> the vendor's page state: a small immutable value (a record) with {@code equals},
 *     {@code hashCode} and a {@code toString} that names the page (e.g. its URL) and holds no secret
 * @since 0.1
 */
public interface Page<T, S> extends AutoCloseable {

    /** @return the items, read lazily; called once */
    Iterator<T> items();

    /**
     * The state of the next page. Called only after {@link #items()} is exhausted.
     *
     * @return the state, or empty on the last page
     */
    Optional<S> next();

    /**
     * What the loop guard of {@link PagedRecordStream} learns from the page's content. Called only
     * after {@link #items()} is exhausted.
     *
     * @return the content, or empty (the default) when the page does not tell; the guard then
     *     neither compares the page with earlier ones nor counts it as empty
     */
    default Optional<Content> content() {
        return Optional.empty();
    }

    /** Releases the response behind this page. Idempotent. */
    @Override
    default void close() {}

    /**
     * A page whose items are already in memory (small pages, tests).
     *
     * @param items the items
     * @param next the next page's state, or null on the last page
     * @param <T> the item type
     * @param <S> the page state type
     * @return the page
     */
    static <T, S> Page<T, S> of(List<T> items, @Nullable S next) {
        List<T> copy = List.copyOf(items);
        return new Page<>() {
            @Override
            public Iterator<T> items() {
                return copy.iterator();
            }

            @Override
            public Optional<S> next() {
                return Optional.ofNullable(next);
            }
        };
    }

    /**
     * A page's content as the loop guard sees it.
     *
     * @param rows the rows the API sent on the page, including rows the vendor code left out (a
     *     page of filtered-out rows is not empty)
     * @param fingerprint a 64-bit fingerprint of the identities of the page's items in order
     *     (compared only for pages that delivered items): two pages with equal fingerprints are the
     *     same page served twice
     */
    record Content(long rows, long fingerprint) { }
}
