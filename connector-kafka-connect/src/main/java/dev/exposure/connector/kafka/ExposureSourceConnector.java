package dev.exposure.connector.kafka;

import dev.exposure.connector.ConfigField;
import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.ConnectorProvider;
import dev.exposure.connector.internal.BuildVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.jspecify.annotations.Nullable;

/**
 * A Kafka Connect source connector that runs any connector of the SDK found by
 * {@link java.util.ServiceLoader}, named by the option {@value SourceSettings#PROVIDER} (e.g.
 * {@code mde-v2}). {@link MdeSourceConnector} and {@link MdcSourceConnector} are the same connector
 * with the provider fixed, so that plugin listings show them by name.
 *
 * <p>Configuration: the provider's declared fields by their SDK names (Connect's {@code name} is
 * the connection name; {@code clientSecret} is a password that config providers can resolve) plus
 * topics, output format, data to sync, filter, sampling and the schedule. {@link #validate(Map)}
 * runs the provider's own validation, so every field's errors are the same as in the SDK and the
 * command line, and never contain the secret.
 *
 * <p>Work split: a connection is one task, because Microsoft's limits are per application and
 * tenant; a connector with a {@value SourceSettings#SUBSCRIPTIONS} list (Resource Graph) splits its
 * subscriptions over up to {@code tasks.max} tasks.
 *
 * <p>Delivery is at-least-once; exactly-once source support (KIP-618) is not offered (see the
 * module README).
 *
 * @since 0.1
 */
public class ExposureSourceConnector extends SourceConnector {
    /** Task config key: the provider a named connector class fixed. */
    static final String TASK_PROVIDER = "task.provider";

    private final @Nullable String fixedProvider;
    private Map<String, String> props = Map.of();
    private @Nullable SourceSettings settings;

    /** The generic connector: the provider is named by the option {@value SourceSettings#PROVIDER}. */
    public ExposureSourceConnector() {
        this(null);
    }

    /**
     * A connector that always runs one provider.
     *
     * @param providerId the provider id, e.g. {@code mde-v2}
     */
    protected ExposureSourceConnector(@Nullable String providerId) {
        this.fixedProvider = providerId;
    }

    @Override
    public String version() {
        return BuildVersion.of(ExposureSourceConnector.class);
    }

    @Override
    public void start(Map<String, String> props) {
        try {
            ConnectorProvider provider = SourceSettings.provider(fixedProvider, props, loader());
            this.settings = SourceSettings.parse(provider, props, fixedProvider == null);
            this.props = Map.copyOf(props);
        } catch (ConfigurationException e) {
            throw new ConnectException(e.getMessage());
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return ExposureSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        SourceSettings s = settings;
        if (s == null) {
            throw new ConnectException("the connector was not started");
        }
        Map<String, String> base = new HashMap<>(props);
        if (fixedProvider != null) {
            base.put(TASK_PROVIDER, fixedProvider);
        }
        List<List<String>> shares = split(s, maxTasks);
        if (shares.isEmpty()) {
            return List.of(base);
        }
        List<Map<String, String>> configs = new ArrayList<>();
        for (List<String> share : shares) {
            Map<String, String> c = new HashMap<>(base);
            c.put(ExposureSourceTask.TASK_SUBSCRIPTIONS, String.join(",", share));
            configs.add(c);
        }
        return configs;
    }

    /**
     * Splits the subscriptions of a Resource Graph connection over at most {@code maxTasks} tasks,
     * as evenly as possible, keeping their order.
     *
     * @return the shares, or empty when the connection is not split (one task)
     */
    static List<List<String>> split(SourceSettings s, int maxTasks) {
        boolean splittable = s.provider.descriptor().field(SourceSettings.SUBSCRIPTIONS)
                .filter(f -> f.type() == ConfigField.Type.LIST).isPresent();
        List<String> subscriptions = s.connection.option(SourceSettings.SUBSCRIPTIONS)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).distinct().toList())
                .orElse(List.of());
        if (!splittable || subscriptions.isEmpty()) {
            return List.of();
        }
        int n = Math.max(1, Math.min(maxTasks, subscriptions.size()));
        List<List<String>> shares = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < n; i++) {
            int size = subscriptions.size() / n + (i < subscriptions.size() % n ? 1 : 0);
            shares.add(List.copyOf(subscriptions.subList(from, from + size)));
            from += size;
        }
        return shares;
    }

    @Override
    public void stop() {
        settings = null;
    }

    /**
     * The definition Connect lists: the adapter's options, plus the provider's fields for a named
     * connector class. The generic connector's definition depends on the provider a config names;
     * {@link #validate(Map)} uses that provider's fields.
     */
    @Override
    public ConfigDef config() {
        if (fixedProvider == null) {
            return SourceSettings.adapterDef(true);
        }
        return SourceSettings.configDef(SourceSettings.provider(fixedProvider, Map.of(), loader()).descriptor(), false);
    }

    /**
     * Validates a configuration with the provider's own validation and the adapter's checks, and
     * attaches every problem to its field. The secret is never in a message.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        ConnectorProvider provider;
        try {
            provider = SourceSettings.provider(fixedProvider, connectorConfigs, loader());
        } catch (ConfigurationException e) {
            Map<String, List<String>> problems = new HashMap<>();
            e.errors().forEach(x -> problems.computeIfAbsent(x.field(), k -> new ArrayList<>()).add(x.message()));
            return SourceSettings.validated(SourceSettings.adapterDef(true), problems, connectorConfigs);
        }
        ConfigDef def = SourceSettings.configDef(provider.descriptor(), fixedProvider == null);
        return SourceSettings.validated(def, SourceSettings.problems(provider, connectorConfigs, fixedProvider == null),
                connectorConfigs);
    }

    /**
     * Not offered: a run is far too large for one transaction (a 10-million-record run against the
     * brokers' 15-minute transaction timeout), and a run repeated after a failure re-delivers
     * records of the failed run that were already written.
     */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.UNSUPPORTED;
    }

    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
        return ConnectorTransactionBoundaries.UNSUPPORTED;
    }

    private ClassLoader loader() {
        return getClass().getClassLoader();
    }
}
