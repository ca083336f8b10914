package dev.exposure.connector;

import dev.exposure.connector.model.FindingType;
import java.util.List;

/** Minimal providers for registry tests; {@link Alpha} is listed in the test META-INF/services. */
public final class TestProviders {
    private TestProviders() { }

    static ConnectorDescriptor descriptor(String id) {
        return ConnectorDescriptor.builder().id(id).displayName(id).vendor("Test").product("Test").category("Test")
                .version("1.0.0").addAssetTypes("Host").addFindingTypes(FindingType.VULNERABILITY)
                .deltaSupported(false).filterSupported(false).samplingSupported(false).assetSource("Test")
                .findingVendorProductName("Test").build();
    }

    /** A provider with a fixed id. */
    public abstract static class Base implements ConnectorProvider {
        private final ConnectorDescriptor descriptor;

        Base(String id) {
            this.descriptor = TestProviders.descriptor(id);
        }

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
            throw new UnsupportedOperationException("registry tests never create connectors");
        }
    }

    /** Id {@code alpha}; registered for ServiceLoader in test resources. */
    public static final class Alpha extends Base {
        /** For ServiceLoader. */
        public Alpha() {
            super("alpha");
        }
    }

    /** Id {@code beta}. */
    public static final class Beta extends Base {
        /** A provider. */
        public Beta() {
            super("beta");
        }
    }

    /** Id {@code alpha} too, a second class claiming Alpha's id. */
    public static final class AlphaImpostor extends Base {
        /** A provider. */
        public AlphaImpostor() {
            super("alpha");
        }
    }
}
