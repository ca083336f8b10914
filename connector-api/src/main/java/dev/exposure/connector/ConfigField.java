package dev.exposure.connector;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One configuration field a connector accepts, as data: what a form, a config file, the CLI's
 * {@code describe} or a Kafka Connect {@code ConfigDef} shows.
 *
 * <p>Connectors do not write these by hand: each field is derived from one {@link ConfigKey}
 * declaration ({@link ConfigDefinition#fields()}), the same declaration that parses and validates
 * the value, so the limits shown here are the limits enforced.
 *
 * @since 0.1
 */
@Value.Immutable
public abstract class ConfigField {

    /** The kinds of value a field takes. */
    public enum Type {
        /** Free text. */
        STRING,
        /** A GUID such as a tenant, client or subscription id. */
        GUID,
        /** An absolute URL. */
        URL,
        /** A secret: masked, never printed or serialized. */
        SECRET,
        /** One of {@link ConfigField#allowedValues()}. */
        CHOICE,
        /** A comma-separated list. */
        LIST,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** A whole number. */
        INTEGER
    }

    /** @return the field name as it appears in configuration, e.g. {@code tenantId} */
    public abstract String name();

    /** @return the label the product documentation uses, e.g. {@code Tenant ID} */
    public abstract String label();

    /** @return the kind of value */
    public abstract Type type();

    /** @return whether a value must be given */
    public abstract boolean required();

    /** @return whether the value is secret */
    @Value.Derived
    public boolean secret() {
        return type() == Type.SECRET;
    }

    /** @return what the field is for and where to find its value */
    public abstract String description();

    /** @return the allowed values of a {@link Type#CHOICE} field */
    public abstract List<String> allowedValues();

    /** @return the value used when none is given */
    public abstract Optional<String> defaultValue();

    /** @return the largest accepted length in characters */
    public abstract Optional<Integer> maxLength();

    /**
     * @return the smallest accepted value of an {@link Type#INTEGER} field
     * @since 0.1
     */
    public abstract Optional<Long> minimum();

    /**
     * @return the largest accepted value of an {@link Type#INTEGER} field, or the most entries of a
     *     {@link Type#LIST} field
     * @since 0.1
     */
    public abstract Optional<Long> maximum();

    /**
     * @return the group the field belongs to in a form, e.g. {@code Authentication}; empty when
     *     ungrouped
     * @since 0.1
     */
    public abstract Optional<String> group();

    /**
     * @return other names the field is also read under, kept so older configurations still work
     *     (e.g. {@code oauthScope} for {@code tokenScope}); never shown as the field's name
     * @since 0.1
     */
    public abstract List<String> aliases();

    /**
     * @return accepted alternative spellings of {@link #allowedValues()}, each mapped to the value it
     *     stands for (e.g. {@code commercial -> azure-public}); documented, never offered in a form
     * @since 0.1
     */
    public abstract Map<String, String> valueAliases();

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ConfigField}. */
    public static final class Builder extends ImmutableConfigField.Builder {}
}
