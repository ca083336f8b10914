package dev.exposure.connector.transform;

import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.DataQualityReport;
import dev.exposure.connector.FieldIssues;
import dev.exposure.connector.SyncCounters;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncListener;
import dev.exposure.connector.SyncStats;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RecordStream} of model objects over a stream of vendor records: each record is
 * transformed by a compiled map, records whose identity came before in this stream are dropped, and
 * records that cannot be transformed are handled by the {@link ErrorPolicy}. When the map names
 * identity paths, the identity is hashed from the record first and a duplicate is dropped before it
 * is transformed; a record that failed to transform is not remembered.
 *
 * <p>{@link #checkpoint()} is the source's checkpoint, handed out only after this stream was consumed
 * to its end without error (so a run that failed or stopped early never advances it);
 * {@link #stats()} are the source's stats; {@link #report()} adds the transform counts.
 *
 * <p>Not thread-safe, like every {@code RecordStream}: one consumer thread. {@link #report()} may be
 * read from any thread (counts may lag by one record).
 *
 * @param <T> {@link dev.exposure.connector.model.Asset} or {@link dev.exposure.connector.model.Finding}
 * @since 0.1
 */
public final class TransformedStream<T> implements RecordStream<T> {
    private static final int MAX_SAMPLES = 100;
    private static final int MAX_REASONS = 100;
    private static final Pattern QUOTED = Pattern.compile("'[^']*'");
    private static final VarHandle RAW;
    private static final VarHandle DELIVERED;
    private static final VarHandle DUPLICATES;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            RAW = lookup.findVarHandle(TransformedStream.class, "raw", long.class);
            DELIVERED = lookup.findVarHandle(TransformedStream.class, "delivered", long.class);
            DUPLICATES = lookup.findVarHandle(TransformedStream.class, "duplicates", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final RecordStream<SourceRecord> source;
    private final CompiledMap<?, T> plan;
    private final CompiledMap<?, T>.@Nullable IdentityHasher identities;
    private final SourceRecord.Kind kind;
    private final ErrorPolicy policy;
    private final Clock clock;
    private final DedupSet seen;
    private final Hash128 hash = new Hash128();
    private final Instant startedAt;
    private final FieldIssues fieldIssues;
    private final SyncCounters fieldCounters;

    private @Nullable T next;
    private boolean exhausted;
    private @Nullable RuntimeException failure;
    private volatile @Nullable Instant finishedAt;
    // written by the consumer thread with release stores (no fence per record, unlike volatile
    // writes), read by report() from any thread with acquire loads
    private long raw;
    private long delivered;
    private long duplicates;
    private volatile long skipped;
    private final Map<String, Long> reasons = new LinkedHashMap<>();
    private final List<TransformReport.Skipped> samples = new ArrayList<>();

    TransformedStream(RecordStream<SourceRecord> source, CompiledMap<?, T> plan, SourceRecord.Kind kind,
            ErrorPolicy policy, Clock clock, long expectedKeys, SyncCounters fieldCounters, SyncListener listener,
            boolean strictFields) {
        this.source = source;
        this.plan = plan;
        this.identities = plan.identityFromRecord() ? plan.identityHasher() : null;
        this.kind = kind;
        this.policy = policy;
        this.clock = clock;
        this.seen = new DedupSet(expectedKeys);
        this.startedAt = clock.instant();
        this.fieldCounters = fieldCounters;
        this.fieldIssues = new FieldIssues("transform map '" + plan.map().name() + "'", fieldCounters, listener,
                strictFields);
    }

    /**
     * @return true if another model object is ready
     * @throws RecordTransformException under {@link ErrorPolicy#FAIL}, for a record that cannot be
     *     transformed (the stream then stays failed)
     * @throws dev.exposure.connector.ConnectorException whatever the source stream throws
     */
    @Override
    public boolean hasNext() {
        if (failure != null) {
            throw failure;
        }
        if (next != null) {
            return true;
        }
        if (exhausted) {
            return false;
        }
        try {
            while (true) {
                if (!source.hasNext()) {
                    exhausted = true;
                    finishedAt = clock.instant();
                    return false;
                }
                SourceRecord record = source.next();
                RAW.setRelease(this, raw + 1);
                long high = 0;
                long low = 0;
                T out;
                try {
                    // identity first when the map names it, so that a duplicate is dropped before it is
                    // transformed and the dedup set's memory access overlaps the transform
                    if (identities != null) {
                        Hash128 key = identities.hash(record);
                        high = key.high();
                        low = key.low();
                        if (seen.contains(high, low)) {
                            DUPLICATES.setRelease(this, duplicates + 1);
                            continue;
                        }
                    }
                    if (record.kind() != kind) {
                        throw new RecordTransformException(record.sourceId(), plan.map().name(), null,
                                "the record is " + record.kind() + " (type '" + record.type() + "'), the map makes "
                                        + kind, null);
                    }
                    out = plan.apply(record, fieldIssues);
                } catch (RecordTransformException e) {
                    if (policy == ErrorPolicy.FAIL) {
                        throw e;
                    }
                    skip(e);
                    continue;
                }
                if (identities == null) {
                    CompiledMap.identity(out, hash);
                    high = hash.high();
                    low = hash.low();
                }
                // a record that failed to transform is not remembered: a later good copy still counts
                if (!seen.add(high, low)) {
                    DUPLICATES.setRelease(this, duplicates + 1);
                    continue;
                }
                next = out;
                return true;
            }
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    private void skip(RecordTransformException e) {
        synchronized (reasons) {
            skipped++;
            String reason = e.rule().map(r -> r + ": ").orElse("") + QUOTED.matcher(e.problem()).replaceAll("'…'");
            if (reasons.size() >= MAX_REASONS && !reasons.containsKey(reason)) {
                reason = "(other reasons)";
            }
            reasons.merge(reason, 1L, Long::sum);
            if (samples.size() < MAX_SAMPLES) {
                samples.add(new TransformReport.Skipped(e.recordId(), e.rule().orElse(null), e.problem()));
            }
        }
    }

    /**
     * @return the next model object
     * @throws NoSuchElementException if there is none
     * @throws RecordTransformException as {@link #hasNext()}
     */
    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the transformed stream is exhausted");
        }
        T out = next;
        next = null;
        DELIVERED.setRelease(this, delivered + 1);
        return out;
    }

    /** @return the source's checkpoint, present only after this stream was consumed to its end without error */
    @Override
    public Optional<Checkpoint> checkpoint() {
        return exhausted && failure == null && next == null ? source.checkpoint() : Optional.empty();
    }

    /**
     * @return the source stream's stats (pages, records read, requests, retries), with the optional
     *     field values this stream's map dropped added to the source's
     *     {@linkplain SyncStats#dataQuality() data-quality report}
     */
    @Override
    public SyncStats stats() {
        SyncStats s = source.stats();
        DataQualityReport mine = fieldCounters.snapshot().dataQuality();
        return mine.isEmpty() ? s : SyncStats.builder().from(s).dataQuality(s.dataQuality().merge(mine)).build();
    }

    /** @return the transform counts so far */
    public TransformReport report() {
        synchronized (reasons) {
            return new TransformReport(plan.map().name(), (long) RAW.getAcquire(this), (long) DELIVERED.getAcquire(this),
                    (long) DUPLICATES.getAcquire(this), skipped, reasons, samples,
                    seen.memoryBytes(), startedAt, finishedAt);
        }
    }

    /** Closes the source stream. Idempotent. */
    @Override
    public void close() {
        source.close();
    }
}
