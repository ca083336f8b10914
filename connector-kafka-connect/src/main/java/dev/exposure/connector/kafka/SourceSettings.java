package dev.exposure.connector.kafka;

import dev.exposure.connector.ConfigError;
import dev.exposure.connector.ConfigField;
import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.ConnectorDescriptor;
import dev.exposure.connector.ConnectorProvider;
import dev.exposure.connector.Connectors;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.Schedule;
import dev.exposure.connector.Secret;
import dev.exposure.connector.SyncRequest;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;
import org.jspecify.annotations.Nullable;

/**
 * The Connect configuration of one connection: the provider's declared fields
 * ({@link ConnectorDescriptor#configFields()}, same names as everywhere else) plus the adapter's
 * own options (topics, output format, data to sync, filter, sampling, schedule).
 *
 * <p>Every value is declared without a Connect-level default or validator: all checking goes
 * through the provider's own {@link ConnectorProvider#validate validate} (and the SDK's
 * {@link Schedule} and {@link SyncRequest} checks), so a user gets the same message in Connect's
 * validate endpoint as in the command line. The SDK field {@code name} is Connect's own connector
 * {@code name}; it is not declared again. The client secret is a {@link ConfigDef.Type#PASSWORD}.
 */
final class SourceSettings {
    /** The generic connector's option naming the provider, e.g. {@code mde-v2}. */
    static final String PROVIDER = "provider";
    static final String ASSETS_TOPIC = "assets.topic";
    static final String FINDINGS_TOPIC = "findings.topic";
    static final String FORMAT = "output.format";
    static final String DATA = "sync.data";
    static final String MODE = "sync.mode";
    static final String FILTER = "sync.filter";
    static final String SAMPLING = "sync.sampling";
    static final String SKIP_INVALID = "sync.skip.invalid";
    static final String FREQUENCY = "schedule.frequency";
    static final String START = "schedule.start";
    static final String END = "schedule.end";
    static final String ZONE = "schedule.zone";
    /** Connect's connector name; the SDK's connection {@code name}. */
    static final String NAME = "name";
    /** The name of the declared field that lists Resource Graph subscriptions, split over tasks. */
    static final String SUBSCRIPTIONS = "subscriptions";

    private static final String GROUP_CONNECTION = "Connection";
    private static final String GROUP_OUTPUT = "Output";
    private static final String GROUP_SYNC = "Sync";
    private static final String GROUP_SCHEDULE = "Schedule";

    /** Output formats of the record values. */
    enum Format {
        /** The SDK's Asset and Finding as Connect Structs with a schema. */
        MODEL,
        /** OCSF 1.8.0 events as JSON text (connector-ocsf). */
        OCSF,
        /** The vendor records untransformed, as JSON text. */
        RAW
    }

    /** Full runs every time, or delta from the last checkpoint where the connector supports it. */
    enum Mode {
        /** Delta from the last checkpoint when the connector supports delta and one exists, else full. */
        AUTO,
        /** A full run every time. */
        FULL
    }

    final ConnectorProvider provider;
    final ConnectionConfig connection;
    final @Nullable Secret secret;
    final String assetsTopic;
    final @Nullable String findingsTopic;
    final Format format;
    final SyncRequest.Data data;
    final Mode mode;
    final @Nullable String filter;
    final boolean sampling;
    final boolean skipInvalid;
    final Schedule schedule;

    private SourceSettings(ConnectorProvider provider, ConnectionConfig connection, @Nullable Secret secret,
                           String assetsTopic, @Nullable String findingsTopic, Format format, SyncRequest.Data data,
                           Mode mode, @Nullable String filter, boolean sampling, boolean skipInvalid, Schedule schedule) {
        this.provider = provider;
        this.connection = connection;
        this.secret = secret;
        this.assetsTopic = assetsTopic;
        this.findingsTopic = findingsTopic;
        this.format = format;
        this.data = data;
        this.mode = mode;
        this.filter = filter;
        this.sampling = sampling;
        this.skipInvalid = skipInvalid;
        this.schedule = schedule;
    }

    /** @return the connection name (Connect's connector name) */
    String connectionName() {
        return connection.name().orElse("");
    }

    /**
     * A request for one run.
     *
     * @param checkpoint the last complete run's checkpoint, if any
     * @return the request
     */
    SyncRequest request(Optional<dev.exposure.connector.Checkpoint> checkpoint) {
        SyncRequest.Builder b = SyncRequest.builder().data(data).sampling(sampling);
        if (filter != null) {
            b.filter(filter);
        }
        if (mode == Mode.AUTO && provider.descriptor().deltaSupported() && checkpoint.isPresent()) {
            b.mode(SyncRequest.Mode.DELTA).checkpoint(checkpoint.get());
        }
        return b.build();
    }

