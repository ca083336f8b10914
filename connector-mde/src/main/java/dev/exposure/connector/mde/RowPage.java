package dev.exposure.connector.mde;

import dev.exposure.connector.Page;
import dev.exposure.connector.SourceRecord;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A page of records mapped lazily from a row iterator (one open response). Rows the mapper
 * returns null for are skipped. Keeps a 64-bit fingerprint of the delivered ids so the stream can
 * tell a page the API served twice under a different link.
 */
final class RowPage implements Page<SourceRecord> {
    private final Iterator<Map<String, Object>> rows;
    private final AutoCloseable resource;
    private final Function<Map<String, Object>, @Nullable SourceRecord> mapper;
    private final Supplier<Optional<String>> next;
    private long fingerprint = 0xcbf29ce484222325L;
    private long count;

    RowPage(Iterator<Map<String, Object>> rows, AutoCloseable resource,
            Function<Map<String, Object>, @Nullable SourceRecord> mapper, Supplier<Optional<String>> next) {
        this.rows = rows;
        this.resource = resource;
        this.mapper = mapper;
        this.next = next;
    }

    /** @return the fingerprint of the delivered ids in order, with the count mixed in */
    long fingerprint() {
        return fingerprint ^ (count * 0x9E3779B97F4A7C15L);
    }

    long delivered() {
        return count;
    }

    @Override
    public Iterator<SourceRecord> items() {
        return new Iterator<>() {
            private @Nullable SourceRecord pending;

            @Override
            public boolean hasNext() {
                while (pending == null && rows.hasNext()) {
                    pending = mapper.apply(rows.next());
                }
                return pending != null;
            }

            @Override
            public SourceRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                SourceRecord r = pending;
                pending = null;
                count++;
                String id = r.sourceId();
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
    public Optional<String> nextToken() {
        return next.get();
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
