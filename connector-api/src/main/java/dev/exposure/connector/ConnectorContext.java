package dev.exposure.connector;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a host lends to the connectors it creates: a {@link Clock}, and optionally services such as
 * an azure-core {@code TokenCredential} (certificate, managed or workload identity) to use
 * instead of a client secret, or an azure-core {@code HttpClient} (for a proxy or a custom
 * truststore). Looked up by type. Immutable.
 *
 * @since 0.1
 */
public final class ConnectorContext {
    private static final ConnectorContext EMPTY = new ConnectorContext(Map.of());

    private final Map<Class<?>, Object> services;

    private ConnectorContext(Map<Class<?>, Object> services) {
        this.services = Map.copyOf(services);
    }

    /** @return a context that lends nothing but the system UTC clock */
    public static ConnectorContext empty() {
        return EMPTY;
    }

    /** @return a builder for a context */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Looks up a service registered under exactly this type.
     *
     * @param type the type it was registered under
     * @param <T> the service type
     * @return the service, or empty
     */
    public <T> Optional<T> find(Class<T> type) {
        return Optional.ofNullable(type.cast(services.get(type)));
    }

    /**
     * Looks up a service by the fully qualified name of the type it was registered under, for
     * modules that must not link against that type's library when it is absent.
     *
     * @param typeName e.g. {@code com.azure.core.credential.TokenCredential}
     * @return the service, or empty
     */
    public Optional<Object> findByTypeName(String typeName) {
        return services.entrySet().stream()
                .filter(e -> e.getKey().getName().equals(typeName))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** @return the host's clock, or the system UTC clock */
    public Clock clock() {
        return find(Clock.class).orElse(Clock.systemUTC());
    }

    @Override
    public String toString() {
        return "ConnectorContext" + services.keySet().stream().map(Class::getSimpleName).sorted().toList();
    }

    /** Builds a {@link ConnectorContext}. */
    public static final class Builder {
        private final Map<Class<?>, Object> services = new HashMap<>();

        private Builder() {}

        /**
         * Registers a service under a type; a later call for the same type replaces it.
         *
         * @param type the type to find it by
         * @param service the service
         * @param <T> the service type
         * @return this builder
         */
        public <T> Builder with(Class<T> type, T service) {
            services.put(Objects.requireNonNull(type, "type must not be null"),
                    Objects.requireNonNull(service, "service must not be null"));
            return this;
        }

        /** @return the context */
        public ConnectorContext build() {
            return new ConnectorContext(services);
        }
    }
}
