package dev.exposure.connector.mdc;

import dev.exposure.connector.azure.AzureCloud;
import java.util.List;

/**
 * The names and values of the {@code mdc-vm} connector's vendor options, as they go into
 * {@link dev.exposure.connector.ConnectionConfig#options()}.
 *
 * <pre>{@code
 * ConnectionConfig config = ConnectionConfig.builder()
 *         .name("Defender for Cloud prod").tenantId(tenant).clientId(client).clientSecret(Secret.of(secret))
 *         .putOptions(MdcOptions.SUBSCRIPTIONS, MdcOptions.subscriptions(subA, subB))
 *         .putOptions(MdcOptions.CLOUD, MdcOptions.CLOUD_AZURE_PUBLIC)
 *         .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class MdcOptions {

    /** One or more subscription ids (GUIDs), comma-separated. Required. */
    public static final String SUBSCRIPTIONS = "subscriptions";
    /**
     * The Azure cloud: one of {@link #CLOUDS}, the vocabulary every Microsoft connector shares
     * ({@code AzureCloud} in connector-azure, which also accepts the older names {@code commercial},
     * {@code gcc}, {@code gcc-high} and {@code dod}); {@value #CLOUD_AZURE_PUBLIC} when absent.
     */
    public static final String CLOUD = "cloud";
    /** For the {@value #CLOUD_CUSTOM} cloud: the Azure Resource Manager endpoint (HTTPS). */
    public static final String RESOURCE_MANAGER_URL = "resourceManagerUrl";
    /**
     * For the {@value #CLOUD_CUSTOM} cloud: the OAuth scope of ARM tokens, e.g.
     * {@code https://management.core.windows.net//.default} (the default). {@value #TOKEN_SCOPE_ALIAS}
     * is accepted as an alias.
     */
    public static final String RESOURCE_MANAGER_SCOPE = "resourceManagerScope";
    /** An accepted alias of {@value #RESOURCE_MANAGER_SCOPE}. */
    public static final String TOKEN_SCOPE_ALIAS = "tokenScope";

    /**
     * Which findings the finding stream delivers: one of {@link #FINDINGS_VALUES};
     * {@value #FINDINGS_MISCONFIGURATIONS} when absent.
     */
    public static final String FINDINGS = "findings";
    /** Security assessments of the VMs as misconfiguration findings (the default; the spec's findings). */
    public static final String FINDINGS_MISCONFIGURATIONS = "misconfigurations";
    /** Vulnerability assessment sub-assessments of the VMs (CVEs) as vulnerability findings. */
    public static final String FINDINGS_VULNERABILITIES = "vulnerabilities";
    /** Both: the assessments first, then the sub-assessments, in one finding stream. */
    public static final String FINDINGS_BOTH = "both";
    /** Every accepted value of {@value #FINDINGS}. */
    public static final List<String> FINDINGS_VALUES = List.of(FINDINGS_MISCONFIGURATIONS, FINDINGS_VULNERABILITIES,
            FINDINGS_BOTH);

    /** Azure public cloud (login.microsoftonline.com, management.azure.com). */
    public static final String CLOUD_AZURE_PUBLIC = "azure-public";
    /**
     * US Government Community Cloud (GCC): its tenants sign in at login.microsoftonline.com and
     * their subscriptions are in Azure public (management.azure.com).
     *
     * @since 0.1
     */
    public static final String CLOUD_AZURE_US_GCC = "azure-us-gcc";
    /** Azure US Government (login.microsoftonline.us, management.usgovcloudapi.net). */
    public static final String CLOUD_AZURE_US_GOVERNMENT = "azure-us-government";
    /** Azure China, operated by 21Vianet (login.chinacloudapi.cn, management.chinacloudapi.cn). */
    public static final String CLOUD_AZURE_CHINA = "azure-china";
    /** Explicit endpoints: {@code authenticationUrl} plus the {@value #RESOURCE_MANAGER_URL} option. */
    public static final String CLOUD_CUSTOM = "custom";
    /** Every accepted value of {@value #CLOUD}. */
    public static final List<String> CLOUDS = AzureCloud.values().stream().map(AzureCloud::id).toList();

    private MdcOptions() { }

    /**
     * Joins subscription ids into the value of the {@value #SUBSCRIPTIONS} option.
     *
     * @param subscriptionIds one or more subscription ids
     * @return the ids joined with commas
     */
    public static String subscriptions(String... subscriptionIds) {
        return String.join(",", subscriptionIds);
    }
}
