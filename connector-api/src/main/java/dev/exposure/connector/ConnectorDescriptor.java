package dev.exposure.connector;

import dev.exposure.connector.model.FindingType;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What a connector is and can do, as data: the spec's "Connector Details" table, the configuration
 * fields it accepts and the default transform maps and severity mapping it ships.
 *
 * @since 0.1
 */
@Value.Immutable
public abstract class ConnectorDescriptor {

    /** @return the provider id, lower-case with hyphens, e.g. {@code mde-v2} */
    public abstract String id();

    /** @return the display name, e.g. {@code Microsoft Defender for Endpoint V2} */
    public abstract String displayName();

    /** @return the vendor, e.g. {@code Microsoft} */
    public abstract String vendor();

    /** @return the product, e.g. {@code Microsoft Defender} */
    public abstract String product();

    /** @return the category, e.g. {@code Endpoint Security} */
    public abstract String category();

    /** @return the connector module's version, the version of its artifact, e.g. {@code 0.1.0} */
    public abstract String version();

    /** @return the integration type, e.g. {@code API Integration (REST)} */
    @Value.Default
    public String integrationType() {
        return "API Integration (REST)";
    }

    /** @return the asset types it imports, e.g. {@code Host Assets (Compute)} */
    public abstract List<String> assetTypes();

    /** @return the finding types it imports */
    public abstract List<FindingType> findingTypes();

    /** @return whether {@link SyncRequest.Mode#DELTA} is supported */
    public abstract boolean deltaSupported();

    /** @return whether {@link SyncRequest#filter()} is supported */
    public abstract boolean filterSupported();

    /** @return whether {@link SyncRequest#sampling()} is supported */
    public abstract boolean samplingSupported();

    /** @return the source label assets carry, e.g. {@code MS Defender} */
    public abstract String assetSource();

    /** @return the vendorProductName findings carry, e.g. {@code Defender} */
    public abstract String findingVendorProductName();

    /** @return the configuration fields, in form order */
    public abstract List<ConfigField> configFields();

    /**
     * @return class-path resource names of the default transform maps (JSON), loadable with
     *     {@link ConnectorProvider#openResource(String)}
     */
    public abstract List<String> transformMaps();

    /** @return class-path resource name of the default risk severity mapping (JSON) */
    public abstract Optional<String> severityMapping();

    /**
     * @param name a field name
     * @return the field, or empty
     */
    public Optional<ConfigField> field(String name) {
        return configFields().stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** Checks the invariants; called by the generated builder, which throws what this throws. */
    @Value.Check
    protected void check() {
        if (!id().matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalStateException("descriptor id '" + id() + "' must be lower-case words joined by hyphens");
        }
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ConnectorDescriptor}. */
    public static final class Builder extends ImmutableConnectorDescriptor.Builder {}
}
