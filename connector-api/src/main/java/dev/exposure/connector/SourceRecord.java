package dev.exposure.connector;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One vendor record as it came from the API: its kind, the vendor's record type, a source id and
 * the vendor's attributes as a nested structure ({@code Map<String, Object>} for objects,
 * {@code List<Object>} for arrays, and {@code String}, {@code Number}, {@code Boolean} or null).
 * Transform maps address these attributes by path, e.g. {@code ipAddresses[].macAddress}.
 *
 * <p>Immutable view: the attributes map is taken over, not copied (records sit on the hot path),
 * so the producer must not change it afterwards.
 *
 * @since 0.1
 */
public final class SourceRecord {

    /** Whether a record describes an asset or a finding. */
    public enum Kind {
        /** A host or cloud resource. */
        ASSET,
        /** A vulnerability or misconfiguration on an asset. */
        FINDING
    }

    private final Kind kind;
    private final String type;
    private final String sourceId;
    private final Map<String, Object> attributes;

    private SourceRecord(Kind kind, String type, String sourceId, Map<String, Object> attributes) {
        this.kind = Objects.requireNonNull(kind, "kind must not be null");
        this.type = Objects.requireNonNull(type, "type must not be null");
        this.sourceId = Objects.requireNonNull(sourceId, "sourceId must not be null");
        this.attributes = Collections.unmodifiableMap(Objects.requireNonNull(attributes, "attributes must not be null"));
    }

    /**
     * @param kind asset or finding
     * @param type the vendor's record type, e.g. {@code machine}, {@code assessment}
     * @param sourceId the vendor's id of the record (for findings: a stable composite id)
     * @param attributes the vendor attributes; taken over, not copied
     * @return the record
     */
    public static SourceRecord of(Kind kind, String type, String sourceId, Map<String, Object> attributes) {
        return new SourceRecord(kind, type, sourceId, attributes);
    }

    /** @return asset or finding */
    public Kind kind() {
        return kind;
    }

    /** @return the vendor's record type, e.g. {@code machine} */
    public String type() {
        return type;
    }

    /** @return the vendor's id of the record */
    public String sourceId() {
        return sourceId;
    }

    /** @return the vendor attributes, read-only */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /**
     * @param name a top-level attribute name
     * @return its value, or null
     */
    public @Nullable Object attribute(String name) {
        return attributes.get(name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceRecord other && kind == other.kind && type.equals(other.type)
                && sourceId.equals(other.sourceId) && attributes.equals(other.attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, type, sourceId, attributes);
    }

    @Override
    public String toString() {
        return "SourceRecord{" + kind + " " + type + " " + sourceId + ", " + attributes.size() + " attributes}";
    }
}
