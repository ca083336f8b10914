package dev.exposure.connector.transform;

import dev.exposure.connector.DataException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One vendor record cannot be transformed: a value a rule needs is malformed (a timestamp, an IP or
 * MAC address, a number), or a required target got no value. Names the record's source id, the map
 * and the rule. Under {@link ErrorPolicy#SKIP_AND_REPORT} the record is left out and reported;
 * under {@link ErrorPolicy#FAIL} this is thrown to the consumer.
 *
 * <p>The message never carries record values beyond the offending one, and never a secret.
 *
 * @since 0.1
 */
public class RecordTransformException extends DataException {
    private static final long serialVersionUID = 1L;

    /** The record's source id. */
    private final String recordId;
    /** The map applied. */
    private final String mapName;
    /** The failing rule as text, or null. */
    private final @Nullable String rule;
    /** What was wrong. */
    private final String problem;

    /**
     * @param recordId the record's source id
     * @param mapName the map being applied
     * @param rule the rule that failed ({@code target <- source + converter}), or null when the
     *     problem concerns the record as a whole
     * @param problem what is wrong
     * @param cause the underlying exception, may be null
     */
    public RecordTransformException(String recordId, String mapName, @Nullable String rule, String problem,
            @Nullable Throwable cause) {
        super("cannot transform record with map '" + mapName + "'" + (rule == null ? "" : ", rule '" + rule + "'")
                + ": " + problem, "record " + recordId, cause);
        this.recordId = recordId;
        this.mapName = mapName;
        this.rule = rule;
        this.problem = problem;
    }

    /** @return the source id of the record */
    public String recordId() {
        return recordId;
    }

    /** @return the name of the map */
    public String mapName() {
        return mapName;
    }

    /** @return the failing rule as text, when one rule is to blame */
    public Optional<String> rule() {
        return Optional.ofNullable(rule);
    }

    /** @return what is wrong, without the record and rule */
    public String problem() {
        return problem;
    }
}
