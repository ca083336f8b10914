package dev.exposure.connector.mde;

import dev.exposure.connector.ConfigError;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.ConnectorDescriptor;
import dev.exposure.connector.ConnectorProvider;
import dev.exposure.connector.azure.AzureCredentials;
import dev.exposure.connector.internal.BuildVersion;
import dev.exposure.connector.model.FindingType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Microsoft Defender for Endpoint V2 connector ({@code mde-v2}): host assets from
 * {@code /api/machines} and software vulnerabilities from the MDE export APIs (full, delta and
 * file export), through Microsoft Entra ID client credentials. Registered for
 * {@link java.util.ServiceLoader}; stateless and thread-safe.
 *
 * <pre>{@code
 * ConnectorProvider mde = Connectors.load().require("mde-v2");
 * ConnectionConfig config = MdeConfig.builder().name("MDE").tenantId(tenant).clientId(client)
 *         .clientSecret(Secret.of(secret)).build();
 * List<ConfigError> problems = mde.validate(config, ConnectorContext.empty());
 * try (Connector connector = mde.create(config, ConnectorContext.empty());
 *      RecordStream<SourceRecord> machines = connector.fetchAssets(SyncRequest.full())) {
 *     machines.forEachRemaining(sink::accept);
 * }
 * }</pre>
 *
 * <p>What a host may lend through the {@link ConnectorContext}, looked up by type: an azure-core
 * {@code TokenCredential} (then no client secret is needed), an azure-core {@code HttpClient}
 * (proxy, custom trust), a {@code javax.net.ssl.SSLContext} (used for the connector's own JDK
 * client and the TLS check), a {@code java.time.Clock} and a {@link dev.exposure.connector.Sleeper}
 * (every rate-budget, {@code Retry-After} and back-off wait goes through it; tests lend one that
 * returns at once). THE CLIENT SECRET AND THE ACCESS TOKEN
 * ARE NEVER LOGGED, PRINTED OR SENT TO ANY HOST BUT THE CONFIGURED LOGIN AND API HOSTS.
 *
 * @since 0.1
 */
public final class MdeConnectorProvider implements ConnectorProvider {
    /** The provider id. */
    public static final String ID = "mde-v2";
    /** The class-path resource of the default asset transform map. */
    public static final String ASSET_MAP = "mde-v2/asset-transform-map.json";
    /** The class-path resource of the default vulnerability transform map. */
    public static final String VULNERABILITY_MAP = "mde-v2/vulnerability-transform-map.json";
    /** The class-path resource of the default risk severity mapping. */
    public static final String SEVERITY_MAPPING = "mde-v2/risk-severity-mapping.json";

    private static final ConnectorDescriptor DESCRIPTOR = buildDescriptor();

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public MdeConnectorProvider() { }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Checks a configuration without any network traffic: the shared fields, the cloud and its
     * hosts (a login host and an API host of different clouds are an error), the token scope and
     * every option. Reports every problem at once.
     *
     * @param config the configuration
     * @param context what the host lends; a {@code TokenCredential} makes the secret optional
     * @return the problems, each naming its field and the fix; empty when valid
     */
    @Override
    public List<ConfigError> validate(ConnectionConfig config, ConnectorContext context) {
        Objects.requireNonNull(config, "config must not be null");
        Objects.requireNonNull(context, "context must not be null");
        List<ConfigError> errors = new ArrayList<>();
        MdeSettings.resolve(config, !AzureCredentials.isLent(context), errors);
        return List.copyOf(errors);
    }

    /**
     * Creates a connector; sends nothing.
     *
     * @param config the configuration
     * @param context what the host lends
     * @return the connector
     * @throws dev.exposure.connector.ConfigurationException listing every problem, if the
     *     configuration is invalid
     */
    @Override
    public Connector create(ConnectionConfig config, ConnectorContext context) {
        Objects.requireNonNull(config, "config must not be null");
        Objects.requireNonNull(context, "context must not be null");
        MdeSettings settings = MdeSettings.require(config, !AzureCredentials.isLent(context));
        return new MdeConnector(DESCRIPTOR, settings, context);
    }

    @Override
    public String toString() {
        return "MdeConnectorProvider{" + ID + "}";
    }

    private static ConnectorDescriptor buildDescriptor() {
        return ConnectorDescriptor.builder()
                .id(ID)
                .displayName("Microsoft Defender for Endpoint V2")
                .vendor("Microsoft")
                .product("Microsoft Defender")
                .category("Endpoint Security")
                .version(BuildVersion.of(MdeConnectorProvider.class))
                .integrationType("API Integration (REST)")
                .addAssetTypes("Host Assets (Compute)")
                .addFindingTypes(FindingType.VULNERABILITY)
                .deltaSupported(true)
                .filterSupported(true)
                .samplingSupported(true)
                .assetSource("MS Defender")
                .findingVendorProductName("Defender")
                .configFields(MdeSettings.DEFINITION.fields())
                .addTransformMaps(ASSET_MAP, VULNERABILITY_MAP)
                .severityMapping(SEVERITY_MAPPING)
                .build();
    }
}
