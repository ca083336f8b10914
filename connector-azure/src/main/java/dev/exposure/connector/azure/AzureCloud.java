package dev.exposure.connector.azure;

import dev.exposure.connector.CommonConfigKeys;
import dev.exposure.connector.ConfigKey;
import dev.exposure.connector.ConfigValidator;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The Microsoft clouds a tenant can live in, in one table with one vocabulary: the value of the
 * {@code cloud} field of every Microsoft connector. Each profile fixes, together, the Microsoft Entra
 * ID login host, the Azure Resource Manager (and Resource Graph) endpoint and its token scope, and the
 * Microsoft Defender for Endpoint API hosts and token scopes, so a login host and a service host of
 * different clouds cannot be mixed.
 *
 * <table>
 * <caption>Cloud profiles</caption>
 * <tr><th>id</th><th>older names accepted</th><th>login host</th><th>Resource Manager</th><th>MDE API</th></tr>
 * <tr><td>{@code azure-public}</td><td>{@code commercial}</td><td>login.microsoftonline.com</td>
 *     <td>management.azure.com</td><td>api.security.microsoft.com and its regional hosts</td></tr>
 * <tr><td>{@code azure-us-gcc}</td><td>{@code gcc}</td><td>login.microsoftonline.com</td>
 *     <td>management.azure.com</td><td>api-gcc.securitycenter.microsoft.us</td></tr>
 * <tr><td>{@code azure-us-government}</td><td>{@code gcc-high}, {@code dod}</td><td>login.microsoftonline.us</td>
 *     <td>management.usgovcloudapi.net</td><td>api-gov.securitycenter.microsoft.us</td></tr>
 * <tr><td>{@code azure-china}</td><td></td><td>login.chinacloudapi.cn</td>
 *     <td>management.chinacloudapi.cn</td><td>none documented</td></tr>
 * <tr><td>{@code custom}</td><td></td><td colspan="3">given by the connection's own options</td></tr>
 * </table>
 *
 * <p>Sources: azure-identity {@code AzureAuthorityHosts} and azure-core-management
 * {@code AzureEnvironment} (login hosts, Resource Manager endpoints and audiences); Microsoft's
 * "Microsoft Defender for Endpoint for US Government customers" page and the MDE API pages
 * (API hosts; GCC High and DoD share their hosts, so they share one profile). Microsoft documents
 * no Defender for Endpoint API host in Azure China.
 *
 * <p>Immutable and thread-safe. Compare profiles with {@code ==} or {@link #id()}.
 *
 * @since 0.1
 */
public final class AzureCloud {

    /** The option and field name every Microsoft connector reads the cloud from. */
    public static final String FIELD = "cloud";

    /** Azure public cloud, Microsoft 365 commercial. Older name: {@code commercial}. */
    public static final AzureCloud AZURE_PUBLIC = new AzureCloud("azure-public", List.of("commercial"),
            "login.microsoftonline.com", "https://management.azure.com/", "https://management.core.windows.net//.default",
            List.of("api.security.microsoft.com", "api.securitycenter.microsoft.com",
                    "us.api.security.microsoft.com", "eu.api.security.microsoft.com", "uk.api.security.microsoft.com",
                    "au.api.security.microsoft.com", "swa.api.security.microsoft.com", "ina.api.security.microsoft.com",
                    "aea.api.security.microsoft.com",
                    "api-us.securitycenter.microsoft.com", "api-eu.securitycenter.microsoft.com",
                    "api-uk.securitycenter.microsoft.com", "api-au.securitycenter.microsoft.com",
                    "api-us.security.microsoft.com", "api-eu.security.microsoft.com", "api-uk.security.microsoft.com",
                    "api.securitycenter.windows.com"),
            List.of("https://api.securitycenter.microsoft.com/.default", "https://api.security.microsoft.com/.default",
                    "https://securitycenter.onmicrosoft.com/windowsatpservice/.default"));

    /**
     * US Government Community Cloud (GCC): the commercial login host and Azure public Resource
     * Manager, but the {@code .us} MDE API host. Older name: {@code gcc}.
     */
    public static final AzureCloud AZURE_US_GCC = new AzureCloud("azure-us-gcc", List.of("gcc"),
            "login.microsoftonline.com", "https://management.azure.com/", "https://management.core.windows.net//.default",
            List.of("api-gcc.securitycenter.microsoft.us"),
            List.of("https://api-gcc.securitycenter.microsoft.us/.default"));

    /** Azure US Government, Microsoft 365 GCC High and DoD. Older names: {@code gcc-high}, {@code dod}. */
    public static final AzureCloud AZURE_US_GOVERNMENT = new AzureCloud("azure-us-government",
            List.of("gcc-high", "dod"), "login.microsoftonline.us", "https://management.usgovcloudapi.net/",
            "https://management.core.usgovcloudapi.net//.default",
            List.of("api-gov.securitycenter.microsoft.us", "api.securitycenter.microsoft.us"),
            List.of("https://api-gov.securitycenter.microsoft.us/.default",
                    "https://api.securitycenter.microsoft.us/.default"));

    /** Azure China, operated by 21Vianet. No Defender for Endpoint API is documented there. */
    public static final AzureCloud AZURE_CHINA = new AzureCloud("azure-china", List.of(), "login.chinacloudapi.cn",
            "https://management.chinacloudapi.cn/", "https://management.core.chinacloudapi.cn//.default",
            List.of(), List.of());

    /** Endpoints given explicitly by the connection's own options (test servers, private clouds). */
    public static final AzureCloud CUSTOM = new AzureCloud("custom", List.of(), "", "", "", List.of(), List.of());

    private static final List<AzureCloud> ALL = List.of(AZURE_PUBLIC, AZURE_US_GCC, AZURE_US_GOVERNMENT, AZURE_CHINA,
            CUSTOM);

    private final String id;
    private final List<String> aliases;
    private final String loginHost;
    private final String resourceManagerUrl;
    private final String resourceManagerScope;
    private final List<String> defenderEndpointApiHosts;
    private final List<String> defenderEndpointScopes;

    private AzureCloud(String id, List<String> aliases, String loginHost, String resourceManagerUrl,
                       String resourceManagerScope, List<String> defenderEndpointApiHosts,
                       List<String> defenderEndpointScopes) {
        this.id = id;
        this.aliases = aliases;
        this.loginHost = loginHost;
        this.resourceManagerUrl = resourceManagerUrl;
        this.resourceManagerScope = resourceManagerScope;
        this.defenderEndpointApiHosts = defenderEndpointApiHosts;
        this.defenderEndpointScopes = defenderEndpointScopes;
    }

    /** @return every profile, {@link #CUSTOM} last */
    public static List<AzureCloud> values() {
        return ALL;
    }

    /**
     * @param text an id or an older name, in any case, {@code _} read as {@code -}
     * @return the profile, or empty
     */
    public static Optional<AzureCloud> find(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return ALL.stream().filter(c -> c.id.equals(t) || c.aliases.contains(t)).findFirst();
    }

    /**
     * @param text an id or an older name
     * @return the profile
     * @throws IllegalArgumentException if no profile has that id or older name
     */
    public static AzureCloud of(String text) {
        return find(text).orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a cloud; use one of "
                + ALL.stream().map(AzureCloud::id).collect(Collectors.joining(", "))));
    }

    /** @return the id, e.g. {@code azure-us-government} */
    public String id() {
        return id;
    }

    /** @return older names accepted for this profile, e.g. {@code gcc-high} and {@code dod} */
    public List<String> aliases() {
        return aliases;
    }

    /** @return whether the endpoints come from the connection's options */
    public boolean isCustom() {
        return this == CUSTOM;
    }

    /** @return the Microsoft Entra ID login host, lower-case; empty for {@link #CUSTOM} */
    public String loginHost() {
        return loginHost;
    }

    /** @return the authority URL with a trailing slash, e.g. {@code https://login.microsoftonline.us/}; empty for {@link #CUSTOM} */
    public String authorityUrl() {
        return loginHost.isEmpty() ? "" : "https://" + loginHost + "/";
    }

    /** @return the Azure Resource Manager endpoint with a trailing slash; empty for {@link #CUSTOM} */
    public String resourceManagerUrl() {
        return resourceManagerUrl;
    }

    /** @return the token scope of Resource Manager requests (its audience plus {@code /.default}); empty for {@link #CUSTOM} */
    public String resourceManagerScope() {
        return resourceManagerScope;
    }

    /** @return the Defender for Endpoint API hosts of this cloud, the default first; empty when there is none */
    public List<String> defenderEndpointApiHosts() {
        return defenderEndpointApiHosts;
    }

    /** @return the default Defender for Endpoint API base URL, e.g. {@code https://api.security.microsoft.com} */
    public Optional<String> defenderEndpointApiUrl() {
        return defenderEndpointApiHosts.stream().findFirst().map(h -> "https://" + h);
    }

    /** @return the accepted Defender for Endpoint token scopes, the default first; empty when there is no API */
    public List<String> defenderEndpointScopes() {
        return defenderEndpointScopes;
    }

    /**
     * @param host an API host
     * @return the profile whose Defender for Endpoint API hosts include it, if any
     */
    public static Optional<AzureCloud> owningDefenderEndpointHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(c -> c.defenderEndpointApiHosts.contains(h)).findFirst();
    }

    /**
     * Checks that a given authority belongs to this cloud (any authority does for {@link #CUSTOM}).
     *
     * @param authorityUrl the {@code authenticationUrl} as given
     * @return the problem, as the rest of a message about {@code authenticationUrl}, or empty
     */
    public Optional<String> checkAuthority(String authorityUrl) {
        if (isCustom()) {
            return Optional.empty();
        }
        String host = host(authorityUrl);
        if (host == null || host.equals(loginHost)) {
            return Optional.empty();
        }
        String fix = ALL.stream().filter(c -> !c.isCustom() && c.loginHost.equals(host)).findFirst()
                .map(c -> "set cloud=" + c.id + " (it signs in at " + host + ")")
                .orElse("use cloud=custom for another authority");
        return Optional.of("'" + authorityUrl.trim() + "' does not belong to cloud '" + id + "' (whose login host is "
                + loginHost + "); remove authenticationUrl (the cloud sets it) or " + fix);
    }

    /**
     * Checks that a plain-http authority (accepted by {@link #authenticationUrlKey} on loopback
     * addresses only) is usable: only with a {@code TokenCredential} lent by the host, because
     * azure-identity's client-secret credential requires an https authority.
     *
     * @param authorityUrl the {@code authenticationUrl} as given
     * @param credentialLent whether the host lends a {@code TokenCredential}
     * @return the problem, as the rest of a message about {@code authenticationUrl}, or empty
     */
    public static Optional<String> checkPlainHttpAuthority(String authorityUrl, boolean credentialLent) {
        String url = authorityUrl.trim();
        if (credentialLent || !url.regionMatches(true, 0, "http:", 0, 5)) {
            return Optional.empty();
        }
        return Optional.of("'" + url + "' is plain http on a loopback address: accepted only with a TokenCredential"
                + " lent through the ConnectorContext, because azure-identity's client-secret credential requires an"
                + " https authority; serve the token endpoint over https (the testkit has a localhost certificate) or"
                + " lend a credential");
    }

    private static @Nullable String host(String url) {
        try {
            String h = new URI(url.trim()).getHost();
            return h == null ? null : h.toLowerCase(Locale.ROOT);
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Declares the {@value #FIELD} option of a connector: a choice of the profiles it serves, in
     * this one vocabulary, with every older name documented as an alias of its profile; a profile it
     * cannot serve is refused with the reason.
     *
     * @param served the profiles the connector serves, {@link #CUSTOM} included if it is
     * @param unservedReason why another profile is refused, the rest of a message after the quoted
     *     value, naming the fix
     * @param documentation what the option sets, for the descriptor
     * @return the key, defaulting to {@code azure-public}
     */
    public static ConfigKey<String> configKey(List<AzureCloud> served, String unservedReason, String documentation) {
        Objects.requireNonNull(unservedReason, "unservedReason must not be null");
        if (!served.contains(AZURE_PUBLIC)) {
            throw new IllegalArgumentException("the default cloud azure-public must be served");
        }
        ConfigKey.Builder<String> b = ConfigKey.choice(FIELD, served.stream().map(AzureCloud::id).toList())
                .label("Cloud").group(CommonConfigKeys.GROUP_AUTHENTICATION).defaultValue(AZURE_PUBLIC.id)
                .documentation(documentation);
        for (AzureCloud c : ALL) {
            if (!served.contains(c)) {
                b.refuse(c.id, unservedReason);
            }
        }
        for (AzureCloud c : ALL) {
            for (String alias : c.aliases) {
                b.valueAlias(alias, c.id);
            }
        }
        return b.build();
    }

    /**
     * Declares the {@code authenticationUrl} field of an Azure connector: an https URL, or plain
     * http on a loopback address (local test servers; the connector decides whether it can use one).
     *
     * @param documentation what the field is for, for the descriptor
     * @return the key, without a default (the cloud's login host applies)
     */
    public static ConfigKey<String> authenticationUrlKey(String documentation) {
        return ConfigKey.url("authenticationUrl").label("Authentication URL")
                .group(CommonConfigKeys.GROUP_AUTHENTICATION).defaultText("the cloud's login host")
                .documentation(documentation)
                .validator(ConfigValidator.httpsUrl("the Microsoft Entra ID authority, e.g. "
                        + AZURE_PUBLIC.authorityUrl(), true))
                .build();
    }

    @Override
    public String toString() {
        return id;
    }
}
