package dev.exposure.connector;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of a paged API as {@link PagedRecordStream} consumes it: items read lazily (typically
 * parsed one by one from the open response body), then the token of the next page, which is known
 * only once the items are exhausted (a JSON next link may follow the items).
 *
 * @param <T> the item type
 * @since 0.1
 */
public interface Page<T> extends AutoCloseable {

    /** @return the items, read lazily; called once */
    Iterator<T> items();

    /**
     * The token of the next page. Called only after {@link #items()} is exhausted.
     *
     * @return the token, or empty on the last page
     */
    Optional<String> nextToken();

    /** Releases the response behind this page. Idempotent. */
    @Override
    default void close() {}

    /**
     * A page whose items are already in memory (small pages, tests).
     *
     * @param items the items
     * @param nextToken the next page's token, or null on the last page
     * @param <T> the item type
     * @return the page
     */
    static <T> Page<T> of(List<T> items, @Nullable String nextToken) {
        List<T> copy = List.copyOf(items);
        return new Page<>() {
            @Override
            public Iterator<T> items() {
                return copy.iterator();
            }

            @Override
            public Optional<String> nextToken() {
                return Optional.ofNullable(nextToken);
            }
        };
    }
}
