package dev.exposure.connector.transform;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link TransformedStream} did: records read, delivered, removed as duplicates and skipped
 * (with reasons and a bounded sample of skipped records). An immutable snapshot.
 *
 * <p>{@code raw = delivered + duplicatesRemoved + skipped + pending}, where pending is at most one
 * record read ahead by {@code hasNext()} and not yet taken by {@code next()}.
 *
 * @since 0.1
 */
public final class TransformReport {
    /** One skipped record: its source id, the rule that failed (if one) and the problem. */
    public record Skipped(String recordId, @Nullable String rule, String problem) {
        /**
         * @param recordId the record's source id
         * @param rule the failing rule as text, or null
         * @param problem what was wrong
         */
        public Skipped {
            Objects.requireNonNull(recordId, "recordId must not be null");
            Objects.requireNonNull(problem, "problem must not be null");
        }
    }

    private final String mapName;
    private final long raw;
    private final long delivered;
    private final long duplicatesRemoved;
    private final long skipped;
    private final Map<String, Long> skippedByReason;
    private final List<Skipped> samples;
    private final long dedupMemoryBytes;
    private final Instant startedAt;
    private final @Nullable Instant finishedAt;

    TransformReport(String mapName, long raw, long delivered, long duplicatesRemoved, long skipped,
            Map<String, Long> skippedByReason, List<Skipped> samples, long dedupMemoryBytes, Instant startedAt,
            @Nullable Instant finishedAt) {
        this.mapName = mapName;
        this.raw = raw;
        this.delivered = delivered;
        this.duplicatesRemoved = duplicatesRemoved;
        this.skipped = skipped;
        this.skippedByReason = Map.copyOf(skippedByReason);
        this.samples = List.copyOf(samples);
        this.dedupMemoryBytes = dedupMemoryBytes;
        this.startedAt = startedAt;
        this.finishedAt = finishedAt;
    }

    /** @return the name of the map applied */
    public String mapName() {
        return mapName;
    }

    /** @return vendor records read from the source stream */
    public long raw() {
        return raw;
    }

    /** @return model objects handed to the consumer */
    public long delivered() {
        return delivered;
    }

    /** @return records dropped because their identity came before */
    public long duplicatesRemoved() {
        return duplicatesRemoved;
    }

    /** @return records left out because they could not be transformed */
    public long skipped() {
        return skipped;
    }

    /**
     * Skipped records counted by reason: the rule and the problem, with quoted vendor values blanked
     * so that one bad value per record does not make one reason per record (at most 100 reasons;
     * the rest count under {@code "(other reasons)"}).
     *
     * @return reason to count
     */
    public Map<String, Long> skippedByReason() {
        return skippedByReason;
    }

    /** @return the first skipped records (at most 100), in order */
    public List<Skipped> samples() {
        return samples;
    }

    /** @return the heap held by the dedup set */
    public long dedupMemoryBytes() {
        return dedupMemoryBytes;
    }

    /** @return when the stream was created, by the transformer's clock */
    public Instant startedAt() {
        return startedAt;
    }

    /** @return when the source was found exhausted, by the transformer's clock; empty before */
    public Optional<Instant> finishedAt() {
        return Optional.ofNullable(finishedAt);
    }

    @Override
    public String toString() {
        return "TransformReport{" + mapName + ": raw=" + raw + ", delivered=" + delivered + ", duplicatesRemoved="
                + duplicatesRemoved + ", skipped=" + skipped + (skippedByReason.isEmpty() ? "" : " " + skippedByReason)
                + "}";
    }
}
