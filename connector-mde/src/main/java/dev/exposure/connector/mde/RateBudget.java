package dev.exposure.connector.mde;

import dev.exposure.connector.azure.http.SlidingWindowBudget;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * MDE's endpoint families and their documented request limits, paced by connector-azure's
 * {@link SlidingWindowBudget} (one per application, tenant and API host in the JVM; a host's lent
 * {@code SharedRateBudget} instead when it lends one).
 */
final class RateBudget {
    private RateBudget() { }

    /** Endpoint families and their documented limits. */
    enum Family {
        MACHINES("machines", 100, 1_500, "Machine.Read.All"),
        VULNERABILITY_EXPORT("vulnerability export", 30, 1_000, "Vulnerability.Read.All"),
        FILE_EXPORT("file export", 5, 20, "Vulnerability.Read.All"),
        /** Download links of the file export: Azure Storage, not the MDE API; no budget, no token. */
        DOWNLOAD("export file download", Integer.MAX_VALUE, Integer.MAX_VALUE, "Vulnerability.Read.All");

        final String label;
        final int perMinute;
        final int perHour;
        final String permission;

        Family(String label, int perMinute, int perHour, String permission) {
            this.label = label;
            this.perMinute = perMinute;
            this.perHour = perHour;
            this.permission = permission;
        }

        /** @return the pacing bucket, e.g. {@code vulnerability-export} */
        String bucket() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The limit per bucket; the download family has none. */
    static final Map<String, SlidingWindowBudget.Limit> LIMITS = Arrays.stream(Family.values())
            .filter(f -> f.perMinute != Integer.MAX_VALUE)
            .collect(Collectors.toUnmodifiableMap(Family::bucket, f -> new SlidingWindowBudget.Limit(f.perMinute,
                    f.perHour)));
}
