package dev.exposure.connector.mde;

import dev.exposure.connector.SourceRecord;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Turns vulnerability rows (JSON API, delta or file export; keys already camelCase) into finding
 * records, and counts what it skipped.
 *
 * <p>Record type {@code softwareVulnerability} for full rows, {@code softwareVulnerabilityChange}
 * for delta rows (they carry {@code status} New/Updated/Fixed and {@code eventTimestamp} for the
 * transform). The source id is always {@code deviceId_softwareVendor_softwareName_softwareVersion_cveId}:
 * Microsoft's documented row key, identical for JSON, delta and file-export rows, whereas the
 * row's own {@code id} drifts in format and is missing from some exports. Rows without a
 * {@code cveId} are software-inventory rows, not findings: they are skipped and counted.
 */
final class FindingRows {
    private final String type;
    private final Predicate<String> devices;
    long withoutCve;

    FindingRows(boolean delta, Predicate<String> devices) {
        this.type = delta ? "softwareVulnerabilityChange" : "softwareVulnerability";
        this.devices = devices;
    }

    @Nullable SourceRecord map(Map<String, Object> row) {
        Object cve = row.get("cveId");
        if (!(cve instanceof String c) || c.isBlank()) {
            withoutCve++;
            return null;
        }
        Object device = row.get("deviceId");
        String deviceId = device == null ? "" : device.toString();
        if (!devices.test(deviceId)) {
            return null;
        }
        return SourceRecord.of(SourceRecord.Kind.FINDING, type, sourceId(row, deviceId, c), row);
    }

    static String sourceId(Map<String, Object> row, String deviceId, String cve) {
        return deviceId + "_" + text(row.get("softwareVendor")) + "_" + text(row.get("softwareName")) + "_"
                + text(row.get("softwareVersion")) + "_" + cve;
    }

    private static String text(@Nullable Object o) {
        return o == null ? "" : o.toString();
    }

    /** @return a notice about skipped rows, or null */
    @Nullable String notice() {
        if (withoutCve == 0) {
            return null;
        }
        return withoutCve + " software rows without a CVE id were skipped (inventory rows, not findings)";
    }
}
