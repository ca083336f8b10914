package dev.exposure.connector;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One optional field of one record whose value was unreadable or unexpected: either
 * {@linkplain Action#REPAIRED repaired} (normalised where the meaning is clear, e.g. a CIDR
 * {@code 10.0.0.4/24} read as the address {@code 10.0.0.4}) or {@linkplain Action#DROPPED dropped}
 * (left out of the record). Either way the record itself is kept: a record is refused only when
 * its identity cannot be read. Issues are counted per stream and field in the
 * {@link DataQualityReport} of {@link SyncStats#dataQuality()} and reported one by one to
 * {@link SyncListener#onFieldIssue(FieldIssue)}.
 *
 * <p>The example is made safe for logs and terminals by {@link #safeText(Object)}: control
 * characters are removed and long values are cut.
 *
 * @param stream the stream, e.g. {@code mde-v2 assets}
 * @param field the field's path in the vendor record, e.g. {@code ipAddresses[].ipAddress}
 * @param action repaired or dropped
 * @param reason what was wrong and, for a repair, what was done, e.g. {@code CIDR suffix removed}
 * @param example the offending value, made safe
 * @param recordId the record's source id when known, made safe
 * @since 0.1
 */
public record FieldIssue(String stream, String field, Action action, String reason, String example,
        @Nullable String recordId) {

    /** What became of the value. */
    public enum Action {
        /** The value was normalised and kept. */
        REPAIRED,
        /** The value was left out; the rest of the record was kept. */
        DROPPED
    }

    /** The longest example or record id kept, in characters; longer ones are cut. */
    public static final int MAX_TEXT = 120;

    /** The longest reason kept, in characters (a reason may quote a vendor value). */
    public static final int MAX_REASON = 240;

    /**
     * Checks and cleans the parts.
     *
     * @param stream the stream
     * @param field the field path
     * @param action repaired or dropped
     * @param reason what was wrong and what was done
     * @param example the offending value (made safe here)
     * @param recordId the record's source id, or null (made safe here)
     */
    public FieldIssue {
        Objects.requireNonNull(stream, "stream must not be null");
        Objects.requireNonNull(field, "field must not be null");
        Objects.requireNonNull(action, "action must not be null");
        Objects.requireNonNull(reason, "reason must not be null");
        example = safeText(example);
        reason = SafeText.of(reason, MAX_REASON);   // reasons may quote server text: bounded and safe like examples
        recordId = recordId == null ? null : safeText(recordId);
    }

    /**
     * @param stream the stream
     * @param field the field path
     * @param value the value as it came
     * @param how what was done, e.g. {@code CIDR suffix removed}
     * @param recordId the record's source id, or null
     * @return a repair
     */
    public static FieldIssue repaired(String stream, String field, @Nullable Object value, String how,
            @Nullable String recordId) {
        return new FieldIssue(stream, field, Action.REPAIRED, how, safeText(value), recordId);
    }

    /**
     * @param stream the stream
     * @param field the field path
     * @param value the value as it came
     * @param why what was wrong, e.g. {@code not a timestamp}
     * @param recordId the record's source id, or null
     * @return a drop
     */
    public static FieldIssue dropped(String stream, String field, @Nullable Object value, String why,
            @Nullable String recordId) {
        return new FieldIssue(stream, field, Action.DROPPED, why, safeText(value), recordId);
    }

    /**
     * A value as text that is safe to print: {@code null} for null, control characters (including
     * terminal escape sequences' ESC) replaced by {@code ?}, and at most {@value #MAX_TEXT}
     * characters followed by a count of the rest. The same as {@link SafeText#of(Object)}.
     *
     * @param value any value
     * @return its safe text
     */
    public static String safeText(@Nullable Object value) {
        return SafeText.of(value, MAX_TEXT);
    }

    @Override
    public String toString() {
        return stream + " " + field + " " + action.name().toLowerCase(java.util.Locale.ROOT) + ": " + reason
                + " (value " + example + (recordId == null ? "" : ", record " + recordId) + ")";
    }
}
