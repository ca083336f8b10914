package dev.exposure.connector.azure.diagnostics;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A vendor's words for {@link AzureFailures} and {@link ConnectionProbes}: how to name its API and
 * what to grant when it refuses access. Everything else (network, TLS, token and proxy advice,
 * naming the configured hosts and ports) is the shared layer's.
 */
public interface AzureGuidance {
    /** @return how messages name the API, e.g. {@code the MDE API} or {@code Azure Resource Manager} */
    String api();

    /**
     * @param missing the permissions or roles the application lacks, as {@link #missingPermission} named them
     * @return what to grant and where, e.g. which application permission or role assignment, with admin consent
     */
    String grant(List<String> missing);

    /**
     * @param error what the API's 403 said
     * @param fallback the permission the request needs
     * @return the permission or role the answer says is missing, else {@code fallback}
     */
    default String missingPermission(ApiError error, String fallback) {
        return fallback;
    }

    /**
     * @param error what the API's 401 said
     * @return the vendor's own reading of a 401 (e.g. an unlicensed tenant), or null for the shared
     *     advice about the token's audience, tenant and scope
     */
    default @Nullable String unauthorized(ApiError error) {
        return null;
    }

    /** @return the config field of the API URL, named when azure-core refuses plain http */
    default String apiUrlField() {
        return "apiBaseUrl";
    }
}
