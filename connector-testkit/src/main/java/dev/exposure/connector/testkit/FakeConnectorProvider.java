package dev.exposure.connector.testkit;

import dev.exposure.connector.ConfigError;
import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.ConnectorDescriptor;
import dev.exposure.connector.ConnectorProvider;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The {@link ConnectorProvider} of {@link FakeConnector}s, id {@value #ID}, for tests of code
 * that discovers connectors with {@link java.util.ServiceLoader} or creates them from a
 * {@link ConnectionConfig}.
 *
 * <p>The testkit does NOT register it in its own {@code META-INF/services} (a command line or
 * host must never list a fake). To discover it in your tests, add
 * {@code src/test/resources/META-INF/services/dev.exposure.connector.ConnectorProvider} with the
 * line {@code dev.exposure.connector.testkit.FakeConnectorProvider}.
 *
 * <p>{@link #create} validates the shared settings exactly as real providers do (every problem at
 * once; the secret is optional when the context lends a {@code TokenCredential}) and returns a
 * fake scoped to the configured tenant, scripted with {@link #sampleData()} unless you pass other
 * data to the constructor. Checkpoints are stamped with the context's {@link Clock} when it lends
 * one, else with the fake's fixed clock. Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class FakeConnectorProvider implements ConnectorProvider {
    /** The provider id. */
    public static final String ID = "fake";

    private static final String TOKEN_CREDENTIAL = "com.azure.core.credential.TokenCredential";

    private final Supplier<FakeConnector.Builder> script;

    /** A provider whose connectors serve {@link #sampleData()}; used by {@link java.util.ServiceLoader}. */
    public FakeConnectorProvider() {
        this(FakeConnectorProvider::sampleData);
    }

    /**
     * A provider whose connectors are scripted by the given builders.
     *
     * @param script gives a fresh builder per {@link #create} call; its descriptor must have id {@value #ID}
     */
    public FakeConnectorProvider(Supplier<FakeConnector.Builder> script) {
        this.script = Objects.requireNonNull(script, "script must not be null");
    }

    /**
     * The default script: asset pages of 3 and 2 machines, finding pages of 3 and 2 findings.
     *
     * @return a new builder with the sample pages
     */
    public static FakeConnector.Builder sampleData() {
        return FakeConnector.builder()
                .assetPages(TestRecords.assets(1, 3), TestRecords.assets(4, 2))
                .findingPages(TestRecords.findings(1, 3), TestRecords.findings(4, 2));
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return FakeConnector.DEFAULT_DESCRIPTOR;
    }

    /**
     * Checks the shared settings ({@link ConnectionConfig#validate(boolean)}).
     *
     * @param config the configuration
     * @param context a {@code TokenCredential} in it makes the secret optional
     * @return every problem, empty when valid
     */
    @Override
    public List<ConfigError> validate(ConnectionConfig config, ConnectorContext context) {
        return config.validate(context.findByTypeName(TOKEN_CREDENTIAL).isEmpty());
    }

    /**
     * @param config a valid configuration; its tenant id becomes the checkpoint scope
     * @param context what the host lends
     * @return a new fake
     * @throws ConfigurationException listing every problem, if the configuration is invalid
     */
    @Override
    public FakeConnector create(ConnectionConfig config, ConnectorContext context) {
        List<ConfigError> errors = validate(config, context);
        if (!errors.isEmpty()) {
            throw new ConfigurationException(errors);
        }
        FakeConnector.Builder b = script.get().scope(config.tenantId().map(String::trim).orElseThrow());
        context.find(Clock.class).ifPresent(b::clock);
        FakeConnector connector = b.build();
        if (!connector.descriptor().id().equals(ID)) {
            throw new IllegalStateException("the script's descriptor id must be '" + ID + "', was '"
                    + connector.descriptor().id() + "'");
        }
        return connector;
    }

    @Override
    public String toString() {
        return "FakeConnectorProvider[" + ID + "]";
    }
}
