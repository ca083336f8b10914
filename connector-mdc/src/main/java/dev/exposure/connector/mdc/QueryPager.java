package dev.exposure.connector.mdc;

import dev.exposure.connector.DataException;
import dev.exposure.connector.SyncCounters;
import dev.exposure.connector.SyncListener;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Pages one query over every subscription batch. A position is {@code <batch>|<skipToken>}: the
 * batch of at most {@value #BATCH_SIZE} subscriptions (Resource Graph accepts up to 1,000 per
 * request; its throttling guidance recommends groups under 300) and the {@code $skipToken} within it.
 */
final class QueryPager {
    static final int BATCH_SIZE = 100;
    static final int MAX_PAGES = 100_000;

    record Step(List<Map<String, Object>> rows, @Nullable String next) { }

    private final ResourceGraph graph;
    private final Query query;
    private final List<List<String>> batches;
    private final int top;
    private @Nullable String previousPosition;
    private @Nullable List<Object> previousIds;

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

    Step fetch(@Nullable String position, int pageNumber, SyncCounters counters, SyncListener listener, String stream) {
        int batch = 0;
        String skip = null;
        if (position != null) {
            int bar = position.indexOf('|');
            batch = Integer.parseInt(position.substring(0, bar));
            skip = bar + 1 < position.length() ? position.substring(bar + 1) : null;
        }
        String where = "Resource Graph query '" + query.label() + "' page " + pageNumber
                + (batches.size() > 1 ? " (subscription batch " + (batch + 1) + " of " + batches.size() + ")" : "");
        ResourceGraph.RawPage page = graph.query(query.kql(), batches.get(batch), skip, top, where, counters, listener,
                stream);
        checkNotARepeat(position, page.rows(), where);
        String next;
        if (page.skipToken() != null) {
            next = batch + "|" + page.skipToken();
        } else if (batch + 1 < batches.size()) {
            next = (batch + 1) + "|";
        } else {
            next = null;
        }
        return new Step(page.rows(), next);
    }

    /**
     * Fails when a new position serves exactly the rows of the previous page: Resource Graph then
     * skipped a page (its rows would be lost silently) or repeats itself (the run would loop).
     */
    private void checkNotARepeat(@Nullable String position, List<Map<String, Object>> rows, String where) {
        List<Object> ids = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            ids.add(row.get("id"));
        }
        if (!ids.isEmpty() && previousIds != null && !java.util.Objects.equals(position, previousPosition)
                && batchOf(position) == batchOf(previousPosition) && ids.equals(previousIds)) {
            throw new DataException("Resource Graph served the rows of the previous page again for a new $skipToken;"
                    + " stopping instead of losing the rows of this page", where, null);
        }
        previousPosition = position;
        previousIds = ids;
    }

    /** @return the subscription batch a position belongs to (batches hold different subscriptions) */
    private static int batchOf(@Nullable String position) {
        return position == null ? 0 : Integer.parseInt(position.substring(0, position.indexOf('|')));
    }

    /** Reads every row of the query, page by page, into the sink (building an index). */
    void forEach(Consumer<Map<String, Object>> sink, int limit, SyncCounters counters, SyncListener listener,
                 String stream) {
        Set<String> seen = new HashSet<>();
        String position = null;
        int delivered = 0;
        for (int page = 1; ; page++) {
            if (page > MAX_PAGES) {
                throw new DataException("stopped after " + MAX_PAGES + " pages of " + query.label(), stream, null);
            }
            Step step = fetch(position, page, counters, listener, stream);
            for (Map<String, Object> row : step.rows()) {
                if (delivered++ >= limit) {
                    return;
                }
                sink.accept(row);
            }
            if (step.next() == null || delivered >= limit) {
                return;
            }
            if (!seen.add(step.next())) {
                throw new DataException("Resource Graph returned a $skipToken it had already returned; stopping"
                        + " instead of looping", "Resource Graph query '" + query.label() + "' page " + page, null);
            }
            position = step.next();
        }
    }
}
