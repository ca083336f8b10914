package dev.exposure.connector.mde;

import dev.exposure.connector.CommonConfigKeys;
import dev.exposure.connector.ConfigDefinition;
import dev.exposure.connector.ConfigError;
import dev.exposure.connector.ConfigKey;
import dev.exposure.connector.ConfigValidator;
import dev.exposure.connector.ConfigValues;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.Secret;
import dev.exposure.connector.azure.AzureCloud;
import dev.exposure.connector.azure.diagnostics.AzureFailures;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code mde-v2} options, each declared once ({@link #DEFINITION}: the descriptor's fields, the
 * parsing and the messages come from it), and a validated, resolved configuration: the cloud's
 * hosts and scope, and the tuning options. Built only through {@link #resolve}, which reports every
 * problem at once.
 */
final class MdeSettings {
    static final int MAX_MACHINE_PAGE = 10_000;

    enum FindingsSource { AUTO, JSON, FILES }

    private static final String GROUP_API = "API";
    private static final String GROUP_TUNING = "Tuning";
    private static final List<AzureCloud> SERVED = List.of(AzureCloud.AZURE_PUBLIC, AzureCloud.AZURE_US_GCC,
            AzureCloud.AZURE_US_GOVERNMENT, AzureCloud.CUSTOM);

    static final ConfigKey<String> AUTHENTICATION_URL = AzureCloud.authenticationUrlKey("The Microsoft Entra ID"
            + " OAuth 2.0 authority, with or without the trailing slash; the cloud's login host when absent:"
            + " https://login.microsoftonline.com/ (azure-public, azure-us-gcc) or https://login.microsoftonline.us/"
            + " (azure-us-government); https://login.microsoftonline.com/ with cloud=custom.");
    static final ConfigKey<String> CLOUD = AzureCloud.configKey(SERVED, "is a cloud where Microsoft documents no"
            + " Defender for Endpoint API; use one of " + String.join(", ", SERVED.stream().map(AzureCloud::id).toList())
            + " (custom with apiBaseUrl for any other host)",
            "Where the tenant lives; sets the login host, API host and token scope together. custom takes"
            + " apiBaseUrl and tokenScope.");
    static final ConfigKey<String> API_BASE_URL = ConfigKey.url(MdeConfig.API_BASE_URL).label("API base URL")
            .group(GROUP_API).defaultText("the cloud's API host")
            .documentation("A regional API host of the cloud (e.g. https://eu.api.security.microsoft.com); any https"
                    + " URL with cloud=custom, where it is required (plain http only on loopback addresses).")
            .validator(MdeSettings::checkApiUrl).build();
    static final ConfigKey<String> TOKEN_SCOPE = ConfigKey.string(MdeConfig.TOKEN_SCOPE).label("OAuth scope")
            .alias(MdeConfig.TOKEN_SCOPE_ALIAS).group(GROUP_API).defaultText("the cloud's scope")
            .documentation("The OAuth scope; defaults to the cloud's, e.g."
                    + " https://api.securitycenter.microsoft.com/.default.")
            .validator(scope -> scope.startsWith("https://") && scope.endsWith("/.default") ? Optional.empty()
                    : Optional.of("'" + scope + "' must be an https resource followed by /.default, e.g."
                            + " https://api.securitycenter.microsoft.com/.default"))
            .build();
    static final ConfigKey<String> FINDINGS_SOURCE = ConfigKey.choice(MdeConfig.FINDINGS_SOURCE,
                    List.of("auto", "json", "files")).label("Findings source").group(GROUP_TUNING).defaultValue("auto")
            .documentation("Where full findings come from: json pages, the gzip file export, or auto (files above"
                    + " fileExportThreshold devices).").build();
    static final ConfigKey<Integer> FILE_EXPORT_THRESHOLD = ConfigKey.integer(MdeConfig.FILE_EXPORT_THRESHOLD)
            .label("File export threshold").group(GROUP_TUNING).range(1, 10_000_000).defaultValue(100_000)
            .documentation("Device count above which findingsSource=auto uses the file export.").build();
    static final ConfigKey<Integer> STALL_TIMEOUT_SECONDS = ConfigKey.integer(MdeConfig.STALL_TIMEOUT_SECONDS)
            .label("Stall timeout (s)").group(GROUP_TUNING).range(1, 3600).defaultValue(120)
            .documentation("Seconds a response body may deliver nothing before it is aborted.").build();
    static final ConfigKey<Integer> MAX_RETRIES = ConfigKey.integer(MdeConfig.MAX_RETRIES).label("Max retries")
            .group(GROUP_TUNING).range(0, 10).defaultValue(4)
            .documentation("Retries of a throttled (429) or failed (408, 500, 502, 503, 504, connection) request;"
                    + " never of an unknown host or a failed TLS handshake.").build();
    static final ConfigKey<Integer> MACHINE_PAGE_SIZE = ConfigKey.integer(MdeConfig.MACHINE_PAGE_SIZE)
            .label("Machine page size").group(GROUP_TUNING).range(1, MAX_MACHINE_PAGE).defaultValue(MAX_MACHINE_PAGE)
            .documentation("Machines per page; below 10,000 the connector pages with $top/$skip.").build();
    static final ConfigKey<Integer> SAS_VALID_HOURS = ConfigKey.integer(MdeConfig.SAS_VALID_HOURS)
            .label("Export link validity (h)").group(GROUP_TUNING).range(1, 6).defaultValue(2)
            .documentation("Hours the file-export download links stay valid.").build();

    /** Every option of {@code mde-v2}, in form order. */
    static final ConfigDefinition DEFINITION = ConfigDefinition.builder(MdeConnectorProvider.ID)
            .add(CommonConfigKeys.NAME).add(CommonConfigKeys.DESCRIPTION).add(AUTHENTICATION_URL)
            .add(CommonConfigKeys.TENANT_ID).add(CommonConfigKeys.CLIENT_ID).add(CommonConfigKeys.CLIENT_SECRET)
            .add(CLOUD).add(API_BASE_URL).add(TOKEN_SCOPE).add(FINDINGS_SOURCE).add(FILE_EXPORT_THRESHOLD)
            .add(STALL_TIMEOUT_SECONDS).add(MAX_RETRIES).add(MACHINE_PAGE_SIZE).add(SAS_VALID_HOURS).build();

    final AzureCloud cloud;
    final String authorityHost;
    final String tenantId;
    final String clientId;
    final Optional<Secret> clientSecret;
    final URI apiBase;
    final String scope;
    final FindingsSource findingsSource;
    final int fileExportThreshold;
    final Duration stallTimeout;
    final int maxRetries;
    final int machinePageSize;
    final int sasValidHours;

    private MdeSettings(ConfigValues v, AzureCloud cloud, String authorityHost, URI apiBase, String scope) {
        this.cloud = cloud;
        this.authorityHost = authorityHost;
        this.tenantId = v.get(CommonConfigKeys.TENANT_ID);
        this.clientId = v.get(CommonConfigKeys.CLIENT_ID);
        this.clientSecret = v.find(CommonConfigKeys.CLIENT_SECRET);
        this.apiBase = apiBase;
        this.scope = scope;
        this.findingsSource = FindingsSource.valueOf(v.get(FINDINGS_SOURCE).toUpperCase(Locale.ROOT));
        this.fileExportThreshold = v.get(FILE_EXPORT_THRESHOLD);
        this.stallTimeout = Duration.ofSeconds(v.get(STALL_TIMEOUT_SECONDS));
        this.maxRetries = v.get(MAX_RETRIES);
        this.machinePageSize = v.get(MACHINE_PAGE_SIZE);
        this.sasValidHours = v.get(SAS_VALID_HOURS);
    }

    /** @return the API host, lower-case */
    String apiHost() {
        return apiBase.getHost().toLowerCase(Locale.ROOT);
    }

    /** @return the API port, 443 when the URL names none */
    int apiPort() {
        return AzureFailures.port(apiBase);
    }

    /** @return the API base URL without a trailing slash, e.g. {@code https://api.security.microsoft.com} */
    String apiBaseUrl() {
        String s = apiBase.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    URI authorityUri() {
        return URI.create(authorityHost);
    }

    /**
     * Checks everything and resolves the settings.
     *
     * @param config the configuration
     * @param secretRequired false when the host lends a TokenCredential
     * @param errors receives every problem found
     * @return the settings when there was no problem
     */
    static Optional<MdeSettings> resolve(ConnectionConfig config, boolean secretRequired, List<ConfigError> errors) {
        ConfigValues v = DEFINITION.parse(config, secretRequired ? Set.of() : Set.of("clientSecret"));
        int before = errors.size();
        errors.addAll(v.errors());
        Optional<AzureCloud> cloudValue = v.find(CLOUD).map(AzureCloud::of);
        if (cloudValue.isEmpty()) {
            return Optional.empty();
        }
        AzureCloud cloud = cloudValue.get();

        Optional<String> given = v.find(AUTHENTICATION_URL);
        given.flatMap(cloud::checkAuthority)
                .or(() -> given.flatMap(u -> AzureCloud.checkPlainHttpAuthority(u, !secretRequired)))
                .ifPresent(m -> errors.add(ConfigError.of(AUTHENTICATION_URL.name(), m)));
        String authority = slash(given.orElse(cloud.isCustom() ? ConnectionConfig.DEFAULT_AUTHENTICATION_URL
                : cloud.authorityUrl()));

        URI apiBase = null;
        Optional<String> apiText = v.find(API_BASE_URL);
        if (cloud.isCustom() && !v.isGiven(API_BASE_URL)) {
            errors.add(ConfigError.of(API_BASE_URL.name(), "is required with cloud=custom: give the MDE API base URL,"
                    + " e.g. https://api.security.microsoft.com"));
        } else if (apiText.isPresent() || !v.isGiven(API_BASE_URL)) {
            apiBase = URI.create(apiText.or(cloud::defenderEndpointApiUrl).orElseThrow());
            String host = apiBase.getHost().toLowerCase(Locale.ROOT);
            if (!cloud.isCustom() && !cloud.defenderEndpointApiHosts().contains(host)) {
                errors.add(ConfigError.of(API_BASE_URL.name(), "host '" + host + "' is not an MDE API host of the "
                        + cloud.id() + " cloud" + AzureCloud.owningDefenderEndpointHost(host)
                                .map(o -> " (it belongs to " + o.id() + aliases(o) + "; set cloud=" + o.id() + ")")
                                .orElse("")
                        + "; use one of " + String.join(", ", cloud.defenderEndpointApiHosts())
                        + ", or cloud=custom for any other host"));
            }
        }

        Optional<String> scopeOption = v.find(TOKEN_SCOPE);
        if (scopeOption.isPresent() && !cloud.isCustom()
                && !cloud.defenderEndpointScopes().contains(scopeOption.get())) {
            errors.add(ConfigError.of(TOKEN_SCOPE.name(), "'" + scopeOption.get() + "' is not a token scope of the "
                    + cloud.id() + " cloud; use one of " + String.join(", ", cloud.defenderEndpointScopes())
                    + " or leave it empty"));
        }
        String scope = scopeOption.orElse((cloud.isCustom() ? AzureCloud.AZURE_PUBLIC : cloud)
                .defenderEndpointScopes().get(0));

        if (errors.size() > before || apiBase == null) {
            return Optional.empty();
        }
        return Optional.of(new MdeSettings(v, cloud, authority, apiBase, scope));
    }

    /** As {@link #resolve} but throwing. */
    static MdeSettings require(ConnectionConfig config, boolean secretRequired) {
        List<ConfigError> errors = new ArrayList<>();
        return resolve(config, secretRequired, errors).orElseThrow(() -> new ConfigurationException(errors));
    }

    private static String aliases(AzureCloud cloud) {
        return cloud.aliases().isEmpty() ? "" : ", formerly " + String.join(" or ", cloud.aliases());
    }

    private static String slash(String url) {
        String u = url.trim();
        return u.endsWith("/") ? u : u + "/";
    }

    /**
     * An API base URL must be https, or http only on a loopback address (local test servers), and
     * carry no path.
     */
    static Optional<String> checkApiUrl(String text) {
        String expected = "an https base URL such as https://api.security.microsoft.com";
        return ConfigValidator.httpsUrl(expected, true).check(text).or(() -> {
            String path = URI.create(text).getRawPath();
            return path == null || path.isEmpty() || path.equals("/") ? Optional.empty()
                    : Optional.of("'" + text + "' must not carry a path (the connector adds /api/...); expected "
                            + expected);
        });
    }
}
