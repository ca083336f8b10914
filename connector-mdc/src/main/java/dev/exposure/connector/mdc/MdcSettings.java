package dev.exposure.connector.mdc;

import dev.exposure.connector.ConfigError;
import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.Secret;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A validated {@code mdc-vm} configuration: every field parsed once, every problem reported at once. */
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

    @Override
    public String toString() {
        return "MdcSettings{" + name + ", tenant=" + tenantId + ", client=" + clientId + ", subscriptions="
                + subscriptions.size() + ", cloud=" + cloud.name() + ", findings=" + findings + "}";
    }

    static MdcSettings parse(ConnectionConfig config, boolean credentialLent) {
        List<ConfigError> errors = validate(config, credentialLent);
        if (!errors.isEmpty()) {
            throw new ConfigurationException(errors);
        }
        return build(config);
    }

    static List<ConfigError> validate(ConnectionConfig config, boolean credentialLent) {
        List<ConfigError> errors = new ArrayList<>(config.validate(!credentialLent));
        Optional<String> auth = config.authenticationUrl().map(String::trim).filter(s -> !s.isEmpty());
        if (auth.isPresent() && isPlainHttp(auth.get())) {
            errors.removeIf(e -> e.field().equals("authenticationUrl"));
            if (!isLoopbackUrl(auth.get())) {
                errors.add(ConfigError.of("authenticationUrl", "'" + auth.get() + "' uses plain http; tokens would"
                        + " travel in clear text, so only https is accepted (plain http only on loopback addresses,"
                        + " for tests)"));
            } else if (!credentialLent) {
                errors.add(ConfigError.of("authenticationUrl", "'" + auth.get() + "' is plain http on a loopback"
                        + " address: accepted only with a TokenCredential lent through the ConnectorContext, because"
                        + " azure-identity's client-secret credential requires an https authority; serve the token"
                        + " endpoint over https (the testkit has a localhost certificate) or lend a credential"));
            }
        }
        subscriptions(config, errors);
        cloud(config, errors);
        findings(config, errors);
        return errors;
    }

    private static MdcSettings build(ConnectionConfig config) {
        List<ConfigError> ignored = new ArrayList<>();
        return new MdcSettings(config.name().orElse("").trim(), config.tenantId().orElse("").trim(),
                config.clientId().orElse("").trim(), config.clientSecret().filter(s -> !s.isBlank()).orElse(null),
                subscriptions(config, ignored), java.util.Objects.requireNonNull(cloud(config, ignored)),
                java.util.Objects.requireNonNull(findings(config, ignored)));
    }

    private static @Nullable Findings findings(ConnectionConfig config, List<ConfigError> errors) {
        String value = config.option(MdcOptions.FINDINGS).map(String::trim).filter(s -> !s.isEmpty())
                .orElse(MdcOptions.FINDINGS_MISCONFIGURATIONS).toLowerCase(Locale.ROOT);
        return switch (value) {
            case MdcOptions.FINDINGS_MISCONFIGURATIONS -> Findings.MISCONFIGURATIONS;
            case MdcOptions.FINDINGS_VULNERABILITIES -> Findings.VULNERABILITIES;
            case MdcOptions.FINDINGS_BOTH -> Findings.BOTH;
            default -> {
                errors.add(ConfigError.of(MdcOptions.FINDINGS, "'" + value + "' is not known; use one of "
                        + MdcOptions.FINDINGS_VALUES));
                yield null;
            }
        };
    }

    private static List<String> subscriptions(ConnectionConfig config, List<ConfigError> errors) {
        Optional<String> raw = config.option(MdcOptions.SUBSCRIPTIONS).or(() -> config.option("subscription"));
        if (raw.isEmpty()) {
            errors.add(ConfigError.of(MdcOptions.SUBSCRIPTIONS, "is required: give one or more Azure subscription"
                    + " ids (GUIDs), comma-separated, e.g. 54505ff6-e254-4e01-a964-d0ce78bf87a9"));
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        List<String> bad = new ArrayList<>();
        for (String part : raw.get().split(",")) {
            String id = part.trim();
            if (id.isEmpty()) {
                continue;
            }
            if (ConnectionConfig.isGuid(id)) {
                ids.add(id.toLowerCase(Locale.ROOT));
            } else {
                bad.add(id);
            }
        }
        if (!bad.isEmpty()) {
            errors.add(ConfigError.of(MdcOptions.SUBSCRIPTIONS, "has entries that are not GUIDs: " + bad
                    + "; use the Subscription ID from the Azure portal's Subscriptions page"));
        } else if (ids.isEmpty()) {
            errors.add(ConfigError.of(MdcOptions.SUBSCRIPTIONS, "lists no subscription; give at least one id"));
        } else if (ids.size() > MAX_SUBSCRIPTIONS) {
            errors.add(ConfigError.of(MdcOptions.SUBSCRIPTIONS, "lists " + ids.size()
                    + " subscriptions; split them over connections of at most " + MAX_SUBSCRIPTIONS));
        }
        return List.copyOf(ids);
    }

    private static @Nullable MdcCloud cloud(ConnectionConfig config, List<ConfigError> errors) {
        Optional<String> top = config.cloud().map(String::trim).filter(s -> !s.isEmpty());
        Optional<String> opt = config.option(MdcOptions.CLOUD);
        if (top.isPresent() && opt.isPresent() && !top.get().equalsIgnoreCase(opt.get())) {
            errors.add(ConfigError.of(MdcOptions.CLOUD, "is '" + top.get() + "' in the cloud field but '" + opt.get()
                    + "' in the options; set it once"));
            return null;
        }
        String name = top.or(() -> opt).orElse(MdcOptions.CLOUD_AZURE_PUBLIC).toLowerCase(Locale.ROOT);
        Optional<String> auth = config.authenticationUrl().map(String::trim).filter(s -> !s.isEmpty());
        if (MdcOptions.CLOUD_CUSTOM.equals(name)) {
            int before = errors.size();
            if (auth.isEmpty()) {
                errors.add(ConfigError.of("authenticationUrl", "is required with cloud=custom: give the HTTPS"
                        + " Microsoft Entra ID authority, e.g. https://login.microsoftonline.com/"));
            }
            Optional<String> arm = config.option(MdcOptions.RESOURCE_MANAGER_URL);
            if (arm.isEmpty()) {
                errors.add(ConfigError.of(MdcOptions.RESOURCE_MANAGER_URL, "is required with cloud=custom: give the"
                        + " HTTPS Azure Resource Manager endpoint, e.g. https://management.azure.com/"));
            } else {
                checkHttps(arm.get(), MdcOptions.RESOURCE_MANAGER_URL, errors);
            }
            String scope = config.option(MdcOptions.RESOURCE_MANAGER_SCOPE)
                    .or(() -> config.option(MdcOptions.TOKEN_SCOPE_ALIAS)).orElse("");
            if (!scope.isEmpty() && !scope.endsWith("/.default")) {
                errors.add(ConfigError.of(MdcOptions.RESOURCE_MANAGER_SCOPE, "'" + scope + "' must end in /.default, e.g."
                        + " https://management.core.windows.net//.default"));
            }
            if (errors.size() > before || auth.isEmpty() || arm.isEmpty()) {
                return null;
            }
            if (scope.isEmpty()) {
                scope = MdcCloud.AZURE_PUBLIC.tokenScope();
            }
            return MdcCloud.custom(auth.get(), arm.get(), scope);
        }
        MdcCloud cloud = MdcCloud.named(name);
        if (cloud == null) {
            errors.add(ConfigError.of(MdcOptions.CLOUD, "'" + name + "' is not a known cloud; use one of "
                    + MdcOptions.CLOUDS));
            return null;
        }
        if (auth.isPresent() && !MdcCloud.slash(auth.get()).equalsIgnoreCase(cloud.authorityHost())) {
            errors.add(ConfigError.of("authenticationUrl", "'" + auth.get() + "' does not belong to cloud '" + name
                    + "' (whose authority is " + cloud.authorityHost() + "); remove authenticationUrl, pick the"
                    + " matching cloud, or use cloud=custom with resourceManagerUrl"));
        }
        for (String o : List.of(MdcOptions.RESOURCE_MANAGER_URL, MdcOptions.RESOURCE_MANAGER_SCOPE,
                MdcOptions.TOKEN_SCOPE_ALIAS)) {
            if (config.option(o).isPresent()) {
                errors.add(ConfigError.of(o, "applies only to cloud=custom; remove it or set cloud=custom"));
            }
        }
        return cloud;
    }

    private static void checkHttps(String url, String field, List<ConfigError> errors) {
        if (isPlainHttp(url)) {
            if (!isLoopbackUrl(url)) {
                errors.add(ConfigError.of(field, "'" + url + "' uses plain http; tokens would travel in clear text,"
                        + " so only https is accepted (plain http only on loopback addresses, for tests)"));
            }
            return;
        }
        ConnectionConfig.checkHttpsUrl(url, "an HTTPS Azure Resource Manager endpoint")
                .ifPresent(m -> errors.add(ConfigError.of(field, m)));
    }

    static boolean isPlainHttp(String url) {
        try {
            URI uri = new URI(url.trim());
            return "http".equalsIgnoreCase(uri.getScheme());
        } catch (Exception e) {
            return false;
        }
    }

    static boolean isLoopbackUrl(String url) {
        try {
            URI uri = new URI(url.trim());
            return uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null && isLoopback(uri.getHost());
        } catch (Exception e) {
            return false;
        }
    }

    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return (host.matches("[0-9.]+") || host.startsWith("[")) && InetAddress.getByName(host).isLoopbackAddress();
        } catch (Exception e) {
            return false;
        }
    }
}
