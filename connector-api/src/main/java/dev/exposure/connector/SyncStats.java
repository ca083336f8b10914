package dev.exposure.connector;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A snapshot of what a stream has done so far. See {@link SyncCounters} for the live counters.
 *
 * @since 0.1
 */
@Value.Immutable
public abstract class SyncStats {

    /** @return pages fetched completely */
    public abstract long pages();

    /** @return records delivered to the consumer */
    public abstract long records();

    /** @return HTTP requests sent to the vendor API, retries included (token requests excluded) */
    public abstract long requests();

    /** @return requests that were retried after a throttling or transient failure */
    public abstract long retries();

    /** @return time spent waiting for rate limits (the vendor's and our own budget) */
    public abstract Duration throttledTime();

    /**
     * @return why a requested delta sync ran as a full sync, e.g. "checkpoint older than 14 days"
     */
    public abstract Optional<String> fullSyncFallback();

    /** @return notable events of the run, for logs and summaries */
    public abstract List<String> notices();

    /**
     * @return the optional field values repaired or dropped so far, per stream and field; a record
     *     is never left out for them
     * @since 0.1
     */
    @Value.Default
    public DataQualityReport dataQuality() {
        return DataQualityReport.empty();
    }

    /** @return stats of a stream that did nothing */
    public static SyncStats empty() {
        return builder().pages(0).records(0).requests(0).retries(0).throttledTime(Duration.ZERO).build();
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link SyncStats}. */
    public static final class Builder extends ImmutableSyncStats.Builder {}
}
