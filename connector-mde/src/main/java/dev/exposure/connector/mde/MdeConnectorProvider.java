package dev.exposure.connector.mde;

import com.azure.core.credential.TokenCredential;
import dev.exposure.connector.ConfigError;
import dev.exposure.connector.ConfigField;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.ConnectorDescriptor;
import dev.exposure.connector.ConnectorProvider;
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
        MdeSettings.resolve(config, secretRequired(context), errors);
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
        MdeSettings settings = MdeSettings.require(config, secretRequired(context));
        return new MdeConnector(DESCRIPTOR, settings, context);
    }

    private static boolean secretRequired(ConnectorContext context) {
        return context.find(TokenCredential.class).isEmpty();
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
                .configFields(fields())
                .addTransformMaps(ASSET_MAP, VULNERABILITY_MAP)
                .severityMapping(SEVERITY_MAPPING)
                .build();
    }

    private static List<ConfigField> fields() {
        return List.of(
                field("name", "Name", ConfigField.Type.STRING, true,
                        "A unique display name for this connector connection.").maxLength(ConnectionConfig.MAX_NAME_LENGTH).build(),
                field("description", "Description", ConfigField.Type.STRING, false,
                        "An optional description of the connection's purpose.")
                        .maxLength(ConnectionConfig.MAX_DESCRIPTION_LENGTH).build(),
                field("authenticationUrl", "Authentication URL", ConfigField.Type.URL, true,
                        "The Microsoft Entra ID OAuth 2.0 authority, with or without the trailing slash:"
                                + " https://login.microsoftonline.com/ (commercial, GCC) or"
                                + " https://login.microsoftonline.us/ (GCC High, DoD).")
                        .defaultValue(ConnectionConfig.DEFAULT_AUTHENTICATION_URL).build(),
                field("tenantId", "Tenant ID", ConfigField.Type.GUID, true,
                        "The Directory (tenant) ID from the app registration's Overview page.").build(),
                field("clientId", "Client ID", ConfigField.Type.GUID, true,
                        "The Application (client) ID from the app registration's Overview page.").build(),
                field("clientSecret", "Client Secret", ConfigField.Type.SECRET, true,
                        "The client secret Value from Certificates & secrets; not needed when the host lends a"
                                + " TokenCredential.").build(),
                field(MdeConfig.CLOUD, "Cloud", ConfigField.Type.CHOICE, false,
                        "Where the tenant lives; sets the login host, API host and token scope together. custom"
                                + " takes apiBaseUrl and tokenScope.")
                        .allowedValues(MdeCloud.ids()).defaultValue("commercial").build(),
                field(MdeConfig.API_BASE_URL, "API base URL", ConfigField.Type.URL, false,
                        "A regional API host of the cloud (e.g. https://eu.api.security.microsoft.com); any https"
                                + " URL with cloud=custom.").build(),
                field(MdeConfig.TOKEN_SCOPE, "OAuth scope", ConfigField.Type.STRING, false,
                        "The OAuth scope; defaults to the cloud's, e.g."
                                + " https://api.securitycenter.microsoft.com/.default.").build(),
                field(MdeConfig.FINDINGS_SOURCE, "Findings source", ConfigField.Type.CHOICE, false,
                        "Where full findings come from: json pages, the gzip file export, or auto (files above"
                                + " fileExportThreshold devices).")
                        .allowedValues(List.of("auto", "json", "files")).defaultValue("auto").build(),
                field(MdeConfig.FILE_EXPORT_THRESHOLD, "File export threshold", ConfigField.Type.INTEGER, false,
                        "Device count above which findingsSource=auto uses the file export.")
                        .defaultValue("100000").build(),
                field(MdeConfig.STALL_TIMEOUT_SECONDS, "Stall timeout (s)", ConfigField.Type.INTEGER, false,
                        "Seconds a response body may deliver nothing before it is aborted.")
                        .defaultValue("120").build(),
                field(MdeConfig.MAX_RETRIES, "Max retries", ConfigField.Type.INTEGER, false,
                        "Retries of a throttled (429) or failed (5xx, connection) request, 0-10.")
                        .defaultValue("4").build(),
                field(MdeConfig.MACHINE_PAGE_SIZE, "Machine page size", ConfigField.Type.INTEGER, false,
                        "Machines per page; below 10,000 the connector pages with $top/$skip.")
                        .defaultValue("10000").build(),
                field(MdeConfig.SAS_VALID_HOURS, "Export link validity (h)", ConfigField.Type.INTEGER, false,
                        "Hours the file-export download links stay valid, 1-6.").defaultValue("2").build());
    }

    private static ConfigField.Builder field(String name, String label, ConfigField.Type type, boolean required,
                                             String description) {
        ConfigField.Builder b = ConfigField.builder();
        b.name(name).label(label).type(type).required(required).description(description);
        return b;
    }
}
