package dev.exposure.connector.kafka;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The source offset of a complete run: its id, when it started and the SDK checkpoint it handed
 * out (absent for connectors without delta). Only the last record of each stream of a complete run
 * carries a new one; every other record carries the previous complete run's offset (or none), so
 * whatever Connect commits always names a complete run.
 *
 * @param run the run id (also in the {@code run} header of its records)
 * @param startedAt when the run started
 * @param checkpoint the encoded SDK checkpoint, if the connector issued one
 */
record RunOffset(String run, Instant startedAt, Optional<String> checkpoint) {
    static final String RUN = "run";
    static final String STARTED_AT = "runStartedAt";
    static final String CHECKPOINT = "checkpoint";
    static final String CONNECTION = "connection";
    static final String STREAM = "stream";
    static final String SUBSCRIPTIONS = "subscriptions";

    RunOffset {
        Objects.requireNonNull(run, "run must not be null");
        Objects.requireNonNull(startedAt, "startedAt must not be null");
        Objects.requireNonNull(checkpoint, "checkpoint must not be null");
    }

    /** @return the offset map Connect stores */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(RUN, run);
        m.put(STARTED_AT, startedAt.toString());
        checkpoint.ifPresent(c -> m.put(CHECKPOINT, c));
        return m;
    }

    /**
     * @param map a stored offset, or null
     * @return the run it names, or empty when absent or not one of ours
     */
    static Optional<RunOffset> from(@Nullable Map<String, ?> map) {
        if (map == null || !(map.get(RUN) instanceof String run) || !(map.get(STARTED_AT) instanceof String at)) {
            return Optional.empty();
        }
        try {
            Object c = map.get(CHECKPOINT);
            return Optional.of(new RunOffset(run, Instant.parse(at),
                    c instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * @param offsets the stored offsets of a task's partitions (values may be null)
     * @return the newest complete run among them
     */
    static Optional<RunOffset> newest(Collection<? extends @Nullable Map<String, ?>> offsets) {
        return offsets.stream().map(RunOffset::from).flatMap(Optional::stream)
                .max(java.util.Comparator.comparing(RunOffset::startedAt));
    }

    /**
     * The source partition of one stream of one connection (and, for a connector split over tasks,
     * of one task's share).
     *
     * @param connection the connection name
     * @param stream {@code assets} or {@code findings}
     * @param subscriptions the task's share of the subscriptions, or empty when not split
     * @return the partition map: a {@link java.util.HashMap}, as Connect's JSON converter reads partitions back;
     *     Connect finds an offset by the serialized partition, so the key order must be the one it reads back
     *     (a differently ordered map finds no offset)
     */
    static Map<String, Object> partition(String connection, String stream, List<String> subscriptions) {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put(CONNECTION, connection);
        m.put(STREAM, stream);
        if (!subscriptions.isEmpty()) {
            m.put(SUBSCRIPTIONS, String.join(",", subscriptions));
        }
        return m;
    }
}
