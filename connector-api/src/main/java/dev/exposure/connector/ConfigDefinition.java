package dev.exposure.connector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Every configuration option of one connector, each declared once as a {@link ConfigKey}, in form
 * order: the one source of the descriptor's {@link ConfigField}s ({@link #fields()}), of parsing a
 * {@link ConnectionConfig} into typed values and of the validation messages ({@link #parse}).
 * In the spirit of Kafka's {@code ConfigDef}; a Kafka Connect adapter builds its {@code ConfigDef}
 * from {@link ConnectorDescriptor#configFields()}.
 *
 * <pre>{@code
 * static final ConfigDefinition DEFINITION = ConfigDefinition.builder("mde-v2")
 *         .add(CommonConfigKeys.NAME)
 *         .add(CommonConfigKeys.TENANT_ID)
 *         .add(MAX_RETRIES)
 *         .build();
 *
 * ConfigValues values = DEFINITION.parse(config);
 * if (values.errors().isEmpty()) {
 *     int retries = values.get(MAX_RETRIES);
 * }
 * }</pre>
 *
 * <p>Where a value is read: the keys named like the shared fields of {@link ConnectionConfig}
 * ({@code name}, {@code description}, {@code tenantId}, {@code clientId}, {@code clientSecret},
 * {@code authenticationUrl}, {@code cloud}) from those fields, every other key from
 * {@link ConnectionConfig#options()} under its name or one of its aliases. A shared field may also
 * be given as an option of the same name (config files do so for {@code cloud}); when both are
 * given and mean different values that is an error of the field ("set it once").
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ConfigDefinition {
    private static final Set<String> SHARED = Set.of("name", "description", "tenantId", "clientId", "clientSecret",
            "authenticationUrl", "cloud");

    private final String owner;
    private final List<ConfigKey<?>> keys;
    private final boolean rejectUnknownOptions;

    private ConfigDefinition(Builder b) {
        this.owner = b.owner;
        this.keys = List.copyOf(b.keys.values());
        this.rejectUnknownOptions = b.rejectUnknownOptions;
    }

    /**
     * @param owner who accepts these options, for messages, e.g. the provider id {@code mde-v2}
     * @return a new builder
     */
    public static Builder builder(String owner) {
        return new Builder(Objects.requireNonNull(owner, "owner must not be null"));
    }

    /** @return the keys, in form order */
    public List<ConfigKey<?>> keys() {
        return keys;
    }

    /**
     * @param name a field name (not an alias)
     * @return the key, or empty
     */
    public Optional<ConfigKey<?>> key(String name) {
        return keys.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    /** @return the derived data form of every key, in form order, for a {@link ConnectorDescriptor} */
    public List<ConfigField> fields() {
        return keys.stream().map(ConfigKey::field).toList();
    }

    /**
     * @return the names a host puts into {@link ConnectionConfig#options()}, in form order: every
     *     key but those with their own {@link ConnectionConfig} accessor, except {@code cloud},
     *     which is accepted in either place
     */
    public List<String> optionNames() {
        return keys.stream().map(ConfigKey::name).filter(n -> n.equals("cloud") || !SHARED.contains(n)).toList();
    }

    /**
     * Parses and checks a configuration with every required key required.
     *
     * @param config the configuration
     * @return the values and every problem found
     */
    public ConfigValues parse(ConnectionConfig config) {
        return parse(config, Set.of());
    }

    /**
     * Parses and checks a configuration: each key's text is read, parsed into its type and checked
     * against its limits and validators; a required key without a value is an error unless waived;
     * with {@linkplain Builder#ignoreUnknownOptions() the default policy} an option that no key
     * declares is an error. Every problem is reported, each naming its field and the fix, in form
     * order, unknown options last.
     *
     * @param config the configuration
     * @param waived names of required keys that may be absent this time, e.g. {@code clientSecret}
     *     when the host lends a {@code TokenCredential}
     * @return the values and every problem found
     */
    public ConfigValues parse(ConnectionConfig config, Set<String> waived) {
        Objects.requireNonNull(config, "config must not be null");
        Objects.requireNonNull(waived, "waived must not be null");
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> given = new LinkedHashSet<>();
        List<ConfigError> errors = new ArrayList<>();
        for (ConfigKey<?> key : keys) {
            read(config, key, values, given, errors, waived);
        }
        if (rejectUnknownOptions) {
            Set<String> known = new LinkedHashSet<>(SHARED);
            keys.forEach(k -> {
                known.add(k.name());
                known.addAll(k.aliases());
            });
            for (String option : config.options().keySet()) {
                if (!known.contains(option)) {
                    errors.add(ConfigError.of(option, "is not an option of " + owner + "; known options: "
                            + String.join(", ", optionNames())));
                }
            }
        }
        return new ConfigValues(values, given, errors);
    }

    private static <T> void read(ConnectionConfig config, ConfigKey<T> key, Map<String, Object> values,
                                 Set<String> given, List<ConfigError> errors, Set<String> waived) {
        String name = key.name();
        Optional<String> option = config.option(name).or(() -> key.aliases().stream().map(config::option)
                .flatMap(Optional::stream).findFirst());
        Optional<String> field = SHARED.contains(name) ? shared(config, name) : Optional.empty();
        if (field.isPresent() && option.isPresent() && !key.secret()
                && !key.canonical(field.get()).equals(key.canonical(option.get()))) {
            errors.add(ConfigError.of(name, "is '" + field.get().trim() + "' in the " + name + " field but '"
                    + option.get() + "' in the options; set it once"));
            given.add(name);
            return;
        }
        Optional<String> text = field.or(() -> option);
        if (text.isEmpty()) {
            if (key.required() && !waived.contains(name)) {
                errors.add(ConfigError.of(name, key.missing()));
            }
            return;
        }
        given.add(name);
        ConfigKey.Parsed<T> parsed = key.parse(text.get());
        if (parsed.problem() != null) {
            errors.add(ConfigError.of(name, parsed.problem()));
        } else if (parsed.value() != null) {
            values.put(name, parsed.value());
        }
    }

    private static Optional<String> shared(ConnectionConfig config, String name) {
        Optional<String> v = switch (name) {
            case "name" -> config.name();
            case "description" -> config.description();
            case "tenantId" -> config.tenantId();
            case "clientId" -> config.clientId();
            case "clientSecret" -> config.clientSecret().map(Secret::reveal);
            case "authenticationUrl" -> config.authenticationUrl();
            case "cloud" -> config.cloud();
            default -> Optional.empty();
        };
        return v.filter(s -> !s.isBlank());
    }

    @Override
    public String toString() {
        return "ConfigDefinition{" + owner + ", " + keys.stream().map(ConfigKey::name).toList() + "}";
    }

    /** Builds a {@link ConfigDefinition}. Not thread-safe. */
    public static final class Builder {
        private final String owner;
        private final Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();
        private boolean rejectUnknownOptions = true;

        private Builder(String owner) {
            this.owner = owner;
        }

        /**
         * @param key the next key in form order
         * @return this builder
         * @throws IllegalArgumentException if a key of that name or alias is already declared
         */
        public Builder add(ConfigKey<?> key) {
            Objects.requireNonNull(key, "key must not be null");
            Set<String> taken = new LinkedHashSet<>();
            keys.values().forEach(k -> {
                taken.add(k.name());
                taken.addAll(k.aliases());
            });
            if (taken.contains(key.name()) || key.aliases().stream().anyMatch(taken::contains)) {
                throw new IllegalArgumentException(key.name() + " or one of its aliases is declared twice");
            }
            keys.put(key.name(), key);
            return this;
        }

        /**
         * Accepts options that no key declares, leaving them unread (by default they are errors).
         *
         * @return this builder
         */
        public Builder ignoreUnknownOptions() {
            this.rejectUnknownOptions = false;
            return this;
        }

        /** @return the definition */
        public ConfigDefinition build() {
            return new ConfigDefinition(this);
        }
    }
}
