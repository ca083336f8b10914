package dev.exposure.connector.mdc;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/** An Azure cloud as the connector uses it: login authority, ARM endpoint and token scope, always together. */
record MdcCloud(String name, String authorityHost, String resourceManagerUrl, String tokenScope,
                boolean microsoftAuthority) {

    static final MdcCloud AZURE_PUBLIC = new MdcCloud(MdcOptions.CLOUD_AZURE_PUBLIC,
            "https://login.microsoftonline.com/", "https://management.azure.com/",
            "https://management.core.windows.net//.default", true);
    static final MdcCloud AZURE_US_GOVERNMENT = new MdcCloud(MdcOptions.CLOUD_AZURE_US_GOVERNMENT,
            "https://login.microsoftonline.us/", "https://management.usgovcloudapi.net/",
            "https://management.core.usgovcloudapi.net//.default", true);
    static final MdcCloud AZURE_CHINA = new MdcCloud(MdcOptions.CLOUD_AZURE_CHINA,
            "https://login.chinacloudapi.cn/", "https://management.chinacloudapi.cn/",
            "https://management.core.chinacloudapi.cn//.default", true);

    static @Nullable MdcCloud named(String name) {
        return switch (name) {
            case MdcOptions.CLOUD_AZURE_PUBLIC -> AZURE_PUBLIC;
            case MdcOptions.CLOUD_AZURE_US_GOVERNMENT -> AZURE_US_GOVERNMENT;
            case MdcOptions.CLOUD_AZURE_CHINA -> AZURE_CHINA;
            default -> null;
        };
    }

    static MdcCloud custom(String authorityHost, String resourceManagerUrl, String tokenScope) {
        return new MdcCloud(MdcOptions.CLOUD_CUSTOM, slash(authorityHost), slash(resourceManagerUrl), tokenScope, false);
    }

    /** @return the ARM endpoint without its trailing slash, for building request URLs */
    String armBase() {
        return resourceManagerUrl.substring(0, resourceManagerUrl.length() - 1);
    }

    URI loginUri() {
        return URI.create(authorityHost);
    }

    URI armUri() {
        return URI.create(resourceManagerUrl);
    }

    static String slash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }
}
