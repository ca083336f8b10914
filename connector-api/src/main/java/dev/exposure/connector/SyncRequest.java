package dev.exposure.connector;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * What one sync run asks of a connector: the data to sync, full or delta, an optional vendor
 * filter, sampling and page size, and an optional progress listener.
 *
 * <pre>{@code
 * SyncRequest first = SyncRequest.full();
 * SyncRequest next = SyncRequest.delta(savedCheckpoint);
 * SyncRequest custom = SyncRequest.builder().data(SyncRequest.Data.ASSETS).filter("osPlatform eq 'Windows10'").build();
 * }</pre>
 *
 * @since 0.1
 */
@Value.Immutable
public abstract class SyncRequest {

    /** The most assets (and their findings) a sampling run delivers. */
    public static final int SAMPLE_LIMIT = 1000;

    /** The spec's "Data to Sync". */
    public enum Data {
        /** Host asset records only: no finding endpoint is called. */
        ASSETS,
        /** Host asset records and their findings. */
        ASSETS_AND_FINDINGS
    }

    /** Full or incremental. */
    public enum Mode {
        /** Everything the vendor has now. */
        FULL,
        /** Changes since {@link #checkpoint()}; falls back to full when the checkpoint is absent or too old. */
        DELTA
    }

    /** @return the data to sync, assets and findings by default */
    @Value.Default
    public Data data() {
        return Data.ASSETS_AND_FINDINGS;
    }

    /** @return full or delta, full by default */
    @Value.Default
    public Mode mode() {
        return Mode.FULL;
    }

    /** @return the checkpoint of the previous run, for delta */
    public abstract Optional<Checkpoint> checkpoint();

    /** @return the vendor filter expression (MDE: OData v4), validated before any request */
    public abstract Optional<String> filter();

    /** @return whether to limit the run to the top {@value #SAMPLE_LIMIT} assets and their findings */
    @Value.Default
    public boolean sampling() {
        return false;
    }

    /** @return the page size to ask for; each connector documents its default and maximum */
    public abstract Optional<Integer> pageSize();

    /**
     * Strict mode for hosts that prefer failure to repair: when true, an optional field value that
     * cannot be read fails the run with a {@link DataException} instead of being dropped and
     * counted in {@link SyncStats#dataQuality()}. Values whose meaning is clear are still repaired
     * (and counted). False by default: a record is refused only when its identity cannot be read.
     *
     * @return whether unreadable optional fields fail the run
     * @since 0.1
     */
    @Value.Default
    public boolean strictFields() {
        return false;
    }

    /** @return the progress listener, none by default */
    @Value.Default
    @Value.Auxiliary
    public SyncListener listener() {
        return SyncListener.NONE;
    }

    /** Checks the invariants; called by the generated builder, which throws what this throws. */
    @Value.Check
    protected void check() {
        pageSize().filter(p -> p < 1).ifPresent(p -> {
            throw new IllegalStateException("pageSize must be at least 1, was " + p);
        });
    }

    /** @return a full sync of assets and findings */
    public static SyncRequest full() {
        return builder().build();
    }

    /**
     * @param checkpoint the checkpoint of the previous run
     * @return a delta sync of assets and findings since the checkpoint
     */
    public static SyncRequest delta(Checkpoint checkpoint) {
        return builder().mode(Mode.DELTA).checkpoint(checkpoint).build();
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link SyncRequest}. */
    public static final class Builder extends ImmutableSyncRequest.Builder {}
}
