package dev.exposure.connector;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Configuration or request input is invalid. Carries every problem found, not only the first.
 *
 * @since 0.1
 */
public class ConfigurationException extends ConnectorException {
    private static final long serialVersionUID = 1L;

    /** Every problem found. */
    private final List<ConfigError> errors;

    /**
     * @param errors every problem found; must not be empty
     */
    public ConfigurationException(List<ConfigError> errors) {
        super(describe(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("errors must not be empty");
        }
        this.errors = List.copyOf(errors);
    }

    /**
     * A single problem.
     *
     * @param field the field in error
     * @param message what is wrong and how to fix it
     */
    public ConfigurationException(String field, String message) {
        this(List.of(ConfigError.of(field, message)));
    }

    /**
     * Every problem found, in the order the fields were checked.
     *
     * @return the errors, never empty
     */
    public List<ConfigError> errors() {
        return errors;
    }

    private static String describe(List<ConfigError> errors) {
        if (errors.size() == 1) {
            return "Invalid configuration: " + errors.get(0);
        }
        return "Invalid configuration (" + errors.size() + " problems):"
                + errors.stream().map(e -> "\n  - " + e).collect(Collectors.joining());
    }
}
