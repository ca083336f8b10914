package dev.exposure.connector;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The service a connector module registers for {@link java.util.ServiceLoader} discovery, in
 * {@code META-INF/services/dev.exposure.connector.ConnectorProvider}. Stateless; implementations
 * need a public no-argument constructor.
 *
 * <pre>{@code
 * ConnectorProvider provider = Connectors.load().require("mdc-vm");
 * List<ConfigError> problems = provider.validate(config, context);   // every problem at once
 * try (Connector connector = provider.create(config, context)) { ... }
 * }</pre>
 *
 * @since 0.1
 */
public interface ConnectorProvider {

    /** @return what the connector is and can do; the same instance on every call */
    ConnectorDescriptor descriptor();

    /** @return the provider id, e.g. {@code mde-v2} */
    default String id() {
        return descriptor().id();
    }

    /**
     * Checks a configuration without any network traffic.
     *
     * @param config the configuration
     * @param context what the host lends (a {@code TokenCredential} makes the secret optional)
     * @return every problem found, each naming its field; empty when valid
     */
    List<ConfigError> validate(ConnectionConfig config, ConnectorContext context);

    /**
     * Creates a connector. Sends no request: the first network traffic happens in
     * {@link Connector#testConnection()} or on the first {@code hasNext()} of a stream.
     *
     * @param config the configuration
     * @param context what the host lends
     * @return a new connector, never null
     * @throws ConfigurationException listing every problem, if the configuration is invalid
     */
    Connector create(ConnectionConfig config, ConnectorContext context);

    /**
     * Opens a resource this provider ships, such as a default transform map named in its
     * descriptor. The caller closes the stream.
     *
     * @param name the resource name, e.g. {@code mde-v2/asset-transform-map.json}
     * @return the stream, or empty if there is no such resource
     */
    default Optional<InputStream> openResource(String name) {
        return Optional.ofNullable(getClass().getClassLoader().getResourceAsStream(name));
    }
}
