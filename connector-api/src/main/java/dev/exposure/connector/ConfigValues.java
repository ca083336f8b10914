package dev.exposure.connector;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The typed values of one configuration, parsed by {@link ConfigDefinition#parse}, and every
 * problem found. A value that failed its checks is absent here and its problem is in
 * {@link #errors()}; an absent optional value with a declared default reads as the default.
 *
 * <p>Immutable and thread-safe. {@link #toString()} names the given keys but no value.
 *
 * @since 0.1
 */
public final class ConfigValues {
    private final Map<String, Object> values;
    private final Set<String> given;
    private final List<ConfigError> errors;

    ConfigValues(Map<String, Object> values, Set<String> given, List<ConfigError> errors) {
        this.values = Map.copyOf(values);
        this.given = Set.copyOf(given);
        this.errors = List.copyOf(errors);
    }

    /**
     * @param key a key of the definition that parsed these values
     * @param <T> the value type
     * @return the given value, else the declared default, else empty (absent, or invalid: see
     *     {@link #errors()})
     */
    public <T> Optional<T> find(ConfigKey<T> key) {
        @SuppressWarnings("unchecked")
        T v = (T) values.get(key.name());
        return v != null ? Optional.of(v) : given.contains(key.name()) ? Optional.empty() : key.defaultValue();
    }

    /**
     * @param key a key that is required or has a default
     * @param <T> the value type
     * @return its value
     * @throws IllegalStateException if the value is absent or was invalid; check {@link #errors()}
     *     first
     */
    public <T> T get(ConfigKey<T> key) {
        return find(key).orElseThrow(() -> new IllegalStateException(key.name() + " has no valid value"));
    }

    /**
     * @param key a key
     * @return whether the configuration gave a (non-blank) value, valid or not
     */
    public boolean isGiven(ConfigKey<?> key) {
        return given.contains(key.name());
    }

    /** @return every problem found, in the definition's order; empty when the values are valid */
    public List<ConfigError> errors() {
        return errors;
    }

    /**
     * @param field a field name
     * @return whether some problem names this field
     */
    public boolean hasError(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    @Override
    public String toString() {
        return "ConfigValues{given=" + new java.util.TreeSet<>(given) + ", errors=" + errors.size() + "}";
    }
}