    /**
     * @param key an option name, e.g. {@value #SUBSCRIPTIONS}
     * @param value its value for one task
     * @return these settings with the option replaced
     */
    SourceSettings withOption(String key, String value) {
        ConnectionConfig c = ConnectionConfig.builder().from(connection).putOptions(key, value).build();
        return new SourceSettings(provider, c, secret, assetsTopic, findingsTopic, format, data, mode, filter, sampling,
                skipInvalid, schedule);
    }

    // ---------------------------------------------------------------- ConfigDef

    /**
     * The options every connector of this plugin has, without the provider's fields.
     *
     * @param withProvider whether to declare {@value #PROVIDER} (the generic connector)
     * @return a new definition
     */
    static ConfigDef adapterDef(boolean withProvider) {
        ConfigDef def = new ConfigDef();
        int order = 0;
        if (withProvider) {
            def.define(PROVIDER, ConfigDef.Type.STRING, null, ConfigDef.Importance.HIGH,
                    "The connector provider id to run, as 'connector list' prints it, e.g. mde-v2 or mdc-vm.",
                    GROUP_CONNECTION, ++order, ConfigDef.Width.MEDIUM, "Provider");
        }
        order = 0;
        def.define(ASSETS_TOPIC, ConfigDef.Type.STRING, null, ConfigDef.Importance.HIGH,
                "The topic assets are written to, keyed by externalAssetId (a compacted topic keeps the current"
                        + " state of every asset).", GROUP_OUTPUT, ++order, ConfigDef.Width.MEDIUM, "Assets topic");
        def.define(FINDINGS_TOPIC, ConfigDef.Type.STRING, null, ConfigDef.Importance.HIGH,
                "The topic findings are written to, keyed by externalFindingId; required unless sync.data=assets.",
                GROUP_OUTPUT, ++order, ConfigDef.Width.MEDIUM, "Findings topic");
        def.define(FORMAT, ConfigDef.Type.STRING, "model", ConfigDef.Importance.MEDIUM,
                "model: Asset and Finding as Connect Structs with a schema (any converter: JSON, Avro, Protobuf);"
                        + " ocsf: OCSF 1.8.0 events as JSON text; raw: the vendor records untransformed as JSON text."
                        + " ocsf and raw values are strings: use the StringConverter for values.",
                GROUP_OUTPUT, ++order, ConfigDef.Width.SHORT, "Output format", recommender("model", "ocsf", "raw"));
        order = 0;
        def.define(DATA, ConfigDef.Type.STRING, "assets-and-findings", ConfigDef.Importance.MEDIUM,
                "Data to sync: assets, or assets-and-findings.", GROUP_SYNC, ++order, ConfigDef.Width.SHORT,
                "Data to sync", recommender("assets", "assets-and-findings"));
        def.define(MODE, ConfigDef.Type.STRING, "auto", ConfigDef.Importance.LOW,
                "auto: a delta run from the last complete run's checkpoint when the connector supports delta,"
                        + " else full; full: a full run every time.", GROUP_SYNC, ++order, ConfigDef.Width.SHORT,
                "Sync mode", recommender("auto", "full"));
        def.define(FILTER, ConfigDef.Type.STRING, null, ConfigDef.Importance.LOW,
                "The vendor filter (mde-v2: OData v4, e.g. osPlatform eq 'Windows10'); connectors without filter"
                        + " support refuse it.", GROUP_SYNC, ++order, ConfigDef.Width.LONG, "Filter");
        def.define(SAMPLING, ConfigDef.Type.STRING, "false", ConfigDef.Importance.LOW,
                "true: each run delivers the first " + SyncRequest.SAMPLE_LIMIT + " assets and their findings only.",
                GROUP_SYNC, ++order, ConfigDef.Width.SHORT, "Sampling", recommender("false", "true"));
        def.define(SKIP_INVALID, ConfigDef.Type.STRING, "false", ConfigDef.Importance.LOW,
                "true: a record the transform maps cannot transform (identity unreadable) is left out and"
                        + " counted in the run's log line; false: it fails the run.", GROUP_SYNC, ++order,
                ConfigDef.Width.SHORT, "Skip invalid records", recommender("false", "true"));
        order = 0;
        def.define(FREQUENCY, ConfigDef.Type.STRING, "daily", ConfigDef.Importance.HIGH,
                "How often a run starts: hourly, daily, weekly or monthly (the SDK's Schedule).", GROUP_SCHEDULE,
                ++order, ConfigDef.Width.SHORT, "Occurs", recommender("hourly", "daily", "weekly", "monthly"));
        def.define(START, ConfigDef.Type.STRING, null, ConfigDef.Importance.HIGH,
                "The first run, local date and time in schedule.zone, e.g. 2026-01-05T02:00. A run missed while"
                        + " the connector was down starts at once when it comes back.", GROUP_SCHEDULE, ++order,
                ConfigDef.Width.MEDIUM, "Start");
        def.define(END, ConfigDef.Type.STRING, null, ConfigDef.Importance.LOW,
                "The last moment a run may start, local date and time; five years after the start by default.",
                GROUP_SCHEDULE, ++order, ConfigDef.Width.MEDIUM, "End");
        def.define(ZONE, ConfigDef.Type.STRING, "UTC", ConfigDef.Importance.MEDIUM,
                "The time zone of start and end, e.g. Europe/Berlin.", GROUP_SCHEDULE, ++order,
                ConfigDef.Width.MEDIUM, "Time zone");
        return def;
    }

