package dev.exposure.connector.it;

import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.ConnectorException;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of consuming one record stream to its end or to its first error: the source ids
 * delivered (in order, duplicates kept), the checkpoint, the stats and the error.
 *
 * @param ids source ids delivered, in order
 * @param checkpoint the stream's checkpoint after the run
 * @param stats the stream's stats after the run
 * @param error the error that ended the run, if any
 */
record Run(List<String> ids, Optional<Checkpoint> checkpoint, SyncStats stats, @Nullable ConnectorException error) {
    /** Does nothing after a record: the consumer of a plain run. */
    static final BiConsumer<RecordStream<SourceRecord>, Integer> NOTHING = (s, n) -> { };

    /**
     * Consumes a stream and closes it.
     *
     * @param stream the stream
     * @param afterEach called with the stream and the count after each record (to inject faults mid-run)
     * @return the outcome
     */
    static Run drain(RecordStream<SourceRecord> stream, BiConsumer<RecordStream<SourceRecord>, Integer> afterEach) {
        List<String> ids = new ArrayList<>();
        ConnectorException error = null;
        try (stream) {
            while (stream.hasNext()) {
                ids.add(stream.next().sourceId());
                afterEach.accept(stream, ids.size());
            }
        } catch (ConnectorException e) {
            error = e;
        }
        return new Run(ids, stream.checkpoint(), stream.stats(), error);
    }

    static Run drain(RecordStream<SourceRecord> stream) {
        return drain(stream, NOTHING);
    }

    /** @return id -> number of deliveries */
    Map<String, Integer> multiset() {
        return multiset(ids);
    }

    static Map<String, Integer> multiset(List<String> ids) {
        Map<String, Integer> m = new TreeMap<>();
        ids.forEach(id -> m.merge(id, 1, Integer::sum));
        return m;
    }

    /** @return the error, or an IllegalStateException if there was none */
    ConnectorException failure() {
        if (error == null) {
            throw new IllegalStateException("the run succeeded with " + ids.size() + " records");
        }
        return error;
    }
}
