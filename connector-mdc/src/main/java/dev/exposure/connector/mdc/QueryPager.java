package dev.exposure.connector.mdc;

import dev.exposure.connector.Page;
import dev.exposure.connector.PagedRecordStream;
import dev.exposure.connector.SyncCounters;
import dev.exposure.connector.SyncListener;
import dev.exposure.connector.azure.json.RowPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Pages one query over every subscription batch: the page after a {@link Position} (the batch of
 * at most {@value #BATCH_SIZE} subscriptions, Resource Graph accepts up to 1,000 per request and
 * its throttling guidance recommends groups under 300, and the {@code $skipToken} within it). Loops
 * and repeated pages are refused by the loop guard of {@link PagedRecordStream}.
 */
final class QueryPager {
    static final int BATCH_SIZE = 100;
    static final int MAX_PAGES = 100_000;

    /**
     * Where a page of the query starts.
     *
     * @param batch the subscription batch
     * @param skipToken the {@code $skipToken} within it, null for the batch's first page
     */
    record Position(int batch, @Nullable String skipToken) { }

    /**
     * @param batch the subscription batch the page belongs to
     * @param rows the page's rows, as the SDK parsed them
     * @param next where the next page starts, null after the last page of the last batch
     */
    record Step(int batch, List<Map<String, Object>> rows, @Nullable Position next) {

        /**
         * The page's rows (or the first of them) mapped lazily. The page tells the loop guard its
         * rows and a fingerprint of the delivered items' ids within the batch (batches hold
         * different subscriptions, so only a page of the same batch can repeat another).
         */
        <T, S> Page<T, S> page(List<Map<String, Object>> rows, Function<Map<String, Object>, @Nullable T> mapper,
                               Function<T, String> identity, @Nullable S next) {
            return new RowPage<>(rows.iterator(), () -> { }, mapper, item -> batch + "|" + identity.apply(item),
                    () -> Optional.ofNullable(next));
        }
    }

    private final ResourceGraph graph;
    private final Query query;
    private final List<List<String>> batches;
    private final int top;

    QueryPager(ResourceGraph graph, Query query, List<String> subscriptions, int top) {
        this.graph = graph;
        this.query = query;
        this.top = top;
        List<List<String>> b = new ArrayList<>();
        for (int i = 0; i < subscriptions.size(); i += BATCH_SIZE) {
            b.add(List.copyOf(subscriptions.subList(i, Math.min(subscriptions.size(), i + BATCH_SIZE))));
        }
        this.batches = List.copyOf(b);
    }

    Step fetch(@Nullable Position position, int pageNumber, SyncCounters counters, SyncListener listener,
               String stream) {
        int batch = position == null ? 0 : position.batch();
        String where = "Resource Graph query '" + query.label() + "' page " + pageNumber
                + (batches.size() > 1 ? " (subscription batch " + (batch + 1) + " of " + batches.size() + ")" : "");
        ResourceGraph.RawPage page = graph.query(query.kql(), batches.get(batch),
                position == null ? null : position.skipToken(), top, where, counters, listener, stream);
        Position next;
        if (page.skipToken() != null) {
            next = new Position(batch, page.skipToken());
        } else if (batch + 1 < batches.size()) {
            next = new Position(batch + 1, null);
        } else {
            next = null;
        }
        return new Step(batch, page.rows(), next);
    }

    /**
     * Reads the query's rows, page by page, into the sink (building an index), through the SDK's
     * paging skeleton and its loop guard. Requests count in the given counters; the pass's own
     * pages and rows do not.
     *
     * @param limit the most rows read
     */
    void forEach(Consumer<Map<String, Object>> sink, int limit, SyncCounters counters, SyncListener listener,
                 String stream) {
        try (PagedRecordStream<Map<String, Object>, Position> rows = new PagedRecordStream<>(stream + " "
                + query.label(), new SyncCounters(), SyncListener.NONE, MAX_PAGES) {
            @Override
            protected Page<Map<String, Object>, Position> fetchPage(@Nullable Position position, int pageNumber) {
                Step step = fetch(position, pageNumber, counters, listener, stream);
                return step.page(step.rows(), row -> row, row -> String.valueOf(Rows.get(row, "id")), step.next());
            }
        }) {
            for (int delivered = 0; delivered < limit && rows.hasNext(); delivered++) {
                sink.accept(rows.next());
            }
        }
    }
}