    /**
     * The full definition: the adapter's options plus the provider's declared fields (all but
     * {@code name}, which is Connect's own).
     *
     * @param descriptor the provider's descriptor
     * @param withProvider whether to declare {@value #PROVIDER}
     * @return a new definition
     */
    static ConfigDef configDef(ConnectorDescriptor descriptor, boolean withProvider) {
        ConfigDef def = adapterDef(withProvider);
        int order = 0;
        for (ConfigField f : descriptor.configFields()) {
            if (f.name().equals(NAME) || def.configKeys().containsKey(f.name())) {
                continue;
            }
            ConfigDef.Type type = switch (f.type()) {
                case SECRET -> ConfigDef.Type.PASSWORD;
                case LIST -> ConfigDef.Type.LIST;
                default -> ConfigDef.Type.STRING;
            };
            StringBuilder doc = new StringBuilder(f.label()).append(". ").append(f.description());
            if (f.required()) {
                doc.append(" Required.");
            }
            f.maxLength().ifPresent(m -> doc.append(" At most ").append(m).append(" characters."));
            if (!f.allowedValues().isEmpty()) {
                doc.append(" One of: ").append(String.join(", ", f.allowedValues())).append('.');
            }
            ConfigDef.Importance importance = f.required() ? ConfigDef.Importance.HIGH : ConfigDef.Importance.MEDIUM;
            // no Connect default: the provider applies its own (so it can tell "absent" from "given")
            def.define(f.name(), type, null, importance, doc.toString(), descriptor.displayName(), ++order,
                    ConfigDef.Width.MEDIUM, f.label(),
                    f.allowedValues().isEmpty() ? null : recommender(f.allowedValues().toArray(String[]::new)));
        }
        return def;
    }

