package dev.exposure.connector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One configuration option, declared once: its name, label, type, default, limits, validators,
 * documentation, whether it is required and whether it is secret. From the declaration come the
 * descriptor's {@link ConfigField} ({@link #field()}), the parsing of the text a user gave into a
 * typed value, and the validation messages ({@link ConfigDefinition#parse}), so a limit is written
 * in one place and shown, enforced and explained the same way everywhere (the CLI, a UI, a Kafka
 * Connect {@code ConfigDef}).
 *
 * <pre>{@code
 * static final ConfigKey<Integer> MAX_RETRIES = ConfigKey.integer("maxRetries")
 *         .label("Max retries")
 *         .documentation("Retries of a throttled (429) or failed (5xx, connection) request.")
 *         .range(0, 10)
 *         .defaultValue(4)
 *         .build();
 * }</pre>
 *
 * <p>The value types by {@link ConfigField.Type}: {@code STRING}, {@code GUID}, {@code URL} and
 * {@code CHOICE} give a trimmed {@link String} (a choice in its canonical lower-case spelling, after
 * {@linkplain Builder#valueAlias aliases}); {@code SECRET} a {@link Secret}; {@code LIST} a
 * {@code List<String>}; {@code INTEGER} an {@link Integer} (digits may be grouped with {@code _} or
 * {@code ,}); {@code BOOLEAN} a {@link Boolean} ({@code true}/{@code false}, {@code yes}/{@code no}).
 * Blank text counts as absent.
 *
 * <p>Immutable and thread-safe. A secret key's value never appears in a message.
 *
 * @param <T> the parsed value type
 * @since 0.1
 */
public final class ConfigKey<T> {
    private final String name;
    private final String label;
    private final ConfigField.Type type;
    private final boolean required;
    private final @Nullable T defaultValue;
    private final @Nullable String defaultText;
    private final String documentation;
    private final String hint;
    private final @Nullable String group;
    private final List<String> aliases;
    private final List<String> allowedValues;
    private final Map<String, String> valueAliases;
    private final Map<String, String> refusedValues;
    private final @Nullable Long minimum;
    private final @Nullable Long maximum;
    private final @Nullable Integer maxLength;
    private final List<ConfigValidator<? super T>> validators;
    private final Function<T, String> format;
    private final boolean guidEntries;

    private ConfigKey(Builder<T> b) {
        this.guidEntries = b.guidEntries;
        this.name = b.name;
        this.label = b.label == null ? b.name : b.label;
        this.type = b.type;
        this.required = b.required;
        this.defaultValue = b.defaultValue;
        this.format = b.format;
        this.defaultText = b.defaultText != null ? b.defaultText
                : b.defaultValue == null ? null : b.format.apply(b.defaultValue);
        this.documentation = b.documentation;
        this.hint = b.hint;
        this.group = b.group;
        this.aliases = List.copyOf(b.aliases);
        this.allowedValues = List.copyOf(b.allowedValues);
        this.valueAliases = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.valueAliases));
        this.refusedValues = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.refusedValues));
        this.minimum = b.minimum;
        this.maximum = b.maximum;
        this.maxLength = b.maxLength;
        this.validators = List.copyOf(b.validators);
    }

    /**
     * @param name the field name, e.g. {@code apiBaseUrl}
     * @return a builder of a free-text option
     */
    public static Builder<String> string(String name) {
        return new Builder<>(name, ConfigField.Type.STRING, Function.identity());
    }

    /**
     * @param name the field name, e.g. {@code tenantId}
     * @return a builder of a GUID option (8-4-4-4-12 hex digits)
     */
    public static Builder<String> guid(String name) {
        return new Builder<>(name, ConfigField.Type.GUID, Function.identity());
    }

    /**
     * @param name the field name, e.g. {@code authenticationUrl}
     * @return a builder of a URL option; add {@link ConfigValidator#httpsUrl} for the rules
     */
    public static Builder<String> url(String name) {
        return new Builder<>(name, ConfigField.Type.URL, Function.identity());
    }

    /**
     * @param name the field name, e.g. {@code clientSecret}
     * @return a builder of a secret option: masked, never printed, never in a message
     */
    public static Builder<Secret> secret(String name) {
        return new Builder<>(name, ConfigField.Type.SECRET, s -> "****");
    }

    /**
     * @param name the field name, e.g. {@code findingsSource}
     * @param values the accepted values, lower-case, the first being the usual default
     * @return a builder of a choice option; compared case-insensitively, {@code _} read as {@code -}
     */
    public static Builder<String> choice(String name, List<String> values) {
        Builder<String> b = new Builder<>(name, ConfigField.Type.CHOICE, Function.identity());
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a choice needs at least one value");
        }
        b.allowedValues.addAll(values);
        return b;
    }

    /**
     * @param name the field name, e.g. {@code subscriptions}
     * @return a builder of a comma-separated list option; entries are trimmed, blank entries dropped
     */
    public static Builder<List<String>> list(String name) {
        return new Builder<>(name, ConfigField.Type.LIST, l -> String.join(",", l));
    }

    /**
     * @param name the field name, e.g. {@code subscriptions}
     * @return a builder of a comma-separated list of GUIDs, lower-cased and without duplicates
     */
    public static Builder<List<String>> guidList(String name) {
        Builder<List<String>> b = list(name);
        b.guidEntries = true;
        return b;
    }

    /**
     * @param name the field name, e.g. {@code maxRetries}
     * @return a builder of a whole-number option
     */
    public static Builder<Integer> integer(String name) {
        return new Builder<>(name, ConfigField.Type.INTEGER, String::valueOf);
    }

    /**
     * @param name the field name
     * @return a builder of a {@code true}/{@code false} option
     */
    public static Builder<Boolean> bool(String name) {
        return new Builder<>(name, ConfigField.Type.BOOLEAN, String::valueOf);
    }

    /** @return the field name as it appears in configuration */
    public String name() {
        return name;
    }

    /** @return the label a form shows, e.g. {@code Tenant ID} */
    public String label() {
        return label;
    }

    /** @return the kind of value */
    public ConfigField.Type type() {
        return type;
    }

    /** @return whether a value must be given (a host may waive it, see {@link ConfigDefinition#parse(ConnectionConfig, Set)}) */
    public boolean required() {
        return required;
    }

    /** @return whether the value is secret */
    public boolean secret() {
        return type == ConfigField.Type.SECRET;
    }

    /** @return the value used when none is given */
    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** @return what the option is for, its default and limits, in sentences */
    public String documentation() {
        return documentation;
    }

    /** @return the group in a form, if any */
    public Optional<String> group() {
        return Optional.ofNullable(group);
    }

    /** @return other names the option is read under */
    public List<String> aliases() {
        return aliases;
    }

    /**
     * The data form of this declaration, for descriptors, forms, {@code describe} and Kafka
     * Connect. Value aliases are listed in {@link ConfigField#valueAliases()} and named at the end
     * of the description.
     *
     * @return the field
     */
    public ConfigField field() {
        ConfigField.Builder b = ConfigField.builder().name(name).label(label).type(type).required(required)
                .description(documentation + aliasSentence()).allowedValues(allowedValues).aliases(aliases)
                .valueAliases(valueAliases);
        if (defaultText != null) {
            b.defaultValue(defaultText);
        }
        if (group != null) {
            b.group(group);
        }
        if (minimum != null) {
            b.minimum(minimum);
        }
        if (maximum != null) {
            b.maximum(maximum);
        }
        if (maxLength != null) {
            b.maxLength(maxLength);
        }
        return b.build();
    }

    private String aliasSentence() {
        if (valueAliases.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder(" Also accepted, for older configurations:");
        String sep = " ";
        for (Map.Entry<String, String> e : valueAliases.entrySet()) {
            s.append(sep).append(e.getKey()).append(" (= ").append(e.getValue()).append(')');
            sep = ", ";
        }
        return s.append('.').toString();
    }

    /**
     * Turns a choice text into its canonical value, following {@linkplain Builder#valueAlias
     * aliases}; other types are returned trimmed.
     *
     * @param text a value as given
     * @return the canonical spelling
     */
    public String canonical(String text) {
        String t = text.trim();
        if (type != ConfigField.Type.CHOICE) {
            return t;
        }
        String lower = t.toLowerCase(Locale.ROOT).replace('_', '-');
        return valueAliases.getOrDefault(lower, lower);
    }

    /** The outcome of parsing one text: a value or a problem. */
    record Parsed<T>(@Nullable T value, @Nullable String problem) { }

    /**
     * Parses and checks one non-blank text given for this key; called by {@link ConfigDefinition}.
     */
    Parsed<T> parse(String text) {
        Object v;
        String t = text.trim();
        switch (type) {
            case INTEGER -> {
                long n;
                String range = minimum != null && maximum != null ? minimum + " to " + maximum
                        : "a whole number";
                try {
                    n = Long.parseLong(t.replace("_", "").replace(",", ""));
                } catch (NumberFormatException e) {
                    return new Parsed<>(null, "'" + t + "' is not a whole number; use " + range);
                }
                long min = minimum == null ? Integer.MIN_VALUE : minimum;
                long max = maximum == null ? Integer.MAX_VALUE : maximum;
                if (n < min || n > max) {
                    return new Parsed<>(null, "is " + n + "; use a whole number from " + min + " to " + max);
                }
                v = (int) n;
            }
            case BOOLEAN -> {
                String l = t.toLowerCase(Locale.ROOT);
                if (l.equals("true") || l.equals("yes")) {
                    v = Boolean.TRUE;
                } else if (l.equals("false") || l.equals("no")) {
                    v = Boolean.FALSE;
                } else {
                    return new Parsed<>(null, "'" + t + "' is not true or false");
                }
            }
            case CHOICE -> {
                String c = canonical(t);
                if (refusedValues.containsKey(c)) {
                    return new Parsed<>(null, "'" + t + "' " + refusedValues.get(c));
                }
                if (!allowedValues.contains(c)) {
                    return new Parsed<>(null, "'" + t + "' is not one of the accepted values; use one of "
                            + String.join(", ", allowedValues));
                }
                v = c;
            }
            case GUID -> {
                if (!ConnectionConfig.isGuid(t)) {
                    return new Parsed<>(null, "'" + t + "' is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)"
                            + fix("; use "));
                }
                v = t;
            }
            case LIST -> {
                Set<String> entries = new LinkedHashSet<>();
                List<String> bad = new ArrayList<>();
                for (String part : t.split(",")) {
                    String e = part.trim();
                    if (e.isEmpty()) {
                        continue;
                    }
                    if (guidEntries && !ConnectionConfig.isGuid(e)) {
                        bad.add(e);
                    } else {
                        entries.add(guidEntries ? e.toLowerCase(Locale.ROOT) : e);
                    }
                }
                if (!bad.isEmpty()) {
                    return new Parsed<>(null, "has entries that are not GUIDs: " + bad + fix("; use "));
                }
                if (entries.isEmpty()) {
                    return new Parsed<>(null, "lists nothing" + fix("; give "));
                }
                if (maximum != null && entries.size() > maximum) {
                    return new Parsed<>(null, "lists " + entries.size() + " entries, more than the " + maximum
                            + " accepted; split them over several connections");
                }
                v = List.copyOf(entries);
            }
            case SECRET -> v = Secret.of(text);
            default -> {
                if (maxLength != null && t.length() > maxLength) {
                    return new Parsed<>(null, "is " + t.length() + " characters long; shorten it to at most "
                            + maxLength);
                }
                v = t;
            }
        }
        @SuppressWarnings("unchecked")
        T value = (T) v;
        for (ConfigValidator<? super T> validator : validators) {
            Optional<String> problem = validator.check(value);
            if (problem.isPresent()) {
                return new Parsed<>(null, problem.get());
            }
        }
        return new Parsed<>(value, null);
    }

    /** @return the message for a required key that was not given */
    String missing() {
        return "is required" + fix(": give ");
    }

    private String fix(String lead) {
        return hint.isEmpty() ? "" : lead + hint;
    }

    @Override
    public String toString() {
        return "ConfigKey{" + name + ", " + type + (required ? ", required" : "") + "}";
    }

    /**
     * Builds a {@link ConfigKey}. Not thread-safe.
     *
     * @param <T> the parsed value type
     */
    public static final class Builder<T> {
        private final String name;
        private final ConfigField.Type type;
        private final Function<T, String> format;
        private @Nullable String label;
        private boolean required;
        private @Nullable T defaultValue;
        private @Nullable String defaultText;
        private String documentation = "";
        private String hint = "";
        private @Nullable String group;
        private boolean guidEntries;
        private final List<String> aliases = new ArrayList<>();
        private final List<String> allowedValues = new ArrayList<>();
        private final Map<String, String> valueAliases = new LinkedHashMap<>();
        private final Map<String, String> refusedValues = new LinkedHashMap<>();
        private @Nullable Long minimum;
        private @Nullable Long maximum;
        private @Nullable Integer maxLength;
        private final List<ConfigValidator<? super T>> validators = new ArrayList<>();

        private Builder(String name, ConfigField.Type type, Function<T, String> format) {
            this.name = Objects.requireNonNull(name, "name must not be null");
            if (!name.matches("[a-zA-Z][a-zA-Z0-9]*")) {
                throw new IllegalArgumentException("option name '" + name + "' must be a camelCase word");
            }
            this.type = type;
            this.format = format;
        }

        /**
         * @param label the label a form shows; the name when not set
         * @return this builder
         */
        public Builder<T> label(String label) {
            this.label = Objects.requireNonNull(label, "label must not be null");
            return this;
        }

        /**
         * Marks the option required; a missing value is an error ({@code "is required: give " + hint}).
         *
         * @return this builder
         */
        public Builder<T> required() {
            this.required = true;
            return this;
        }

        /**
         * @param value the value used when none is given
         * @return this builder
         */
        public Builder<T> defaultValue(T value) {
            this.defaultValue = Objects.requireNonNull(value, "value must not be null");
            return this;
        }

        /**
         * Names a default that depends on other options (e.g. "the cloud's scope"): shown in the
         * field, but no value is supplied when the option is absent.
         *
         * @param text the default as a form shows it
         * @return this builder
         */
        public Builder<T> defaultText(String text) {
            this.defaultText = Objects.requireNonNull(text, "text must not be null");
            return this;
        }

        /**
         * @param documentation what the option is for, in sentences
         * @return this builder
         */
        public Builder<T> documentation(String documentation) {
            this.documentation = Objects.requireNonNull(documentation, "documentation must not be null");
            return this;
        }

        /**
         * @param hint what to give and where to find it, a noun phrase ending error messages
         *     ({@code "is required: give " + hint}, {@code "... is not a GUID; use " + hint}), e.g.
         *     {@code "the Directory (tenant) ID from the app registration's Overview page"}
         * @return this builder
         */
        public Builder<T> hint(String hint) {
            this.hint = Objects.requireNonNull(hint, "hint must not be null");
            return this;
        }

        /**
         * @param group the group in a form, e.g. {@code Authentication}
         * @return this builder
         */
        public Builder<T> group(String group) {
            this.group = Objects.requireNonNull(group, "group must not be null");
            return this;
        }

        /**
         * @param alias another option name this option is read under, for older configurations
         * @return this builder
         */
        public Builder<T> alias(String alias) {
            aliases.add(Objects.requireNonNull(alias, "alias must not be null"));
            return this;
        }

        /**
         * Accepts another spelling of a choice value, documented in the field.
         *
         * @param alias the other spelling, lower-case
         * @param value the accepted value it stands for
         * @return this builder
         */
        public Builder<T> valueAlias(String alias, String value) {
            if (!allowedValues.contains(value) && !refusedValues.containsKey(value)) {
                throw new IllegalArgumentException("'" + value + "' is not a value of " + name);
            }
            valueAliases.put(alias.toLowerCase(Locale.ROOT), value);
            return this;
        }

        /**
         * Names a choice value a user may reasonably try but that this option refuses, with why.
         *
         * @param value the refused value, lower-case
         * @param reason the rest of the message after the quoted value, naming the fix
         * @return this builder
         */
        public Builder<T> refuse(String value, String reason) {
            refusedValues.put(value.toLowerCase(Locale.ROOT), Objects.requireNonNull(reason, "reason must not be null"));
            return this;
        }

        /**
         * @param min the smallest accepted whole number
         * @param max the largest accepted whole number
         * @return this builder
         */
        public Builder<T> range(long min, long max) {
            if (min > max) {
                throw new IllegalArgumentException("min " + min + " > max " + max);
            }
            this.minimum = min;
            this.maximum = max;
            return this;
        }

        /**
         * @param max the most entries a list accepts
         * @return this builder
         */
        public Builder<T> maxSize(long max) {
            this.maximum = max;
            return this;
        }

        /**
         * @param max the longest accepted text, in characters
         * @return this builder
         */
        public Builder<T> maxLength(int max) {
            this.maxLength = max;
            return this;
        }

        /**
         * @param validator a further check of the parsed value, run after the type's own checks
         * @return this builder
         */
        public Builder<T> validator(ConfigValidator<? super T> validator) {
            validators.add(Objects.requireNonNull(validator, "validator must not be null"));
            return this;
        }

        /** @return the key */
        public ConfigKey<T> build() {
            if (defaultValue != null && type == ConfigField.Type.CHOICE && !allowedValues.contains(defaultValue)) {
                throw new IllegalStateException("default of " + name + " is not one of its values");
            }
            return new ConfigKey<>(this);
        }
    }
}
