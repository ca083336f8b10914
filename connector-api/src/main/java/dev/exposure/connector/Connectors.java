package dev.exposure.connector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The registry of connector providers found on the class path with {@link ServiceLoader}.
 * Immutable and thread-safe once loaded.
 *
 * <pre>{@code
 * Connectors connectors = Connectors.load();
 * connectors.providers().forEach(p -> System.out.println(p.id()));
 * ConnectorProvider mde = connectors.require("mde-v2");
 * }</pre>
 *
 * @since 0.1
 */
public final class Connectors {
    private final Map<String, ConnectorProvider> byId;

    private Connectors(Map<String, ConnectorProvider> byId) {
        this.byId = byId;
    }

    /**
     * Loads every provider visible to the thread's context class loader (or this class's loader).
     *
     * @return the registry
     * @throws IllegalStateException if two providers share an id; the message names both classes
     */
    public static Connectors load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return load(loader != null ? loader : Connectors.class.getClassLoader());
    }

    /**
     * @param loader the class loader to search
     * @return the registry
     * @throws IllegalStateException if two providers share an id; the message names both classes
     */
    public static Connectors load(ClassLoader loader) {
        List<ConnectorProvider> found = new ArrayList<>();
        ServiceLoader.load(ConnectorProvider.class, loader).forEach(found::add);
        return of(found);
    }

    /**
     * A registry of the given providers, for hosts that wire providers by hand and for tests.
     *
     * @param providers the providers
     * @return the registry
     * @throws IllegalStateException if two providers share an id; the message names both classes
     */
    public static Connectors of(List<? extends ConnectorProvider> providers) {
        Map<String, ConnectorProvider> byId = new LinkedHashMap<>();
        providers.stream()
                .sorted(Comparator.comparing(ConnectorProvider::id))
                .forEach(p -> {
                    ConnectorProvider previous = byId.putIfAbsent(p.id(), p);
                    if (previous != null) {
                        throw new IllegalStateException("Two connector providers share the id '" + p.id() + "': "
                                + previous.getClass().getName() + " and " + p.getClass().getName()
                                + "; remove one of them from the class path");
                    }
                });
        return new Connectors(byId);
    }

    /** @return the providers, ordered by id */
    public List<ConnectorProvider> providers() {
        return List.copyOf(byId.values());
    }

    /** @return the known ids, in order */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /**
     * @param id a provider id
     * @return the provider, or empty
     */
    public Optional<ConnectorProvider> find(String id) {
        return Optional.ofNullable(byId.get(Objects.requireNonNull(id, "id must not be null")));
    }

    /**
     * @param id a provider id, e.g. {@code mde-v2}
     * @return the provider
     * @throws ConfigurationException naming the known ids, if there is no provider with that id
     */
    public ConnectorProvider require(String id) {
        return find(id).orElseThrow(() -> new ConfigurationException("connector",
                "unknown connector id '" + id + "'; known ids: "
                        + (byId.isEmpty() ? "(none: add a connector module to the class path)" : String.join(", ", byId.keySet()))));
    }
}
