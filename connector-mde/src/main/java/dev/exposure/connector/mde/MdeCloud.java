package dev.exposure.connector.mde;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The clouds an MDE tenant can live in: each fixes the Entra ID login host, the API hosts the
 * connector may call (and send its token to) and the token scope. Values from Microsoft's
 * "Microsoft Defender for Endpoint for US Government customers" page and the regional-host list.
 */
enum MdeCloud {
    COMMERCIAL("commercial", "login.microsoftonline.com", "https://api.security.microsoft.com",
            "https://api.securitycenter.microsoft.com/.default",
            List.of("https://api.securitycenter.microsoft.com/.default", "https://api.security.microsoft.com/.default",
                    "https://securitycenter.onmicrosoft.com/windowsatpservice/.default"),
            List.of("api.security.microsoft.com", "api.securitycenter.microsoft.com",
                    "us.api.security.microsoft.com", "eu.api.security.microsoft.com", "uk.api.security.microsoft.com",
                    "au.api.security.microsoft.com", "swa.api.security.microsoft.com", "ina.api.security.microsoft.com",
                    "aea.api.security.microsoft.com",
                    "api-us.securitycenter.microsoft.com", "api-eu.securitycenter.microsoft.com",
                    "api-uk.securitycenter.microsoft.com", "api-au.securitycenter.microsoft.com",
                    "api-us.security.microsoft.com", "api-eu.security.microsoft.com", "api-uk.security.microsoft.com",
                    "api.securitycenter.windows.com")),
    GCC("gcc", "login.microsoftonline.com", "https://api-gcc.securitycenter.microsoft.us",
            "https://api-gcc.securitycenter.microsoft.us/.default",
            List.of("https://api-gcc.securitycenter.microsoft.us/.default"),
            List.of("api-gcc.securitycenter.microsoft.us")),
    GCC_HIGH("gcc-high", "login.microsoftonline.us", "https://api-gov.securitycenter.microsoft.us",
            "https://api-gov.securitycenter.microsoft.us/.default",
            List.of("https://api-gov.securitycenter.microsoft.us/.default",
                    "https://api.securitycenter.microsoft.us/.default"),
            List.of("api-gov.securitycenter.microsoft.us", "api.securitycenter.microsoft.us")),
    DOD("dod", "login.microsoftonline.us", "https://api-gov.securitycenter.microsoft.us",
            "https://api-gov.securitycenter.microsoft.us/.default",
            List.of("https://api-gov.securitycenter.microsoft.us/.default",
                    "https://api.securitycenter.microsoft.us/.default"),
            List.of("api-gov.securitycenter.microsoft.us", "api.securitycenter.microsoft.us")),
    CUSTOM("custom", "", "", "https://api.securitycenter.microsoft.com/.default", List.of(), List.of());

    private final String id;
    private final String loginHost;
    private final String defaultApiBaseUrl;
    private final String defaultScope;
    private final List<String> allowedScopes;
    private final List<String> apiHosts;

    MdeCloud(String id, String loginHost, String defaultApiBaseUrl, String defaultScope, List<String> allowedScopes,
             List<String> apiHosts) {
        this.id = id;
        this.loginHost = loginHost;
        this.defaultApiBaseUrl = defaultApiBaseUrl;
        this.defaultScope = defaultScope;
        this.allowedScopes = allowedScopes;
        this.apiHosts = apiHosts;
    }

    String id() {
        return id;
    }

    /** @return the Entra ID login host, empty for {@link #CUSTOM} */
    String loginHost() {
        return loginHost;
    }

    String defaultApiBaseUrl() {
        return defaultApiBaseUrl;
    }

    String defaultScope() {
        return defaultScope;
    }

    List<String> allowedScopes() {
        return allowedScopes;
    }

    /** @return the API hosts of this cloud, the default first; empty for {@link #CUSTOM} */
    List<String> apiHosts() {
        return apiHosts;
    }

    /** @return the ids of every cloud, for messages and the descriptor */
    static List<String> ids() {
        return java.util.Arrays.stream(values()).map(MdeCloud::id).toList();
    }

    static Optional<MdeCloud> byId(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (MdeCloud c : values()) {
            if (c.id.equals(t)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** @return the non-custom cloud whose API hosts include this host, if any */
    static Optional<MdeCloud> owningApiHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        for (MdeCloud c : values()) {
            if (c.apiHosts.contains(h)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
