package dev.exposure.connector.mdc;

import dev.exposure.connector.azure.AzureCloud;
import java.net.URI;

/**
 * The endpoints the connector uses, always together: login authority, ARM endpoint and token scope,
 * from the {@link AzureCloud} table or, for {@code custom}, from the connection's options.
 */
record MdcCloud(String name, String authorityHost, String resourceManagerUrl, String tokenScope,
                boolean microsoftAuthority) {

    /**
     * @param cloud a profile of the one cloud table, not {@link AzureCloud#CUSTOM}
     * @return its endpoints
     */
    static MdcCloud of(AzureCloud cloud) {
        return new MdcCloud(cloud.id(), cloud.authorityUrl(), cloud.resourceManagerUrl(), cloud.resourceManagerScope(),
                true);
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