    private static ConfigDef.Recommender recommender(String... values) {
        List<Object> list = List.of((Object[]) values);
        return new ConfigDef.Recommender() {
            @Override
            public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
                return list;
            }

            @Override
            public boolean visible(String name, Map<String, Object> parsedConfig) {
                return true;
            }
        };
    }

    // ---------------------------------------------------------------- parsing and validation

    /**
     * Finds the provider a configuration names.
     *
     * @param fixedProvider the provider of a named connector class, or null for the generic one
     * @param props the raw properties
     * @param loader where to look for providers
     * @return the provider
     * @throws ConfigurationException on field {@value #PROVIDER} when it is missing or unknown
     */
    static ConnectorProvider provider(@Nullable String fixedProvider, Map<String, String> props, ClassLoader loader) {
        Connectors connectors = Connectors.load(loader);
        String id = fixedProvider != null ? fixedProvider : trimmed(props.get(PROVIDER));
        if (id == null) {
            throw new ConfigurationException(PROVIDER, "is required: the connector provider id, one of "
                    + String.join(", ", connectors.ids()));
        }
        return connectors.find(id).orElseThrow(() -> new ConfigurationException(PROVIDER, "'" + id
                + "' is not a connector on this plugin's class path; known: " + String.join(", ", connectors.ids())));
    }

    /**
     * Validates everything and reports every problem at once, by field.
     *
     * @param provider the provider
     * @param props the raw properties (config provider references already resolved by the worker)
     * @param withProvider whether the definition holds {@value #PROVIDER}
     * @return the problems by field, in definition order; empty when valid
     */
    static Map<String, List<String>> problems(ConnectorProvider provider, Map<String, String> props,
                                              boolean withProvider) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        try {
            parse(provider, props, withProvider);
        } catch (ConfigurationException e) {
            for (ConfigError error : e.errors()) {
                problems.computeIfAbsent(error.field(), k -> new ArrayList<>()).add(error.message());
            }
        }
        return problems;
    }

    /**
     * Connect's validate result: the definition's values, each with the problems of its field.
     *
     * @param def the definition
     * @param problems the problems by field ({@link #problems})
     * @param props the raw properties
     * @return the config
     */
    static Config validated(ConfigDef def, Map<String, List<String>> problems, Map<String, String> props) {
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        for (ConfigValue v : def.validate(props)) {
            values.put(v.name(), v);
        }
        problems.forEach((field, messages) -> {
            ConfigValue v = values.computeIfAbsent(field, k -> new ConfigValue(k, props.get(k), List.of(), List.of()));
            messages.forEach(v::addErrorMessage);
        });
        return new Config(new ArrayList<>(values.values()));
    }

    /**
     * Parses and validates a configuration completely, without any network traffic.
     *
     * @param provider the provider
     * @param props the raw properties
     * @param withProvider whether the definition holds {@value #PROVIDER}
     * @return the settings
     * @throws ConfigurationException listing every problem, each naming its field; the secret is
     *     never in a message
     */
    static SourceSettings parse(ConnectorProvider provider, Map<String, String> props, boolean withProvider) {
        ConnectorDescriptor descriptor = provider.descriptor();
        ConfigDef def = configDef(descriptor, withProvider);
        List<ConfigError> errors = new ArrayList<>();
        for (String key : props.keySet()) {
            // keys of neither Connect nor this definition are tolerated by Connect (transforms.*, producer
            // overrides); only a key that looks like a field of ours but is misspelled could hide a
            // mistake, and Connect reports unknown keys as warnings itself
            if (key.equals(PROVIDER) && !withProvider) {
                errors.add(ConfigError.of(PROVIDER, "is not an option of this connector class, which always runs "
                        + descriptor.id() + "; remove it"));
            }
        }
        Map<String, Object> parsed = new LinkedHashMap<>();
        for (ConfigDef.ConfigKey key : def.configKeys().values()) {
            String raw = props.get(key.name);
            parsed.put(key.name, raw == null ? null : ConfigDef.parseType(key.name, raw, key.type));
        }
        Secret secret = null;
        // the same flat-text reading as every other text source (ConnectionConfig.fromProperties)
        Map<String, String> texts = new LinkedHashMap<>();
        trimmedOpt(props.get(NAME)).ifPresent(n -> texts.put(NAME, n));
        for (ConfigField f : descriptor.configFields()) {
            Object value = parsed.get(f.name());
            if (f.name().equals(NAME) || value == null) {
                continue;
            }
            String text;
            if (value instanceof Password p) {
                text = p.value();
                if (f.name().equals("clientSecret") && !text.isEmpty()) {
                    secret = Secret.of(text);
                }
            } else if (value instanceof List<?> list) {
                text = String.join(",", list.stream().map(String::valueOf).toList());
            } else {
                text = String.valueOf(value);
            }
            if (!text.isEmpty()) {
                texts.put(f.name(), text);
            }
        }
        ConnectionConfig connection = ConnectionConfig.fromProperties(texts);
        errors.addAll(provider.validate(connection, ConnectorContext.empty()));

        String assetsTopic = trimmed(props.get(ASSETS_TOPIC));
        if (assetsTopic == null) {
            errors.add(ConfigError.of(ASSETS_TOPIC, "is required: the topic assets are written to, e.g. mde.assets"));
        }
        SyncRequest.Data data = choice(props, DATA, "assets-and-findings", errors,
                Map.of("assets", SyncRequest.Data.ASSETS, "assets-and-findings", SyncRequest.Data.ASSETS_AND_FINDINGS));
        String findingsTopic = trimmed(props.get(FINDINGS_TOPIC));
        if (findingsTopic == null && data == SyncRequest.Data.ASSETS_AND_FINDINGS) {
            errors.add(ConfigError.of(FINDINGS_TOPIC, "is required when sync.data is assets-and-findings: the topic"
                    + " findings are written to, e.g. mde.findings"));
        }
        Format format = choice(props, FORMAT, "model", errors,
                Map.of("model", Format.MODEL, "ocsf", Format.OCSF, "raw", Format.RAW));
        Mode mode = choice(props, MODE, "auto", errors, Map.of("auto", Mode.AUTO, "full", Mode.FULL));
        String filter = trimmed(props.get(FILTER));
        if (filter != null && !descriptor.filterSupported()) {
            errors.add(ConfigError.of(FILTER, "is not supported by " + descriptor.id() + "; remove it"));
        }
        Boolean sampling = choice(props, SAMPLING, "false", errors, Map.of("true", true, "false", false));
        if (Boolean.TRUE.equals(sampling) && !descriptor.samplingSupported()) {
            errors.add(ConfigError.of(SAMPLING, "is not supported by " + descriptor.id() + "; set it to false"));
        }
        Boolean skipInvalid = choice(props, SKIP_INVALID, "false", errors, Map.of("true", true, "false", false));
        Schedule schedule = schedule(props, errors);

        if (errors.isEmpty() && filter != null) {
            // the connector checks its filter when a stream is opened, before any request
            SyncRequest probe = SyncRequest.builder().filter(filter).data(data).build();
            try (Connector c = provider.create(connection, ConnectorContext.empty());
                 RecordStream<dev.exposure.connector.SourceRecord> s = c.fetchAssets(probe)) {
                // opened and closed: nothing is sent
                assert s != null;
            } catch (ConfigurationException e) {
                e.errors().forEach(x -> errors.add(ConfigError.of(x.field().equals("filter") ? FILTER : x.field(),
                        x.message())));
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigurationException(redact(errors, secret));
        }
        return new SourceSettings(provider, connection, secret, assetsTopic, findingsTopic, format, data, mode, filter,
                sampling, skipInvalid, schedule);
    }

    private static @Nullable Schedule schedule(Map<String, String> props, List<ConfigError> errors) {
        Schedule.Frequency frequency = choice(props, FREQUENCY, "daily", errors, Map.of(
                "hourly", Schedule.Frequency.HOURLY, "daily", Schedule.Frequency.DAILY,
                "weekly", Schedule.Frequency.WEEKLY, "monthly", Schedule.Frequency.MONTHLY));
        ZoneId zone = null;
        String zoneText = Optional.ofNullable(trimmed(props.get(ZONE))).orElse("UTC");
        try {
            zone = ZoneId.of(zoneText);
        } catch (DateTimeException e) {
            errors.add(ConfigError.of(ZONE, "'" + zoneText + "' is not a time zone; use a region id such as"
                    + " Europe/Berlin or America/New_York, or UTC"));
        }
        LocalDateTime start = localTime(props, START, true, errors);
        LocalDateTime end = localTime(props, END, false, errors);
        if (frequency == null || zone == null || start == null) {
            return null;
        }
        try {
            Schedule.Builder b = Schedule.builder().frequency(frequency).start(start).zone(zone);
            if (end != null) {
                b.end(end);
            }
            return b.build();
        } catch (IllegalStateException e) {
            errors.add(ConfigError.of(END, e.getMessage()));
            return null;
        }
    }

    private static @Nullable LocalDateTime localTime(Map<String, String> props, String key, boolean required,
                                                     List<ConfigError> errors) {
        String text = trimmed(props.get(key));
        if (text == null) {
            if (required) {
                errors.add(ConfigError.of(key, "is required: the first run, local date and time, e.g."
                        + " 2026-01-05T02:00"));
            }
            return null;
        }
        try {
            return LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(ConfigError.of(key, "'" + text + "' is not a local date and time; use the form"
                    + " 2026-01-05T02:00 (no offset: the zone is schedule.zone)"));
            return null;
        }
    }

    private static <T> @Nullable T choice(Map<String, String> props, String key, String fallback,
                                          List<ConfigError> errors, Map<String, T> values) {
        String text = Optional.ofNullable(trimmed(props.get(key))).orElse(fallback).toLowerCase(Locale.ROOT);
        T value = values.get(text);
        if (value == null) {
            errors.add(ConfigError.of(key, "'" + props.get(key) + "' is not one of "
                    + String.join(", ", values.keySet().stream().sorted().toList())));
        }
        return value;
    }

    private static List<ConfigError> redact(List<ConfigError> errors, @Nullable Secret secret) {
        if (secret == null) {
            return errors;
        }
        return errors.stream().map(e -> ConfigError.of(e.field(), secret.redact(e.message()))).toList();
    }

    private static @Nullable String trimmed(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Optional<String> trimmedOpt(@Nullable String s) {
        return Optional.ofNullable(trimmed(s));
    }
}
