package dev.exposure.connector.mde;

import dev.exposure.connector.ConfigError;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A validated, resolved configuration: the cloud's hosts and scope, and the tuning options. Built
 * only through {@link #resolve}, which reports every problem at once.
 */
final class MdeSettings {
    static final int DEFAULT_FILE_EXPORT_THRESHOLD = 100_000;
    static final int MAX_MACHINE_PAGE = 10_000;
    static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(120);
    static final int DEFAULT_MAX_RETRIES = 4;
    static final int DEFAULT_SAS_VALID_HOURS = 2;

    enum FindingsSource { AUTO, JSON, FILES }

    final MdeCloud cloud;
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

    private MdeSettings(MdeCloud cloud, String authorityHost, String tenantId, String clientId,
                        Optional<Secret> clientSecret, URI apiBase, String scope, FindingsSource findingsSource,
                        int fileExportThreshold, Duration stallTimeout, int maxRetries, int machinePageSize,
                        int sasValidHours) {
        this.cloud = cloud;
        this.authorityHost = authorityHost;
        this.tenantId = tenantId;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.apiBase = apiBase;
        this.scope = scope;
        this.findingsSource = findingsSource;
        this.fileExportThreshold = fileExportThreshold;
        this.stallTimeout = stallTimeout;
        this.maxRetries = maxRetries;
        this.machinePageSize = machinePageSize;
        this.sasValidHours = sasValidHours;
    }

    /** @return the API host, lower-case */
    String apiHost() {
        return apiBase.getHost().toLowerCase(Locale.ROOT);
    }

    /** @return the API port, 443 when the URL names none */
    int apiPort() {
        return port(apiBase);
    }

    /** @return the API base URL without a trailing slash, e.g. {@code https://api.security.microsoft.com} */
    String apiBaseUrl() {
        String s = apiBase.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    URI authorityUri() {
        return URI.create(authorityHost);
    }

    static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
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
        int before = errors.size();
        errors.addAll(config.validate(secretRequired));

        String cloudText = config.cloud().or(() -> config.option(MdeConfig.CLOUD)).orElse("commercial");
        MdeCloud cloud = MdeCloud.byId(cloudText).orElse(null);
        if (cloud == null) {
            errors.add(ConfigError.of(MdeConfig.CLOUD, "'" + cloudText + "' is not a known cloud; use one of "
                    + String.join(", ", MdeCloud.ids())));
            cloud = MdeCloud.COMMERCIAL;
        }

        String authority = config.effectiveAuthenticationUrl();
        URI authorityUri = safeUri(authority);
        String loginHost = authorityUri == null || authorityUri.getHost() == null ? ""
                : authorityUri.getHost().toLowerCase(Locale.ROOT);
        if (cloud != MdeCloud.CUSTOM && authorityUri != null && !loginHost.isEmpty()
                && !loginHost.equals(cloud.loginHost())) {
            errors.add(ConfigError.of("authenticationUrl", "host '" + loginHost + "' does not belong to the "
                    + cloud.id() + " cloud, whose login host is " + cloud.loginHost() + "; use https://"
                    + cloud.loginHost() + "/ or choose the matching cloud (gcc-high and dod sign in at"
                    + " login.microsoftonline.us, commercial and gcc at login.microsoftonline.com)"));
        }

        // API base URL
        Optional<String> apiText = config.option(MdeConfig.API_BASE_URL);
        URI apiBase = null;
        if (cloud == MdeCloud.CUSTOM && apiText.isEmpty()) {
            errors.add(ConfigError.of(MdeConfig.API_BASE_URL, "is required with cloud=custom: give the MDE API base"
                    + " URL, e.g. https://api.security.microsoft.com"));
        } else {
            String text = apiText.orElse(cloud.defaultApiBaseUrl());
            Optional<String> problem = checkApiUrl(text);
            if (problem.isPresent()) {
                errors.add(ConfigError.of(MdeConfig.API_BASE_URL, problem.get()));
            } else {
                apiBase = URI.create(text);
                String host = apiBase.getHost().toLowerCase(Locale.ROOT);
                if (cloud != MdeCloud.CUSTOM && !cloud.apiHosts().contains(host)) {
                    Optional<MdeCloud> owner = MdeCloud.owningApiHost(host);
                    errors.add(ConfigError.of(MdeConfig.API_BASE_URL, "host '" + host + "' is not an MDE API host of"
                            + " the " + cloud.id() + " cloud" + owner.map(o -> " (it belongs to " + o.id()
                                    + "; set cloud=" + o.id() + " and its login host)").orElse("")
                            + "; use one of " + String.join(", ", cloud.apiHosts())
                            + ", or cloud=custom for any other host"));
                }
            }
        }

        Optional<String> scopeOption = config.option(MdeConfig.TOKEN_SCOPE)
                .or(() -> config.option(MdeConfig.TOKEN_SCOPE_ALIAS));
        String scope = scopeOption.orElse(cloud.defaultScope());
        if (scopeOption.isPresent()) {
            if (cloud != MdeCloud.CUSTOM && !cloud.allowedScopes().contains(scope)) {
                errors.add(ConfigError.of(MdeConfig.TOKEN_SCOPE, "'" + scope + "' is not a token scope of the "
                        + cloud.id() + " cloud; use one of " + String.join(", ", cloud.allowedScopes())
                        + " or leave it empty"));
            } else if (!scope.startsWith("https://") || !scope.endsWith("/.default")) {
                errors.add(ConfigError.of(MdeConfig.TOKEN_SCOPE, "'" + scope + "' must be an https resource"
                        + " followed by /.default, e.g. https://api.securitycenter.microsoft.com/.default"));
            }
        }

        FindingsSource source = FindingsSource.AUTO;
        Optional<String> sourceText = config.option(MdeConfig.FINDINGS_SOURCE);
        if (sourceText.isPresent()) {
            try {
                source = FindingsSource.valueOf(sourceText.get().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(ConfigError.of(MdeConfig.FINDINGS_SOURCE, "'" + sourceText.get()
                        + "' is not a findings source; use auto, json or files"));
            }
        }
        int threshold = intOption(config, MdeConfig.FILE_EXPORT_THRESHOLD, DEFAULT_FILE_EXPORT_THRESHOLD, 1,
                10_000_000, errors);
        int stall = intOption(config, MdeConfig.STALL_TIMEOUT_SECONDS, (int) DEFAULT_STALL_TIMEOUT.toSeconds(), 1,
                3600, errors);
        int retries = intOption(config, MdeConfig.MAX_RETRIES, DEFAULT_MAX_RETRIES, 0, 10, errors);
        int machinePage = intOption(config, MdeConfig.MACHINE_PAGE_SIZE, MAX_MACHINE_PAGE, 1, MAX_MACHINE_PAGE,
                errors);
        int sasHours = intOption(config, MdeConfig.SAS_VALID_HOURS, DEFAULT_SAS_VALID_HOURS, 1, 6, errors);

        for (String key : config.options().keySet()) {
            if (!MdeConfig.OPTIONS.contains(key) && !key.equals(MdeConfig.TOKEN_SCOPE_ALIAS)) {
                errors.add(ConfigError.of(key, "is not an option of mde-v2; known options: "
                        + String.join(", ", MdeConfig.OPTIONS)));
            }
        }

        if (errors.size() > before || apiBase == null) {
            return Optional.empty();
        }
        return Optional.of(new MdeSettings(cloud, authority, config.tenantId().orElseThrow().trim(),
                config.clientId().orElseThrow().trim(), config.clientSecret(), apiBase, scope, source, threshold,
                Duration.ofSeconds(stall), retries, machinePage, sasHours));
    }

    /** As {@link #resolve} but throwing. */
    static MdeSettings require(ConnectionConfig config, boolean secretRequired) {
        List<ConfigError> errors = new ArrayList<>();
        return resolve(config, secretRequired, errors).orElseThrow(() -> new ConfigurationException(errors));
    }

    private static int intOption(ConnectionConfig config, String key, int dflt, int min, int max,
                                 List<ConfigError> errors) {
        Optional<String> v = config.option(key);
        if (v.isEmpty()) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v.get().replace("_", "").replace(",", ""));
            if (i < min || i > max) {
                errors.add(ConfigError.of(key, "is " + i + "; use a whole number from " + min + " to " + max));
                return dflt;
            }
            return i;
        } catch (NumberFormatException e) {
            errors.add(ConfigError.of(key, "'" + v.get() + "' is not a whole number; use " + min + " to " + max));
            return dflt;
        }
    }

    private static URI safeUri(String s) {
        try {
            return new URI(s);
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * An API base URL must be https, or http only on a loopback address (local test servers).
     */
    static Optional<String> checkApiUrl(String text) {
        URI uri = safeUri(text);
        String expected = "expected an https base URL such as https://api.security.microsoft.com";
        if (uri == null || uri.getScheme() == null) {
            return Optional.of("'" + text + "' is not an absolute URL; " + expected);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("'" + text + "' has no host; " + expected);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            return Optional.of("'" + text + "' must not carry a query, fragment or user info; " + expected);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!path.isEmpty() && !path.equals("/")) {
            return Optional.of("'" + text + "' must not carry a path (the connector adds /api/...); " + expected);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http")) {
            if (!isLoopback(uri.getHost())) {
                return Optional.of("'" + text + "' uses plain http, which is refused because the bearer token"
                        + " would travel unencrypted (http is accepted only on loopback addresses, and even there"
                        + " azure-core refuses to attach a token to it); " + expected);
            }
        } else if (!scheme.equals("https")) {
            return Optional.of("'" + text + "' must use https; " + expected);
        }
        return Optional.empty();
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
