package dev.exposure.connector;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a connector (or the transform) reports the optional field values it repaired or dropped
 * for one stream: each issue is counted in the stream's {@link SyncCounters} (and so in
 * {@link SyncStats#dataQuality()}) and passed to the {@link SyncListener}.
 *
 * <p>In strict mode ({@link SyncRequest#strictFields()}), a value that would be dropped fails the
 * run instead with a {@link DataException} naming the record, field and value; repairs are still
 * made and counted.
 *
 * @since 0.1
 */
public final class FieldIssues {
    private final String stream;
    private final SyncCounters counters;
    private final SyncListener listener;
    private final boolean strict;

    /**
     * @param stream names the stream, e.g. {@code mde-v2 assets}
     * @param counters the stream's counters
     * @param listener the run's listener
     * @param strict whether a dropped value fails the run
     */
    public FieldIssues(String stream, SyncCounters counters, SyncListener listener, boolean strict) {
        this.stream = Objects.requireNonNull(stream, "stream must not be null");
        this.counters = Objects.requireNonNull(counters, "counters must not be null");
        this.listener = Objects.requireNonNull(listener, "listener must not be null");
        this.strict = strict;
    }

    /** @return a sink that counts nothing, for code paths that read data outside a sync (probes, tests) */
    public static FieldIssues ignoring() {
        return new FieldIssues("(none)", new SyncCounters(), SyncListener.NONE, false);
    }

    /** @return the stream these issues are counted for */
    public String stream() {
        return stream;
    }

    /** @return true when a dropped value fails the run */
    public boolean strict() {
        return strict;
    }

    /**
     * Counts a value that was normalised and kept.
     *
     * @param field the field path in the vendor record
     * @param value the value as it came
     * @param how what was done
     * @param recordId the record's source id, or null
     */
    public void repaired(String field, @Nullable Object value, String how, @Nullable String recordId) {
        report(FieldIssue.repaired(stream, field, value, how, recordId));
    }

    /**
     * Counts a value that was left out of its record.
     *
     * @param field the field path in the vendor record
     * @param value the value as it came
     * @param why what was wrong
     * @param recordId the record's source id, or null
     * @throws DataException in strict mode, naming the record, field and value
     */
    public void dropped(String field, @Nullable Object value, String why, @Nullable String recordId) {
        FieldIssue issue = FieldIssue.dropped(stream, field, value, why, recordId);
        if (strict) {
            throw new DataException(stream + ": field '" + field + "' " + why + " (value " + issue.example()
                    + "); strict mode refuses a record with an unreadable field", issue.recordId(), null);
        }
        report(issue);
    }

    private void report(FieldIssue issue) {
        counters.fieldIssue(issue);
        try {
            listener.onFieldIssue(issue);
        } catch (RuntimeException e) {
            // a listener must not throw; a faulty one does not stop the sync
        }
    }
}
