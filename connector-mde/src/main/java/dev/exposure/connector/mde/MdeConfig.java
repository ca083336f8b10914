package dev.exposure.connector.mde;

import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.Secret;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A typed helper that builds the {@link ConnectionConfig} of an {@code mde-v2} connection, so a
 * host does not have to spell option names. Building never fails: validation happens in
 * {@link MdeConnectorProvider#validate} and reports every problem at once.
 *
 * <pre>{@code
 * ConnectionConfig config = MdeConfig.builder()
 *         .name("MDE production")
 *         .tenantId("00000000-0000-0000-0000-000000000001")
 *         .clientId("00000000-0000-0000-0000-000000000002")
 *         .clientSecret(Secret.of(System.getenv("MDE_CLIENT_SECRET")))
 *         .cloud("azure-public")              // or azure-us-gcc, azure-us-government, custom
 *         .apiBaseUrl("https://eu.api.security.microsoft.com")   // optional regional host
 *         .build();
 * }</pre>
 *
 * <p>The builder is not thread-safe; the built configuration is immutable and masks the secret.
 *
 * @since 0.1
 */
public final class MdeConfig {
    /**
     * Option: the cloud, one of {@code azure-public} (default), {@code azure-us-gcc},
     * {@code azure-us-government}, {@code custom}; the older names {@code commercial}, {@code gcc},
     * {@code gcc-high} and {@code dod} are still accepted (see {@code AzureCloud} in connector-azure).
     */
    public static final String CLOUD = "cloud";
    /** Option: the API base URL; a regional host of the cloud, or any https URL with {@code cloud=custom}. */
    public static final String API_BASE_URL = "apiBaseUrl";
    /**
     * Option: the OAuth token scope; only needed with {@code cloud=custom} or an alternative identifier
     * URI. {@code oauthScope} is accepted as an alias.
     */
    public static final String TOKEN_SCOPE = "tokenScope";
    /** Accepted alias of {@link #TOKEN_SCOPE}. */
    static final String TOKEN_SCOPE_ALIAS = "oauthScope";
    /** Option: where full findings come from: {@code auto} (default), {@code json} or {@code files}. */
    public static final String FINDINGS_SOURCE = "findingsSource";
    /** Option: the device count above which {@code auto} uses the file export; 100,000 by default. */
    public static final String FILE_EXPORT_THRESHOLD = "fileExportThreshold";
    /** Option: seconds without any byte of a response body before it is aborted; 120 by default. */
    public static final String STALL_TIMEOUT_SECONDS = "stallTimeoutSeconds";
    /** Option: retries of a throttled or failed request (0-10); 4 by default. */
    public static final String MAX_RETRIES = "maxRetries";
    /** Option: rows per {@code $top}/{@code $skip} machines page (1-10,000); 10,000 by default. */
    public static final String MACHINE_PAGE_SIZE = "machinePageSize";
    /** Option: validity of file-export download links in hours (1-6); 2 by default. */
    public static final String SAS_VALID_HOURS = "sasValidHours";

    /** Every option name the connector accepts; any other option is a validation error. */
    public static final List<String> OPTIONS = MdeSettings.DEFINITION.optionNames();

    private final ConnectionConfig.Builder base = ConnectionConfig.builder();
    private final Map<String, String> options = new LinkedHashMap<>();

    private MdeConfig() { }

    /** @return a new builder */
    public static MdeConfig builder() {
        return new MdeConfig();
    }

    /**
     * @param name the unique display name of the connection (required)
     * @return this builder
     */
    public MdeConfig name(String name) {
        base.name(Objects.requireNonNull(name, "name must not be null"));
        return this;
    }

    /**
     * @param description an optional description, at most 200 characters
     * @return this builder
     */
    public MdeConfig description(String description) {
        base.description(Objects.requireNonNull(description, "description must not be null"));
        return this;
    }

    /**
     * @param url the Entra ID authority; the cloud's login host by default
     * @return this builder
     */
    public MdeConfig authenticationUrl(String url) {
        base.authenticationUrl(Objects.requireNonNull(url, "url must not be null"));
        return this;
    }

    /**
     * @param tenantId the Directory (tenant) ID (required)
     * @return this builder
     */
    public MdeConfig tenantId(String tenantId) {
        base.tenantId(Objects.requireNonNull(tenantId, "tenantId must not be null"));
        return this;
    }

    /**
     * @param clientId the Application (client) ID (required)
     * @return this builder
     */
    public MdeConfig clientId(String clientId) {
        base.clientId(Objects.requireNonNull(clientId, "clientId must not be null"));
        return this;
    }

    /**
     * @param secret the client secret; not needed when the host lends a {@code TokenCredential}
     * @return this builder
     */
    public MdeConfig clientSecret(Secret secret) {
        base.clientSecret(Objects.requireNonNull(secret, "secret must not be null"));
        return this;
    }

    /**
     * @param cloud {@code azure-public}, {@code azure-us-gcc}, {@code azure-us-government} or
     *     {@code custom} (older names: {@code commercial}, {@code gcc}, {@code gcc-high}, {@code dod})
     * @return this builder
     */
    public MdeConfig cloud(String cloud) {
        base.cloud(Objects.requireNonNull(cloud, "cloud must not be null"));
        return this;
    }

    /**
     * @param url the API base URL, e.g. {@code https://eu.api.security.microsoft.com}
     * @return this builder
     */
    public MdeConfig apiBaseUrl(String url) {
        return option(API_BASE_URL, url);
    }

    /**
     * @param scope the token scope, e.g. {@code https://api.securitycenter.microsoft.com/.default}
     * @return this builder
     */
    public MdeConfig tokenScope(String scope) {
        return option(TOKEN_SCOPE, scope);
    }

    /**
     * @param source {@code auto}, {@code json} or {@code files}
     * @return this builder
     */
    public MdeConfig findingsSource(String source) {
        return option(FINDINGS_SOURCE, source);
    }

    /**
     * @param devices the device count above which {@code auto} uses the file export
     * @return this builder
     */
    public MdeConfig fileExportThreshold(int devices) {
        return option(FILE_EXPORT_THRESHOLD, Integer.toString(devices));
    }

    /**
     * @param timeout how long a response body may stay silent before it is aborted (whole seconds)
     * @return this builder
     */
    public MdeConfig stallTimeout(Duration timeout) {
        return option(STALL_TIMEOUT_SECONDS, Long.toString(timeout.toSeconds()));
    }

    /**
     * @param retries retries of a throttled or failed request, 0-10
     * @return this builder
     */
    public MdeConfig maxRetries(int retries) {
        return option(MAX_RETRIES, Integer.toString(retries));
    }

    /**
     * @param rows rows per machines page when paging with {@code $top}/{@code $skip}, 1-10,000
     * @return this builder
     */
    public MdeConfig machinePageSize(int rows) {
        return option(MACHINE_PAGE_SIZE, Integer.toString(rows));
    }

    /**
     * @param hours validity of file-export download links, 1-6
     * @return this builder
     */
    public MdeConfig sasValidHours(int hours) {
        return option(SAS_VALID_HOURS, Integer.toString(hours));
    }

    /**
     * Sets any option by name (see {@link #OPTIONS}).
     *
     * @param key the option name
     * @param value its value; null removes it
     * @return this builder
     */
    public MdeConfig option(String key, @Nullable String value) {
        Objects.requireNonNull(key, "key must not be null");
        if (value == null) {
            options.remove(key);
        } else {
            options.put(key, value);
        }
        return this;
    }

    /** @return the configuration; never fails, validate it with the provider */
    public ConnectionConfig build() {
        return base.options(options).build();
    }
}
