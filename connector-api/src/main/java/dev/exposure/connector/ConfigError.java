package dev.exposure.connector;

import java.util.Objects;

/**
 * One problem with one configuration field: which field, and what is wrong with how to fix it.
 *
 * @since 0.1
 */
public final class ConfigError {
    private final String field;
    private final String message;

    private ConfigError(String field, String message) {
        this.field = Objects.requireNonNull(field, "field must not be null");
        this.message = Objects.requireNonNull(message, "message must not be null");
    }

    /**
     * @param field the field name as it appears in configuration, e.g. {@code tenantId}
     * @param message what is wrong and how to fix it
     * @return the error
     */
    public static ConfigError of(String field, String message) {
        return new ConfigError(field, message);
    }

    /** @return the field name as it appears in configuration */
    public String field() {
        return field;
    }

    /** @return what is wrong and how to fix it */
    public String message() {
        return message;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigError other && field.equals(other.field) && message.equals(other.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(field, message);
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
