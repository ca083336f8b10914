package dev.exposure.connector.mdc;

import dev.exposure.connector.CommonConfigKeys;
import dev.exposure.connector.ConfigDefinition;
import dev.exposure.connector.ConfigError;
import dev.exposure.connector.ConfigKey;
import dev.exposure.connector.ConfigValidator;
import dev.exposure.connector.ConfigValues;
import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.Secret;
import dev.exposure.connector.azure.AzureCloud;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code mdc-vm} options, each declared once ({@link #DEFINITION}: the descriptor's fields, the
 * parsing and the messages come from it), and a validated configuration: every field parsed once,
 * every problem reported at once.
 */
record MdcSettings(String name, String tenantId, String clientId, @Nullable Secret clientSecret,
                   List<String> subscriptions, MdcCloud cloud, Findings findings) {

    /** Which findings the finding stream reads ({@link MdcOptions#FINDINGS}). */
    enum Findings {
        MISCONFIGURATIONS, VULNERABILITIES, BOTH;

        boolean assessments() {
            return this != VULNERABILITIES;
        }

        boolean subAssessments() {
            return this != MISCONFIGURATIONS;
        }
    }

    /** The most subscriptions one connection accepts (Resource Graph forwards at most 1,000 per request). */
    static final int MAX_SUBSCRIPTIONS = 10_000;

    static final ConfigKey<List<String>> SUBSCRIPTIONS = ConfigKey.guidList(MdcOptions.SUBSCRIPTIONS)
            .alias("subscription").label("Subscription").required().maxSize(MAX_SUBSCRIPTIONS)
            .group(CommonConfigKeys.GROUP_CONNECTION)
            .documentation("One or more Azure subscription ids (GUIDs), comma-separated, e.g."
                    + " 54505ff6-e254-4e01-a964-d0ce78bf87a9; the app needs the Reader role on each. Duplicates and"
                    + " case are folded.")
            .hint("one or more Azure subscription ids (GUIDs), comma-separated, from the Azure portal's Subscriptions"
                    + " page, e.g. 54505ff6-e254-4e01-a964-d0ce78bf87a9").build();
    static final ConfigKey<String> CLOUD = AzureCloud.configKey(AzureCloud.values(), "is not served",
            "The Azure cloud; sets the login authority and the Resource Manager endpoint together. custom takes"
                    + " authenticationUrl and resourceManagerUrl.");
    static final ConfigKey<String> AUTHENTICATION_URL = AzureCloud.authenticationUrlKey("The Microsoft Entra ID"
            + " authority; the cloud's login host when absent, required with cloud=custom.");
    static final ConfigKey<String> RESOURCE_MANAGER_URL = ConfigKey.url(MdcOptions.RESOURCE_MANAGER_URL)
            .label("Resource Manager URL").group(CommonConfigKeys.GROUP_AUTHENTICATION)
            .defaultText("the cloud's Resource Manager endpoint")
            .documentation("Only with cloud=custom: the HTTPS Azure Resource Manager endpoint.")
            .validator(ConfigValidator.httpsUrl("an HTTPS Azure Resource Manager endpoint", true)).build();
    static final ConfigKey<String> RESOURCE_MANAGER_SCOPE = ConfigKey.string(MdcOptions.RESOURCE_MANAGER_SCOPE)
            .alias(MdcOptions.TOKEN_SCOPE_ALIAS).label("Resource Manager scope")
            .group(CommonConfigKeys.GROUP_AUTHENTICATION).defaultText(AzureCloud.AZURE_PUBLIC.resourceManagerScope())
            .documentation("Only with cloud=custom: the OAuth scope of Resource Manager tokens, ending in /.default.")
            .validator(ConfigValidator.endsWith("/.default", AzureCloud.AZURE_PUBLIC.resourceManagerScope())).build();
    static final ConfigKey<String> FINDINGS = ConfigKey.choice(MdcOptions.FINDINGS, MdcOptions.FINDINGS_VALUES)
            .label("Findings").defaultValue(MdcOptions.FINDINGS_MISCONFIGURATIONS)
            .documentation("Which findings to read: misconfigurations (security assessments), vulnerabilities"
                    + " (vulnerability assessment sub-assessments: CVEs per machine and software), or both;"
                    + " vulnerability records use " + MdcConnectorProvider.ID + "/vulnerability-transform-map.json.")
            .build();

    /** Every option of {@code mdc-vm}, in form order. */
    static final ConfigDefinition DEFINITION = ConfigDefinition.builder(MdcConnectorProvider.ID)
            .add(CommonConfigKeys.NAME).add(CommonConfigKeys.DESCRIPTION).add(SUBSCRIPTIONS)
            .add(CommonConfigKeys.TENANT_ID).add(CommonConfigKeys.CLIENT_ID).add(CommonConfigKeys.CLIENT_SECRET)
            .add(CLOUD).add(AUTHENTICATION_URL).add(RESOURCE_MANAGER_URL).add(RESOURCE_MANAGER_SCOPE).add(FINDINGS)
            .build();

    @Override
    public String toString() {
        return "MdcSettings{" + name + ", tenant=" + tenantId + ", client=" + clientId + ", subscriptions="
                + subscriptions.size() + ", cloud=" + cloud.name() + ", findings=" + findings + "}";
    }

    static MdcSettings parse(ConnectionConfig config, boolean credentialLent) {
        List<ConfigError> errors = new ArrayList<>();
        MdcSettings settings = resolve(config, credentialLent, errors);
        if (settings == null) {
            throw new ConfigurationException(errors);
        }
        return settings;
    }

    static List<ConfigError> validate(ConnectionConfig config, boolean credentialLent) {
        List<ConfigError> errors = new ArrayList<>();
        resolve(config, credentialLent, errors);
        return List.copyOf(errors);
    }

    private static @Nullable MdcSettings resolve(ConnectionConfig config, boolean credentialLent,
                                                 List<ConfigError> errors) {
        ConfigValues v = DEFINITION.parse(config, credentialLent ? Set.of("clientSecret") : Set.of());
        errors.addAll(v.errors());
        MdcCloud cloud = v.find(CLOUD).map(AzureCloud::of).map(c -> cloud(c, v, credentialLent, errors)).orElse(null);
        if (!errors.isEmpty() || cloud == null) {
            return null;
        }
        return new MdcSettings(v.get(CommonConfigKeys.NAME), v.get(CommonConfigKeys.TENANT_ID),
                v.get(CommonConfigKeys.CLIENT_ID), v.find(CommonConfigKeys.CLIENT_SECRET).orElse(null),
                v.get(SUBSCRIPTIONS), cloud,
                Findings.valueOf(v.get(FINDINGS).toUpperCase(Locale.ROOT)));
    }

    private static @Nullable MdcCloud cloud(AzureCloud cloud, ConfigValues v, boolean credentialLent,
                                            List<ConfigError> errors) {
        Optional<String> auth = v.find(AUTHENTICATION_URL);
        auth.flatMap(a -> AzureCloud.checkPlainHttpAuthority(a, credentialLent))
                .ifPresent(m -> errors.add(ConfigError.of(AUTHENTICATION_URL.name(), m)));
        if (cloud.isCustom()) {
            if (!v.isGiven(AUTHENTICATION_URL)) {
                errors.add(ConfigError.of(AUTHENTICATION_URL.name(), "is required with cloud=custom: give the HTTPS"
                        + " Microsoft Entra ID authority, e.g. https://login.microsoftonline.com/"));
            }
            if (!v.isGiven(RESOURCE_MANAGER_URL)) {
                errors.add(ConfigError.of(RESOURCE_MANAGER_URL.name(), "is required with cloud=custom: give the"
                        + " HTTPS Azure Resource Manager endpoint, e.g. https://management.azure.com/"));
            }
            Optional<String> arm = v.find(RESOURCE_MANAGER_URL);
            if (auth.isEmpty() || arm.isEmpty()) {
                return null;
            }
            return MdcCloud.custom(auth.get(), arm.get(), v.find(RESOURCE_MANAGER_SCOPE)
                    .orElse(AzureCloud.AZURE_PUBLIC.resourceManagerScope()));
        }
        auth.flatMap(cloud::checkAuthority).ifPresent(m -> errors.add(ConfigError.of(AUTHENTICATION_URL.name(), m)));
        for (ConfigKey<?> customOnly : List.of(RESOURCE_MANAGER_URL, RESOURCE_MANAGER_SCOPE)) {
            if (v.isGiven(customOnly) && !v.hasError(customOnly.name())) {
                errors.add(ConfigError.of(customOnly.name(), "applies only to cloud=custom; remove it or set"
                        + " cloud=custom"));
            }
        }
        return MdcCloud.of(cloud);
    }
}
