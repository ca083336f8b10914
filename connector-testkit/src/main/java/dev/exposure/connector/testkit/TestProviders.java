package dev.exposure.connector.testkit;

import dev.exposure.connector.ConfigError;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.ConnectorDescriptor;
import dev.exposure.connector.ConnectorProvider;
import dev.exposure.connector.model.FindingType;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Small stand-in {@link ConnectorProvider}s for tests of code that consumes providers (registries,
 * transform defaults, command lines), when {@link FakeConnectorProvider}'s fixed descriptor does
 * not fit.
 *
 * <pre>{@code
 * ConnectorProvider p = TestProviders.provider(
 *         TestProviders.descriptor("shipping-maps").transformMaps(List.of("maps/x.json")).build(),
 *         (config, context) -> new MyConnector());
 * }</pre>
 *
 * @since 0.1
 */
public final class TestProviders {
    private TestProviders() { }

    /**
     * A descriptor builder with every required field filled (display name, vendor, product,
     * category and version "Test"/"1.0.0", asset type {@code Host}, finding type
     * {@code VULNERABILITY}, no delta, filter or sampling); override what the test is about.
     *
     * @param id the connector id
     * @return the builder
     */
    public static ConnectorDescriptor.Builder descriptor(String id) {
        return ConnectorDescriptor.builder().id(Objects.requireNonNull(id, "id")).displayName("Test")
                .vendor("Test").product("Test").category("Test").version("1.0.0").addAssetTypes("Host")
                .addFindingTypes(FindingType.VULNERABILITY).deltaSupported(false).filterSupported(false)
                .samplingSupported(false).assetSource("Test").findingVendorProductName("Test");
    }

    /**
     * A provider that accepts every configuration and creates connectors with {@code create}.
     *
     * @param descriptor what {@link ConnectorProvider#descriptor()} returns
     * @param create makes a connector from a configuration and a context
     * @return the provider
     */
    public static ConnectorProvider provider(ConnectorDescriptor descriptor,
                                             BiFunction<ConnectionConfig, ConnectorContext, Connector> create) {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(create, "create");
        return new ConnectorProvider() {
            @Override
            public ConnectorDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public List<ConfigError> validate(ConnectionConfig config, ConnectorContext context) {
                return List.of();
            }

            @Override
            public Connector create(ConnectionConfig config, ConnectorContext context) {
                return create.apply(config, context);
            }

            @Override
            public String toString() {
                return "TestProviders.provider(" + descriptor.id() + ")";
            }
        };
    }

    /**
     * A provider for tests that never create a connector: {@code create} fails.
     *
     * @param descriptor what {@link ConnectorProvider#descriptor()} returns
     * @return the provider
     */
    public static ConnectorProvider provider(ConnectorDescriptor descriptor) {
        return provider(descriptor, (config, context) -> {
            throw new UnsupportedOperationException("this test provider creates no connectors");
        });
    }
}
