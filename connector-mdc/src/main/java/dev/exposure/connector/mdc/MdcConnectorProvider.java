package dev.exposure.connector.mdc;

import dev.exposure.connector.ConfigError;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.ConnectorDescriptor;
import dev.exposure.connector.ConnectorProvider;
import dev.exposure.connector.azure.AzureCredentials;
import dev.exposure.connector.internal.BuildVersion;
import dev.exposure.connector.model.FindingType;
import java.util.List;
import java.util.Objects;

/**
 * The Microsoft Defender for Cloud (VM Assets) connector, provider id {@value #ID}: Azure virtual
 * machines of one or more subscriptions as host assets (with their NICs' MAC and IP addresses and
 * public IPs), and their Defender for Cloud security assessments as misconfiguration findings and
 * (option {@link MdcOptions#FINDINGS}) their vulnerability sub-assessments as vulnerability findings,
 * read through Azure Resource Graph. Registered for {@link java.util.ServiceLoader}; stateless.
 *
 * <pre>{@code
 * ConnectorProvider mdc = Connectors.load().require("mdc-vm");
 * ConnectionConfig config = ConnectionConfig.builder()
 *         .name("Defender for Cloud prod")
 *         .tenantId("ff4e2413-65ab-4dc2-9e5b-1ea02d3d94eb")
 *         .clientId("e78a9c6a-7635-45e9-ad52-9c53b6547fe3")
 *         .clientSecret(Secret.of(System.getenv("MDC_CLIENT_SECRET")))
 *         .putOptions(MdcOptions.SUBSCRIPTIONS, "54505ff6-e254-4e01-a964-d0ce78bf87a9")
 *         .build();
 * try (Connector connector = mdc.create(config, ConnectorContext.empty());
 *      RecordStream<SourceRecord> assets = connector.fetchAssets(SyncRequest.full())) {
 *     assets.forEachRemaining(sink::accept);
 * }
 * }</pre>
 *
 * <p>Delta sync and filters are not supported (every run is a full sync); such requests fail with
 * a {@link dev.exposure.connector.ConfigurationException} before any request. Sampling is
 * supported: the first {@value dev.exposure.connector.SyncRequest#SAMPLE_LIMIT} VMs (by resource
 * id) and their assessments.
 *
 * <p>A host may lend, through the {@link ConnectorContext}: an azure-core {@code TokenCredential}
 * (then no client secret is needed), an azure-core {@code HttpClient} (proxy, custom TLS), a
 * {@code javax.net.ssl.SSLContext} (custom trust, used by the TLS check and by the default HTTP
 * client), an azure-core {@code Configuration} (where the default HTTP client reads its proxy; else the
 * global one: {@code HTTPS_PROXY}/{@code HTTP_PROXY}/{@code NO_PROXY} and the Java proxy properties), a {@link dev.exposure.connector.Sleeper} (every {@code Retry-After}, quota-pacing and
 * back-off wait goes through it and is still counted in {@code SyncStats.throttledTime()}; tests
 * lend one that returns at once), and an azure-core {@code RetryOptions} (retry count and delays
 * of Resource Graph and token requests).
 *
 * @since 0.1
 */
public final class MdcConnectorProvider implements ConnectorProvider {

    /** The provider id. */
    public static final String ID = "mdc-vm";

    private static final ConnectorDescriptor DESCRIPTOR = ConnectorDescriptor.builder()
            .id(ID)
            .displayName("MS Defender for Cloud (VM Assets)")
            .vendor("Microsoft")
            .product("Defender for Cloud")
            .category("Cloud Security")
            .version(BuildVersion.of(MdcConnectorProvider.class))
            .addAssetTypes("Cloud Assets")
            .addFindingTypes(FindingType.MISCONFIGURATION, FindingType.VULNERABILITY)
            .deltaSupported(false)
            .filterSupported(false)
            .samplingSupported(true)
            .assetSource("Defender for Cloud")
            .findingVendorProductName("Defender for Cloud")
            .configFields(MdcSettings.DEFINITION.fields())
            .transformMaps(List.of(ID + "/asset-transform-map.json", ID + "/finding-transform-map.json"))
            .severityMapping(ID + "/risk-severity-mapping.json")
            .build();

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public MdcConnectorProvider() { }

    /**
     * What the connector is and can do: delta and filters unsupported, sampling supported, the
     * configuration fields, and the shipped transform maps and risk severity mapping.
     *
     * @return the descriptor, the same instance on every call
     */
    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Checks the configuration without any network traffic: the shared fields, the subscription
     * ids, the cloud and its endpoints.
     *
     * @param config the configuration
     * @param context what the host lends (a {@code TokenCredential} makes the secret optional)
     * @return every problem found, each naming its field; empty when valid
     */
    @Override
    public List<ConfigError> validate(ConnectionConfig config, ConnectorContext context) {
        Objects.requireNonNull(config, "config must not be null");
        Objects.requireNonNull(context, "context must not be null");
        return MdcSettings.validate(config, AzureCredentials.isLent(context));
    }

    /**
     * Creates a connector; sends nothing.
     *
     * @param config the configuration
     * @param context what the host lends
     * @return the connector
     * @throws dev.exposure.connector.ConfigurationException listing every problem, if the configuration is invalid
     */
    @Override
    public Connector create(ConnectionConfig config, ConnectorContext context) {
        Objects.requireNonNull(config, "config must not be null");
        Objects.requireNonNull(context, "context must not be null");
        MdcSettings settings = MdcSettings.parse(config, AzureCredentials.isLent(context));
        return new MdcConnector(DESCRIPTOR, settings, context);
    }
}
