package dev.exposure.connector.mde;

import dev.exposure.connector.SourceRecord;
import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>With a {@link MachineIndex}: a row of a machine Defender merged into another is re-attributed
 * to that machine ({@code deviceId} rewritten, the original kept as {@code mergedFromDeviceId});
 * rows of devices that are not among the assets are counted (and still delivered when no filter
 * or sample selects the devices). Delta rows then pass a {@link DeltaWindow}, which holds back a
 * row that applied in delivered order would undo a row of the same finding that must win.
 */
final class FindingRows {
    /** The attribute that keeps a re-attributed row's original device id. */
    static final String MERGED_FROM = "mergedFromDeviceId";

    private final String type;
    private final Predicate<String> devices;
    private final MachineIndex index;
    private final boolean countForeign;
    private final @Nullable DeltaWindow window;
    private final KeyTable foreignDevices = new KeyTable();
    private final KeyTable mergedDevices = new KeyTable();
    private @Nullable String lastDevice;
    private @Nullable String lastTarget;
    long withoutCve;
    long reattributed;
    long foreign;
    long heldBack;

    /**
     * @param delta whether the rows are delta rows
     * @param devices which device ids (after re-attribution) to deliver
     * @param index the machines, for merges and the count of findings on unknown devices
     * @param countForeign whether rows of devices the index does not know are counted (false when
     *     {@code devices} already limits the rows to selected machines)
     */
    FindingRows(boolean delta, Predicate<String> devices, MachineIndex index, boolean countForeign) {
        this.type = delta ? "softwareVulnerabilityChange" : "softwareVulnerability";
        this.devices = devices;
        this.index = index;
        this.countForeign = countForeign && index.available();
        this.window = delta ? new DeltaWindow() : null;
    }

    /** @return full-export rows of the devices the predicate accepts, by their ids as sent (the sampling scan) */
    static FindingRows scan(Predicate<String> devices) {
        return new FindingRows(false, devices, MachineIndex.unavailable(), false);
    }

    @Nullable SourceRecord map(Map<String, Object> row) {
        Object cve = row.get("cveId");
        if (!(cve instanceof String c) || c.isBlank()) {
            withoutCve++;
            return null;
        }
        Object device = row.get("deviceId");
        String deviceId = device == null ? "" : device.toString();
        String target = target(deviceId);
        if (target != null) {
            row.put("deviceId", target);
            row.put(MERGED_FROM, deviceId);
        }
        String assetId = target == null ? deviceId : target;
        if (!devices.test(assetId)) {
            return null;
        }
        String sourceId = sourceId(row, assetId, c);
        if (window != null && !window.admit(sourceId, row.get("status"), row.get("eventTimestamp"))) {
            heldBack++;
            return null;
        }
        if (target != null) {
            reattributed++;
            mergedDevices.put(KeyTable.key(deviceId), 1);
        }
        if (countForeign && !index.isAsset(assetId)) {
            foreign++;
            foreignDevices.put(KeyTable.key(assetId), 1);
        }
        return SourceRecord.of(SourceRecord.Kind.FINDING, type, sourceId, row);
    }

    /** Rows come grouped by device: the last answer is reused. */
    private @Nullable String target(String deviceId) {
        if (!deviceId.equals(lastDevice)) {
            lastDevice = deviceId;
            lastTarget = index.mergedInto(deviceId);
        }
        return lastTarget;
    }

    static String sourceId(Map<String, Object> row, String deviceId, String cve) {
        return deviceId + "_" + text(row.get("softwareVendor")) + "_" + text(row.get("softwareName")) + "_"
                + text(row.get("softwareVersion")) + "_" + cve;
    }

    private static String text(@Nullable Object o) {
        return o == null ? "" : o.toString();
    }

    /** @return notices about skipped, re-attributed, held-back rows and rows of unknown devices */
    List<String> notices() {
        List<String> out = new ArrayList<>();
        if (withoutCve > 0) {
            out.add(withoutCve + " software rows without a CVE id were skipped (inventory rows, not findings)");
        }
        if (reattributed > 0) {
            out.add(reattributed + " findings of " + mergedDevices.size() + " machines Defender merged into other"
                    + " machines were attributed to the machine they were merged into (original device id in '"
                    + MERGED_FROM + "')");
        }
        if (foreign > 0) {
            out.add(foreign + " findings are on " + foreignDevices.size() + " devices that are not among the assets"
                    + " (aged out of the machine list or outside the application's scope); they were delivered");
        }
        if (heldBack > 0) {
            out.add(heldBack + " delta rows were held back because a later change of the same finding (or, at the"
                    + " same event time, a New or Updated over a Fixed) was delivered already");
        }
        return out;
    }
}
