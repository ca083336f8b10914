package dev.exposure.connector.transform;

import dev.exposure.connector.ConfigError;
import dev.exposure.connector.ConfigurationException;
import java.util.List;

/**
 * A transform map is invalid. Lists every problem found, each naming the map, the rule (by number,
 * from 1, and as text) and what is wrong: an unknown target field, an unknown converter or a
 * misuse of one, a malformed source path, a missing required target, malformed JSON.
 *
 * @since 0.1
 */
public class TransformMapException extends ConfigurationException {
    private static final long serialVersionUID = 1L;

    /** The map's name. */
    private final String mapName;

    /**
     * @param mapName the map's name (or {@code "(unnamed)"})
     * @param errors every problem; must not be empty
     */
    public TransformMapException(String mapName, List<ConfigError> errors) {
        super(errors);
        this.mapName = mapName;
    }

    /** @return the name of the invalid map */
    public String mapName() {
        return mapName;
    }
}
