package dev.exposure.connector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How many optional field values of a run were repaired or dropped, per stream and field, with up
 * to {@value #MAX_EXAMPLES} example values and reasons each (see {@link FieldIssue}). Nothing is
 * lost silently: a record is never dropped for a bad optional field, and every repaired or dropped
 * value is counted here. Immutable.
 *
 * @since 0.1
 */
public final class DataQualityReport {
    /** The most example values and reasons kept per field. */
    public static final int MAX_EXAMPLES = 3;

    private static final DataQualityReport EMPTY = new DataQualityReport(List.of());

    /**
     * The counts of one field of one stream.
     *
     * @param stream the stream, e.g. {@code mde-v2 assets}
     * @param field the field path, e.g. {@code lastSeen}
     * @param repaired values normalised and kept
     * @param dropped values left out
     * @param examples up to {@value #MAX_EXAMPLES} distinct offending values, made safe
     * @param reasons up to {@value #MAX_EXAMPLES} distinct reasons
     */
    public record Field(String stream, String field, long repaired, long dropped, List<String> examples,
            List<String> reasons) {
        /**
         * Copies the lists.
         *
         * @param stream the stream
         * @param field the field path
         * @param repaired values normalised and kept
         * @param dropped values left out
         * @param examples offending values, made safe
         * @param reasons reasons
         */
        public Field {
            Objects.requireNonNull(stream, "stream must not be null");
            Objects.requireNonNull(field, "field must not be null");
            examples = List.copyOf(examples);
            reasons = List.copyOf(reasons);
        }

        @Override
        public String toString() {
            return stream + " " + field + ": " + (repaired > 0 ? repaired + " repaired" : "")
                    + (repaired > 0 && dropped > 0 ? ", " : "") + (dropped > 0 ? dropped + " dropped" : "")
                    + " (" + String.join("; ", reasons) + "; e.g. " + String.join(", ", examples) + ")";
        }
    }

    private final List<Field> fields;

    private DataQualityReport(List<Field> fields) {
        this.fields = List.copyOf(fields);
    }

    /** @return a report of a run whose fields were all readable */
    public static DataQualityReport empty() {
        return EMPTY;
    }

    /**
     * @param fields the per-field counts
     * @return a report of them
     */
    public static DataQualityReport of(List<Field> fields) {
        return fields.isEmpty() ? EMPTY : new DataQualityReport(fields);
    }

    /** @return the per-field counts, in the order the fields were first met */
    public List<Field> fields() {
        return fields;
    }

    /** @return true when no value was repaired or dropped */
    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** @return values repaired, over all fields */
    public long repaired() {
        return fields.stream().mapToLong(Field::repaired).sum();
    }

    /** @return values dropped, over all fields */
    public long dropped() {
        return fields.stream().mapToLong(Field::dropped).sum();
    }

    /**
     * @param stream a stream
     * @param field a field path
     * @return that field's counts, or counts of zero
     */
    public Field field(String stream, String field) {
        return fields.stream().filter(f -> f.stream.equals(stream) && f.field.equals(field)).findFirst()
                .orElse(new Field(stream, field, 0, 0, List.of(), List.of()));
    }

    /**
     * @param other another report, e.g. the transform's next to the connector's
     * @return both reports' fields; the same stream and field are added up
     */
    public DataQualityReport merge(DataQualityReport other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Accumulator a = new Accumulator();
        fields.forEach(a::add);
        other.fields.forEach(a::add);
        return a.report();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataQualityReport other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return isEmpty() ? "DataQualityReport{all fields readable}" : "DataQualityReport" + fields;
    }

    /** Adds up issues per stream and field; thread-safe. Used by {@link SyncCounters}. */
    static final class Accumulator {
        /** Bounds the number of distinct fields kept, so a server cannot grow it without end. */
        static final int MAX_FIELDS = 500;
        private static final String OTHER = "(other fields)";

        private static final class Counts {
            long repaired;
            long dropped;
            final List<String> examples = new ArrayList<>(MAX_EXAMPLES);
            final List<String> reasons = new ArrayList<>(MAX_EXAMPLES);
        }

        private final Map<List<String>, Counts> byField = new LinkedHashMap<>();

        synchronized void add(FieldIssue issue) {
            Counts c = counts(issue.stream(), issue.field());
            if (issue.action() == FieldIssue.Action.REPAIRED) {
                c.repaired++;
            } else {
                c.dropped++;
            }
            keep(c.examples, issue.example());
            keep(c.reasons, issue.reason());
        }

        synchronized void add(Field f) {
            Counts c = counts(f.stream(), f.field());
            c.repaired += f.repaired();
            c.dropped += f.dropped();
            f.examples().forEach(e -> keep(c.examples, e));
            f.reasons().forEach(r -> keep(c.reasons, r));
        }

        private Counts counts(String stream, String field) {
            List<String> key = List.of(stream, field);
            Counts c = byField.get(key);
            if (c == null) {
                if (byField.size() >= MAX_FIELDS) {
                    key = List.of(stream, OTHER);
                }
                c = byField.computeIfAbsent(key, k -> new Counts());
            }
            return c;
        }

        private static void keep(List<String> list, String value) {
            if (list.size() < MAX_EXAMPLES && !list.contains(value)) {
                list.add(value);
            }
        }

        synchronized DataQualityReport report() {
            if (byField.isEmpty()) {
                return EMPTY;
            }
            List<Field> out = new ArrayList<>(byField.size());
            byField.forEach((k, c) -> out.add(new Field(k.get(0), k.get(1), c.repaired, c.dropped,
                    Collections.unmodifiableList(c.examples), c.reasons)));
            return new DataQualityReport(out);
        }
    }
}
